// Turns the match specs of every rule kind into database patterns. Terms are
// escaped literals (spaces match any whitespace); patterns pass through.
#include "../evasion/term_expansion.hpp"
#include "../regex_text.hpp"
#include "../text_window.hpp"
#include "rule_kinds.hpp"

#include <algorithm>

namespace policycheck {
namespace {

void emit_spec(const MatchSpec& spec, const Rule& rule, uint32_t index, PatternRole role,
               std::vector<PatternEntry>& out) {
  for (const std::string& term : spec.terms) {
    if (term.empty()) continue;
    // Evasion options turn one term into several regexes (see evasion/).
    for (ExpandedTerm& expanded : expand_term_for_scanning(term, spec.evasion)) {
      PatternEntry entry;
      entry.rule = index;
      entry.role = role;
      entry.expression = std::move(expanded.expression);
      entry.folded_literal = std::move(expanded.folded_literal);
      entry.spaced_letters = expanded.spaced_letters;
      entry.masked = expanded.masked;
      entry.caseless = !spec.case_sensitive;
      entry.word_boundary = spec.word_boundary;
      entry.fold_unicode = spec.evasion.unicode;
      entry.location = rule.location;
      out.push_back(std::move(entry));
    }
  }
  for (size_t i = 0; i < spec.patterns.size(); ++i) {
    PatternEntry entry;
    entry.rule = index;
    entry.role = role;
    entry.expression = spec.patterns[i];
    entry.caseless = !spec.case_sensitive;
    entry.word_boundary = spec.word_boundary;
    entry.fold_unicode = spec.evasion.unicode;
    entry.location = i < spec.pattern_locations.size() ? spec.pattern_locations[i] : rule.location;
    out.push_back(std::move(entry));
  }
}

// Rules whose context is required also put their context phrases in the
// database, found in the same pass as everything else: in a record with none
// of them the rule's hits are dropped without reading the words around each.
// Words are joined by any run of other characters so the gate is never
// stricter than the word window ("d o b" also finds "d.o.b.").
void emit_context_gate(const Rule& rule, uint32_t index, std::vector<PatternEntry>& out) {
  if (!has_context_gate(rule)) return;
  for (const std::string& phrase : rule.context.words) {
    std::string expression;
    for (const std::string& word : split_words(phrase)) {
      if (!expression.empty()) expression += "[^A-Za-z0-9]+";
      for (char c : word) {
        expression += c == '\'' ? std::string("(?:'|\xE2\x80\x99)") : escape_regex(std::string_view(&c, 1));
      }
    }
    if (expression.empty()) continue;
    PatternEntry entry;
    entry.rule = index;
    entry.role = PatternRole::required;
    entry.expression = std::move(expression);
    entry.location = rule.location;
    out.push_back(std::move(entry));
  }
}

}  // namespace

bool has_context_gate(const Rule& rule) {
  if (!rule.context.required || rule.context.words.empty()) return false;
  // Called per record by evaluate_span_rule: no allocation.
  for (const std::string& phrase : rule.context.words) {
    size_t longest = 0, run = 0;
    for (unsigned char c : phrase) {
      const bool word_byte = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
      run = word_byte ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    if (longest < 3) return false;
  }
  return true;
}

void emit_patterns(const Rule& rule, uint32_t index, std::vector<PatternEntry>& out) {
  if (rule.kind == RuleKind::names) {
    emit_names_patterns(rule, index, out);
    return;
  }
  emit_spec(rule.match, rule, index, PatternRole::primary, out);
  if ((rule.kind == RuleKind::pattern || rule.kind == RuleKind::terms) && rule.context.required) {
    emit_context_gate(rule, index, out);
  }
  if (rule.kind == RuleKind::require) emit_spec(rule.required, rule, index, PatternRole::required, out);
  if (rule.kind == RuleKind::near) emit_spec(rule.near.partner, rule, index, PatternRole::partner, out);
}

}  // namespace policycheck
