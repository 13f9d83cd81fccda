#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace policycheck::cli {

struct InitOptions {
  std::string folder = ".";
};

// Adds `init [FOLDER]`: writes a commented starter .policycheck.yaml.
void add_init_command(CLI::App& app, InitOptions& options, std::function<int()>& run);
int run_init(const InitOptions& options);

}  // namespace policycheck::cli
