#pragma once
// The timed passes of `policycheck bench`: the corpus read without screening,
// then screened with 1 and with N threads. Each pass streams the corpus from
// disk again, so peak memory shows what a real run needs, not the corpus size.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/input.hpp"
#include "policycheck/report.hpp"

namespace policycheck::cli {

struct PassResult {
  std::string name;
  unsigned threads = 1;
  uint64_t bytes = 0;
  uint64_t records = 0;
  uint64_t findings = 0;
  double wall_seconds = 0;
  double cpu_seconds = 0;  // user + system time of the whole process: every thread, reading included
  bool screened = false;   // false for the read-only pass
};

struct PassInput {
  std::vector<std::string> files;
  // true: every line of every file is one record (comment exports as plain
  // text), read in ~1 MiB batches; false: files are read by the format
  // readers exactly as `check` reads them (scan_pipeline.hpp).
  bool lines = false;
  ReaderOptions reader;
  // Where the readers' notices and errors go (files mode); the caller sets
  // it for one pass only, so each problem is reported once.
  std::function<void(const InputDiagnostic&)> diagnose;
};

// Reads (policy null) or screens the corpus with `threads` worker threads.
PassResult run_pass(const std::string& name, const PassInput& input, unsigned threads,
                    const std::shared_ptr<const CompiledPolicy>& policy);

}  // namespace policycheck::cli
