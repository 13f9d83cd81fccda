#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "common_options.hpp"
#include "scan_pipeline.hpp"

namespace policycheck::cli {

struct BenchOptions {
  PolicyOptions policy;
  InputCliOptions input;
  std::vector<std::string> paths;
  unsigned jobs = 0;  // the N of "N threads"; 0 = all cores
  bool lines = false;
  unsigned repeat = 1;  // each timed step this many times; the median is reported
  std::string format = "text";  // text | json
  uint64_t max_file_size = 1ull << 30;
};

// Adds `bench [policy options] [--lines] [--jobs N] [--repeat R] CORPUS...`: how fast a
// policy loads and screens a corpus, and how much memory it takes.
void add_bench_command(CLI::App& app, BenchOptions& options, std::function<int()>& run);
int run_bench(const BenchOptions& options);

}  // namespace policycheck::cli
