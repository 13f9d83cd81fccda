// require rules: when a trigger appears, one of the required texts must
// appear somewhere in the same record, before or after it (a staff post that
// names the school must carry a disclaimer). One finding per record, at the
// first trigger, so a long post is not flagged once per mention.
#include "../text_window.hpp"
#include "rule_kinds.hpp"

namespace policycheck {

void evaluate_require_rule(RecordScan& scan, uint32_t rule_index, const std::vector<Span>& triggers,
                           const std::vector<Span>& required) {
  if (triggers.empty() || !required.empty()) return;
  const Rule& rule = scan.data.policy.rules[rule_index];
  const RuleRuntime& runtime = scan.data.rules[rule_index];
  for (const Span& trigger : triggers) {
    if (covered_by_exception(scan.text(), trigger.start, trigger.end, runtime.exceptions)) continue;
    std::vector<std::string> reasons{"no required text found in the same record"};
    scan.emit(rule_index, trigger.start, trigger.end, rule.confidence, std::move(reasons));
    return;
  }
}

}  // namespace policycheck
