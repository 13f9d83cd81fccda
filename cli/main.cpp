// policycheck: screen text against a school's social-media policy.
// The CLI is thin: it parses options and calls the engine.
#include <CLI/CLI.hpp>

#include <iostream>
#include <string_view>

#include "baseline_command.hpp"
#include "bench_command.hpp"
#include "check_command.hpp"
#include "fix_command.hpp"
#include "init_command.hpp"
#include "rules_command.hpp"

using namespace policycheck::cli;

namespace {

// `policycheck draft.txt` means `policycheck check draft.txt`.
std::vector<std::string> with_default_command(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  static const std::vector<std::string_view> kCommands = {"check", "rules",  "fix", "baseline", "init", "bench",
                                                          "--help", "-h",    "--version", "-V"};
  if (!args.empty() && std::find(kCommands.begin(), kCommands.end(), args[0]) == kCommands.end()) {
    args.insert(args.begin(), "check");
  }
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"policycheck: screen posts, newsletters and archives against a school's social-media policy"};
  app.name("policycheck");
  app.set_version_flag("--version,-V", std::string("policycheck ") + POLICYCHECK_VERSION);
  app.require_subcommand(1);

  CheckOptions check_options;
  CLI::App* check = add_check_command(app, check_options);
  std::function<int()> run;
  check->callback([&] { run = [&] { return run_check(check_options); }; });
  RulesOptions rules_options;
  add_rules_command(app, rules_options, run);
  FixOptions fix_options;
  add_fix_command(app, fix_options, run);
  CheckOptions baseline_options;
  add_baseline_command(app, baseline_options, run);
  InitOptions init_options;
  add_init_command(app, init_options, run);
  BenchOptions bench_options;
  add_bench_command(app, bench_options, run);

  std::vector<std::string> args = with_default_command(argc, argv);
  std::reverse(args.begin(), args.end());  // CLI11 takes arguments in reverse order
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }
  try {
    return run ? run() : kExitError;
  } catch (const std::exception& e) {
    print_error(e.what());
    return kExitError;
  }
}
