#pragma once
// The project configuration file, .policycheck.yaml. The nearest one found
// walking up from each scanned file applies to it (nearest wins; files are
// not merged). It says which packs make up the policy, which rules are off
// or differently severe (everywhere or for some paths), the policy's
// variables (school names, official email domains, staff who may be named),
// where the roster is, which paths to skip, and the default --fail-on.
// Command-line options always win over the file.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "policycheck/finding.hpp"
#include "policycheck/policy.hpp"
#include "policycheck/policy_loader.hpp"

namespace policycheck {

inline constexpr const char* kConfigFileName = ".policycheck.yaml";

// What a config says about one rule (or a whole pack or category).
struct RuleSetting {
  bool enabled = true;
  std::optional<Severity> severity;
  SourceLocation location;
};

// Settings for the files matching some globs, applied after the top level.
struct PathOverride {
  std::vector<std::string> files;  // globs relative to the config's folder
  std::map<std::string, RuleSetting> rules;
  SourceLocation location;
};

struct ProjectConfig {
  std::filesystem::path file;  // the config file itself
  std::filesystem::path dir;   // its folder: globs and paths are relative to it
  // The built-in packs: all of them (default), none (the config's packs
  // replace them), or the ones named.
  bool builtin = true;
  std::vector<std::string> builtin_packs;  // empty with builtin = true: every pack
  std::vector<std::filesystem::path> packs;  // resolved against dir
  std::vector<std::pair<std::string, std::vector<std::string>>> variables;
  std::filesystem::path roster;  // resolved against dir; empty when not set
  std::map<std::string, RuleSetting> rules;
  std::vector<PathOverride> overrides;
  std::vector<std::string> ignore;  // globs of paths not to scan
  std::optional<std::string> fail_on;
};

// Throws PolicyError (file:line:column and cause) for any mistake: unknown
// keys, wrong types, bad severities, missing pack files.
ProjectConfig load_project_config(const std::filesystem::path& file);
ProjectConfig parse_project_config(const std::string& yaml, const std::filesystem::path& file);

// The nearest .policycheck.yaml in `start` (a folder) or above it.
std::optional<std::filesystem::path> find_project_config(const std::filesystem::path& start);

// Finds and loads the config for each scanned path, once per folder.
// Thread-safe.
class ConfigFinder {
 public:
  // forced: use this file for every path; disabled: use none.
  ConfigFinder(std::optional<std::filesystem::path> forced, bool disabled);
  // The config for a file ("-"/"<stdin>": the current folder), or nullptr.
  std::shared_ptr<const ProjectConfig> for_path(const std::string& path);

 private:
  std::optional<std::filesystem::path> forced_;
  bool disabled_;
  std::mutex mutex_;
  std::map<std::filesystem::path, std::shared_ptr<const ProjectConfig>> by_folder_;
  std::map<std::filesystem::path, std::shared_ptr<const ProjectConfig>> by_file_;
};

// Loader stage: the packs the config asks for (built-in ones unless
// replaced, then its own), and, after any command-line packs, its variables.
void add_config_packs(const ProjectConfig& config, PolicyLoader& loader, bool allow_builtin);
void set_config_variables(const ProjectConfig& config, PolicyLoader& loader);

// Policy stage: drops built-in packs not kept and rules turned off, applies
// severity changes. Names that match no rule, pack or category are errors.
void apply_config_to_policy(const ProjectConfig& config, Policy& policy);
// What apply_config_to_policy reads of the config (the built-in packs
// kept, every rule setting, the overrides' settings), as text: part of the
// policy cache's key (compiled_policy.hpp, policy_cache_key).
std::string policy_settings_digest(const ProjectConfig& config);

// Finding stage: per-path overrides. False when the finding is switched off
// for its path; may change its severity.
bool apply_path_overrides(const ProjectConfig& config, Finding& finding);

// True when the config's ignore globs cover the path.
bool is_ignored(const ProjectConfig& config, const std::string& path);

// Glob matching on '/'-separated paths: '*' and '?' stay within a path
// segment, '**' spans segments, [abc] / [!abc] classes. A glob without '/'
// matches the file name at any depth.
bool glob_matches(std::string_view glob, std::string_view path);

// The commented starter config written by `policycheck init`.
std::string starter_config();

}  // namespace policycheck
