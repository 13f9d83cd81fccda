// GitHub Actions workflow commands: one ::error/::warning/::notice annotation
// per finding. A step shows at most 10 annotations of each level and drops
// the rest silently, so past that we stop annotating, say so in one notice,
// and list every finding in a collapsed log group. With $GITHUB_STEP_SUMMARY
// set, a Markdown table of the findings goes to the job summary as well.
#include <openssl/rand.h>

#include <fstream>
#include <sstream>

#include "report_support.hpp"
#include "reporters.hpp"

namespace policycheck {
namespace {

constexpr size_t kAnnotationsPerLevel = 10;  // per step, per level
constexpr size_t kSummaryRows = 1000;        // the step summary is capped at 1 MiB

std::string_view command_for(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "notice";
  }
  return "warning";
}

// Escaping as the actions toolkit does it (outputs reference, section 2).
std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

// A Markdown table cell: pipes escaped, no line breaks, no HTML.
std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '`' || c == '*' || c == '_' || c == '[' || c == ']') (out += '\\') += c;
    else out += c;
  }
  return out;
}

// Log lines we print are not commands: an unguessable stop-commands token
// keeps a file name or message containing "::error::" inert.
std::string random_token() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return "policycheck-log";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token = "policycheck-";
  for (unsigned char b : bytes) (token += kHex[b >> 4]) += kHex[b & 15];
  return token;
}

class GithubReporter final : public Reporter {
 public:
  GithubReporter(std::ostream& out, const ReportOptions& options)
      : out_(out), options_(options), base_(effective_working_directory(options)) {}

  void add(const Finding& f) override {
    findings_.push_back(f);
    size_t& shown = shown_[static_cast<int>(f.severity)];
    // One notice slot stays free for the overflow notice written at the end.
    const size_t limit = f.severity == Severity::info ? kAnnotationsPerLevel - 1 : kAnnotationsPerLevel;
    if (shown >= limit) return;
    ++shown;
    const std::string path = repository_path(f.path, base_);
    std::string message = without_raw_match(f.message, f, options_);
    if (!f.match.empty()) message += " [" + shown_match(f, options_) + "]";
    if (!f.suggestion.empty()) message += "\n" + without_raw_match(f.suggestion, f, options_);
    out_ << "::" << command_for(f.severity) << " file=" << escape_property(path);
    if (f.line) {
      out_ << ",line=" << f.line;
      if (f.end_line && f.end_line != f.line) out_ << ",endLine=" << f.end_line;
      // Columns only make sense for a one-line annotation.
      if (f.column && (f.end_line == 0 || f.end_line == f.line)) {
        out_ << ",col=" << f.column;
        if (f.end_column > f.column) out_ << ",endColumn=" << f.end_column;
      }
    }
    out_ << ",title=" << escape_property(f.rule) << "::" << escape_data(message) << '\n';
  }

  void finish(const ScanSummary& summary) override {
    const size_t errors = count_of(summary, Severity::error), warnings = count_of(summary, Severity::warning),
                 infos = count_of(summary, Severity::info);
    const size_t annotated = shown_[0] + shown_[1] + shown_[2];
    if (annotated < findings_.size()) {
      out_ << "::notice title=policycheck::" << findings_.size() - annotated << " more finding"
           << (findings_.size() - annotated == 1 ? "" : "s")
           << " not shown as annotations (GitHub shows 10 of each level per step). All "
           << findings_.size() << " are listed in the log below"
           << (options_.step_summary_path.empty() ? "" : " and in the job summary") << ".\n";
    }
    if (!findings_.empty()) {
      const std::string token = random_token();
      out_ << "::group::policycheck: " << findings_.size() << " finding" << (findings_.size() == 1 ? "" : "s")
           << '\n';
      out_ << "::stop-commands::" << token << '\n';
      for (const Finding& f : findings_) {
        out_ << repository_path(f.path, base_) << ':' << f.line << ':' << f.column << ": " << to_string(f.severity)
             << ' ' << f.rule << ": " << single_line(without_raw_match(f.message, f, options_));
        if (!f.match.empty()) out_ << " [" << single_line(shown_match(f, options_)) << ']';
        out_ << '\n';
      }
      out_ << "::" << token << "::\n::endgroup::\n";
    }
    out_ << "policycheck: " << summary.findings << " finding" << (summary.findings == 1 ? "" : "s") << " ("
         << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
         << (warnings == 1 ? "" : "s") << ", " << infos << " info) in " << summary.files_scanned << " file"
         << (summary.files_scanned == 1 ? "" : "s") << " scanned\n";
    out_.flush();
    if (!options_.step_summary_path.empty()) write_step_summary(summary, errors, warnings, infos);
  }

 private:
  static std::string single_line(std::string text) {
    for (char& c : text) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    return text;
  }

  void write_step_summary(const ScanSummary& summary, size_t errors, size_t warnings, size_t infos) {
    std::ofstream file(options_.step_summary_path, std::ios::app | std::ios::binary);
    if (!file) return;  // the summary is a courtesy; the annotations and log already carry everything
    file << "### policycheck: " << summary.findings << " finding" << (summary.findings == 1 ? "" : "s") << "\n\n"
         << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
         << (warnings == 1 ? "" : "s") << ", " << infos << " info in " << summary.files_scanned << " file"
         << (summary.files_scanned == 1 ? "" : "s") << " scanned.\n\n";
    if (findings_.empty()) return;
    file << "| Severity | Rule | Location | Match | Message |\n|---|---|---|---|---|\n";
    size_t rows = 0;
    for (const Finding& f : findings_) {
      if (rows++ == kSummaryRows) {
        file << "\n" << findings_.size() - kSummaryRows << " more findings are in the step log.\n";
        break;
      }
      file << "| " << to_string(f.severity) << " | `" << f.rule << "` | "
           << markdown_cell(repository_path(f.path, base_) + ":" + std::to_string(f.line) + ":" +
                            std::to_string(f.column))
           << " | " << markdown_cell(shown_match(f, options_)) << " | "
           << markdown_cell(without_raw_match(f.message, f, options_)) << " |\n";
    }
    file << '\n';
  }

  std::ostream& out_;
  ReportOptions options_;
  std::string base_;
  std::vector<Finding> findings_;
  size_t shown_[3] = {0, 0, 0};
};

}  // namespace

std::unique_ptr<Reporter> make_github_reporter(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<GithubReporter>(out, options);
}

}  // namespace policycheck
