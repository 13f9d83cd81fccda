#include "policycheck/rule_tester.hpp"

#include <algorithm>

#include "policycheck/scanner.hpp"

namespace policycheck {

RuleTestResult run_rule_tests(const std::shared_ptr<const CompiledPolicy>& policy,
                              const std::vector<std::string>& packs) {
  RuleTestResult result;
  Scanner scanner(policy);
  std::vector<Finding> findings;
  auto fires = [&](const std::string& rule_id, const std::string& example) {
    Record record;
    record.path = "<test>";
    record.text = example;
    findings.clear();
    scanner.scan(record, findings);
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.rule == rule_id; });
  };
  for (const Rule& rule : policy->policy().rules) {
    if (!packs.empty() && std::find(packs.begin(), packs.end(), rule.pack) == packs.end()) continue;
    if (rule.tests.match.empty() && rule.tests.no_match.empty()) {
      ++result.rules_without_tests;
      result.untested_rules.push_back(rule.id);
      continue;
    }
    ++result.rules_tested;
    for (const std::string& example : rule.tests.match) {
      ++result.examples;
      if (!fires(rule.id, example)) result.failures.push_back({rule.id, example, true, "expected a finding, got none"});
    }
    for (const std::string& example : rule.tests.no_match) {
      ++result.examples;
      if (fires(rule.id, example)) result.failures.push_back({rule.id, example, false, "expected no finding, got one"});
    }
  }
  return result;
}

}  // namespace policycheck
