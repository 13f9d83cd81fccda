#pragma once
#include <CLI/CLI.hpp>

#include "common_options.hpp"

namespace policycheck::cli {

struct RulesOptions {
  PolicyOptions policy;
  std::string explain_id;
  std::vector<std::string> packs;
};

// Adds `rules list|explain|test`; `run` is set to the action chosen.
void add_rules_command(CLI::App& app, RulesOptions& options, std::function<int()>& run);

}  // namespace policycheck::cli
