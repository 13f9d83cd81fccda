// GitLab Code Quality: a JSON array of Code Climate issues, picked up from
// `artifacts: reports: codequality:`. Each issue needs a description, a
// check name, a stable unique fingerprint, a severity and a location with
// a repository-relative path.
#include <sstream>

#include "json_writer.hpp"
#include "policycheck/fingerprint.hpp"
#include "report_support.hpp"
#include "reporters.hpp"

namespace policycheck {
namespace {

// Personal data gets GitLab's "critical" so it sorts above other errors.
std::string_view gitlab_severity(const Finding& f) {
  switch (f.severity) {
    case Severity::error: return f.personal_data ? "critical" : "major";
    case Severity::warning: return "minor";
    case Severity::info: return "info";
  }
  return "minor";
}

class GitlabReporter final : public Reporter {
 public:
  GitlabReporter(std::ostream& out, const ReportOptions& options)
      : out_(out), options_(options), base_(effective_working_directory(options)) {}

  void add(const Finding& f) override {
    std::string description = without_raw_match(f.message, f, options_);
    if (!f.match.empty()) description += " [" + shown_match(f, options_) + "]";
    // Our fingerprints are keyed hashes already; without one (no key) fall
    // back to a hash of where the finding is, which is stable within a run.
    std::string fingerprint = f.fingerprint;
    if (fingerprint.rfind("v1:", 0) == 0) fingerprint.erase(0, 3);
    if (fingerprint.empty()) {
      fingerprint = sha256_hex(f.rule + '\0' + f.path + '\0' + std::to_string(f.byte_start)).substr(0, 32);
    }
    std::ostringstream o;
    o << "{\"description\":" << json_string(description) << ",\"check_name\":" << json_string(f.rule)
      << ",\"fingerprint\":" << json_string(fingerprint) << ",\"severity\":\"" << gitlab_severity(f)
      << "\",\"categories\":[\"" << (f.personal_data ? "Security" : "Style") << "\"]";  // Code Climate's fixed set
    if (!f.suggestion.empty()) {
      o << ",\"content\":{\"body\":" << json_string(without_raw_match(f.suggestion, f, options_)) << '}';
    }
    o << ",\"location\":{\"path\":" << json_string(repository_path(f.path, base_))
      << ",\"positions\":{\"begin\":{\"line\":" << std::max<uint32_t>(f.line, 1)
      << ",\"column\":" << std::max<uint32_t>(f.column, 1) << "},\"end\":{\"line\":"
      << std::max<uint32_t>(f.end_line ? f.end_line : f.line, 1) << ",\"column\":"
      << std::max<uint32_t>(f.end_column, 1) << "}}}}";
    issues_.push_back(o.str());
  }

  void finish(const ScanSummary&) override {
    out_ << '[';
    for (size_t i = 0; i < issues_.size(); ++i) out_ << (i ? ",\n  " : "\n  ") << issues_[i];
    out_ << (issues_.empty() ? "]\n" : "\n]\n");
    out_.flush();
  }

 private:
  std::ostream& out_;
  ReportOptions options_;
  std::string base_;
  std::vector<std::string> issues_;
};

}  // namespace

std::unique_ptr<Reporter> make_gitlab_reporter(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<GitlabReporter>(out, options);
}

}  // namespace policycheck
