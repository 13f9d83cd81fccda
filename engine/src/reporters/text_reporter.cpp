// The format a teacher reads: where, how serious, what rule, what to do, and
// the line itself with the match underlined. Colour only on a terminal.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

#include "../utf8.hpp"
#include "reporters.hpp"

namespace policycheck {
namespace {

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kDim = "\x1b[2m";

const char* severity_colour(Severity s) {
  switch (s) {
    case Severity::error: return "\x1b[1;31m";
    case Severity::warning: return "\x1b[1;33m";
    case Severity::info: return "\x1b[1;36m";
  }
  return "";
}

// Tabs become single spaces so the underline stays under the match.
std::string printable_line(std::string_view line) {
  std::string out;
  for (size_t pos = 0; pos < line.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(line, pos, &len);
    if (cp == '\t') out += ' ';
    else if (cp < 0x20 || cp == 0xFFFD) out += "\xEF\xBF\xBD";
    else out.append(line.substr(pos, len));
    pos += len;
  }
  return out;
}

class TextReporter final : public Reporter {
 public:
  TextReporter(std::ostream& out, const ReportOptions& options) : out_(out), options_(options) {}

  void add(const Finding& f) override {
    const bool c = options_.color;
    out_ << (c ? kBold : "") << f.path << ':' << f.line << ':' << f.column << (c ? kReset : "") << ": "
         << (c ? severity_colour(f.severity) : "") << to_string(f.severity) << (c ? kReset : "") << ' '
         << (c ? kBold : "") << f.rule << (c ? kReset : "") << ": " << f.message << '\n';
    if (!f.record.id.empty() || !f.record.author.empty()) {
      out_ << "  record: " << f.record.id;
      if (!f.record.author.empty()) out_ << " by " << f.record.author;
      if (!f.record.time.empty()) out_ << " at " << f.record.time;
      out_ << '\n';
    }
    const std::string line_no = std::to_string(f.line);
    const std::string pad(line_no.size(), ' ');
    out_ << (c ? kDim : "") << ' ' << line_no << " | " << (c ? kReset : "") << printable_line(f.snippet) << '\n';
    out_ << (c ? kDim : "") << ' ' << pad << " | " << (c ? kReset : "") << std::string(f.snippet_start, ' ')
         << (c ? severity_colour(f.severity) : "") << std::string(f.snippet_end - f.snippet_start, '^')
         << (c ? kReset : "") << '\n';
    if (!f.policy_ref.empty()) out_ << "  policy: \"" << f.policy_ref << "\"\n";
    if (!f.suggestion.empty()) out_ << "  suggestion: " << f.suggestion << '\n';
    out_ << '\n';
  }

  void finish(const ScanSummary& s) override {
    auto get = [&](Severity sev) {
      auto it = s.by_severity.find(sev);
      return it == s.by_severity.end() ? size_t{0} : it->second;
    };
    const size_t errors = get(Severity::error), warnings = get(Severity::warning), infos = get(Severity::info);
    // Batch scans (several files, or an archive of many records) get a
    // breakdown first: which rules, which categories, which files.
    if (s.findings && s.records > 1) {
      print_counts("rule", s.by_rule);
      print_counts("category", s.by_category);
      print_counts("file", s.by_file);
    }
    out_ << fmt::format("{} finding{} ({} error{}, {} warning{}, {} info) in {} file{} scanned", s.findings,
                        s.findings == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
                        warnings == 1 ? "" : "s", infos, s.files_scanned, s.files_scanned == 1 ? "" : "s");
    if (s.files_skipped) out_ << fmt::format(", {} skipped", s.files_skipped);
    if (s.input_errors) out_ << fmt::format(", {} input error{}", s.input_errors, s.input_errors == 1 ? "" : "s");
    out_ << '\n';
    out_.flush();
  }

 private:
  // "By rule: a 12, b 3": largest first, at most ten, then how many more.
  void print_counts(std::string_view what, const std::map<std::string, size_t>& counts) {
    std::vector<std::pair<std::string, size_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string line = fmt::format("By {}: ", what);
    for (size_t i = 0; i < sorted.size() && i < 10; ++i) {
      line += fmt::format("{}{} {}", i ? ", " : "", sorted[i].first, sorted[i].second);
    }
    if (sorted.size() > 10) line += fmt::format(" and {} more", sorted.size() - 10);
    out_ << line << '\n';
  }

  std::ostream& out_;
  ReportOptions options_;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<TextReporter>(out, options);
}

}  // namespace policycheck
