#pragma once
// Reporters turn findings into an output format. Each is a pure function of
// the findings it is given (plus the rule metadata for formats that list
// rules); streaming formats write as findings arrive, the others at finish().
#include <cstddef>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "policycheck/finding.hpp"
#include "policycheck/policy.hpp"

namespace policycheck {

// A problem with an input (unreadable, not the format it claims, binary):
// reported on stderr and counted, never silently dropped.
struct InputDiagnostic {
  enum class Level { notice, error } level = Level::error;
  std::string path;
  uint32_t line = 0;  // 0 when not about a line
  std::string message;
  std::string to_string() const;
};

struct ScanSummary {
  size_t files_scanned = 0;
  size_t files_skipped = 0;
  size_t records = 0;
  size_t bytes = 0;
  size_t input_errors = 0;
  size_t findings = 0;
  std::map<Severity, size_t> by_severity;
  std::map<std::string, size_t> by_rule;
  std::map<std::string, size_t> by_category;
  std::map<std::string, size_t> by_file;
  double seconds = 0;
  void count(const Finding& finding);
};

struct ReportOptions {
  bool show_matches = false;  // print matched text in machine formats
  bool color = false;         // ANSI colour (text format, terminals only)
  std::string tool_version;
  // Where relative finding paths start (SARIF invocations[0].workingDirectory
  // and the base for making absolute paths relative); empty: the current one.
  std::string working_directory;
  // github format: append a Markdown summary to this file ($GITHUB_STEP_SUMMARY).
  std::string step_summary_path;
  // sarif format: most results in one run; the rest are dropped, least
  // severe first, and counted in the run's properties.
  size_t max_sarif_results = 25000;
  // html format: the report's heading.
  std::string title = "policycheck report";
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void add(const Finding& finding) = 0;
  virtual void finish(const ScanSummary& summary) = 0;
};

// Formats: see reporter_formats(). Returns nullptr for an unknown format.
std::unique_ptr<Reporter> make_reporter(std::string_view format, std::ostream& out,
                                        const ReportOptions& options, const Policy& policy);
std::vector<std::string> reporter_formats();

// The matched text as machine formats show it without --show-matches: keeps
// the first letter of each word and the last three digits of a number.
std::string redact(std::string_view match);

}  // namespace policycheck
