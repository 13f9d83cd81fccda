// `policycheck baseline create`: the baseline is the "baseline" report
// format of an ordinary check, written to a file, whatever the findings.
#include "baseline_command.hpp"

namespace policycheck::cli {

void add_baseline_command(CLI::App& app, CheckOptions& o, std::function<int()>& run) {
  CLI::App* baseline = app.add_subcommand("baseline", "Record today's findings so CI fails only on new ones");
  baseline->require_subcommand(1);
  CLI::App* create = baseline->add_subcommand(
      "create", "Screen PATHs and write every finding's fingerprint (a keyed hash: no text, no line numbers) to FILE");
  o.policy.add_to(*create);
  create->add_option("paths", o.paths, "Files, folders (scanned recursively) or - for stdin")->required();
  create->add_option("--output,-o", o.output, "The baseline file to write")->required();
  create->add_option("--config", o.config_file, "Use this config file instead of the nearest .policycheck.yaml")
      ->check(CLI::ExistingFile);
  create->add_flag("--no-config", o.no_config, "Ignore .policycheck.yaml files");
  create->add_option("--jobs,-j", o.jobs, "Threads to use (default: all cores)");
  create->callback([&run, &o] {
    o.format = "baseline";
    o.fail_on = "never";  // recording findings is not failing on them
    run = [&o] { return run_check(o); };
  });
}

}  // namespace policycheck::cli
