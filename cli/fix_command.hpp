#pragma once
#include <CLI/CLI.hpp>

#include "common_options.hpp"

namespace policycheck::cli {

struct FixOptions {
  PolicyOptions policy;
  std::string file;
  std::string output;   // -o: write the fixed copy here
  bool in_place = false;
  bool dry_run = false;  // print a unified diff, write nothing
  std::string config_file;
  bool no_config = false;
};

// Adds `fix FILE [-o OUT | --in-place] [--dry-run]`; `run` is set when chosen.
void add_fix_command(CLI::App& app, FixOptions& options, std::function<int()>& run);
int run_fix(const FixOptions& options);

}  // namespace policycheck::cli
