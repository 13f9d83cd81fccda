#pragma once
#include <CLI/CLI.hpp>

#include "check_command.hpp"

namespace policycheck::cli {

// Adds `baseline create -o FILE PATH...`: screens PATHs like `check` and
// records every finding's fingerprint; `check --baseline FILE` then reports
// only findings that are not in it.
void add_baseline_command(CLI::App& app, CheckOptions& options, std::function<int()>& run);

}  // namespace policycheck::cli
