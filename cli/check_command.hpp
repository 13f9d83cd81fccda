#pragma once
#include <CLI/CLI.hpp>

#include "common_options.hpp"

namespace policycheck::cli {

struct CheckOptions {
  PolicyOptions policy;
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string fail_on = "error";
  std::string color = "auto";
  bool show_matches = false;
  unsigned jobs = 0;  // 0 = all cores
  double min_confidence = 0;
  uint64_t max_file_size = 1ull << 30;
};

CLI::App* add_check_command(CLI::App& app, CheckOptions& options);
int run_check(const CheckOptions& options);

}  // namespace policycheck::cli
