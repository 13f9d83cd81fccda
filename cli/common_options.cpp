#include "common_options.hpp"

#include <iostream>

#include "policycheck/policy_loader.hpp"

namespace policycheck::cli {

void print_error(const std::string& message) { std::cerr << "policycheck: error: " << message << '\n'; }

void PolicyOptions::add_to(CLI::App& app) {
  app.add_option("--policy", policy_files, "Policy pack (YAML) to add; repeatable")->check(CLI::ExistingFile);
  app.add_flag("--no-default-policy", no_default_policy, "Leave out the built-in policy");
  app.add_option("--var", variables, "Set a policy variable: NAME=VALUE[,VALUE...]; repeatable");
  app.add_flag("--no-cache", no_cache, "Compile the policy without reading or writing the database cache");
  app.add_option("--cache-dir", cache_dir, "Where compiled databases are cached");
  app.add_option("--compile-timeout", compile_timeout, "Seconds Hyperscan may spend compiling the policy")
      ->check(CLI::PositiveNumber);
  app.add_option("--max-database-size", max_database_size, "Largest compiled database, in bytes");
  app.add_option("--roster", roster_files, "Pupil roster (CSV) for the pupil-names rules; repeatable")
      ->check(CLI::ExistingFile);
}

std::shared_ptr<const CompiledPolicy> PolicyOptions::load(const ProjectConfig* config) const {
  try {
    PolicyLoader loader;
    if (config) add_config_packs(*config, loader, !no_default_policy);
    else if (!no_default_policy) loader.add_builtin();
    for (const std::string& file : policy_files) loader.add_file(file);
    for (const std::string& file : roster_files) loader.add_roster(file);
    if (config) set_config_variables(*config, loader);
    for (const std::string& assignment : variables) {
      const size_t eq = assignment.find('=');
      if (eq == std::string::npos || eq == 0) {
        print_error("--var expects NAME=VALUE, got '" + assignment + "'");
        return nullptr;
      }
      std::vector<std::string> values;
      std::string rest = assignment.substr(eq + 1);
      size_t start = 0;
      while (start <= rest.size()) {
        size_t comma = rest.find(',', start);
        if (comma == std::string::npos) comma = rest.size();
        if (comma > start) values.push_back(rest.substr(start, comma - start));
        start = comma + 1;
      }
      loader.set_variable(assignment.substr(0, eq), values);
    }
    CompileOptions options;
    options.use_cache = !no_cache;
    options.cache_dir = cache_dir;
    options.compile_timeout_seconds = compile_timeout;
    options.max_database_bytes = max_database_size;
    auto print_notices = [](const Policy& policy) {
      for (const std::string& notice : policy.notices) std::cerr << "policycheck: notice: " << notice << "\n";
    };
    if (!no_cache) {
      options.policy_key = policy_cache_key(loader, config ? policy_settings_digest(*config) : std::string());
      if (auto cached = CompiledPolicy::from_cache(options)) {
        print_notices(cached->policy());
        return cached;
      }
    }
    Policy policy = loader.finish();
    print_notices(policy);
    if (config) apply_config_to_policy(*config, policy);
    options.policy_files = loader.files_read();
    return CompiledPolicy::compile(std::move(policy), options);
  } catch (const PolicyError& e) {
    for (const PolicyIssue& issue : e.issues()) print_error(issue.to_string());
    return nullptr;
  }
}

}  // namespace policycheck::cli
