#pragma once
// Runs the `tests:` examples written inside each rule: every `match` example
// must produce a finding of that rule, every `no_match` example none.
#include <memory>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"

namespace policycheck {

struct RuleTestFailure {
  std::string rule;
  std::string example;
  bool expected_match = true;
  std::string detail;
};

struct RuleTestResult {
  size_t rules_tested = 0;
  size_t rules_without_tests = 0;
  size_t examples = 0;
  std::vector<RuleTestFailure> failures;
  std::vector<std::string> untested_rules;
};

// packs empty = every pack.
RuleTestResult run_rule_tests(const std::shared_ptr<const CompiledPolicy>& policy,
                              const std::vector<std::string>& packs);

}  // namespace policycheck
