#include "scan_groups.hpp"

#include <algorithm>

#include "rare_byte_gate.hpp"

namespace policycheck {
namespace {

// Gated patterns wider than this are bounded by their alphabet, if at all:
// windows of 2 x width around every digit would cover most of the text.
constexpr uint32_t kMaxBoundedGateWidth = 64;

// The kNearDigits* groups, in order: a bounded gated pattern goes into the
// first whose class it fits (every match holds at least `min_run` digits in
// a row, regex_shape.hpp; at most `max_width` bytes wide), else into
// kNearGateBounded. A group's windows are built around the digit runs of at
// least its members' smallest run, as wide as its widest member.
struct DigitClass {
  uint32_t min_run;
  uint32_t max_width;
};
// Measured on generated comments (benchmarks/README.md): one more database
// costs a few hundred ns per window, so few classes; the widths split the
// short codes and numbers from IBANs and international phone numbers.
constexpr DigitClass kDigitClasses[kScanGroups - kNearDigitsFirst] = {{4, 24}, {3, 24}, {2, 24},
                                                                      {2, kMaxBoundedGateWidth}};

}  // namespace

void assign_scan_groups(CompiledPolicyData& data) {
  for (auto& g : data.groups) {
    g.max_width = 0;
    g.alphabet.reset();
    g.min_digit_run = 0;
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
      for (uint8_t g = kNearDigitsFirst; g < kScanGroups; ++g) {
        const DigitClass& c = kDigitClasses[g - kNearDigitsFirst];
        if (shape.min_digit_run >= c.min_run && p.max_width <= c.max_width) {
          p.group = g;
          auto& group = data.groups[g];
          group.min_digit_run = group.min_digit_run == 0 ? shape.min_digit_run
                                                         : std::min(group.min_digit_run, shape.min_digit_run);
          break;
        }
      }
      data.groups[p.group].max_width = std::max(data.groups[p.group].max_width, p.max_width);
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
