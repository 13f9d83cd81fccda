// What each rule kind's evaluate_* reads of a rule's other side (required
// texts, required-context phrases, a near rule's `b:` side), so the scanner
// confirms those hits only when they can change a finding: a record's
// context phrases are common, its rule's primary spans are not. Whether
// the other side counts at all without a primary span is sides_needed's
// (scan_groups.hpp), the one statement of it the literal gate and the
// scanner's primary-side check also read.
#include "../scan_groups.hpp"
#include "rule_kinds.hpp"

namespace policycheck {

OtherSpansRead other_spans_read(const Rule& rule, bool has_primary) {
  const PatternRole other = rule.kind == RuleKind::near ? PatternRole::partner : PatternRole::required;
  if ((sides_needed(rule, other) & 1u) && !has_primary) return OtherSpansRead::none;
  switch (rule.kind) {
    case RuleKind::require:
      // evaluate_require_rule: a trigger is cleared by any required text,
      // wherever it is.
    case RuleKind::terms:
    case RuleKind::pattern:
      // evaluate_span_rule reads its context hits only to return early when
      // there are none; each span's context is then looked for in the text.
      return OtherSpansRead::any;
    case RuleKind::near:
      // `a:` and `b:` pair up, the closest partner chosen among all of them;
      // with a roster, people are also looked up around each `b:` span.
    case RuleKind::names:
      break;  // no other side; read everything rather than guess
  }
  return OtherSpansRead::all;
}

}  // namespace policycheck
