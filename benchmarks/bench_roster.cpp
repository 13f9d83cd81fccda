// Roster scale: compile time and single-thread scan throughput of the
// pupil-names rules with a roster of any size (see benchmarks/README.md,
// "Roster scale").
//
//   bench_roster ROSTER.csv SOURCE_DIR [MEGABYTES]
//
// Compiles rules/pupil-names.yaml with the roster (no cache), then screens
// MEGABYTES (default 64) of newsletter-like text in which about one sentence
// in ten names a pupil from the roster, and prints patterns, database size,
// compile time, findings and MB/s.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/roster.hpp"
#include "policycheck/scanner.hpp"

using namespace policycheck;

namespace {

// CPU seconds of this process and its waited-for children (Hyperscan may
// compile in a child): on a shared machine wall time measures the load.
double cpu_seconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage usage{};
    getrusage(who, &usage);
    total += static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
             static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  }
  return total;
}

const char* const kFiller[] = {
    "The children enjoyed a lovely trip to the museum and learnt about the Romans. ",
    "Please remember that PE kits should be in school every Monday and Thursday. ",
    "Our summer rose garden is blooming thanks to the gardening club volunteers. ",
    "Year 4 have been writing persuasive letters about protecting local wildlife. ",
    "The book fair raised over two hundred pounds for new library books this term. ",
    "Parents evening appointments can be booked through the school office. ",
    "By grace, hope and love we grow together as a school community. ",
    "Reception explored floating and sinking with boats they made themselves. ",
    "Thank you to everyone who supported the cake sale on Friday afternoon. "};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_roster ROSTER.csv SOURCE_DIR [MEGABYTES]\n");
    return 2;
  }
  const size_t megabytes = argc > 3 ? static_cast<size_t>(std::atol(argv[3])) : 64;
  const auto started = std::chrono::steady_clock::now();
  const double cpu_started = cpu_seconds();
  std::shared_ptr<const CompiledPolicy> policy;
  try {
    PolicyLoader loader;
    loader.add_file(std::string(argv[2]) + "/rules/pupil-names.yaml");
    loader.add_roster(argv[1]);
    Policy loaded = loader.finish();
    CompileOptions options;
    options.use_cache = false;
    policy = CompiledPolicy::compile(std::move(loaded), options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_roster: %s\n", e.what());
    return 2;
  }
  const double load_compile_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  const double load_compile_cpu = cpu_seconds() - cpu_started;
  const Roster& roster = *policy->policy().roster;

  Scanner scanner(policy);
  std::printf("pupils %zu  patterns %zu  database %.1f MB  load+compile: %.2f s CPU, %.2f s wall\n",
              roster.pupils.size(), policy->stats().patterns,
              static_cast<double>(policy->stats().database_bytes) / (1 << 20), load_compile_cpu,
              load_compile_ms / 1000);
  // Newsletter-like text: once with no pupil named (the common case: most
  // text is clean), once with one sentence in ten naming a pupil (full name
  // or forename only, as real posts mix them).
  for (const int every : {0, 10}) {
    std::mt19937 rng(7);
    std::string text;
    const size_t target = megabytes << 20;
    while (text.size() < target) {
      if (every && rng() % every == 0) {
        const Pupil& p = roster.pupils[rng() % roster.pupils.size()];
        text += rng() % 2 ? "Well done to " + p.forename + " " + p.surname + " for a super week. "
                          : "Well done to " + p.forename + " for a super week. ";
      } else {
        text += kFiller[rng() % (sizeof kFiller / sizeof kFiller[0])];
      }
      if (rng() % 3 == 0) text += "\n";
    }
    std::vector<Finding> findings;
    size_t total_findings = 0;
    // Screen in 64 KiB records, as the readers hand over paragraphs of posts.
    const size_t chunk = 64 << 10;
    const auto scan_started = std::chrono::steady_clock::now();
    const double scan_cpu_started = cpu_seconds();
    for (size_t pos = 0; pos < text.size(); pos += chunk) {
      Record record;
      record.path = "bench";
      record.text = std::string_view(text).substr(pos, std::min(chunk, text.size() - pos));
      findings.clear();
      scanner.scan(record, findings);
      total_findings += findings.size();
    }
    const double cpu = cpu_seconds() - scan_cpu_started;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - scan_started).count();
    const double mb = static_cast<double>(text.size()) / (1 << 20);
    std::printf("  %-30s %zu MB  findings %8zu  %6.0f MB per CPU second (%4.0f MB/s wall)\n",
                every ? "text naming pupils (1 in 10)" : "text naming no pupil", megabytes, total_findings,
                mb / cpu, mb / seconds);
  }
  return 0;
}
