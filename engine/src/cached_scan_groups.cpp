#include "cached_scan_groups.hpp"

#include "byte_codec.hpp"

namespace policycheck {

using namespace byte_codec;

void write_scan_groups(std::string& out, const CompiledPolicyData& data) {
  put<uint64_t>(out, data.patterns.size());
  for (const PatternEntry& p : data.patterns) {
    put(out, p.group);
    put(out, p.gate_formula);
    put(out, p.gate_subgroup);
  }
  for (const auto& g : data.groups) {
    put(out, g.max_width);
    put(out, g.min_digit_run);
    put(out, g.min_digits);
    put_bits(out, g.alphabet);
    put_bits(out, g.needed);
  }
  put<uint64_t>(out, data.folded_literals.size());
  for (const std::string& literal : data.folded_literals) put_string(out, literal);
  for (const uint8_t bounded : data.folded_literal_word_bounded) put(out, bounded);
  const LiteralGate& gate = data.literal_gate;
  put<uint64_t>(out, gate.atoms.size());
  for (const LiteralAtom& atom : gate.atoms) {
    put<uint8_t>(out, static_cast<uint8_t>((atom.case_sensitive ? 1 : 0) | (atom.word_start ? 2 : 0)));
    put_string(out, atom.text);
  }
  put_u32s(out, gate.clauses_in_formula);
  put_u32s(out, gate.formula_of_clause);
  for (const auto& clauses : gate.clauses_of_atom) put_u32s(out, clauses);
  put<uint64_t>(out, gate.formula_text.size());
  for (const std::string& text : gate.formula_text) put_string(out, text);
  put<uint64_t>(out, gate.subgroups.size());
  for (const LiteralGate::Subgroup& s : gate.subgroups) put(out, s.rule);
  put<uint64_t>(out, gate.subgroups_of_formula.size());
  for (const auto& subgroups : gate.subgroups_of_formula) put_u32s(out, subgroups);
}

bool read_scan_groups(std::string_view& in, CompiledPolicyData& data) {
  uint64_t count = 0;
  if (!get(in, count) || count != data.patterns.size()) return false;
  for (PatternEntry& p : data.patterns) {
    if (!get(in, p.group) || !get(in, p.gate_formula) || !get(in, p.gate_subgroup) || p.group >= kScanGroups) {
      return false;
    }
  }
  for (auto& g : data.groups) {
    if (!get(in, g.max_width) || !get(in, g.min_digit_run) || !get(in, g.min_digits) || !get_bits(in, g.alphabet) || !get_bits(in, g.needed)) {
      return false;
    }
  }
  if (!get_count(in, count, sizeof(uint64_t))) return false;
  data.folded_literals.resize(count);
  for (std::string& literal : data.folded_literals) {
    if (!get_string(in, literal)) return false;
  }
  data.folded_literal_word_bounded.resize(count);
  for (uint8_t& bounded : data.folded_literal_word_bounded) {
    if (!get(in, bounded)) return false;
  }
  LiteralGate& gate = data.literal_gate;
  gate.clear();
  if (!get_count(in, count, 1 + sizeof(uint64_t))) return false;
  gate.atoms.resize(count);
  for (LiteralAtom& atom : gate.atoms) {
    uint8_t sensitive = 0;
    if (!get(in, sensitive) || !get_string(in, atom.text)) return false;
    if (sensitive > 3) return false;
    atom.case_sensitive = (sensitive & 1) != 0;
    atom.word_start = (sensitive & 2) != 0;
  }
  if (!get_u32s(in, gate.clauses_in_formula) || !get_u32s(in, gate.formula_of_clause)) return false;
  gate.clauses_of_atom.resize(gate.atoms.size());
  for (auto& clauses : gate.clauses_of_atom) {
    if (!get_u32s(in, clauses)) return false;
  }
  if (!get_count(in, count, sizeof(uint64_t))) return false;
  gate.formula_text.resize(count);
  for (std::string& text : gate.formula_text) {
    if (!get_string(in, text)) return false;
  }
  if (!get_count(in, count, sizeof(uint32_t))) return false;
  gate.subgroups.resize(count);
  for (LiteralGate::Subgroup& s : gate.subgroups) {
    if (!get(in, s.rule) || s.rule >= data.policy.rules.size()) return false;
  }
  if (!get_count(in, count, sizeof(uint64_t))) return false;
  gate.subgroups_of_formula.resize(count);
  for (auto& subgroups : gate.subgroups_of_formula) {
    if (!get_u32s(in, subgroups)) return false;
  }
  // The indices the scanner follows without checking must stay in range.
  const size_t formulas = gate.clauses_in_formula.size();
  if (gate.subgroups_of_formula.size() != formulas || gate.formula_text.size() != formulas) return false;
  for (uint32_t f : gate.formula_of_clause) {
    if (f >= formulas) return false;
  }
  for (const auto& clauses : gate.clauses_of_atom) {
    for (uint32_t c : clauses) {
      if (c >= gate.formula_of_clause.size()) return false;
    }
  }
  for (const auto& subgroups : gate.subgroups_of_formula) {
    for (uint32_t s : subgroups) {
      if (s >= gate.subgroups.size()) return false;
    }
  }
  for (const PatternEntry& p : data.patterns) {
    if (p.group == kLiteralGated && (p.gate_formula >= formulas || p.gate_subgroup >= gate.subgroups.size())) {
      return false;
    }
  }
  return true;
}

}  // namespace policycheck
