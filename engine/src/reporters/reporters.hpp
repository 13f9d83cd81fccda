#pragma once
// Constructors of the individual reporters; make_reporter picks one by name.
#include <memory>
#include <ostream>

#include "policycheck/report.hpp"

namespace policycheck {

std::unique_ptr<Reporter> make_text_reporter(std::ostream& out, const ReportOptions& options);
// lines = true: JSON Lines, one finding per line, flushed as they come
// (for pipelines); false: one JSON document with findings and summary.
std::unique_ptr<Reporter> make_json_reporter(std::ostream& out, const ReportOptions& options, bool lines);

// CI formats (see each file's header comment).
std::unique_ptr<Reporter> make_sarif_reporter(std::ostream& out, const ReportOptions& options, const Policy& policy);
std::unique_ptr<Reporter> make_github_reporter(std::ostream& out, const ReportOptions& options);
std::unique_ptr<Reporter> make_junit_reporter(std::ostream& out, const ReportOptions& options);
std::unique_ptr<Reporter> make_gitlab_reporter(std::ostream& out, const ReportOptions& options);
std::unique_ptr<Reporter> make_checkstyle_reporter(std::ostream& out, const ReportOptions& options);
// A self-contained HTML report with charts (archive scans).
std::unique_ptr<Reporter> make_html_reporter(std::ostream& out, const ReportOptions& options);
// The run's fingerprints as a baseline file (policycheck baseline create).
std::unique_ptr<Reporter> make_baseline_reporter(std::ostream& out);

// The finding as a JSON object (the DESIGN.md finding contract).
std::string finding_json(const Finding& finding, const ReportOptions& options);

}  // namespace policycheck
