// `policycheck bench`: what a policy costs on a corpus, for a policy author
// deciding whether a rule pack is affordable. Loading is timed both cold
// (parse and compile, no cache) and from the cache; the corpus is read once
// without screening (the floor), then screened with 1 and with N threads.
// Throughput is given per wall-clock second and per CPU second: on a shared
// or busy machine the CPU figure is the one that means something. With
// --repeat the cached load and the scan passes run several times, the 1- and
// N-thread passes taking turns so that a change in the machine's load hits
// both alike, and the median of each is reported with the speed-up.
#include "bench_command.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "bench_passes.hpp"
#include "policycheck/input.hpp"
#include "policycheck/report.hpp"

namespace policycheck::cli {
namespace {

struct LoadTimes {
  double cold_ms = -1;   // parse + compile, cache unused
  double cache_ms = -1;  // parse + database from the cache; -1 with --no-cache
};

double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // kilobytes on Linux
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Times one cold load (parse and compile, cache unused) and `repeat` loads
// from the cache (their median), compiling only once: when nothing is cached
// yet, the first load is the cold one and stores the database for the rest.
std::shared_ptr<const CompiledPolicy> load_policy(const PolicyOptions& options, unsigned repeat, LoadTimes& times) {
  auto timed_load = [](const PolicyOptions& o, double& ms) {
    const auto started = std::chrono::steady_clock::now();
    std::shared_ptr<const CompiledPolicy> policy = o.load();
    ms = elapsed_ms(started);
    return policy;
  };
  PolicyOptions cold = options;
  cold.no_cache = true;
  if (options.no_cache) return timed_load(cold, times.cold_ms);
  double ms = 0;
  std::shared_ptr<const CompiledPolicy> policy = timed_load(options, ms);
  if (!policy) return nullptr;
  std::vector<double> cached;
  if (policy->stats().from_cache) {
    cached.push_back(ms);
    if (!timed_load(cold, times.cold_ms)) return nullptr;
  } else {
    times.cold_ms = ms;
  }
  while (cached.size() < repeat) {
    std::shared_ptr<const CompiledPolicy> again = timed_load(options, ms);
    if (!again) return nullptr;
    if (!again->stats().from_cache) return policy;  // the cache cannot be written: nothing to time
    cached.push_back(ms);
    policy = std::move(again);
  }
  if (!cached.empty()) times.cache_ms = median(cached);
  return policy;
}

// The run whose wall time is the median of `runs` (the lower middle one of
// an even count), so that its CPU time and findings come from the same run.
PassResult median_run(std::vector<PassResult> runs) {
  std::sort(runs.begin(), runs.end(), [](const PassResult& a, const PassResult& b) { return a.wall_seconds < b.wall_seconds; });
  return runs[(runs.size() - 1) / 2];
}

// How many times faster the N-thread pass ran than the 1-thread one, by
// the medians of their wall times; 0 when there is no N-thread pass.
double speed_up(const std::vector<PassResult>& passes) {
  if (passes.size() < 3 || passes[2].wall_seconds <= 0) return 0;
  return passes[1].wall_seconds / passes[2].wall_seconds;
}

double gb_per_second(uint64_t bytes, double seconds) { return seconds > 0 ? static_cast<double>(bytes) / 1e9 / seconds : 0; }

void print_text(const BenchOptions& options, size_t files, const CompiledPolicy& policy, const LoadTimes& load,
                const std::vector<PassResult>& passes, long rss_kb) {
  const PassResult& first = passes.front();
  const CompileStats& stats = policy.stats();
  std::cout << fmt::format("corpus: {} file{}, {:.1f} MB, {} records ({})\n", files, files == 1 ? "" : "s",
                           static_cast<double>(first.bytes) / 1e6, first.records,
                           options.lines ? "one per line" : "as check reads them");
  std::cout << fmt::format("policy: {} rules, {} patterns, database {:.1f} KB\n", policy.policy().rules.size(),
                           stats.patterns, static_cast<double>(stats.database_bytes) / 1024.0);
  std::cout << fmt::format("load: {} from cache, {:.1f} ms cold (parse and compile)\n",
                           load.cache_ms < 0 ? std::string("not measured (--no-cache)")
                                             : fmt::format("{:.1f} ms", load.cache_ms),
                           load.cold_ms);
  std::cout << fmt::format("{:<22} {:>9} {:>9} {:>10} {:>10} {:>10}\n", "pass", "wall s", "CPU s", "GB/s wall",
                           "GB/s CPU", "findings");
  for (const PassResult& p : passes) {
    const std::string name = p.screened ? fmt::format("{}, {} thread{}", p.name, p.threads, p.threads == 1 ? "" : "s")
                                        : p.name;
    std::cout << fmt::format("{:<22} {:>9.3f} {:>9.3f} {:>10.3f} {:>10.3f} {:>10}\n", name, p.wall_seconds,
                             p.cpu_seconds, gb_per_second(p.bytes, p.wall_seconds),
                             gb_per_second(p.bytes, p.cpu_seconds),
                             p.screened ? std::to_string(p.findings) : std::string("-"));
  }
  if (const double s = speed_up(passes); s > 0) {
    std::cout << fmt::format("speed-up, {} threads: {:.2f}x the 1-thread wall time", passes[2].threads, s);
    std::cout << (options.repeat > 1 ? fmt::format(" (medians of {} runs each)\n", options.repeat) : std::string("\n"));
  }
  std::cout << fmt::format("peak RSS: {:.1f} MB\n", static_cast<double>(rss_kb) / 1024.0);
}

void print_json(const BenchOptions& options, size_t files, const CompiledPolicy& policy, const LoadTimes& load,
                const std::vector<PassResult>& passes, long rss_kb) {
  const PassResult& first = passes.front();
  const CompileStats& stats = policy.stats();
  std::cout << fmt::format(
      "{{\"corpus\":{{\"files\":{},\"bytes\":{},\"records\":{},\"records_are\":\"{}\"}},"
      "\"policy\":{{\"rules\":{},\"patterns\":{},\"database_bytes\":{}}},"
      "\"load_ms\":{{\"cold\":{:.3f},\"cache\":{}}},\"passes\":[",
      files, first.bytes, first.records, options.lines ? "lines" : "files",
      policy.policy().rules.size(), stats.patterns, stats.database_bytes, load.cold_ms,
      load.cache_ms < 0 ? std::string("null") : fmt::format("{:.3f}", load.cache_ms));
  for (size_t i = 0; i < passes.size(); ++i) {
    const PassResult& p = passes[i];
    std::cout << fmt::format(
        "{}{{\"pass\":\"{}\",\"threads\":{},\"bytes\":{},\"records\":{},\"findings\":{},\"wall_s\":{:.6f},"
        "\"cpu_s\":{:.6f},\"gb_per_s_wall\":{:.6f},\"gb_per_s_cpu\":{:.6f}}}",
        i ? "," : "", p.name, p.threads, p.bytes, p.records, p.screened ? std::to_string(p.findings) : "null",
        p.wall_seconds, p.cpu_seconds, gb_per_second(p.bytes, p.wall_seconds), gb_per_second(p.bytes, p.cpu_seconds));
  }
  const double s = speed_up(passes);
  std::cout << fmt::format("],\"repeat\":{},\"speed_up\":{},\"peak_rss_kb\":{}}}\n", options.repeat,
                           s > 0 ? fmt::format("{:.3f}", s) : std::string("null"), rss_kb);
}

}  // namespace

void add_bench_command(CLI::App& app, BenchOptions& o, std::function<int()>& run) {
  CLI::App* bench = app.add_subcommand(
      "bench", "Measure how fast a policy loads and screens a corpus (GB/s, 1 and N threads, peak memory)");
  o.policy.add_to(*bench);
  o.input.add_to(*bench);
  bench->add_option("corpus", o.paths, "Files or folders to screen (read several times; not stdin)")->required();
  bench->add_flag("--lines", o.lines,
                  "Every line is one record (comment exports as plain text); default: read files as check does");
  bench->add_option("--jobs,-j", o.jobs, "Threads for the N-thread pass (default: all cores)");
  bench->add_option("--format,-f", o.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  bench->add_option("--max-file-size", o.max_file_size, "Largest file to read, in bytes (not with --lines)");
  bench->add_option("--repeat,-r", o.repeat,
                    "Time the cached load and each scan pass this many times (1 and N threads taking turns) and "
                    "report the medians (default: 1)")
      ->check(CLI::Range(1u, 100u));
  bench->callback([&] { run = [&] { return run_bench(o); }; });
}

int run_bench(const BenchOptions& options) {
  if (std::find(options.paths.begin(), options.paths.end(), "-") != options.paths.end()) {
    print_error("bench reads its corpus several times: name files or folders, not stdin (-)");
    return kExitError;
  }
  size_t input_errors = 0;
  auto diagnose = [&](const InputDiagnostic& d) {
    if (d.level == InputDiagnostic::Level::error) ++input_errors;
    std::cerr << "policycheck: " << d.to_string() << '\n';
  };
  PassInput input;
  input.files = expand_paths(options.paths, !options.input.no_ignore, diagnose);
  input.lines = options.lines;
  input.reader = options.input.reader_options(options.max_file_size);
  if (input_errors || input.files.empty()) {
    if (!input_errors) print_error("no files to benchmark");
    return kExitError;
  }

  LoadTimes load;
  const std::shared_ptr<const CompiledPolicy> policy = load_policy(options.policy, options.repeat, load);
  if (!policy) return kExitError;

  const unsigned threads = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<PassResult> passes;
  try {
    input.diagnose = diagnose;
    passes.push_back(run_pass("read only", input, 1, nullptr));
    input.diagnose = nullptr;
    std::vector<PassResult> one, many;
    for (unsigned r = 0; r < options.repeat; ++r) {
      one.push_back(run_pass("scan", input, 1, policy));
      if (threads > 1) many.push_back(run_pass("scan", input, threads, policy));
    }
    // Every run must find the same: the scan may not depend on timing.
    for (const std::vector<PassResult>* runs : {&one, &many}) {
      for (const PassResult& run : *runs) {
        if (run.findings != one.front().findings) {
          print_error(fmt::format("{} findings with 1 thread but {} in a run with {}: the scan is not deterministic",
                                  one.front().findings, run.findings, run.threads));
          return kExitError;
        }
      }
    }
    passes.push_back(median_run(one));
    if (!many.empty()) passes.push_back(median_run(many));
  } catch (const std::exception& e) {
    print_error(e.what());
    return kExitError;
  }
  if (input_errors) return kExitError;
  const long rss_kb = peak_rss_kb();
  if (options.format == "json") print_json(options, input.files.size(), *policy, load, passes, rss_kb);
  else print_text(options, input.files.size(), *policy, load, passes, rss_kb);
  return kExitClean;
}

}  // namespace policycheck::cli
