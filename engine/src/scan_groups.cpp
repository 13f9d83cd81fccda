#include "scan_groups.hpp"

#include <algorithm>
#include <map>

#include "rare_byte_gate.hpp"
#include "required_literals.hpp"

namespace policycheck {
namespace {

// Gated patterns wider than this are bounded by their alphabet, if at all:
// windows of 2 x width around every digit would cover most of the text.
constexpr uint32_t kMaxBoundedGateWidth = 64;

}  // namespace

unsigned sides_needed(const Rule& rule, PatternRole role) {
  switch (rule.kind) {
    case RuleKind::near:  // a person and an accusation, or nothing
      // With a roster, people are also found by lookups around each `b:`
      // span (kinds/near_rule.cpp), so a `b:` span needs no `a:` pattern.
      if (role != PatternRole::primary && rule.near.roster) return 0u;
      return role == PatternRole::primary ? 2u : 1u;
    case RuleKind::require:  // required texts only clear triggers
      return role == PatternRole::primary ? 0u : 1u;
    case RuleKind::terms:
    case RuleKind::pattern:  // required context: no span counts without one; the context alone finds nothing
      if (!rule.context.required) return 0;
      return role == PatternRole::primary ? 2u : 1u;
    case RuleKind::names:
      return 0;
  }
  return 0;
}

namespace {

// The kLiteralGated patterns: those of the everywhere group whose matches
// need literals (required_literals.hpp), or whose rule needs a span of its
// other side, whose patterns need literals. A record where the formula does
// not hold holds no match of the pattern, or none that can lead to a finding.
void assign_literal_gate(CompiledPolicyData& data) {
  LiteralGate& gate = data.literal_gate;
  gate.clear();
  const size_t n = data.patterns.size();
  std::vector<LiteralFormula> own(n);
  std::vector<uint8_t> literal_only(n, 0);
  // Per rule and side (0 primary, 1 other): what any span of that side needs.
  std::vector<std::array<std::vector<LiteralFormula>, 2>> side_parts(data.policy.rules.size());
  std::vector<std::array<bool, 2>> side_open(data.policy.rules.size(), {false, false});
  for (size_t i = 0; i < n; ++i) {
    const PatternEntry& p = data.patterns[i];
    const Rule& rule = data.policy.rules[p.rule];
    const bool rule_has_sides = sides_needed(rule, PatternRole::primary) != 0 || sides_needed(rule, PatternRole::partner) != 0;
    if (!rule_has_sides && (p.group != kEverywhere || p.min_width == 0)) continue;  // never read
    bool literal = false;
    own[i] = required_literals(p.expression, p.caseless, &literal, p.word_boundary);
    literal_only[i] = literal;
    const int side = p.role == PatternRole::primary ? 0 : 1;
    // Spans found in the Unicode-folded copy need no literal of the original.
    if (p.fold_unicode || own[i].is_true()) side_open[p.rule][side] = true;
    else side_parts[p.rule][side].push_back(own[i]);
  }
  // Each formula as clauses: an AND's parts, each an OR of atoms (an AND
  // inside one stands for its most selective part). Weaker than the
  // formula, so still necessary, and cheap to check per record.
  auto clause_of = [](auto&& self, const LiteralFormula& f, std::vector<LiteralAtom>& out) -> void {
    if (f.op == LiteralFormula::kAtom) {
      out.push_back(f.atom);
    } else if (f.op == LiteralFormula::kOr) {
      for (const LiteralFormula& part : f.parts) self(self, part, out);
    } else if (f.op == LiteralFormula::kAnd) {
      size_t best = 0;
      for (size_t k = 1; k < f.parts.size(); ++k) {
        if (formula_selectivity(f.parts[k]) > formula_selectivity(f.parts[best])) best = k;
      }
      self(self, f.parts[best], out);
    }
  };
  std::map<std::vector<std::vector<LiteralAtom>>, uint32_t> formula_id;
  std::vector<std::pair<size_t, std::vector<std::vector<LiteralAtom>>>> gated;
  for (size_t i = 0; i < n; ++i) {
    PatternEntry& p = data.patterns[i];
    // (Patterns also looked for in the Unicode-folded copy are gated on
    // the original text only: the folded scanner runs their database over
    // all of the folded copy.)
    if (p.group != kEverywhere || p.min_width == 0 || literal_only[i]) continue;
    // A required context's own gate patterns (a few words with separators
    // between them, emitted by emit_context_gate) are cheap and their words
    // common: scanning them in windows costs more than it saves.
    if (p.role == PatternRole::required &&
        (data.policy.rules[p.rule].kind == RuleKind::pattern || data.policy.rules[p.rule].kind == RuleKind::terms)) continue;
    std::vector<LiteralFormula> parts{own[i]};
    const unsigned needed = sides_needed(data.policy.rules[p.rule], p.role);
    for (int side = 0; side < 2; ++side) {
      if (!(needed & (1u << side)) || side_open[p.rule][side] || side_parts[p.rule][side].empty()) continue;
      parts.push_back(formula_or(side_parts[p.rule][side]));
    }
    // Every part a clause of its own (an AND of them all is cheap to check).
    std::vector<LiteralFormula> conjuncts;
    for (LiteralFormula& part : parts) {
      if (part.op == LiteralFormula::kAnd) {
        for (LiteralFormula& q : part.parts) conjuncts.push_back(std::move(q));
      } else if (!part.is_true()) {
        conjuncts.push_back(std::move(part));
      }
    }
    if (conjuncts.empty()) continue;
    std::vector<std::vector<LiteralAtom>> clauses;
    for (const LiteralFormula& part : conjuncts) {
      clauses.emplace_back();
      clause_of(clause_of, part, clauses.back());
      std::sort(clauses.back().begin(), clauses.back().end());
      clauses.back().erase(std::unique(clauses.back().begin(), clauses.back().end()), clauses.back().end());
    }
    std::sort(clauses.begin(), clauses.end());
    clauses.erase(std::unique(clauses.begin(), clauses.end()), clauses.end());
    p.group = kLiteralGated;
    gated.emplace_back(i, std::move(clauses));
  }
  std::map<LiteralAtom, uint32_t> atom_id;
  for (const auto& [i, clauses] : gated) {
    for (const auto& clause : clauses) {
      for (const LiteralAtom& a : clause) atom_id.emplace(a, 0);
    }
  }
  for (auto& [atom, id] : atom_id) {
    id = static_cast<uint32_t>(gate.atoms.size());
    gate.atoms.push_back(atom);
  }
  gate.clauses_of_atom.assign(gate.atoms.size(), {});
  std::map<uint32_t, uint32_t> subgroup_of_rule;
  for (auto& [i, clauses] : gated) {
    PatternEntry& p = data.patterns[i];
    auto sub = subgroup_of_rule.find(p.rule);
    if (sub == subgroup_of_rule.end()) {
      sub = subgroup_of_rule.emplace(p.rule, static_cast<uint32_t>(gate.subgroups.size())).first;
      gate.subgroups.push_back({p.rule, nullptr});
    }
    p.gate_subgroup = sub->second;
    auto it = formula_id.find(clauses);
    if (it == formula_id.end()) {
      const auto f = static_cast<uint32_t>(gate.clauses_in_formula.size());
      gate.clauses_in_formula.push_back(static_cast<uint32_t>(clauses.size()));
      std::string text;
      for (const auto& clause : clauses) {
        const auto c = static_cast<uint32_t>(gate.formula_of_clause.size());
        gate.formula_of_clause.push_back(f);
        text += text.empty() ? "(" : " & (";
        for (size_t k = 0; k < clause.size(); ++k) {
          gate.clauses_of_atom[atom_id.at(clause[k])].push_back(c);
          text += std::string(k ? " | " : "") + (clause[k].word_start ? "\\b" : "") + (clause[k].case_sensitive ? "=" : "") +
                  clause[k].text;
        }
        text += ")";
      }
      gate.formula_text.push_back(std::move(text));
      gate.subgroups_of_formula.emplace_back();
      it = formula_id.emplace(std::move(clauses), f).first;
    }
    p.gate_formula = it->second;
    auto& subs = gate.subgroups_of_formula[it->second];
    if (std::find(subs.begin(), subs.end(), p.gate_subgroup) == subs.end()) subs.push_back(p.gate_subgroup);
  }
}

// The kNearDigits* groups, in order: a bounded gated pattern goes into the
// first whose class it fits (every match holds at least `min_run` digits in
// a row and `min_digits` digits in all, regex_shape.hpp; at most
// `max_width` bytes wide), else (wider, or needing '@' or '*' rather than a
// digit) into kNearGateBounded. A group's windows are built around the
// stretches of text holding its members' smallest run and count, as wide as
// its widest member (rare_byte_gate.hpp, digit_windows).
struct DigitClass {
  uint32_t min_run;
  uint32_t min_digits;
  uint32_t max_width;
};
// Measured on generated comments (benchmarks/README.md): dates, times and
// prices put a run of two or four digits every few dozen bytes, but ten
// digits within 28 bytes (phone, NHS, UPN and card numbers: 0.1 % of the
// text) or six within 22 (sort codes, NI, bank account and passport
// numbers, local phone numbers: 6 %) are rare. Every other class holds a
// pattern that proves only one or two digits (postcodes; dates with a month
// name; IBAN), and its windows cover a third to two thirds of the text
// whatever else is in it, so the rest of the patterns join the first of
// those that is wide enough: another class of their own would scan the same
// bytes again.
constexpr DigitClass kDigitClasses[kScanGroups - kNearDigitsFirst] = {
    {1, 10, 28}, {2, 6, 22}, {1, 1, 9}, {1, 1, 28}, {1, 1, kMaxBoundedGateWidth}};

// The narrowest part of the gate bytes every match of `p` provably holds
// one of: '@', '*' or a digit alone, else all of them. The runs group's
// windows open only around those (an e-mail address needs its '@', not
// any digit near it).
ByteSet needed_gate_bytes(const PatternEntry& p) {
  ByteSet digits;
  for (char c = '0'; c <= '9'; ++c) digits.set(static_cast<unsigned char>(c));
  for (const ByteSet& part : {ByteSet().set('@'), ByteSet().set('*'), digits}) {
    const RegexShape shape = analyse_regex(p.expression, p.caseless, part);
    if (shape.understood && shape.needs_gate) return part;
  }
  return gate_bytes();
}

}  // namespace

void assign_scan_groups(CompiledPolicyData& data) {
  for (auto& g : data.groups) {
    g.max_width = 0;
    g.needed.reset();
    g.alphabet.reset();
    g.min_digit_run = 0;
    g.min_digits = 0;
  }
  data.folded_literals.clear();
  ByteSet spaces;
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) spaces.set(static_cast<unsigned char>(c));
  for (PatternEntry& p : data.patterns) {
    p.group = kEverywhere;
    if (p.min_width == 0) continue;
    if (p.spaced_letters) {
      p.group = kNearSpacedLetters;
      // The gate looks for a match's letters among these bytes.
      const RegexShape shape = analyse_regex(p.expression, p.caseless, ByteSet());
      if (shape.understood) data.groups[kNearSpacedLetters].alphabet |= shape.alphabet;
      else data.groups[kNearSpacedLetters].alphabet.set();
      continue;
    }
    if (p.masked) {
      // Only its matches with a '*' are needed (see ExpandedTerm::masked).
      const RegexShape shape = analyse_regex(p.expression, p.caseless, ByteSet().set('*'));
      if (shape.understood) {
        p.group = kNearStars;
        data.groups[kNearStars].alphabet |= shape.alphabet;
        continue;
      }
    }
    if (!p.folded_literal.empty()) {
      p.group = kFoldedTerms;
      // Big records are folded in slices cut where no term regex can match
      // (scanner.cpp): a regex this reader cannot follow forbids every cut.
      const RegexShape shape = analyse_regex(p.expression, p.caseless, gate_bytes());
      if (shape.understood) data.groups[kFoldedTerms].alphabet |= shape.alphabet;
      else data.groups[kFoldedTerms].alphabet.set();
      continue;
    }
    const RegexShape shape = analyse_regex(p.expression, p.caseless, gate_bytes());
    if (!shape.understood || !shape.needs_gate) continue;
    if (p.max_width <= kMaxBoundedGateWidth) {
      p.group = kNearGateBounded;
      for (uint8_t g = kNearDigitsFirst; g < kScanGroups; ++g) {
        const DigitClass& c = kDigitClasses[g - kNearDigitsFirst];
        if (shape.min_digit_run >= c.min_run && shape.min_digits >= c.min_digits && p.max_width <= c.max_width) {
          p.group = g;
          auto& group = data.groups[g];
          const bool first = group.max_width == 0;
          group.min_digit_run = first ? shape.min_digit_run : std::min(group.min_digit_run, shape.min_digit_run);
          group.min_digits = first ? shape.min_digits : std::min(group.min_digits, shape.min_digits);
          break;
        }
      }
      data.groups[p.group].max_width = std::max(data.groups[p.group].max_width, p.max_width);
    } else if ((shape.alphabet & spaces).none()) {
      p.group = kNearGateRuns;
      data.groups[kNearGateRuns].alphabet |= shape.alphabet;
      data.groups[kNearGateRuns].needed |= needed_gate_bytes(p);
    }
  }
  for (const PatternEntry& p : data.patterns) {
    if (p.group == kFoldedTerms) data.folded_literals.push_back(p.folded_literal);
  }
  std::sort(data.folded_literals.begin(), data.folded_literals.end());
  data.folded_literals.erase(std::unique(data.folded_literals.begin(), data.folded_literals.end()),
                             data.folded_literals.end());
  data.folded_literal_word_bounded.assign(data.folded_literals.size(), 1);
  for (const PatternEntry& p : data.patterns) {
    if (p.group != kFoldedTerms || p.word_boundary) continue;
    const auto at = std::lower_bound(data.folded_literals.begin(), data.folded_literals.end(), p.folded_literal);
    data.folded_literal_word_bounded[static_cast<size_t>(at - data.folded_literals.begin())] = 0;
  }
  assign_literal_gate(data);
}

}  // namespace policycheck
