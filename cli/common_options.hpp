#pragma once
// Options shared by every sub-command that needs a policy, and the one place
// that turns them into a compiled policy (printing policy errors, exit 2).
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/config.hpp"

namespace policycheck::cli {

inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

struct PolicyOptions {
  std::vector<std::string> policy_files;
  bool no_default_policy = false;
  bool no_cache = false;
  std::string cache_dir;
  double compile_timeout = 120;
  uint64_t max_database_size = 1ull << 30;
  std::vector<std::string> variables;  // name=value[,value...]
  std::vector<std::string> roster_files;  // --roster: pupils for the names rules

  void add_to(CLI::App& app);
  // nullptr after printing the policy's errors to stderr. A project config
  // (.policycheck.yaml) adds its packs, variables and rule settings; these
  // options win over it.
  std::shared_ptr<const CompiledPolicy> load(const ProjectConfig* config = nullptr) const;
};

// "policycheck: error: ..." on stderr.
void print_error(const std::string& message);

}  // namespace policycheck::cli
