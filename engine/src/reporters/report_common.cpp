// Pieces every reporter shares: the summary counts, redaction of matched
// personal data, and the registry of formats.
#include <sstream>

#include "../normalise/letter_forms.hpp"
#include "../utf8.hpp"
#include "policycheck/report.hpp"
#include "reporters.hpp"

namespace policycheck {

std::string InputDiagnostic::to_string() const {
  std::ostringstream out;
  out << path;
  if (line > 0) out << ':' << line;
  out << ": " << (level == Level::error ? "error: " : "notice: ") << message;
  return out.str();
}

void ScanSummary::count(const Finding& finding) {
  ++findings;
  ++by_severity[finding.severity];
  ++by_rule[finding.rule];
  ++by_category[finding.category];
  ++by_file[finding.path];
}

// Keeps the first character of each word and, for numbers, the last three
// digits: enough for a person to recognise which item is meant, not enough
// to republish it. "Olivia Brown" -> "O***** B****", "07700 900123" -> "07*** ***123".
std::string redact(std::string_view match) {
  size_t digits_total = 0;
  for (char c : match) digits_total += (c >= '0' && c <= '9');
  std::string out;
  size_t digits_seen = 0;
  bool word_start = true;
  for (size_t pos = 0; pos < match.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(match, pos, &len);
    const std::string_view raw = match.substr(pos, len);
    pos += len;
    if (cp >= '0' && cp <= '9') {
      ++digits_seen;
      const bool keep = digits_seen <= (digits_total > 6 ? 2u : 0u) || digits_seen + 3 > digits_total;
      out += (keep && digits_total > 4) ? std::string(raw) : std::string("*");
      word_start = false;
      continue;
    }
    // Circled, squared and regional-indicator letters are symbols to
    // Unicode but spell the word all the same (normalise/letter_forms.hpp).
    if (utf8::is_word(cp) || normalise::letter_form_ascii(cp)) {
      out += word_start ? std::string(raw) : std::string("*");
      word_start = false;
      continue;
    }
    out.append(raw);  // separators and punctuation keep the shape readable
    word_start = true;
  }
  return out;
}

std::unique_ptr<Reporter> make_reporter(std::string_view format, std::ostream& out, const ReportOptions& options,
                                        const Policy& policy) {
  if (format == "text") return make_text_reporter(out, options);
  if (format == "json") return make_json_reporter(out, options, false);
  if (format == "jsonl") return make_json_reporter(out, options, true);
  if (format == "sarif") return make_sarif_reporter(out, options, policy);
  if (format == "github") return make_github_reporter(out, options);
  if (format == "junit") return make_junit_reporter(out, options);
  if (format == "gitlab") return make_gitlab_reporter(out, options);
  if (format == "checkstyle") return make_checkstyle_reporter(out, options);
  if (format == "html") return make_html_reporter(out, options);
  if (format == "baseline") return make_baseline_reporter(out);
  return nullptr;
}

std::vector<std::string> reporter_formats() {
  return {"text", "json", "jsonl", "sarif", "github", "junit", "gitlab", "checkstyle", "html", "baseline"};
}

}  // namespace policycheck
