// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. GitHub's
// requirements (see the outputs reference): every rule with short/full
// description, help and a default level; results with a first location whose
// columns are >= 1 and whose end column is exclusive; relative URIs;
// columnKind set explicitly; partialFingerprints with a key we control.
#include <algorithm>
#include <set>
#include <sstream>

#include "json_writer.hpp"
#include "policycheck/suppress.hpp"
#include "report_support.hpp"
#include "reporters.hpp"

namespace policycheck {
namespace {

constexpr size_t kMaxDescription = 1024;  // GitHub's limit for short/full description

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "warning";
}

std::string_view problem_severity(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "recommendation";
  }
  return "warning";
}

std::string_view precision(double confidence) {
  if (confidence >= 0.9) return "very-high";
  if (confidence >= 0.75) return "high";
  if (confidence >= 0.5) return "medium";
  return "low";
}

// What a rule descriptor needs, from the policy or (for findings the engine
// makes itself, such as unused suppressions) from the first finding.
struct RuleInfo {
  std::string id;
  std::string message;
  std::string description;
  std::string policy_ref;
  std::string suggest;
  std::string category;
  Severity severity = Severity::warning;
  double confidence = 1.0;
  bool personal_data = false;
};

RuleInfo from_rule(const Rule& r) {
  return {r.id, r.message, r.description, r.policy_ref, r.suggest, r.category.empty() ? r.pack : r.category,
          r.severity, r.confidence, r.personal_data};
}

RuleInfo from_finding(const Finding& f) {
  if (const EngineRuleText* text = engine_rule_text(f.rule)) {
    return {f.rule, text->message, text->description, "", text->suggest, f.category, f.severity, 1.0, false};
  }
  return {f.rule, f.message, "", f.policy_ref, "", f.category, f.severity, f.confidence, f.personal_data};
}

std::string rule_json(const RuleInfo& r) {
  const std::string short_text = truncate_code_points(r.message.empty() ? r.id : r.message, kMaxDescription);
  const std::string full_text =
      truncate_code_points(r.description.empty() ? short_text : r.description, kMaxDescription);
  std::string help = full_text;
  std::string markdown = full_text;
  if (!r.policy_ref.empty()) {
    help += "\n\nPolicy: \"" + r.policy_ref + "\"";
    markdown += "\n\n**Policy:** \"" + r.policy_ref + "\"";
  }
  if (!r.suggest.empty()) {
    help += "\n\nWhat to do: " + r.suggest;
    markdown += "\n\n**What to do:** " + r.suggest;
  }
  std::ostringstream o;
  o << "{\"id\":" << json_string(r.id) << ",\"shortDescription\":{\"text\":" << json_string(short_text)
    << "},\"fullDescription\":{\"text\":" << json_string(full_text) << "},\"help\":{\"text\":" << json_string(help)
    << ",\"markdown\":" << json_string(markdown) << "},\"defaultConfiguration\":{\"level\":\""
    << sarif_level(r.severity) << "\"},\"properties\":{\"tags\":[\"policycheck\"";
  if (!r.category.empty()) o << ',' << json_string(r.category);
  if (r.personal_data && r.category != "personal-data") o << ",\"personal-data\"";
  o << "],\"precision\":\"" << precision(r.confidence) << "\",\"problem.severity\":\""
    << problem_severity(r.severity) << "\"}}";
  return o.str();
}

class SarifReporter final : public Reporter {
 public:
  SarifReporter(std::ostream& out, const ReportOptions& options, const Policy& policy)
      : out_(out), options_(options), base_(effective_working_directory(options)) {
    for (const Rule& rule : policy.rules) add_rule(from_rule(rule));
  }

  void add(const Finding& finding) override {
    findings_.push_back(finding);
    snippets_.add(finding);
    if (!index_.count(finding.rule)) add_rule(from_finding(finding));
  }

  void finish(const ScanSummary& summary) override {
    // Over the per-run limit, keep the most severe findings (stable, so the
    // order within a severity stays the scan order).
    std::vector<const Finding*> kept;
    for (const Finding& f : findings_) kept.push_back(&f);
    size_t dropped = 0;
    if (kept.size() > options_.max_sarif_results) {
      std::stable_sort(kept.begin(), kept.end(),
                       [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
      dropped = kept.size() - options_.max_sarif_results;
      kept.resize(options_.max_sarif_results);
    }

    out_ << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
         << "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n          \"name\": \"policycheck\",\n"
         << "          \"version\": " << json_string(options_.tool_version.empty() ? "0" : options_.tool_version)
         << ",\n          \"rules\": [";
    for (size_t i = 0; i < rules_.size(); ++i) out_ << (i ? ",\n            " : "\n            ") << rules_[i];
    out_ << (rules_.empty() ? "]" : "\n          ]") << "\n        }\n      },\n"
         << "      \"invocations\": [{\"executionSuccessful\": " << (summary.input_errors ? "false" : "true")
         << ", \"workingDirectory\": {\"uri\": " << json_string(directory_uri(base_)) << "}}],\n"
         << "      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [";
    for (size_t i = 0; i < kept.size(); ++i) out_ << (i ? ",\n        " : "\n        ") << result_json(*kept[i]);
    out_ << (kept.empty() ? "]" : "\n      ]") << ",\n      \"properties\": {\"policycheck\": {\"findings\": "
         << summary.findings << ", \"results_dropped\": " << dropped << ", \"files_scanned\": "
         << summary.files_scanned << ", \"records\": " << summary.records << ", \"input_errors\": "
         << summary.input_errors << "}}\n    }\n  ]\n}\n";
    out_.flush();
  }

 private:
  void add_rule(const RuleInfo& info) {
    index_[info.id] = rules_.size();
    rules_.push_back(rule_json(info));
  }

  std::string result_json(const Finding& f) const {
    const std::string path = repository_path(f.path, base_);
    std::string text = without_raw_match(f.message, f, options_);
    if (text.empty()) text = f.rule;
    if (!f.match.empty()) text += " [" + shown_match(f, options_) + "]";
    if (!f.suggestion.empty()) text += "\n" + without_raw_match(f.suggestion, f, options_);
    const uint32_t line = std::max<uint32_t>(f.line, 1);
    const uint32_t column = std::max<uint32_t>(f.column, 1);
    const uint32_t end_line = std::max(f.end_line, line);
    uint32_t end_column = std::max<uint32_t>(f.end_column, 1);
    if (end_line == line && end_column <= column) end_column = column + 1;  // never an empty or inverted region

    std::ostringstream o;
    o << "{\"ruleId\":" << json_string(f.rule) << ",\"ruleIndex\":" << index_.at(f.rule) << ",\"level\":\""
      << sarif_level(f.severity) << "\",\"message\":{\"text\":" << json_string(text)
      << "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":" << json_string(uri_reference(path))
      << "},\"region\":{\"startLine\":" << line << ",\"startColumn\":" << column << ",\"endLine\":" << end_line
      << ",\"endColumn\":" << end_column;
    if (!f.snippet.empty()) o << ",\"snippet\":{\"text\":" << json_string(snippets_.render(f, options_).text) << '}';
    o << "}}";
    if (!f.record.id.empty() || !f.record.field.empty()) {
      // GitHub ignores logical locations; other viewers show the archive record.
      std::string name = f.record.id;
      if (!f.record.field.empty()) name += (name.empty() ? "" : "/") + f.record.field;
      o << ",\"logicalLocations\":[{\"fullyQualifiedName\":" << json_string(name) << ",\"kind\":\"element\"}]";
    }
    o << "}]";
    if (!f.fingerprint.empty()) o << ",\"partialFingerprints\":{\"policycheck/v1\":" << json_string(f.fingerprint) << '}';
    o << ",\"properties\":{\"category\":" << json_string(f.category) << ",\"confidence\":"
      << static_cast<int>(f.confidence * 100 + 0.5) / 100.0;
    if (!f.record.time.empty()) o << ",\"recordTime\":" << json_string(f.record.time);
    o << "}}";
    return o.str();
  }

  std::ostream& out_;
  ReportOptions options_;
  std::string base_;
  std::vector<std::string> rules_;
  std::map<std::string, size_t> index_;
  std::vector<Finding> findings_;
  SnippetRedactor snippets_;
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter(std::ostream& out, const ReportOptions& options, const Policy& policy) {
  return std::make_unique<SarifReporter>(out, options, policy);
}

}  // namespace policycheck
