// Applying a project config at the three points it can act: which packs and
// variables the loader gets, which rules the compiled policy keeps (rules
// turned off everywhere are not even compiled), and per-path changes to
// findings.
#include <algorithm>
#include <set>

#include "policycheck/config.hpp"

namespace policycheck {
namespace {

namespace fs = std::filesystem;

std::string pack_of(std::string_view rule_id) { return std::string(rule_id.substr(0, rule_id.find('/'))); }

// The most specific setting for a rule: its id, then its category, then its pack.
const RuleSetting* setting_for(const std::map<std::string, RuleSetting>& rules, const std::string& id,
                               const std::string& category, const std::string& pack) {
  for (const std::string* name : {&id, &category, &pack}) {
    if (name->empty()) continue;
    if (auto it = rules.find(*name); it != rules.end()) return &it->second;
  }
  return nullptr;
}

// The path as the config's globs see it: relative to the config's folder.
std::string config_relative(const ProjectConfig& config, const std::string& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  const fs::path base = fs::absolute(config.dir, ec).lexically_normal();
  const fs::path relative = absolute.lexically_relative(base);
  if (relative.empty() || *relative.begin() == "..") return fs::path(path).lexically_normal().generic_string();
  return relative.generic_string();
}

}  // namespace

void add_config_packs(const ProjectConfig& config, PolicyLoader& loader, bool allow_builtin) {
  if (allow_builtin && config.builtin) loader.add_builtin();
  for (const fs::path& pack : config.packs) loader.add_file(pack);
  // The roster is personal data and usually absent from CI machines and
  // public clones: a config naming one still works where it is missing.
  std::error_code ec;
  if (!config.roster.empty() && fs::is_regular_file(config.roster, ec)) loader.add_roster(config.roster);
}

void set_config_variables(const ProjectConfig& config, PolicyLoader& loader) {
  for (const auto& [name, values] : config.variables) loader.set_variable(name, values);
}

void apply_config_to_policy(const ProjectConfig& config, Policy& policy) {
  std::vector<PolicyIssue> issues;
  std::set<std::string> builtin_pack_names;
  for (const Pack& pack : policy.packs) {
    if (pack.source.rfind("builtin:", 0) == 0) builtin_pack_names.insert(pack.name);
  }
  for (const std::string& name : config.builtin_packs) {
    if (!builtin_pack_names.count(name)) {
      issues.push_back({{config.file.string(), 0, 0}, "",
                        "'builtin' names '" + name + "', which is not a built-in pack"});
    }
  }
  // Every name in 'rules' and in overrides must mean something: a typo
  // would otherwise leave a rule on that the author believes is off.
  std::set<std::string> known;
  for (const Rule& rule : policy.rules) {
    known.insert(rule.id);
    known.insert(rule.pack);
    if (!rule.category.empty()) known.insert(rule.category);
  }
  auto check_names = [&](const std::map<std::string, RuleSetting>& rules) {
    for (const auto& [name, setting] : rules) {
      if (!known.count(name) && name.rfind("suppression", 0) != 0) {
        issues.push_back({setting.location, "", "'" + name + "' is not a rule, pack or category of the policy"});
      }
    }
  };
  check_names(config.rules);
  for (const PathOverride& o : config.overrides) check_names(o.rules);
  if (!issues.empty()) throw PolicyError(issues);

  const bool some_builtin = !config.builtin_packs.empty();
  std::vector<Rule> kept;
  kept.reserve(policy.rules.size());
  for (Rule& rule : policy.rules) {
    if (some_builtin && builtin_pack_names.count(rule.pack) &&
        std::find(config.builtin_packs.begin(), config.builtin_packs.end(), rule.pack) ==
            config.builtin_packs.end()) {
      continue;
    }
    const RuleSetting* s = setting_for(config.rules, rule.id, rule.category, rule.pack);
    // A rule switched off at the top level but on again for some paths
    // must stay compiled; the override decides per finding.
    bool on_somewhere = false;
    for (const PathOverride& o : config.overrides) {
      const RuleSetting* os = setting_for(o.rules, rule.id, rule.category, rule.pack);
      if (os && os->enabled) on_somewhere = true;
    }
    if (s && !s->enabled && !on_somewhere) continue;
    if (s && s->severity) rule.severity = *s->severity;
    kept.push_back(std::move(rule));
  }
  policy.rules = std::move(kept);
}

std::string policy_settings_digest(const ProjectConfig& config) {
  std::string text = "builtin";
  for (const std::string& name : config.builtin_packs) text += " " + std::to_string(name.size()) + ":" + name;
  auto settings = [&text](const std::map<std::string, RuleSetting>& rules) {
    for (const auto& [name, setting] : rules) {
      text += "\n" + std::to_string(name.size()) + ":" + name + (setting.enabled ? " on" : " off");
      if (setting.severity) text += " severity " + std::to_string(static_cast<int>(*setting.severity));
    }
  };
  text += "\nrules";
  settings(config.rules);
  for (const PathOverride& o : config.overrides) {
    text += "\noverride";
    settings(o.rules);
  }
  return text;
}

bool apply_path_overrides(const ProjectConfig& config, Finding& finding) {
  if (config.overrides.empty() && config.rules.empty()) return true;
  const std::string path = config_relative(config, finding.path);
  const std::string pack = pack_of(finding.rule);
  bool enabled = true;
  if (const RuleSetting* s = setting_for(config.rules, finding.rule, finding.category, pack)) enabled = s->enabled;
  for (const PathOverride& o : config.overrides) {
    const bool applies = std::any_of(o.files.begin(), o.files.end(),
                                     [&](const std::string& glob) { return glob_matches(glob, path); });
    if (!applies) continue;
    if (const RuleSetting* s = setting_for(o.rules, finding.rule, finding.category, pack)) {
      enabled = s->enabled;
      if (s->severity) finding.severity = *s->severity;
    }
  }
  return enabled;
}

bool is_ignored(const ProjectConfig& config, const std::string& path) {
  if (config.ignore.empty() || path == "-" || path == "<stdin>") return false;
  const std::string relative = config_relative(config, path);
  return std::any_of(config.ignore.begin(), config.ignore.end(),
                     [&](const std::string& glob) { return glob_matches(glob, relative); });
}

}  // namespace policycheck
