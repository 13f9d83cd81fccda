// `policycheck [check] PATH...`: screen files, folders and stdin, print the
// findings, and turn them into an exit code.
#include "check_command.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "policycheck/fingerprint.hpp"
#include "policycheck/input.hpp"
#include "policycheck/report.hpp"
#include "policycheck/scanner.hpp"

namespace policycheck::cli {
namespace {

struct FileResult {
  std::vector<Finding> findings;
  std::vector<InputDiagnostic> diagnostics;
  bool scanned = false;
  bool skipped = false;
  size_t records = 0;
  size_t bytes = 0;
};

FileResult screen_file(const std::string& path, Scanner& scanner, const InputLimits& limits,
                       const std::string& fingerprint_key) {
  FileResult result;
  auto diagnose = [&](InputDiagnostic d) { result.diagnostics.push_back(std::move(d)); };
  std::string bytes;
  if (!read_file(path, limits, bytes, diagnose)) return result;
  if (looks_binary(bytes)) {
    result.skipped = true;
    diagnose({InputDiagnostic::Level::notice, path, 0, "binary file skipped"});
    return result;
  }
  result.bytes = bytes.size();
  std::string storage;
  const std::string display_path = path == "-" ? "<stdin>" : path;
  read_plain_text(display_path, bytes, storage, [&](const Record& record) {
    ++result.records;
    scanner.scan(record, result.findings);
  }, diagnose);
  result.scanned = true;
  assign_fingerprints(result.findings, fingerprint_key);
  return result;
}

bool use_colour(const CheckOptions& options) {
  if (options.color == "always") return true;
  if (options.color == "never" || !options.output.empty() || options.format != "text") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace

CLI::App* add_check_command(CLI::App& app, CheckOptions& o) {
  CLI::App* check = app.add_subcommand("check", "Screen files, folders or stdin (-) against the policy (default)");
  o.policy.add_to(*check);
  check->add_option("paths", o.paths, "Files, folders (scanned recursively) or - for stdin")->required();
  check->add_option("--format,-f", o.format, "Output format")
      ->check(CLI::IsMember(reporter_formats()));
  check->add_option("--output,-o", o.output, "Write the report to FILE instead of stdout");
  check->add_option("--fail-on", o.fail_on, "Exit 1 when a finding is at or above this severity")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  check->add_flag("--show-matches", o.show_matches, "Show matched text in machine-readable formats");
  check->add_option("--jobs,-j", o.jobs, "Threads to use (default: all cores)");
  check->add_option("--min-confidence", o.min_confidence, "Drop findings below this confidence (0-1)")
      ->check(CLI::Range(0.0, 1.0));
  check->add_option("--max-file-size", o.max_file_size, "Largest file to read, in bytes");
  check->add_option("--color", o.color, "Colour in text output")->check(CLI::IsMember({"auto", "always", "never"}));
  return check;
}

int run_check(const CheckOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  auto policy = options.policy.load();
  if (!policy) return kExitError;

  std::ofstream file_out;
  std::ostream* out = &std::cout;
  if (!options.output.empty()) {
    file_out.open(options.output, std::ios::binary | std::ios::trunc);
    if (!file_out) {
      print_error("cannot write " + options.output);
      return kExitError;
    }
    out = &file_out;
  }
  ReportOptions report_options;
  report_options.show_matches = options.show_matches;
  report_options.color = use_colour(options);
  report_options.tool_version = POLICYCHECK_VERSION;
  auto reporter = make_reporter(options.format, *out, report_options, policy->policy());

  ScanSummary summary;
  size_t input_errors = 0;
  auto print_diagnostic = [&](const InputDiagnostic& d) {
    if (d.level == InputDiagnostic::Level::error) ++input_errors;
    std::cerr << "policycheck: " << d.to_string() << '\n';
  };
  const std::vector<std::string> files = expand_paths(options.paths, print_diagnostic);

  InputLimits limits;
  limits.max_file_bytes = options.max_file_size;
  const std::string key = load_fingerprint_key();
  ScanOptions scan_options;
  scan_options.min_confidence = options.min_confidence;

  // Files are screened in parallel but reported in the order given, so the
  // output is the same whatever the number of threads.
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(files.size(), 1)));
  std::vector<std::optional<FileResult>> results(files.size());
  std::mutex mutex;
  std::condition_variable ready;
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  auto worker = [&] {
    try {
      Scanner scanner(policy, scan_options);
      for (size_t i = next++; i < files.size(); i = next++) {
        FileResult result = screen_file(files[i], scanner, limits, key);
        std::lock_guard lock(mutex);
        results[i] = std::move(result);
        ready.notify_all();
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      next = files.size();
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  for (size_t i = 0; i < files.size(); ++i) {
    std::unique_lock lock(mutex);
    ready.wait(lock, [&] { return results[i].has_value() || failure; });
    if (!results[i]) break;
    FileResult result = std::move(*results[i]);
    results[i].reset();
    lock.unlock();
    for (const InputDiagnostic& d : result.diagnostics) print_diagnostic(d);
    summary.files_scanned += result.scanned;
    summary.files_skipped += result.skipped;
    summary.records += result.records;
    summary.bytes += result.bytes;
    for (const Finding& f : result.findings) {
      summary.count(f);
      reporter->add(f);
    }
  }
  for (std::thread& t : threads) t.join();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      print_error(e.what());
    }
    return kExitError;
  }
  summary.input_errors = input_errors;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  reporter->finish(summary);
  out->flush();
  if (!*out) {
    print_error("could not write the report");
    return kExitError;
  }
  if (input_errors) return kExitError;
  if (options.fail_on == "never") return kExitClean;
  const Severity threshold = *parse_severity(options.fail_on);
  for (const auto& [severity, count] : summary.by_severity) {
    if (count && severity >= threshold) return kExitFindings;
  }
  return kExitClean;
}

}  // namespace policycheck::cli
