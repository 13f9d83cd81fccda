#pragma once
// Inline suppressions: comments in the screened text itself that silence
// findings. They work in plain text (a line of its own) as well as inside
// Markdown/HTML comments (<!-- ... -->) and other comment styles:
//
//   policycheck-disable-next-line [RULE ...] [-- reason]   the following line
//   policycheck-disable-line [RULE ...] [-- reason]        this line
//   policycheck-disable [RULE ...] [-- reason]             from here ...
//   policycheck-enable [RULE ...]                          ... to here
//
// RULE is a rule id or a pack/category name, matched exactly but without
// regard to case; no RULE means every rule. Directives that suppressed
// nothing are reported as info findings (suppression/unused) and names that
// are no rule, pack or category as warnings (suppression/unknown-rule), so
// stale or mistyped suppressions do not pile up unnoticed.
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "policycheck/finding.hpp"
#include "policycheck/policy.hpp"
#include "policycheck/record.hpp"

namespace policycheck {

inline constexpr std::string_view kUnusedSuppressionRule = "suppression/unused";
inline constexpr std::string_view kUnknownSuppressionRuleRule = "suppression/unknown-rule";

// What the engine's own suppression rules mean, for formats that describe
// every rule (SARIF); nullptr for any other rule id.
struct EngineRuleText {
  const char* message;
  const char* description;
  const char* suggest;
};
const EngineRuleText* engine_rule_text(std::string_view rule_id);

class InlineSuppressions {
 public:
  explicit InlineSuppressions(const Policy& policy);

  // Removes the findings in findings[first, end) that a directive in the
  // record's text covers and appends findings for unused directives and
  // unknown rule names. Records without the word "policycheck-" cost one
  // memmem.
  void apply(const Record& record, std::vector<Finding>& findings, size_t first = 0) const;

  // True when the text holds something that looks like a directive.
  static bool has_directive(std::string_view text);

 private:
  std::unordered_set<std::string> known_;  // rule ids, packs and categories, lower case
};

}  // namespace policycheck
