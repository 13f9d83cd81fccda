// `policycheck fix FILE`: a copy of the file with what can be fixed fixed
// (personal data -> a removal marker, a pupil's full name -> the allowed
// form). The original is never touched unless --in-place, and then
// atomically. Exit 0 when nothing is left to fix, 1 when some findings need
// a person, 2 on errors.
#include "fix_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "policycheck/file_setup.hpp"
#include "policycheck/fix.hpp"
#include "policycheck/input.hpp"
#include "policycheck/scanner.hpp"

namespace policycheck::cli {
namespace {

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec) && !ec;
}

}  // namespace

void add_fix_command(CLI::App& app, FixOptions& o, std::function<int()>& run) {
  CLI::App* fix = app.add_subcommand("fix", "Write a copy of FILE with personal data removed and pupils' full "
                                            "names shortened (text, Markdown, HTML)");
  o.policy.add_to(*fix);
  fix->add_option("file", o.file, "The file to fix")->required()->check(CLI::ExistingFile);
  auto* output = fix->add_option("--output,-o", o.output, "Write the fixed copy to OUT (default: stdout)");
  auto* in_place = fix->add_flag("--in-place,-i", o.in_place, "Replace FILE itself (atomically)");
  output->excludes(in_place);
  fix->add_flag("--dry-run,-n", o.dry_run, "Print the changes as a unified diff and write nothing");
  fix->add_option("--config", o.config_file, "Use this config file instead of the nearest .policycheck.yaml")
      ->check(CLI::ExistingFile);
  fix->add_flag("--no-config", o.no_config, "Ignore .policycheck.yaml files");
  fix->callback([&run, &o] { run = [&o] { return run_fix(o); }; });
}

int run_fix(const FixOptions& o) {
  if (!o.output.empty() && !o.in_place && same_file(o.output, o.file)) {
    print_error("-o names the input file itself; use --in-place to replace it");
    return kExitError;
  }
  ConfigFinder configs(o.config_file.empty() ? std::nullopt : std::optional<std::filesystem::path>(o.config_file),
                       o.no_config);
  FileSetups setups(configs, [&](const ProjectConfig* config) { return o.policy.load(config); });
  std::shared_ptr<const FileSetup> setup;
  try {
    setup = setups.for_path(o.file);
  } catch (const PolicyError& e) {
    for (const PolicyIssue& issue : e.issues()) print_error(issue.to_string());
    return kExitError;
  }
  if (!setup) return kExitError;

  bool input_failed = false;
  auto diagnose = [&](InputDiagnostic d) {
    if (d.level == InputDiagnostic::Level::error) input_failed = true;
    std::cerr << "policycheck: " << d.to_string() << '\n';
  };
  std::string bytes;
  if (!read_file(o.file, InputLimits{}, bytes, diagnose)) return kExitError;
  if (looks_binary(bytes)) {
    print_error(o.file + ": binary file: nothing policycheck can fix");
    return kExitError;
  }
  // Records come from the file's reader, so Markdown and HTML markup is
  // not screened; their source maps give the bytes to edit.
  Scanner scanner(setup->policy);
  std::vector<Finding> findings;
  ReaderOptions reader;
  const ReadStats stats = read_input(o.file, o.file, reader, [&](const Record& record) {
    const size_t first = findings.size();
    scanner.scan(record, findings);
    setup->after_record(record, findings, first);
  }, diagnose);
  if (stats.failed || input_failed) return kExitError;

  const FixPlan plan = plan_fixes(bytes, findings, fix_markup_for(o.file));
  if (o.dry_run) {
    std::cout << unified_diff(bytes, plan.edits, "a/" + o.file, "b/" + o.file);
  } else {
    const std::string fixed = apply_fixes(bytes, plan.edits);
    try {
      if (o.in_place) {
        if (!plan.edits.empty()) write_file_atomically(o.file, fixed);
      } else if (!o.output.empty()) {
        std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
        if (!(out << fixed) || !out.flush()) {
          print_error("cannot write " + o.output);
          return kExitError;
        }
      } else {
        std::cout << fixed;
        std::cout.flush();
      }
    } catch (const std::runtime_error& e) {
      print_error(e.what());
      return kExitError;
    }
  }

  std::cerr << "policycheck: " << (o.dry_run ? "would fix " : "fixed ") << plan.edits.size() << " finding"
            << (plan.edits.size() == 1 ? "" : "s") << " in " << o.file;
  if (plan.left_for_a_person.empty()) {
    std::cerr << '\n';
    return kExitClean;
  }
  std::cerr << "; " << plan.left_for_a_person.size() << " need" << (plan.left_for_a_person.size() == 1 ? "s" : "")
            << " a person:\n";
  for (const Finding& f : plan.left_for_a_person) {
    std::cerr << "  " << f.path << ':' << f.line << ':' << f.column << ": " << to_string(f.severity) << ' ' << f.rule
              << ": " << f.message << '\n';
  }
  return kExitFindings;
}

}  // namespace policycheck::cli
