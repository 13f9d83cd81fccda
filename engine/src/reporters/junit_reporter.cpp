// JUnit XML, which every CI system can display as test results: one
// testsuite per file with findings, one testcase per finding. Errors and
// warnings are failures; info findings pass with their text in system-out.
// GitLab long showed only the text inside <failure>, so that text carries
// "path:line:col message" on its own.
#include <sstream>

#include "report_support.hpp"
#include "reporters.hpp"

namespace policycheck {
namespace {

class JunitReporter final : public Reporter {
 public:
  JunitReporter(std::ostream& out, const ReportOptions& options)
      : out_(out), options_(options), base_(effective_working_directory(options)) {}

  void add(const Finding& f) override {
    const std::string path = repository_path(f.path, base_);
    auto it = index_.find(path);
    if (it == index_.end()) {
      it = index_.emplace(path, suites_.size()).first;
      suites_.push_back({path, {}, 0});
    }
    Suite& suite = suites_[it->second];
    const std::string location = path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
    std::string text = without_raw_match(f.message, f, options_);
    if (!f.match.empty()) text += " [" + shown_match(f, options_) + "]";
    std::string body = location + " " + text;
    if (!f.suggestion.empty()) body += "\nSuggestion: " + without_raw_match(f.suggestion, f, options_);
    if (!f.policy_ref.empty()) body += "\nPolicy: " + f.policy_ref;

    std::ostringstream o;
    o << "    <testcase classname=\"" << xml_escape(path) << "\" name=\"" << xml_escape(f.rule + " at " + location)
      << "\" file=\"" << xml_escape(path) << "\" line=\"" << f.line << "\" time=\"0\">\n";
    if (f.severity == Severity::info) {
      o << "      <system-out>" << xml_escape(body) << "</system-out>\n";
    } else {
      ++suite.failures;
      o << "      <failure message=\"" << xml_escape(text) << "\" type=\"" << xml_escape(f.rule) << "\">"
        << xml_escape(to_string(f.severity)) << ": " << xml_escape(body) << "</failure>\n";
    }
    o << "    </testcase>\n";
    suite.cases.push_back(o.str());
  }

  void finish(const ScanSummary& summary) override {
    size_t tests = 0, failures = 0;
    for (const Suite& s : suites_) {
      tests += s.cases.size();
      failures += s.failures;
    }
    // A clean run still reports one passing test, so CI shows the check ran.
    const bool clean = suites_.empty();
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"policycheck\" tests=\""
         << (clean ? 1 : tests) << "\" failures=\"" << failures << "\" errors=\"" << summary.input_errors
         << "\">\n";
    if (clean) {
      out_ << "  <testsuite name=\"policycheck\" tests=\"1\" failures=\"0\" errors=\"" << summary.input_errors
           << "\" skipped=\"0\">\n    <testcase classname=\"policycheck\" name=\"" << summary.files_scanned
           << " file" << (summary.files_scanned == 1 ? "" : "s") << " screened\" time=\"0\"/>\n  </testsuite>\n";
    }
    for (const Suite& s : suites_) {
      out_ << "  <testsuite name=\"" << xml_escape(s.name) << "\" tests=\"" << s.cases.size() << "\" failures=\""
           << s.failures << "\" errors=\"0\" skipped=\"0\">\n";
      for (const std::string& c : s.cases) out_ << c;
      out_ << "  </testsuite>\n";
    }
    out_ << "</testsuites>\n";
    out_.flush();
  }

 private:
  struct Suite {
    std::string name;
    std::vector<std::string> cases;
    size_t failures = 0;
  };
  std::ostream& out_;
  ReportOptions options_;
  std::string base_;
  std::vector<Suite> suites_;
  std::map<std::string, size_t> index_;
};

}  // namespace

std::unique_ptr<Reporter> make_junit_reporter(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<JunitReporter>(out, options);
}

}  // namespace policycheck
