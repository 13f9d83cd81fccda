// Turns the match specs of every rule kind into database patterns. Terms are
// escaped literals (spaces match any whitespace); patterns pass through.
#include "../regex_text.hpp"
#include "rule_kinds.hpp"

namespace policycheck {
namespace {

void emit_spec(const MatchSpec& spec, const Rule& rule, uint32_t index, PatternRole role,
               std::vector<PatternEntry>& out) {
  for (const std::string& term : spec.terms) {
    if (term.empty()) continue;
    PatternEntry entry;
    entry.rule = index;
    entry.role = role;
    entry.expression = term_to_regex(term);
    entry.caseless = !spec.case_sensitive;
    entry.word_boundary = spec.word_boundary;
    entry.location = rule.location;
    out.push_back(std::move(entry));
  }
  for (size_t i = 0; i < spec.patterns.size(); ++i) {
    PatternEntry entry;
    entry.rule = index;
    entry.role = role;
    entry.expression = spec.patterns[i];
    entry.caseless = !spec.case_sensitive;
    entry.word_boundary = spec.word_boundary;
    entry.location = i < spec.pattern_locations.size() ? spec.pattern_locations[i] : rule.location;
    out.push_back(std::move(entry));
  }
}

}  // namespace

void emit_patterns(const Rule& rule, uint32_t index, std::vector<PatternEntry>& out) {
  if (rule.kind == RuleKind::names) {
    emit_names_patterns(rule, index, out);
    return;
  }
  emit_spec(rule.match, rule, index, PatternRole::primary, out);
  if (rule.kind == RuleKind::require) emit_spec(rule.required, rule, index, PatternRole::required, out);
}

}  // namespace policycheck
