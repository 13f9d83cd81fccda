// What each rule kind's evaluate_* reads of a rule's other side (required
// texts, required-context phrases, a near rule's `b:` side), so the scanner
// confirms those hits only when they can change a finding: a record's
// context phrases are common, its rule's primary spans are not.
#include "rule_kinds.hpp"

namespace policycheck {

OtherSpansRead other_spans_read(const Rule& rule, bool has_primary) {
  switch (rule.kind) {
    case RuleKind::near:
      // With a roster, people are looked up around each `b:` span
      // (near_rule.cpp, add_roster_people): every `b:` span counts even with
      // no `a:` span from the database. Otherwise `a:` and `b:` pair up, and
      // the closest partner is chosen among all of them.
      if (rule.near.roster) return OtherSpansRead::all;
      return has_primary ? OtherSpansRead::all : OtherSpansRead::none;
    case RuleKind::require:
      // evaluate_require_rule: no trigger, nothing; a trigger is cleared by
      // any required text, wherever it is.
      return has_primary ? OtherSpansRead::any : OtherSpansRead::none;
    case RuleKind::terms:
    case RuleKind::pattern:
      // evaluate_span_rule reads its context hits only to return early when
      // there are none; each span's context is then looked for in the text.
      return has_primary ? OtherSpansRead::any : OtherSpansRead::none;
    case RuleKind::names:
      break;  // no other side; read everything rather than guess
  }
  return OtherSpansRead::all;
}

}  // namespace policycheck
