// Checkstyle XML (Jenkins warnings-ng and many review bots): one <file> per
// file with findings, one <error> per finding, the rule id as its source.
#include <sstream>

#include "report_support.hpp"
#include "reporters.hpp"

namespace policycheck {
namespace {

class CheckstyleReporter final : public Reporter {
 public:
  CheckstyleReporter(std::ostream& out, const ReportOptions& options)
      : out_(out), options_(options), base_(effective_working_directory(options)) {}

  void add(const Finding& f) override {
    const std::string path = repository_path(f.path, base_);
    auto it = index_.find(path);
    if (it == index_.end()) {
      it = index_.emplace(path, files_.size()).first;
      files_.push_back({path, {}});
    }
    std::string message = without_raw_match(f.message, f, options_);
    if (!f.match.empty()) message += " [" + shown_match(f, options_) + "]";
    std::ostringstream o;
    o << "    <error line=\"" << std::max<uint32_t>(f.line, 1) << "\" column=\"" << std::max<uint32_t>(f.column, 1)
      << "\" severity=\"" << to_string(f.severity) << "\" message=\"" << xml_escape(message) << "\" source=\"policycheck."
      << xml_escape(f.rule) << "\"/>\n";
    files_[it->second].errors.push_back(o.str());
  }

  void finish(const ScanSummary&) override {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\""
         << xml_escape("policycheck " + options_.tool_version) << "\">\n";
    for (const File& file : files_) {
      out_ << "  <file name=\"" << xml_escape(file.name) << "\">\n";
      for (const std::string& e : file.errors) out_ << e;
      out_ << "  </file>\n";
    }
    out_ << "</checkstyle>\n";
    out_.flush();
  }

 private:
  struct File {
    std::string name;
    std::vector<std::string> errors;
  };
  std::ostream& out_;
  ReportOptions options_;
  std::string base_;
  std::vector<File> files_;
  std::map<std::string, size_t> index_;
};

}  // namespace

std::unique_ptr<Reporter> make_checkstyle_reporter(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<CheckstyleReporter>(out, options);
}

}  // namespace policycheck
