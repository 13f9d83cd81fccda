// `policycheck [check] PATH...`: screen files, folders and stdin, print the
// findings, and turn them into an exit code.
#include "check_command.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "policycheck/baseline.hpp"
#include "policycheck/file_setup.hpp"
#include "policycheck/fingerprint.hpp"
#include "policycheck/input.hpp"
#include "policycheck/report.hpp"
#include "policycheck/scanner.hpp"
#include "scan_pipeline.hpp"

namespace policycheck::cli {
namespace {

// Screens records with the policy of the file they came from (each file has
// the setup of its nearest config), then applies its suppressions and gives
// each finding its fingerprint. One per worker thread.
class PolicyScreener final : public RecordScreener {
 public:
  PolicyScreener(const std::vector<std::shared_ptr<const FileSetup>>& setups, const ScanOptions& options,
                 const std::string& key)
      : setups_(setups), options_(options), key_(key) {}

  void screen(size_t file_index, const Record& record, std::vector<Finding>& out) override {
    const FileSetup& setup = *setups_[file_index];
    Scanner& scanner = scanners_.try_emplace(setup.policy.get(), setup.policy, options_).first->second;
    found_.clear();
    scanner.scan(record, found_);
    setup.after_record(record, found_, 0);
    // Occurrence numbers in fingerprints count within a record (one id).
    assign_fingerprints(found_, key_);
    for (Finding& f : found_) out.push_back(std::move(f));
  }

  // One database pass over many short records (Scanner::scan_batch), then
  // the same per-record steps as screen().
  void screen_batch(size_t file_index, std::span<const Record> records, std::vector<Finding>& out) override {
    const FileSetup& setup = *setups_[file_index];
    Scanner& scanner = scanners_.try_emplace(setup.policy.get(), setup.policy, options_).first->second;
    scanner.scan_batch(records, [&](size_t i, std::vector<Finding>& found) {
      setup.after_record(records[i], found, 0);
      assign_fingerprints(found, key_);
      for (Finding& f : found) out.push_back(std::move(f));
    });
  }

 private:
  const std::vector<std::shared_ptr<const FileSetup>>& setups_;
  const ScanOptions& options_;
  const std::string& key_;
  std::map<const CompiledPolicy*, Scanner> scanners_;  // one per policy in use
  std::vector<Finding> found_;
};

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
  check->add_option("--fail-on", o.fail_on, "Exit 1 when a finding is at or above this severity (default: error)")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  check->add_flag("--show-matches", o.show_matches, "Show matched text in machine-readable formats");
  check->add_option("--jobs,-j", o.jobs, "Threads to use (default: all cores)");
  check->add_option("--min-confidence", o.min_confidence, "Drop findings below this confidence (0-1)")
      ->check(CLI::Range(0.0, 1.0));
  check->add_option("--max-file-size", o.max_file_size, "Largest file to read, in bytes");
  check->add_option("--max-record-size", o.max_record_size,
                    "Largest record (a text file, an archive line or post) to screen, in bytes");
  check->add_option("--max-findings-per-file", o.max_findings_per_file,
                    "Report at most this many findings per file (0: no limit)");
  check->add_option("--config", o.config_file, "Use this config file for every path instead of the nearest "
                    ".policycheck.yaml")->check(CLI::ExistingFile);
  check->add_flag("--no-config", o.no_config, "Ignore .policycheck.yaml files");
  check->add_option("--baseline", o.baseline, "Report only findings not recorded in this baseline file")
      ->check(CLI::ExistingFile);
  o.input.add_to(*check);
  check->add_option("--color", o.color, "Colour in text output")->check(CLI::IsMember({"auto", "always", "never"}));
  return check;
}

int run_check(const CheckOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ConfigFinder configs(options.config_file.empty() ? std::nullopt : std::optional<std::filesystem::path>(options.config_file),
                       options.no_config);
  FileSetups setups(configs, [&](const ProjectConfig* config) { return options.policy.load(config); });
  std::shared_ptr<const FileSetup> main_setup;  // the current folder's: report metadata and fail_on
  std::optional<Baseline> baseline;
  try {
    main_setup = setups.for_path("-");
    if (!options.baseline.empty()) baseline = Baseline::load(options.baseline);
  } catch (const PolicyError& e) {
    for (const PolicyIssue& issue : e.issues()) print_error(issue.to_string());
    return kExitError;
  } catch (const std::runtime_error& e) {
    print_error(e.what());
    return kExitError;
  }
  if (!main_setup) return kExitError;
  auto policy = main_setup->policy;

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
  if (const char* summary_file = std::getenv("GITHUB_STEP_SUMMARY"); summary_file && options.format == "github") {
    report_options.step_summary_path = summary_file;
  }
  auto reporter = make_reporter(options.format, *out, report_options, policy->policy());

  ScanSummary summary;
  size_t input_errors = 0;
  auto print_diagnostic = [&](const InputDiagnostic& d) {
    if (d.level == InputDiagnostic::Level::error) ++input_errors;
    std::cerr << "policycheck: " << d.to_string() << '\n';
  };
  std::vector<std::string> files = expand_paths(options.paths, !options.input.no_ignore, print_diagnostic);
  // Each file is screened under the nearest config; ignored files are skipped.
  std::vector<std::shared_ptr<const FileSetup>> file_setups;
  try {
    std::vector<std::string> kept;
    for (const std::string& file : files) {
      auto setup = setups.for_path(file);
      if (!setup) return kExitError;
      if (setup->ignores(file)) {
        ++summary.files_skipped;
        continue;
      }
      kept.push_back(file);
      file_setups.push_back(std::move(setup));
    }
    files = std::move(kept);
  } catch (const PolicyError& e) {
    for (const PolicyIssue& issue : e.issues()) print_error(issue.to_string());
    return kExitError;
  }

  const std::string key = load_fingerprint_key();
  ScanOptions scan_options;
  scan_options.min_confidence = options.min_confidence;
  // One past the per-file limit, so a record that reaches it is noticed.
  if (options.max_findings_per_file) scan_options.max_findings = options.max_findings_per_file + 1;

  // Records are screened in parallel but reported in input order, so the
  // output is the same whatever the number of threads (scan_pipeline.hpp).
  PipelineOptions pipeline;
  pipeline.jobs = options.jobs;
  pipeline.reader = options.input.reader_options(options.max_file_size);
  pipeline.reader.limits.max_record_bytes = options.max_record_size;
  pipeline.progress = progress_wanted();
  PipelineSink sink;
  sink.diagnostic = print_diagnostic;
  // Findings reported per file, against --max-findings-per-file: a file
  // that matches everywhere (a word list, a generated table) would
  // otherwise drown the report and hold every finding in the reporter.
  std::vector<size_t> reported(files.size(), 0);
  std::vector<size_t> dropped(files.size(), 0);
  const size_t max_per_file = options.max_findings_per_file ? options.max_findings_per_file : SIZE_MAX;
  sink.findings = [&](size_t file_index, std::vector<Finding>& findings) {
    for (const Finding& f : findings) {
      if (baseline && baseline->absorb(f)) continue;  // known already: only new findings count
      if (reported[file_index] >= max_per_file) {
        ++dropped[file_index];
        continue;
      }
      ++reported[file_index];
      summary.count(f);
      reporter->add(f);
    }
  };
  sink.file_done = [&](size_t file_index, const ReadStats& stats) {
    if (dropped[file_index]) {
      print_diagnostic({InputDiagnostic::Level::notice, files[file_index] == "-" ? "<stdin>" : files[file_index], 0,
                        "only " + std::to_string(max_per_file) +
                            " findings are reported; the rest were left out (--max-findings-per-file)"});
    }
    summary.files_scanned += !stats.skipped && (stats.records > 0 || !stats.failed);
    summary.files_skipped += stats.skipped;
    summary.records += stats.records;
    summary.bytes += stats.bytes;
  };
  try {
    run_scan_pipeline(files, pipeline,
                      [&] { return std::make_unique<PolicyScreener>(file_setups, scan_options, key); }, sink);
  } catch (const std::exception& e) {
    print_error(e.what());
    return kExitError;
  }
  // The process ends after the report: freeing the compiled policies
  // (thousands of patterns, megabytes of databases) was ~6 % of a start from
  // the cache, so they are left to the exit. Held from a static, so leak
  // checkers see them as reachable.
  static auto* left_to_exit = new std::vector<std::shared_ptr<const FileSetup>>();
  left_to_exit->push_back(main_setup);
  left_to_exit->insert(left_to_exit->end(), file_setups.begin(), file_setups.end());
  summary.input_errors = input_errors;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  reporter->finish(summary);
  out->flush();
  if (!*out) {
    print_error("could not write the report");
    return kExitError;
  }
  if (baseline && baseline->unused()) {
    std::cerr << "policycheck: notice: " << baseline->unused() << " of the " << baseline->size()
              << " findings in " << options.baseline << " were not found again; re-create it to drop them\n";
  }
  if (input_errors) return kExitError;
  std::string fail_on = options.fail_on;
  if (fail_on.empty()) fail_on = main_setup->config && main_setup->config->fail_on ? *main_setup->config->fail_on : "error";
  if (fail_on == "never") return kExitClean;
  const Severity threshold = *parse_severity(fail_on);
  for (const auto& [severity, count] : summary.by_severity) {
    if (count && severity >= threshold) return kExitFindings;
  }
  return kExitClean;
}

}  // namespace policycheck::cli
