// JSON ({"version", "findings", "summary"}) and JSON Lines (one finding per
// line, flushed per finding so a pipeline consumer sees results at once).
#include <cstdio>
#include <sstream>

#include "json_writer.hpp"
#include "reporters.hpp"

namespace policycheck {
namespace {

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string counts_json(const std::map<std::string, size_t>& counts) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : counts) {
    if (!first) out += ',';
    first = false;
    out += json_string(key) + ':' + std::to_string(value);
  }
  return out + '}';
}

class JsonReporter final : public Reporter {
 public:
  JsonReporter(std::ostream& out, const ReportOptions& options, bool lines)
      : out_(out), options_(options), lines_(lines) {}

  void add(const Finding& finding) override {
    if (lines_) {
      out_ << finding_json(finding, options_) << '\n';
      out_.flush();
      return;
    }
    findings_ += (findings_.empty() ? "\n    " : ",\n    ") + finding_json(finding, options_);
  }

  void finish(const ScanSummary& summary) override {
    if (lines_) return;
    std::map<std::string, size_t> severities;
    for (const auto& [severity, count] : summary.by_severity) severities[std::string(to_string(severity))] = count;
    out_ << "{\n  \"version\": " << json_string(options_.tool_version) << ",\n  \"findings\": [" << findings_
         << (findings_.empty() ? "]" : "\n  ]") << ",\n  \"summary\": {\"findings\": " << summary.findings
         << ", \"files_scanned\": " << summary.files_scanned << ", \"files_skipped\": " << summary.files_skipped
         << ", \"records\": " << summary.records << ", \"input_errors\": " << summary.input_errors
         << ", \"by_severity\": " << counts_json(severities) << ", \"by_rule\": " << counts_json(summary.by_rule)
         << ", \"by_category\": " << counts_json(summary.by_category) << ", \"by_file\": "
         << counts_json(summary.by_file) << "}\n}\n";
    out_.flush();
  }

 private:
  std::ostream& out_;
  ReportOptions options_;
  bool lines_;
  std::string findings_;
};

}  // namespace

std::string finding_json(const Finding& f, const ReportOptions& options) {
  std::ostringstream o;
  o << "{\"rule\":" << json_string(f.rule) << ",\"category\":" << json_string(f.category)
    << ",\"severity\":" << json_string(to_string(f.severity)) << ",\"confidence\":" << number(f.confidence)
    << ",\"message\":" << json_string(f.message) << ",\"suggestion\":" << json_string(f.suggestion)
    << ",\"policy_ref\":" << json_string(f.policy_ref) << ",\"path\":" << json_string(f.path);
  if (!f.record.id.empty() || !f.record.author.empty() || !f.record.time.empty() || !f.record.field.empty()) {
    o << ",\"record\":{";
    bool first = true;
    auto field = [&](const char* name, const std::string& value) {
      if (value.empty()) return;
      o << (first ? "" : ",") << '"' << name << "\":" << json_string(value);
      first = false;
    };
    field("id", f.record.id);
    field("author", f.record.author);
    field("time", f.record.time);
    field("field", f.record.field);
    o << '}';
  }
  o << ",\"line\":" << f.line << ",\"column\":" << f.column << ",\"end_line\":" << f.end_line
    << ",\"end_column\":" << f.end_column << ",\"byte_start\":" << f.byte_start << ",\"byte_end\":" << f.byte_end
    << ",\"match\":" << json_string(options.show_matches ? f.match : redact(f.match))
    << ",\"fingerprint\":" << json_string(f.fingerprint);
  if (!f.reasons.empty()) {
    o << ",\"reasons\":[";
    for (size_t i = 0; i < f.reasons.size(); ++i) o << (i ? "," : "") << json_string(f.reasons[i]);
    o << ']';
  }
  o << '}';
  return o.str();
}

std::unique_ptr<Reporter> make_json_reporter(std::ostream& out, const ReportOptions& options, bool lines) {
  return std::make_unique<JsonReporter>(out, options, lines);
}

}  // namespace policycheck
