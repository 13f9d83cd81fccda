#pragma once
// Puts each pattern of a compiled policy in its scan group
// (compiled_policy_data.hpp), i.e. decides where its database runs:
//
// * kNearDigitsFirst..: bounded patterns every match of which provably holds
//   k digits in a row and n digits in all (regex_shape.hpp, min_digit_run
//   and min_digits): only in windows around runs of k digits that hold n
//   digits within the group's width, sized by their own group's widest
//   pattern (digit_windows.hpp). Same hits as a full scan.
// * kNearGateBounded / kNearGateRuns: patterns that provably cannot match
//   without a digit, '@' or '*' (regex_shape.hpp) and are either short or
//   made of non-space bytes: only in windows around those bytes
//   (rare_byte_gate.hpp; the runs group only around the ones its patterns
//   need, GroupDatabase::needed: '@' for an e-mail address). Same hits as a
//   full scan.
// * kFoldedTerms: the compact regex of a stretched/leet term: only where its
//   folded literal occurs in the folded-letters copy (evasion/letter_fold.hpp).
//   Same hits as a full scan.
// * kNearSpacedLetters: spelled-out words, only around two lone letters
//   between separators. Same hits as a full scan.
// * kNearStars: masked words ("sh*t"), only in the run of their bytes around
//   each '*'. Their matches without a '*' are not looked for: each is the
//   plain term, which the term's compact regex matches too with the same
//   span, same rule and same role, and no rule kind looks at which pattern
//   a span came from, so the findings are the same.
// * kLiteralGated: patterns of the everywhere group that cannot match
//   without certain literals (required_literals.hpp), or whose rule needs a
//   span of its other side that cannot be found without them (a near rule's
//   person and accusation, a require rule's trigger, a required context):
//   only over the records where that formula of literals holds, found by a
//   literal database (CompiledPolicyData::literal_gate), one database per
//   rule. Same findings as a full scan: a hit in a record where the formula
//   fails is either impossible or dropped by its rule kind (the folded
//   scanner runs these databases over all of a Unicode-folded copy, as it
//   does every group's). Not gated: patterns that are literals already, and
//   required contexts' own cheap gate patterns.
// * kEverywhere: everything else, and anything regex_shape.hpp cannot read.
//
// Deterministic from the patterns (expressions, widths, expansion flags,
// rule and role; all in the cache key), so
// a policy loaded from the cache gets the groups it was compiled with.
#include "compiled_policy_data.hpp"

namespace policycheck {

void assign_scan_groups(CompiledPolicyData& data);

// Which sides of its rule must have a span in a record for a span of a
// pattern with this role to count there (the rule kinds' evaluate_* return
// early otherwise): bit 0 the primary side, bit 1 the other (partner,
// required). The literal gate is built from it, so the cache key holds it.
unsigned sides_needed(const Rule& rule, PatternRole role);

}  // namespace policycheck
