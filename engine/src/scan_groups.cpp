#include "scan_groups.hpp"

#include <algorithm>

#include "rare_byte_gate.hpp"

namespace policycheck {
namespace {

// Gated patterns wider than this are bounded by their alphabet, if at all:
// windows of 2 x width around every digit would cover most of the text.
constexpr uint32_t kMaxBoundedGateWidth = 64;

}  // namespace

void assign_scan_groups(CompiledPolicyData& data) {
  for (auto& g : data.groups) {
    g.max_width = 0;
    g.alphabet.reset();
  }
  data.folded_literals.clear();
  ByteSet spaces;
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) spaces.set(static_cast<unsigned char>(c));
  for (PatternEntry& p : data.patterns) {
    p.group = kEverywhere;
    if (p.min_width == 0) continue;
    if (p.spaced_letters) {
      p.group = kNearSpacedLetters;
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
      data.groups[kNearGateBounded].max_width = std::max(data.groups[kNearGateBounded].max_width, p.max_width);
    } else if ((shape.alphabet & spaces).none()) {
      p.group = kNearGateRuns;
      data.groups[kNearGateRuns].alphabet |= shape.alphabet;
    }
  }
  for (const PatternEntry& p : data.patterns) {
    if (p.group == kFoldedTerms) data.folded_literals.push_back(p.folded_literal);
  }
  std::sort(data.folded_literals.begin(), data.folded_literals.end());
  data.folded_literals.erase(std::unique(data.folded_literals.begin(), data.folded_literals.end()),
                             data.folded_literals.end());
}

}  // namespace policycheck
