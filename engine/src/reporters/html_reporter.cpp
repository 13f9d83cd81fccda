// A self-contained HTML report for a safeguarding lead reading the result of
// an archive scan: summary counts, a chart of findings by category over time
// (record time where the archive has it, else by file), a chart by rule, and
// a sortable, filterable table with redacted snippets. Everything is inline
// (CSS, SVG, a few lines of script): it opens offline and can be mailed.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>
#include <sstream>

#include "../utf8.hpp"
#include "report_support.hpp"
#include "reporters.hpp"

namespace policycheck {
namespace {

constexpr size_t kMaxRows = 20000;     // beyond this a browser table gets sluggish
constexpr size_t kMaxBars = 25;        // rules or files in one chart
constexpr const char* kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

std::string html(std::string_view text) {
  std::string out;
  for (size_t pos = 0; pos < text.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(text, pos, &len);
    const bool invalid = cp == 0xFFFD && text.substr(pos, len) != "\xEF\xBF\xBD";
    if (invalid || (cp < 0x20 && cp != '\n' && cp != '\t')) out += "&#xFFFD;";
    else if (cp == '&') out += "&amp;";
    else if (cp == '<') out += "&lt;";
    else if (cp == '>') out += "&gt;";
    else if (cp == '"') out += "&quot;";
    else if (cp == '\'') out += "&#39;";
    else out.append(text.substr(pos, len));
    pos += len;
  }
  return out;
}

std::string_view severity_colour(Severity s) {
  switch (s) {
    case Severity::error: return "#c0392b";
    case Severity::warning: return "#d68910";
    case Severity::info: return "#2e86c1";
  }
  return "#777";
}

// "2024-03-05T10:00:00Z", "2024-03-05 10:00" or Unix seconds -> "2024-03-05"; "" when unknown.
std::string record_day(const std::string& time) {
  auto digits = [&](size_t from, size_t count) {
    if (time.size() < from + count) return false;
    for (size_t i = from; i < from + count; ++i) {
      if (time[i] < '0' || time[i] > '9') return false;
    }
    return true;
  };
  if (digits(0, 4) && time.size() >= 10 && time[4] == '-' && digits(5, 2) && time[7] == '-' && digits(8, 2)) {
    return time.substr(0, 10);
  }
  if (!time.empty() && time.size() <= 13 && digits(0, time.size())) {
    long long seconds = std::stoll(time);
    if (time.size() == 13) seconds /= 1000;  // milliseconds
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    if (!gmtime_r(&t, &tm)) return "";
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
    return buffer;
  }
  return "";
}

// Days since 1970-01-01 for "YYYY-MM-DD" and back (Howard Hinnant's
// civil-date algorithms), to lay out a continuous time axis.
long day_number(const std::string& day) {
  long y = std::stol(day.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoul(day.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoul(day.substr(8, 2)));
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string day_label(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const long y = static_cast<long>(yoe) + era * 400 + (m <= 2);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04ld-%02u-%02u", y, m, d);
  return buffer;
}

std::string fmt_num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// A stacked bar chart: one bar per label, one segment per series.
std::string stacked_chart(const std::vector<std::string>& labels,
                          const std::vector<std::map<std::string, size_t>>& values,
                          const std::vector<std::string>& series, const std::string& aria) {
  size_t max_total = 1;
  for (const auto& bar : values) {
    size_t total = 0;
    for (const auto& [name, count] : bar) total += count;
    max_total = std::max(max_total, total);
  }
  const double width = 900, height = 260, left = 40, bottom = 70, top = 10;
  const double plot_h = height - bottom - top;
  const double slot = (width - left) / std::max<size_t>(labels.size(), 1);
  const double bar_w = std::max(2.0, std::min(48.0, slot * 0.7));
  std::ostringstream o;
  o << "<svg viewBox=\"0 0 " << width << ' ' << height + 24 * ((series.size() + 5) / 6)
    << "\" role=\"img\" aria-label=\"" << html(aria) << "\">";
  o << "<line x1=\"" << left << "\" y1=\"" << top + plot_h << "\" x2=\"" << width << "\" y2=\"" << top + plot_h
    << "\" stroke=\"#999\"/>";
  o << "<text x=\"" << left - 4 << "\" y=\"" << top + 10 << "\" class=\"axis\" text-anchor=\"end\">" << max_total
    << "</text><text x=\"" << left - 4 << "\" y=\"" << top + plot_h << "\" class=\"axis\" text-anchor=\"end\">0</text>";
  const size_t label_every = std::max<size_t>(1, labels.size() / 24);
  for (size_t i = 0; i < labels.size(); ++i) {
    const double x = left + slot * i + (slot - bar_w) / 2;
    double y = top + plot_h;
    for (size_t s = 0; s < series.size(); ++s) {
      auto it = values[i].find(series[s]);
      if (it == values[i].end() || it->second == 0) continue;
      const double h = plot_h * static_cast<double>(it->second) / static_cast<double>(max_total);
      y -= h;
      o << "<rect x=\"" << fmt_num(x) << "\" y=\"" << fmt_num(y) << "\" width=\"" << fmt_num(bar_w)
        << "\" height=\"" << fmt_num(h) << "\" fill=\"" << kPalette[s % 10] << "\"><title>" << html(labels[i])
        << " \xC2\xB7 " << html(series[s]) << ": " << it->second << "</title></rect>";
    }
    if (i % label_every == 0) {
      const double lx = x + bar_w / 2, ly = top + plot_h + 8;
      o << "<text x=\"" << fmt_num(lx) << "\" y=\"" << fmt_num(ly) << "\" class=\"axis\" transform=\"rotate(40 "
        << fmt_num(lx) << ' ' << fmt_num(ly) << ")\">" << html(truncate_code_points(labels[i], 22)) << "</text>";
    }
  }
  for (size_t s = 0; s < series.size(); ++s) {
    const double lx = left + 150.0 * (s % 6), ly = height + 24.0 * (s / 6) + 8;
    o << "<rect x=\"" << lx << "\" y=\"" << ly - 10 << "\" width=\"12\" height=\"12\" fill=\"" << kPalette[s % 10]
      << "\"/><text x=\"" << lx + 16 << "\" y=\"" << ly << "\" class=\"legend\">"
      << html(truncate_code_points(series[s], 20)) << "</text>";
  }
  o << "</svg>";
  return o.str();
}

// Horizontal bars, one per rule, coloured by severity.
std::string rule_chart(const std::vector<std::pair<std::string, size_t>>& rules,
                       const std::map<std::string, Severity>& severity_of) {
  const double row = 22, label_w = 300, width = 900;
  size_t max_count = 1;
  for (const auto& [rule, count] : rules) max_count = std::max(max_count, count);
  std::ostringstream o;
  o << "<svg viewBox=\"0 0 " << width << ' ' << row * rules.size() + 4
    << "\" role=\"img\" aria-label=\"Findings by rule\">";
  for (size_t i = 0; i < rules.size(); ++i) {
    const auto& [rule, count] = rules[i];
    const double y = row * i + 2;
    const double w = (width - label_w - 60) * static_cast<double>(count) / static_cast<double>(max_count);
    o << "<text x=\"" << label_w - 6 << "\" y=\"" << y + 15 << "\" class=\"axis\" text-anchor=\"end\">"
      << html(truncate_code_points(rule, 45)) << "</text><rect x=\"" << label_w << "\" y=\"" << y + 3
      << "\" width=\"" << fmt_num(std::max(w, 1.0)) << "\" height=\"" << row - 6 << "\" fill=\""
      << severity_colour(severity_of.at(rule)) << "\"><title>" << html(rule) << ": " << count
      << "</title></rect><text x=\"" << fmt_num(label_w + w + 6) << "\" y=\"" << y + 15 << "\" class=\"axis\">"
      << count << "</text>";
  }
  o << "</svg>";
  return o.str();
}

constexpr const char* kStyle = R"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.85}main{padding:20px 28px;max-width:1400px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:18px}
.card{background:#fff;border-radius:8px;padding:12px 18px;min-width:120px;box-shadow:0 1px 3px #0002}
.card b{display:block;font-size:26px}.card.error b{color:#c0392b}.card.warning b{color:#d68910}.card.info b{color:#2e86c1}
section{background:#fff;border-radius:8px;padding:14px 18px;margin-bottom:18px;box-shadow:0 1px 3px #0002}
h2{font-size:17px;margin:0 0 10px}svg{width:100%;height:auto}.axis{font-size:11px;fill:#555}.legend{font-size:12px;fill:#333}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e6ea;vertical-align:top}
th{cursor:pointer;background:#eef1f5;position:sticky;top:0;user-select:none}th:after{content:" \2195";color:#aaa}
th.asc:after{content:" \2191";color:#333}th.desc:after{content:" \2193";color:#333}
td.snippet{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-word;max-width:520px}
mark{background:#ffe08a;padding:0 1px}.sev{font-weight:600;text-transform:uppercase;font-size:11px}
.sev.error{color:#c0392b}.sev.warning{color:#d68910}.sev.info{color:#2e86c1}
#filter{padding:6px 10px;width:320px;margin-bottom:10px;border:1px solid #ccd;border-radius:6px}
.note{color:#666;font-size:13px}
)";

// Sorting keeps numbers numeric (data-v holds a sort key where the text is not one).
constexpr const char* kScript = R"(
(function(){
var t=document.getElementById('findings');if(!t)return;var b=t.tBodies[0];
t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){
var asc=!th.classList.contains('asc');t.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc')});
th.classList.add(asc?'asc':'desc');var rows=Array.prototype.slice.call(b.rows);
rows.sort(function(x,y){var a=x.cells[i].getAttribute('data-v')||x.cells[i].textContent,c=y.cells[i].getAttribute('data-v')||y.cells[i].textContent;
var na=parseFloat(a),nc=parseFloat(c);var r=(!isNaN(na)&&!isNaN(nc)&&String(na)===a&&String(nc)===c)?na-nc:a.localeCompare(c);return asc?r:-r});
rows.forEach(function(r){b.appendChild(r)})})});
var f=document.getElementById('filter');f.addEventListener('input',function(){var q=f.value.toLowerCase();
Array.prototype.forEach.call(b.rows,function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':''})});
})();
)";

class HtmlReporter final : public Reporter {
 public:
  HtmlReporter(std::ostream& out, const ReportOptions& options) : out_(out), options_(options) {}

  void add(const Finding& f) override {
    findings_.push_back(f);
    snippets_.add(f);
  }

  void finish(const ScanSummary& summary) override {
    out_ << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         << "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
         << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; img-src data:\">"
         << "<title>" << html(options_.title) << "</title><style>" << kStyle << "</style></head><body>\n<header><h1>"
         << html(options_.title) << "</h1><p>policycheck " << html(options_.tool_version) << " \xC2\xB7 "
         << summary.files_scanned << " file" << (summary.files_scanned == 1 ? "" : "s") << ", " << summary.records
         << " record" << (summary.records == 1 ? "" : "s") << " screened"
         << (options_.show_matches ? " \xC2\xB7 matches shown in full" : " \xC2\xB7 matches redacted")
         << "</p></header>\n<main>\n";
    write_cards(summary);
    if (!findings_.empty()) {
      write_time_chart();
      write_rule_chart();
    }
    write_table();
    out_ << "</main><script>" << kScript << "</script></body></html>\n";
    out_.flush();
  }

 private:
  void write_cards(const ScanSummary& s) {
    out_ << "<div class=\"cards\"><div class=\"card\"><b>" << s.findings << "</b>findings</div>"
         << "<div class=\"card error\"><b>" << count_of(s, Severity::error) << "</b>errors</div>"
         << "<div class=\"card warning\"><b>" << count_of(s, Severity::warning) << "</b>warnings</div>"
         << "<div class=\"card info\"><b>" << count_of(s, Severity::info) << "</b>info</div>"
         << "<div class=\"card\"><b>" << s.by_file.size() << "</b>files with findings</div>";
    if (s.input_errors) out_ << "<div class=\"card error\"><b>" << s.input_errors << "</b>input errors</div>";
    out_ << "</div>\n";
  }

  std::vector<std::string> categories() const {
    std::map<std::string, size_t> counts;
    for (const Finding& f : findings_) ++counts[f.category.empty() ? "other" : f.category];
    std::vector<std::pair<std::string, size_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> names;
    for (const auto& [name, count] : sorted) names.push_back(name);
    return names;
  }

  void write_time_chart() {
    const std::vector<std::string> series = categories();
    std::map<std::string, std::map<std::string, size_t>> by_day;
    size_t timed = 0;
    for (const Finding& f : findings_) {
      const std::string day = record_day(f.record.time);
      if (day.empty()) continue;
      ++timed;
      ++by_day[day][f.category.empty() ? "other" : f.category];
    }
    std::vector<std::string> labels;
    std::vector<std::map<std::string, size_t>> values;
    std::string title;
    if (timed > 0) {
      // Days for a short span, months otherwise; empty days and months are
      // kept so the axis is true to time.
      const long first = day_number(by_day.begin()->first), last = day_number(by_day.rbegin()->first);
      const bool monthly = last - first > 62;
      std::map<std::string, std::map<std::string, size_t>> buckets;
      for (long d = first; d <= last; ++d) buckets[monthly ? day_label(d).substr(0, 7) : day_label(d)];
      for (const auto& [day, counts] : by_day) {
        auto& bucket = buckets[monthly ? day.substr(0, 7) : day];
        for (const auto& [category, count] : counts) bucket[category] += count;
      }
      for (auto& [label, counts] : buckets) {
        labels.push_back(label);
        values.push_back(counts);
      }
      title = std::string("Findings by category over time (") + (monthly ? "per month" : "per day") +
              (timed < findings_.size() ? ", " + std::to_string(findings_.size() - timed) + " undated left out" : "") +
              ")";
    } else {
      std::map<std::string, std::map<std::string, size_t>> by_file;
      std::map<std::string, size_t> totals;
      for (const Finding& f : findings_) {
        ++by_file[f.path][f.category.empty() ? "other" : f.category];
        ++totals[f.path];
      }
      std::vector<std::pair<std::string, size_t>> files(totals.begin(), totals.end());
      std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      if (files.size() > kMaxBars) files.resize(kMaxBars);
      for (const auto& [file, total] : files) {
        labels.push_back(file);
        values.push_back(by_file[file]);
      }
      title = "Findings by category and file (the records carry no dates)";
      if (totals.size() > kMaxBars) title += ", the " + std::to_string(kMaxBars) + " files with most findings";
    }
    out_ << "<section><h2>" << html(title) << "</h2>" << stacked_chart(labels, values, series, title)
         << "</section>\n";
  }

  void write_rule_chart() {
    std::map<std::string, size_t> counts;
    std::map<std::string, Severity> severity_of;
    for (const Finding& f : findings_) {
      ++counts[f.rule];
      auto [it, inserted] = severity_of.emplace(f.rule, f.severity);
      if (!inserted) it->second = std::max(it->second, f.severity);
    }
    std::vector<std::pair<std::string, size_t>> rules(counts.begin(), counts.end());
    std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    const size_t total_rules = rules.size();
    if (rules.size() > kMaxBars) rules.resize(kMaxBars);
    out_ << "<section><h2>Findings by rule";
    if (total_rules > kMaxBars) out_ << " (the " << kMaxBars << " most frequent of " << total_rules << ")";
    out_ << "</h2>" << rule_chart(rules, severity_of) << "</section>\n";
  }

  std::string snippet_cell(const Finding& f) const {
    if (f.snippet.empty()) return html(shown_match(f, options_));
    const SnippetRedactor::Rendered r = snippets_.render(f, options_, 200);
    std::string out;
    size_t point = 0;
    for (size_t pos = 0; pos < r.text.size(); ++point) {
      if (point == r.match_start && r.match_end > r.match_start) out += "<mark>";
      if (point == r.match_end && r.match_end > r.match_start) out += "</mark>";
      const size_t len = utf8::sequence_length(r.text, pos);
      out += html(r.text.substr(pos, len));
      pos += len;
    }
    if (r.match_end >= point && r.match_end > r.match_start && r.match_start < point) out += "</mark>";
    return out;
  }

  void write_table() {
    out_ << "<section><h2>Findings</h2>";
    if (findings_.empty()) {
      out_ << "<p>No findings.</p></section>\n";
      return;
    }
    out_ << "<input id=\"filter\" type=\"search\" placeholder=\"Filter the table\" aria-label=\"Filter the table\">";
    if (findings_.size() > kMaxRows) {
      out_ << "<p class=\"note\">The first " << kMaxRows << " of " << findings_.size()
           << " findings are listed; the JSON or SARIF report has them all.</p>";
    }
    out_ << "<table id=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Record</th>"
         << "<th>Snippet</th><th>Message</th></tr></thead><tbody>\n";
    size_t rows = 0;
    for (const Finding& f : findings_) {
      if (rows++ == kMaxRows) break;
      const std::string location = f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
      char sort_key[64];
      std::snprintf(sort_key, sizeof sort_key, "%010u:%010u", f.line, f.column);
      std::string record = f.record.id;
      if (!f.record.time.empty()) record += (record.empty() ? "" : " \xC2\xB7 ") + f.record.time;
      std::string message = without_raw_match(f.message, f, options_);
      if (!f.suggestion.empty()) message += " \xE2\x80\x94 " + without_raw_match(f.suggestion, f, options_);
      out_ << "<tr><td class=\"sev " << to_string(f.severity) << "\" data-v=\""
           << static_cast<int>(Severity::error) - static_cast<int>(f.severity) << "\">" << to_string(f.severity)
           << "</td><td>" << html(f.rule) << "</td><td data-v=\"" << html(f.path) << ':' << sort_key << "\">"
           << html(location) << "</td><td>" << html(record) << "</td><td class=\"snippet\">" << snippet_cell(f)
           << "</td><td>" << html(message) << "</td></tr>\n";
    }
    out_ << "</tbody></table></section>\n";
  }

  std::ostream& out_;
  ReportOptions options_;
  std::vector<Finding> findings_;
  SnippetRedactor snippets_;
};

}  // namespace

std::unique_ptr<Reporter> make_html_reporter(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<HtmlReporter>(out, options);
}

}  // namespace policycheck
