#pragma once
// Helpers shared by unit tests: compile a small policy from YAML text and
// scan a string with it, without touching the user's cache.
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/scanner.hpp"

namespace policycheck::testing {

inline std::shared_ptr<const CompiledPolicy> compile_yaml(const std::string& yaml, bool with_builtin = false) {
  PolicyLoader loader;
  if (with_builtin) loader.add_builtin();
  if (!yaml.empty()) loader.add_text("test.yaml", yaml);
  CompileOptions options;
  // Under ctest POLICYCHECK_CACHE_DIR names a cache of the build tree's own,
  // emptied when a run starts (tests/CMakeLists.txt): every test case is a
  // process of its own, and without it each one would compile the built-in
  // policy again (seconds; a minute under the sanitizers). Run by hand, a
  // test never touches the user's cache.
  options.use_cache = std::getenv("POLICYCHECK_CACHE_DIR") != nullptr;
  return CompiledPolicy::compile(loader.finish(), options);
}

inline std::shared_ptr<const CompiledPolicy> builtin_policy() {
  static auto policy = compile_yaml("", true);
  return policy;
}

inline std::vector<Finding> scan_text(const std::shared_ptr<const CompiledPolicy>& policy, const std::string& text,
                                      const std::string& path = "test.txt") {
  Scanner scanner(policy);
  Record record;
  record.path = path;
  record.text = text;
  std::vector<Finding> findings;
  scanner.scan(record, findings);
  return findings;
}

inline std::vector<std::string> rules_of(const std::vector<Finding>& findings) {
  std::vector<std::string> rules;
  for (const Finding& f : findings) rules.push_back(f.rule);
  return rules;
}

}  // namespace policycheck::testing
