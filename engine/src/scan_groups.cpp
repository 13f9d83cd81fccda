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
  ByteSet spaces;
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) spaces.set(static_cast<unsigned char>(c));
  for (PatternEntry& p : data.patterns) {
    p.group = kEverywhere;
    if (p.min_width == 0) continue;
    if (p.spaced_letters) {
      p.group = kNearSpacedLetters;
      continue;
    }
    if (!p.letters_only.empty()) {
      // A leet-expanded term: the full regex near stand-ins, within the
      // run of bytes it can match, which must then exclude spaces.
      const RegexShape shape = analyse_regex(p.expression, p.caseless, stand_in_bytes());
      if (shape.understood && (shape.alphabet & spaces).none()) {
        p.group = kNearStandIns;
        data.groups[kNearStandIns].alphabet |= shape.alphabet;
        continue;
      }
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
}

}  // namespace policycheck
