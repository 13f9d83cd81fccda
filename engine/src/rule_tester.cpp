#include "policycheck/rule_tester.hpp"

#include <algorithm>

#include "policycheck/policy_loader.hpp"
#include "policycheck/roster.hpp"
#include "policycheck/scanner.hpp"

namespace policycheck {
namespace {

// names rules carry a small roster in their tests (the built-in policy has
// none): they are tested in a policy of their own with that roster.
std::shared_ptr<const CompiledPolicy> compile_with_test_roster(const Rule& rule) {
  std::string csv;
  for (const std::string& line : rule.tests.roster) csv += line + "\n";
  auto roster = std::make_shared<const Roster>(parse_roster(csv, rule.id + " (tests roster)"));
  Policy policy;
  policy.roster = roster;
  policy.rules.push_back(rule);
  policy.rules.back().names.roster = roster;
  CompileOptions options;
  options.use_cache = false;
  return CompiledPolicy::compile(std::move(policy), options);
}

}  // namespace

RuleTestResult run_rule_tests(const std::shared_ptr<const CompiledPolicy>& policy,
                              const std::vector<std::string>& packs) {
  RuleTestResult result;
  Scanner scanner(policy);
  std::vector<Finding> findings;
  std::unique_ptr<Scanner> own_scanner;  // for a rule tested with its own roster
  auto fires = [&](const std::string& rule_id, const std::string& example) {
    Record record;
    record.path = "<test>";
    record.text = example;
    findings.clear();
    (own_scanner ? *own_scanner : scanner).scan(record, findings);
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
    own_scanner.reset();
    if (!rule.tests.roster.empty()) {
      try {
        own_scanner = std::make_unique<Scanner>(compile_with_test_roster(rule));
      } catch (const std::exception& e) {
        result.failures.push_back({rule.id, "(tests roster)", true, e.what()});
        continue;
      }
    }
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
