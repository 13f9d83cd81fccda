#pragma once
#include <CLI/CLI.hpp>

#include "common_options.hpp"
#include "scan_pipeline.hpp"

namespace policycheck::cli {

struct CheckOptions {
  PolicyOptions policy;
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::string fail_on;  // empty: the project config's fail_on, else error
  std::string config_file;  // --config: one .policycheck.yaml for every file
  bool no_config = false;
  std::string baseline;     // report only findings not in this baseline
  std::string color = "auto";
  bool show_matches = false;
  unsigned jobs = 0;  // 0 = all cores
  double min_confidence = 0;
  uint64_t max_file_size = 1ull << 30;
  uint64_t max_record_size = 64ull << 20;
  size_t max_findings_per_file = 10'000;  // 0 = no limit
  InputCliOptions input;  // --input-format and the field options
};

CLI::App* add_check_command(CLI::App& app, CheckOptions& options);
int run_check(const CheckOptions& options);

}  // namespace policycheck::cli
