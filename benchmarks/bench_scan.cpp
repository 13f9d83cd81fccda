// Throughput of the built-in policy (plus any --policy files) on a corpus of
// one-comment-per-line text: reading memory, then scanning with 1 and N
// threads, each comment a record as in an archive. Prints GB/s and peak RSS.
//
//   bench_scan CORPUS [--threads N] [--policy FILE]... [--no-default-policy]
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/scanner.hpp"

using namespace policycheck;
using Clock = std::chrono::steady_clock;

namespace {

// CPU time of the calling thread: steadier than wall time on a shared machine.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

long peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// Scans lines [begin, end) of `lines` as records; returns findings count.
size_t scan_lines(const std::shared_ptr<const CompiledPolicy>& policy, const std::vector<std::string_view>& lines,
                  size_t begin, size_t end) {
  Scanner scanner(policy);
  std::vector<Finding> findings;
  size_t total = 0;
  Record record;
  record.path = "corpus";
  for (size_t i = begin; i < end; ++i) {
    record.text = lines[i];
    scanner.scan(record, findings);
    total += findings.size();
    findings.clear();
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> policies;
  bool builtin = true;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--threads" && i + 1 < argc) threads = static_cast<unsigned>(std::stoul(argv[++i]));
    else if (arg == "--policy" && i + 1 < argc) policies.push_back(argv[++i]);
    else if (arg == "--no-default-policy") builtin = false;
    else corpus = arg;
  }
  if (corpus.empty()) {
    std::cerr << "usage: bench_scan CORPUS [--threads N] [--policy FILE]... [--no-default-policy]\n";
    return 2;
  }

  auto t0 = Clock::now();
  PolicyLoader loader;
  if (builtin) loader.add_builtin();
  for (const auto& p : policies) loader.add_file(p);
  auto policy = CompiledPolicy::compile(loader.finish());
  const double load_ms = seconds_since(t0) * 1000;

  t0 = Clock::now();
  std::string data;
  if (FILE* f = std::fopen(corpus.c_str(), "rb")) {
    std::fseek(f, 0, SEEK_END);
    data.resize(static_cast<size_t>(std::ftell(f)));
    std::fseek(f, 0, SEEK_SET);
    data.resize(std::fread(data.data(), 1, data.size(), f));
    std::fclose(f);
  } else {
    std::cerr << "cannot read " << corpus << '\n';
    return 2;
  }
  const double read_s = seconds_since(t0);
  const double gb = static_cast<double>(data.size()) / 1e9;

  // Reading memory: one pass counting newlines (the floor for any scanner).
  t0 = Clock::now();
  std::vector<std::string_view> lines;
  lines.reserve(data.size() / 64);
  size_t start = 0;
  while (start < data.size()) {
    const void* nl = std::memchr(data.data() + start, '\n', data.size() - start);
    const size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data.data()) : data.size();
    lines.emplace_back(data.data() + start, end - start);
    start = end + 1;
  }
  const double split_s = seconds_since(t0);

  t0 = Clock::now();
  const double cpu0 = thread_cpu_seconds();
  const size_t findings1 = scan_lines(policy, lines, 0, lines.size());
  const double scan1_s = seconds_since(t0);
  const double scan1_cpu = thread_cpu_seconds() - cpu0;

  t0 = Clock::now();
  std::vector<std::thread> pool;
  std::atomic<size_t> findingsN{0};
  const size_t chunk = (lines.size() + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    const size_t b = std::min(lines.size(), t * chunk), e = std::min(lines.size(), b + chunk);
    pool.emplace_back([&, b, e] { findingsN += scan_lines(policy, lines, b, e); });
  }
  for (auto& t : pool) t.join();
  const double scanN_s = seconds_since(t0);

  std::printf("corpus: %s, %.1f MB, %zu records\n", corpus.c_str(), gb * 1000, lines.size());
  std::printf("policy: %zu rules, %zu patterns, database %.1f KB, load %.1f ms (%s)\n",
              policy->policy().rules.size(), policy->stats().patterns, policy->stats().database_bytes / 1024.0,
              load_ms, policy->stats().from_cache ? "from cache" : "compiled");
  std::printf("%-34s %10s %10s\n", "step", "seconds", "GB/s");
  std::printf("%-34s %10.3f %10.2f\n", "read file (page cache)", read_s, gb / read_s);
  std::printf("%-34s %10.3f %10.2f\n", "split into records (memchr)", split_s, gb / split_s);
  std::printf("%-34s %10.3f %10.3f\n", "scan, 1 thread (wall)", scan1_s, gb / scan1_s);
  std::printf("%-34s %10.3f %10.3f\n", "scan, 1 thread (CPU time)", scan1_cpu, gb / scan1_cpu);
  std::printf("%-34s %10.3f %10.3f\n", ("scan, " + std::to_string(threads) + " threads").c_str(), scanN_s,
              gb / scanN_s);
  std::printf("findings: %zu (1 thread), %zu (%u threads)\n", findings1, findingsN.load(), threads);
  std::printf("peak RSS: %ld MB\n", peak_rss_mb());
  return findings1 == findingsN ? 0 : 1;
}
