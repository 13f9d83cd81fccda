// Reading .policycheck.yaml strictly: an unknown key or a value of the wrong
// kind is an error naming file:line:column, since a silently ignored typo in
// a CI gate's config is a gate that does not close.
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "../yaml_budget.hpp"
#include "policycheck/config.hpp"

namespace policycheck {
namespace {

namespace fs = std::filesystem;

class ConfigReader {
 public:
  explicit ConfigReader(const fs::path& file) : file_(file), dir_(file.parent_path()) {}

  ProjectConfig read(const std::string& yaml) {
    ProjectConfig config;
    config.file = file_;
    config.dir = dir_.empty() ? fs::path(".") : dir_;
    YAML::Node root;
    try {
      root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
      issue(e.mark, "YAML syntax error: " + e.msg);
      throw PolicyError(issues_);
    }
    if (const auto problem = yaml_expansion_problem(root)) {
      issue(YAML::Mark::null_mark(), *problem);
      throw PolicyError(issues_);
    }
    if (root.IsNull()) return config;  // an empty config is a valid one
    if (!root.IsMap()) {
      issue(root.Mark(), "the config must be a mapping of settings");
      throw PolicyError(issues_);
    }
    // Values of the wrong kind in places the checks below do not foresee
    // (a list where a name goes) surface as yaml-cpp conversion errors:
    // they are config errors too, never a crash.
    try {
      for (const auto& entry : root) {
        if (!entry.first.IsScalar()) {
          issue(entry.first.Mark(), "a setting name must be a plain word");
          continue;
        }
        const std::string key = entry.first.Scalar();
        const YAML::Node& value = entry.second;
        if (key == "builtin") read_builtin(value, config);
        else if (key == "packs") read_paths(value, config.packs, "packs", true);
        else if (key == "variables") read_variables(value, config);
        else if (key == "roster") read_roster(value, config);
        else if (key == "rules") read_rules(value, config.rules);
        else if (key == "overrides") read_overrides(value, config);
        else if (key == "ignore") config.ignore = strings(value, "ignore");
        else if (key == "fail_on" || key == "fail-on") read_fail_on(value, config);
        else issue(entry.first.Mark(), "unknown setting '" + key +
                                         "' (expected builtin, packs, variables, roster, rules, overrides, ignore, fail_on)");
      }
    } catch (const YAML::Exception& e) {
      issue(e.mark, "a value of the wrong kind: " + e.msg);
    }
    if (!issues_.empty()) throw PolicyError(issues_);
    return config;
  }

 private:
  void issue(const YAML::Mark& mark, std::string message) {
    issues_.push_back({{file_.string(), mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0},
                       "", std::move(message)});
  }

  std::vector<std::string> strings(const YAML::Node& node, const std::string& what) {
    std::vector<std::string> out;
    if (node.IsNull()) return out;
    if (node.IsScalar()) {
      out.push_back(node.as<std::string>());
      return out;
    }
    if (!node.IsSequence()) {
      issue(node.Mark(), "'" + what + "' must be a list of strings");
      return out;
    }
    for (const auto& item : node) {
      if (!item.IsScalar()) issue(item.Mark(), "'" + what + "' must be a list of strings");
      else out.push_back(item.as<std::string>());
    }
    return out;
  }

  void read_builtin(const YAML::Node& value, ProjectConfig& config) {
    if (value.IsScalar()) {
      const std::string text = value.as<std::string>();
      if (text == "true" || text == "yes" || text == "on") config.builtin = true;
      else if (text == "false" || text == "no" || text == "off") config.builtin = false;
      else issue(value.Mark(), "'builtin' must be true, false or a list of built-in pack names");
      return;
    }
    config.builtin = true;
    config.builtin_packs = strings(value, "builtin");
    if (config.builtin_packs.empty()) config.builtin = false;
  }

  void read_paths(const YAML::Node& value, std::vector<fs::path>& out, const std::string& what, bool must_exist) {
    if (!value.IsNull() && !value.IsScalar() && !value.IsSequence()) {
      issue(value.Mark(), "'" + what + "' must be a list of file paths");
      return;
    }
    std::vector<YAML::Node> items;
    if (value.IsScalar()) items.push_back(value);
    else if (value.IsSequence()) for (const auto& item : value) items.push_back(item);
    for (const YAML::Node& item : items) {
      if (!item.IsScalar()) {
        issue(item.Mark(), "'" + what + "' must be a list of file paths");
        continue;
      }
      const fs::path path = resolve(item.as<std::string>());
      std::error_code ec;
      if (must_exist && !fs::is_regular_file(path, ec)) {
        issue(item.Mark(), "pack file '" + path.string() + "' does not exist");
        continue;
      }
      out.push_back(path);
    }
  }

  void read_roster(const YAML::Node& value, ProjectConfig& config) {
    if (!value.IsScalar()) {
      issue(value.Mark(), "'roster' must be a file path");
      return;
    }
    // Not checked here: the roster usually lives outside the repository and
    // only some machines (the school's) have it; the names rules say so.
    config.roster = resolve(value.as<std::string>());
  }

  void read_variables(const YAML::Node& value, ProjectConfig& config) {
    if (value.IsNull()) return;
    if (!value.IsMap()) {
      issue(value.Mark(), "'variables' must map variable names to a value or a list of values");
      return;
    }
    for (const auto& entry : value) {
      const std::string name = entry.first.as<std::string>();
      config.variables.emplace_back(name, strings(entry.second, "variables." + name));
    }
  }

  std::optional<RuleSetting> setting(const YAML::Node& value) {
    RuleSetting s;
    s.location = {file_.string(), value.Mark().line + 1, value.Mark().column + 1};
    if (!value.IsScalar()) {
      issue(value.Mark(), "a rule setting must be off, on, error, warning or info");
      return std::nullopt;
    }
    const std::string text = value.as<std::string>();
    if (text == "off" || text == "false" || text == "no") s.enabled = false;
    else if (text == "on" || text == "true" || text == "yes") s.enabled = true;
    else if (auto severity = parse_severity(text)) s.severity = severity;
    else {
      issue(value.Mark(), "rule setting '" + text + "' must be off, on, error, warning or info");
      return std::nullopt;
    }
    return s;
  }

  void read_rules(const YAML::Node& value, std::map<std::string, RuleSetting>& rules) {
    if (value.IsNull()) return;
    if (!value.IsMap()) {
      issue(value.Mark(), "'rules' must map rule ids (or pack names) to off, on, error, warning or info");
      return;
    }
    for (const auto& entry : value) {
      if (auto s = setting(entry.second)) {
        s->location = {file_.string(), entry.first.Mark().line + 1, entry.first.Mark().column + 1};
        rules[entry.first.as<std::string>()] = *s;
      }
    }
  }

  void read_overrides(const YAML::Node& value, ProjectConfig& config) {
    if (!value.IsSequence()) {
      issue(value.Mark(), "'overrides' must be a list of {files, rules} entries");
      return;
    }
    for (const auto& item : value) {
      if (!item.IsMap()) {
        issue(item.Mark(), "each override must be a mapping with 'files' and 'rules'");
        continue;
      }
      PathOverride o;
      o.location = {file_.string(), item.Mark().line + 1, item.Mark().column + 1};
      for (const auto& entry : item) {
        const std::string key = entry.first.as<std::string>();
        if (key == "files") o.files = strings(entry.second, "files");
        else if (key == "rules") read_rules(entry.second, o.rules);
        else issue(entry.first.Mark(), "unknown override setting '" + key + "' (expected files, rules)");
      }
      if (o.files.empty()) issue(item.Mark(), "an override needs 'files': the globs it applies to");
      config.overrides.push_back(std::move(o));
    }
  }

  void read_fail_on(const YAML::Node& value, ProjectConfig& config) {
    const std::string text = value.IsScalar() ? value.as<std::string>() : "";
    if (text == "never" || parse_severity(text)) config.fail_on = text;
    else issue(value.Mark(), "'fail_on' must be error, warning, info or never");
  }

  fs::path resolve(const std::string& path) const {
    fs::path p(path);
    if (p.is_relative()) p = dir_ / p;
    return p.lexically_normal();
  }

  fs::path file_;
  fs::path dir_;
  std::vector<PolicyIssue> issues_;
};

}  // namespace

ProjectConfig parse_project_config(const std::string& yaml, const fs::path& file) {
  return ConfigReader(file).read(yaml);
}

ProjectConfig load_project_config(const fs::path& file) {
  std::string text;
  if (const auto problem = read_yaml_file(file, text)) {
    throw PolicyError({{{file.string(), 0, 0}, "", "config file " + *problem}});
  }
  return parse_project_config(text, file);
}

std::optional<fs::path> find_project_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (ec) return std::nullopt;
  while (true) {
    const fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_relative_path()) return std::nullopt;  // reached the root
    dir = dir.parent_path();
  }
}

ConfigFinder::ConfigFinder(std::optional<fs::path> forced, bool disabled)
    : forced_(std::move(forced)), disabled_(disabled) {}

std::shared_ptr<const ProjectConfig> ConfigFinder::for_path(const std::string& path) {
  if (disabled_) return nullptr;
  std::lock_guard lock(mutex_);
  std::optional<fs::path> file = forced_;
  fs::path folder;
  if (!file) {
    std::error_code ec;
    folder = (path == "-" || path == "<stdin>") ? fs::current_path(ec) : fs::absolute(path, ec).parent_path();
    if (auto it = by_folder_.find(folder); it != by_folder_.end()) return it->second;
    file = find_project_config(folder);
  }
  std::shared_ptr<const ProjectConfig> config;
  if (file) {
    auto it = by_file_.find(*file);
    if (it == by_file_.end()) {
      it = by_file_.emplace(*file, std::make_shared<const ProjectConfig>(load_project_config(*file))).first;
    }
    config = it->second;
  }
  if (!forced_) by_folder_[folder] = config;
  return config;
}

}  // namespace policycheck
