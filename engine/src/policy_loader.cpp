// Reads YAML packs into the Policy model. The loader is strict on purpose: a
// typo in a key ("severty") silently ignored would leave a rule doing
// something other than its author thinks, so every unknown key, wrong type
// and duplicate id is an error naming file:line:column.
#include "policycheck/policy_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "file_digest.hpp"
#include "policycheck/builtin_rules.hpp"
#include "policycheck/fingerprint.hpp"
#include "policycheck/validators.hpp"
#include "variables.hpp"
#include "yaml_budget.hpp"

namespace policycheck {

std::string PolicyIssue::to_string() const {
  std::ostringstream out;
  out << (location.file.empty() ? "<policy>" : location.file);
  if (location.line > 0) out << ':' << location.line << ':' << location.column;
  out << ": ";
  if (!rule_id.empty()) out << "rule " << rule_id << ": ";
  out << message;
  return out.str();
}

static std::string join_issues(const std::vector<PolicyIssue>& issues) {
  std::string text;
  for (const PolicyIssue& issue : issues) {
    if (!text.empty()) text += '\n';
    text += issue.to_string();
  }
  return text;
}

PolicyError::PolicyError(std::vector<PolicyIssue> issues)
    : std::runtime_error(join_issues(issues)), issues_(std::move(issues)) {}

namespace {

// Collects problems with their locations while walking one file.
class Reader {
 public:
  Reader(std::string file, std::vector<PolicyIssue>& issues) : file_(std::move(file)), issues_(issues) {}

  SourceLocation where(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return {file_, 0, 0};
    return {file_, mark.line + 1, mark.column + 1};
  }

  void error(const YAML::Node& node, const std::string& rule_id, const std::string& message) {
    issues_.push_back({where(node), rule_id, message});
  }

  // Unknown keys are errors: list what is allowed so the fix is obvious.
  void check_keys(const YAML::Node& map, const std::vector<std::string_view>& allowed, const std::string& rule_id,
                  std::string_view what) {
    for (const auto& item : map) {
      const std::string key = item.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string list;
      for (std::string_view a : allowed) {
        if (!list.empty()) list += ", ";
        list += a;
      }
      error(item.first, rule_id, "unknown key '" + key + "' in " + std::string(what) + " (allowed: " + list + ")");
    }
  }

  bool get_string(const YAML::Node& node, const std::string& rule_id, std::string_view key, std::string& out) {
    if (!node.IsScalar()) {
      error(node, rule_id, "'" + std::string(key) + "' must be a string");
      return false;
    }
    out = node.Scalar();
    return true;
  }

  bool get_bool(const YAML::Node& node, const std::string& rule_id, std::string_view key, bool& out) {
    const std::string value = node.IsScalar() ? node.Scalar() : std::string();
    if (value == "true" || value == "yes") { out = true; return true; }
    if (value == "false" || value == "no") { out = false; return true; }
    error(node, rule_id, "'" + std::string(key) + "' must be true or false");
    return false;
  }

  bool get_number(const YAML::Node& node, const std::string& rule_id, std::string_view key, double low, double high,
                  double& out) {
    if (node.IsScalar()) {
      try {
        size_t used = 0;
        const double value = std::stod(node.Scalar(), &used);
        if (used == node.Scalar().size() && value >= low && value <= high) {
          out = value;
          return true;
        }
      } catch (const std::exception&) {
      }
    }
    std::ostringstream msg;
    msg << "'" << key << "' must be a number from " << low << " to " << high;
    error(node, rule_id, msg.str());
    return false;
  }

  // A list of strings; a single string is accepted as a list of one.
  bool get_strings(const YAML::Node& node, const std::string& rule_id, std::string_view key,
                   std::vector<std::string>& out) {
    if (node.IsScalar()) {
      out.push_back(node.Scalar());
      return true;
    }
    if (!node.IsSequence()) {
      error(node, rule_id, "'" + std::string(key) + "' must be a list of strings");
      return false;
    }
    bool ok = true;
    for (const auto& item : node) {
      if (!item.IsScalar()) {
        error(item, rule_id, "'" + std::string(key) + "' must contain only strings");
        ok = false;
        continue;
      }
      out.push_back(item.Scalar());
    }
    return ok;
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<PolicyIssue>& issues_;
};

const std::vector<std::string_view> kPackKeys = {"pack", "description", "variables", "lexicons", "rules", "roster"};
const std::vector<std::string_view> kCommonRuleKeys = {
    "id", "kind", "severity", "message", "description", "policy_ref", "suggest",
    "confidence", "min_confidence", "personal_data", "category", "tests"};
const std::vector<std::string_view> kTermsKeys = {"terms", "case_sensitive", "word_boundary", "exceptions",
                                                  "allow", "context", "unless", "evasion"};
const std::vector<std::string_view> kPatternKeys = {"patterns", "case_sensitive", "word_boundary", "validate",
                                                    "exceptions", "allow", "context", "unless", "evasion"};
const std::vector<std::string_view> kRequireKeys = {"trigger", "required"};
const std::vector<std::string_view> kNamesKeys = {"detect", "given_names", "ordinary_words", "not_names",
                                                  "not_surnames", "titles", "exceptions", "context", "unless"};
const std::vector<std::string_view> kMatchSpecKeys = {"terms", "patterns", "case_sensitive", "word_boundary", "evasion"};
const std::vector<std::string_view> kNearKeys = {"a", "b", "distance", "same_sentence", "not_between", "hedges",
                                                 "exceptions", "context", "unless"};
const std::vector<std::string_view> kEvasionNames = {"stretch", "leet", "separators", "masks", "unicode", "all"};
const std::vector<std::string_view> kContextKeys = {"words", "window", "before", "after", "required"};
const std::vector<std::string_view> kTestKeys = {"match", "no_match", "roster"};

std::optional<RuleKind> parse_kind(std::string_view text) {
  if (text == "terms") return RuleKind::terms;
  if (text == "pattern") return RuleKind::pattern;
  if (text == "require") return RuleKind::require;
  if (text == "names") return RuleKind::names;
  if (text == "near") return RuleKind::near;
  return std::nullopt;
}

const std::vector<std::string_view>& kind_keys(RuleKind kind) {
  switch (kind) {
    case RuleKind::terms: return kTermsKeys;
    case RuleKind::pattern: return kPatternKeys;
    case RuleKind::require: return kRequireKeys;
    case RuleKind::names: return kNamesKeys;
    case RuleKind::near: return kNearKeys;
  }
  return kTermsKeys;
}

class PackParser {
 public:
  PackParser(Reader& reader, Policy& policy, std::set<std::string>& seen_ids,
             std::map<std::string, SourceLocation>& id_locations)
      : r_(reader), policy_(policy), seen_ids_(seen_ids), id_locations_(id_locations) {}

  template <typename LoadLexicon>
  void parse(const YAML::Node& root, LoadLexicon&& load_lexicon) {
    if (!root.IsMap()) {
      r_.error(root, "", "a policy pack must be a mapping with 'pack' and 'rules'");
      return;
    }
    r_.check_keys(root, kPackKeys, "", "the pack");
    Pack pack;
    pack.source = r_.file();
    if (const YAML::Node node = root["pack"]; !node) {
      r_.error(root, "", "missing 'pack' (the pack's name, used as the prefix of its rule ids)");
      return;
    } else if (!r_.get_string(node, "", "pack", pack.name)) {
      return;
    }
    if (const YAML::Node node = root["description"]) r_.get_string(node, "", "description", pack.description);
    if (const YAML::Node node = root["variables"]) parse_variables(node);
    if (const YAML::Node node = root["lexicons"]) {
      if (!node.IsMap()) {
        r_.error(node, "", "'lexicons' must map names to lexicon files");
      } else {
        for (const auto& item : node) {
          std::string file;
          if (!r_.get_string(item.second, "", "lexicons", file)) continue;
          std::vector<std::string> words;
          std::string problem;
          if (!load_lexicon(file, words, problem)) {
            r_.error(item.second, "", problem);
            continue;
          }
          policy_.variables[item.first.Scalar()] = std::move(words);
        }
      }
    }
    policy_.packs.push_back(pack);
    const YAML::Node rules = root["rules"];
    if (!rules) return;
    if (!rules.IsSequence()) {
      r_.error(rules, "", "'rules' must be a list");
      return;
    }
    for (const auto& node : rules) parse_rule(node, pack.name);
  }

 private:
  void parse_variables(const YAML::Node& node) {
    if (!node.IsMap()) {
      r_.error(node, "", "'variables' must map names to strings or lists of strings");
      return;
    }
    for (const auto& item : node) {
      std::vector<std::string> values;
      if (r_.get_strings(item.second, "", "variables", values)) policy_.variables[item.first.Scalar()] = values;
    }
  }

  void parse_match_spec(const YAML::Node& node, const std::string& id, std::string_view key, MatchSpec& spec) {
    if (!node.IsMap()) {
      r_.error(node, id, "'" + std::string(key) + "' must be a mapping with 'terms' and/or 'patterns'");
      return;
    }
    r_.check_keys(node, kMatchSpecKeys, id, key);
    if (const YAML::Node n = node["terms"]) r_.get_strings(n, id, "terms", spec.terms);
    if (const YAML::Node n = node["patterns"]) get_patterns(n, id, spec);
    if (const YAML::Node n = node["case_sensitive"]) r_.get_bool(n, id, "case_sensitive", spec.case_sensitive);
    if (const YAML::Node n = node["word_boundary"]) r_.get_bool(n, id, "word_boundary", spec.word_boundary);
    if (const YAML::Node n = node["evasion"]) parse_evasion(n, id, spec.evasion);
    if (spec.empty()) r_.error(node, id, "'" + std::string(key) + "' needs 'terms' or 'patterns'");
  }

  // evasion: [stretch, leet, separators, masks, unicode] or `all`.
  void parse_evasion(const YAML::Node& node, const std::string& id, EvasionOptions& evasion) {
    std::vector<std::string> names;
    if (!r_.get_strings(node, id, "evasion", names)) return;
    for (const std::string& name : names) {
      if (name == "stretch" || name == "all") evasion.stretch = true;
      if (name == "leet" || name == "all") evasion.leet = true;
      if (name == "separators" || name == "all") evasion.separators = true;
      if (name == "masks" || name == "all") evasion.masks = true;
      if (name == "unicode" || name == "all") evasion.unicode = true;
      if (std::find(kEvasionNames.begin(), kEvasionNames.end(), name) == kEvasionNames.end()) {
        r_.error(node, id, "unknown evasion '" + name + "' (stretch, leet, separators, masks, unicode or all)");
      }
    }
  }

  void parse_near(const YAML::Node& node, const std::string& id, Rule& rule) {
    if (const YAML::Node n = node["a"]) parse_match_spec(n, id, "a", rule.match);
    else r_.error(node, id, "a near rule needs 'a' (what to find, e.g. a person)");
    if (const YAML::Node n = node["b"]) parse_match_spec(n, id, "b", rule.near.partner);
    else r_.error(node, id, "a near rule needs 'b' (what must be near it, e.g. an accusation)");
    if (const YAML::Node n = node["distance"]) {
      double distance = 0;
      if (r_.get_number(n, id, "distance", 0, 50, distance)) rule.near.distance = static_cast<int>(distance);
    }
    if (const YAML::Node n = node["same_sentence"]) r_.get_bool(n, id, "same_sentence", rule.near.same_sentence);
    if (const YAML::Node n = node["not_between"]) r_.get_strings(n, id, "not_between", rule.near.not_between);
    if (const YAML::Node n = node["hedges"]) r_.get_strings(n, id, "hedges", rule.near.hedges);
  }

  // Patterns keep the location of each item so a bad regex points at its line.
  void get_patterns(const YAML::Node& node, const std::string& id, MatchSpec& spec) {
    if (!r_.get_strings(node, id, "patterns", spec.patterns)) return;
    if (node.IsScalar()) {
      spec.pattern_locations.push_back(r_.where(node));
    } else {
      for (const auto& item : node) spec.pattern_locations.push_back(r_.where(item));
    }
  }

  void parse_context(const YAML::Node& node, const std::string& id, std::string_view key, ContextSpec& spec) {
    if (node.IsSequence()) {  // shorthand: a plain list of words
      r_.get_strings(node, id, key, spec.words);
      return;
    }
    if (!node.IsMap()) {
      r_.error(node, id, "'" + std::string(key) + "' must be a list of words or a mapping with 'words'");
      return;
    }
    r_.check_keys(node, kContextKeys, id, key);
    if (const YAML::Node n = node["words"]) r_.get_strings(n, id, "words", spec.words);
    if (const YAML::Node n = node["window"]) {
      double window = 0;
      if (r_.get_number(n, id, "window", 1, 50, window)) spec.window = static_cast<int>(window);
    }
    if (const YAML::Node n = node["before"]) r_.get_bool(n, id, "before", spec.before);
    if (const YAML::Node n = node["after"]) r_.get_bool(n, id, "after", spec.after);
    if (const YAML::Node n = node["required"]) {
      if (key != "context") r_.error(n, id, "'required' is only for 'context'");
      else r_.get_bool(n, id, "required", spec.required);
    }
    if (spec.words.empty()) r_.error(node, id, "'" + std::string(key) + "' needs 'words'");
  }

  void parse_rule(const YAML::Node& node, const std::string& pack) {
    if (!node.IsMap()) {
      r_.error(node, "", "each rule must be a mapping");
      return;
    }
    Rule rule;
    rule.pack = pack;
    rule.category = pack;
    rule.location = r_.where(node);
    const YAML::Node id_node = node["id"];
    if (!id_node || !r_.get_string(id_node, "", "id", rule.id)) {
      if (!id_node) r_.error(node, "", "rule without an 'id'");
      return;
    }
    const std::string& id = rule.id;
    if (id.rfind(pack + "/", 0) != 0 || id.size() == pack.size() + 1) {
      r_.error(id_node, id, "rule ids must be '" + pack + "/<what-it-detects>'");
    }
    if (!seen_ids_.insert(id).second) {
      const SourceLocation& first = id_locations_[id];
      r_.error(id_node, id,
               "duplicate rule id (first defined at " + first.file + ":" + std::to_string(first.line) + ")");
      return;
    }
    id_locations_[id] = rule.location;

    const YAML::Node kind_node = node["kind"];
    std::string kind_text;
    if (!kind_node) {
      r_.error(node, id, "missing 'kind' (terms, pattern, require, names or near)");
      return;
    }
    if (!r_.get_string(kind_node, id, "kind", kind_text)) return;
    const auto kind = parse_kind(kind_text);
    if (!kind) {
      r_.error(kind_node, id, "unknown kind '" + kind_text + "' (terms, pattern, require, names or near)");
      return;
    }
    rule.kind = *kind;
    std::vector<std::string_view> allowed = kCommonRuleKeys;
    const auto& extra = kind_keys(rule.kind);
    allowed.insert(allowed.end(), extra.begin(), extra.end());
    r_.check_keys(node, allowed, id, "rule of kind " + kind_text);

    if (const YAML::Node n = node["severity"]) {
      std::string text;
      if (r_.get_string(n, id, "severity", text)) {
        if (auto s = parse_severity(text)) rule.severity = *s;
        else r_.error(n, id, "severity must be error, warning or info, not '" + text + "'");
      }
    }
    if (const YAML::Node n = node["message"]) r_.get_string(n, id, "message", rule.message);
    else r_.error(node, id, "missing 'message' (what the writer is told)");
    if (const YAML::Node n = node["description"]) r_.get_string(n, id, "description", rule.description);
    if (const YAML::Node n = node["policy_ref"]) r_.get_string(n, id, "policy_ref", rule.policy_ref);
    if (const YAML::Node n = node["suggest"]) r_.get_string(n, id, "suggest", rule.suggest);
    if (const YAML::Node n = node["category"]) r_.get_string(n, id, "category", rule.category);
    if (const YAML::Node n = node["confidence"]) r_.get_number(n, id, "confidence", 0, 1, rule.confidence);
    if (const YAML::Node n = node["min_confidence"]) r_.get_number(n, id, "min_confidence", 0, 1, rule.min_confidence);
    if (const YAML::Node n = node["personal_data"]) r_.get_bool(n, id, "personal_data", rule.personal_data);
    if (const YAML::Node n = node["case_sensitive"]) r_.get_bool(n, id, "case_sensitive", rule.match.case_sensitive);
    if (const YAML::Node n = node["word_boundary"]) r_.get_bool(n, id, "word_boundary", rule.match.word_boundary);
    if (const YAML::Node n = node["exceptions"]) r_.get_strings(n, id, "exceptions", rule.exceptions);
    if (const YAML::Node n = node["allow"]) {
      if (r_.get_strings(n, id, "allow", rule.allow.patterns)) {
        if (n.IsScalar()) rule.allow.pattern_locations.push_back(r_.where(n));
        else for (const auto& item : n) rule.allow.pattern_locations.push_back(r_.where(item));
      }
    }
    if (const YAML::Node n = node["context"]) parse_context(n, id, "context", rule.context);
    if (const YAML::Node n = node["unless"]) parse_context(n, id, "unless", rule.unless);
    if (const YAML::Node n = node["validate"]) {
      if (r_.get_string(n, id, "validate", rule.validator) && !find_validator(rule.validator)) {
        std::string known;
        for (const std::string& name : validator_names()) known += (known.empty() ? "" : ", ") + name;
        r_.error(n, id, "unknown validator '" + rule.validator + "' (known: " + known + ")");
      }
    }
    if (const YAML::Node n = node["tests"]) {
      if (!n.IsMap()) {
        r_.error(n, id, "'tests' must be a mapping with 'match' and/or 'no_match'");
      } else {
        r_.check_keys(n, kTestKeys, id, "tests");
        if (const YAML::Node t = n["match"]) r_.get_strings(t, id, "match", rule.tests.match);
        if (const YAML::Node t = n["no_match"]) r_.get_strings(t, id, "no_match", rule.tests.no_match);
        if (const YAML::Node t = n["roster"]) {
          if (rule.kind != RuleKind::names) r_.error(t, id, "'roster' in tests is for names rules only");
          else r_.get_strings(t, id, "roster", rule.tests.roster);
        }
      }
    }

    switch (rule.kind) {
      case RuleKind::terms:
        if (const YAML::Node n = node["terms"]) r_.get_strings(n, id, "terms", rule.match.terms);
        if (rule.match.terms.empty()) r_.error(node, id, "a terms rule needs a non-empty 'terms' list");
        if (const YAML::Node n = node["evasion"]) parse_evasion(n, id, rule.match.evasion);
        break;
      case RuleKind::pattern:
        if (const YAML::Node n = node["patterns"]) get_patterns(n, id, rule.match);
        if (rule.match.patterns.empty()) r_.error(node, id, "a pattern rule needs a non-empty 'patterns' list");
        if (const YAML::Node n = node["evasion"]) parse_evasion(n, id, rule.match.evasion);
        break;
      case RuleKind::names:
        parse_names(node, id, rule.names);
        break;
      case RuleKind::near:
        parse_near(node, id, rule);
        break;
      case RuleKind::require:
        if (const YAML::Node n = node["trigger"]) parse_match_spec(n, id, "trigger", rule.match);
        else r_.error(node, id, "a require rule needs 'trigger'");
        if (const YAML::Node n = node["required"]) parse_match_spec(n, id, "required", rule.required);
        else r_.error(node, id, "a require rule needs 'required'");
        break;
    }
    policy_.rules.push_back(std::move(rule));
  }

  void parse_names(const YAML::Node& node, const std::string& id, NamesSpec& names) {
    const YAML::Node detect = node["detect"];
    std::string text;
    if (!detect) {
      r_.error(node, id, "a names rule needs 'detect' (roster-full-names, roster-consent or likely-full-names)");
    } else if (r_.get_string(detect, id, "detect", text)) {
      if (text == "roster-full-names") names.detect = NamesDetect::roster_full_names;
      else if (text == "roster-consent") names.detect = NamesDetect::roster_consent;
      else if (text == "likely-full-names") names.detect = NamesDetect::likely_full_names;
      else r_.error(detect, id, "unknown detect '" + text + "' (roster-full-names, roster-consent or likely-full-names)");
    }
    if (const YAML::Node n = node["given_names"]) r_.get_strings(n, id, "given_names", names.given_names);
    if (const YAML::Node n = node["ordinary_words"]) r_.get_strings(n, id, "ordinary_words", names.ordinary_words);
    if (const YAML::Node n = node["not_names"]) r_.get_strings(n, id, "not_names", names.not_names);
    if (const YAML::Node n = node["not_surnames"]) r_.get_strings(n, id, "not_surnames", names.not_surnames);
    if (const YAML::Node n = node["titles"]) r_.get_strings(n, id, "titles", names.titles);
    if (names.detect == NamesDetect::likely_full_names && !node["given_names"]) {
      r_.error(node, id, "detect likely-full-names needs 'given_names' (a given-name lexicon)");
    }
  }

  Reader& r_;
  Policy& policy_;
  std::set<std::string>& seen_ids_;
  std::map<std::string, SourceLocation>& id_locations_;
};

// Lexicon files: one term per line; '#' starts a comment line; blank lines
// are skipped. Sources and licences are recorded in the file's comments.
void parse_lexicon(std::string_view text, std::vector<std::string>& words) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty() && line.front() != '#') words.emplace_back(line);
    pos = end + 1;
  }
}

}  // namespace

void PolicyLoader::add_builtin() {
  for (const EmbeddedFile& file : builtin_rule_files()) {
    if (file.path.size() > 5 && file.path.substr(file.path.size() - 5) == ".yaml" &&
        file.path.find('/') == std::string_view::npos) {
      sources_.push_back({"builtin:" + std::string(file.path), std::string(file.content), {}, true});
    }
  }
}

void PolicyLoader::add_file(const std::filesystem::path& path) {
  std::string text;
  if (const auto problem = read_yaml_file(path, text)) {
    throw PolicyError({{{path.string(), 0, 0}, "", "policy file " + *problem}});
  }
  sources_.push_back({path.string(), std::move(text), path.parent_path(), false});
}

void PolicyLoader::add_text(const std::string& name, const std::string& yaml) {
  sources_.push_back({name, yaml, {}, false});
}

void PolicyLoader::set_variable(const std::string& name, std::vector<std::string> values) {
  overrides_.emplace_back(name, std::move(values));
}

void PolicyLoader::add_roster(const std::filesystem::path& path) { roster_files_.push_back(path); }

std::string PolicyLoader::inputs_digest() const {
  std::string material;
  auto field = [&material](std::string_view text) {
    material += std::to_string(text.size());
    material += ':';
    material += text;
  };
  bool any_embedded = false;
  for (const Source& source : sources_) {
    field(source.name);
    field(source.text);
    field(source.base_dir.string());
    field(source.embedded ? "embedded" : "file");
    any_embedded = any_embedded || source.embedded;
  }
  // The built-in packs read their lexicons from the binary, not from disk.
  if (any_embedded) {
    for (const EmbeddedFile& file : builtin_rule_files()) {
      field(file.path);
      field(file.content);
    }
  }
  field("variables");
  for (const auto& [name, values] : overrides_) {
    field(name);
    material += std::to_string(values.size());
    for (const std::string& value : values) field(value);
  }
  field("rosters");
  for (const std::filesystem::path& path : roster_files_) field(path.string());
  return sha256_hex(material);
}

namespace {

// Roster problems become policy issues located in the roster file; like the
// roster's own messages they never quote a cell.
void add_roster_issues(const RosterError& e, std::vector<PolicyIssue>& issues) {
  for (const RosterIssue& issue : e.issues()) {
    std::string message = issue.row > 0 ? "row " + std::to_string(issue.row) + ": " + issue.message : issue.message;
    issues.push_back({{e.source(), static_cast<int>(issue.line), issue.line > 0 ? 1 : 0}, "", "roster: " + message});
  }
}

// `${roster_names}`: the roster's pupils as people a rule can be about
// (defamation/allegation: "Alex Kowalski stole from the tuck shop"): each
// forename and preferred forename alone and with the surname, as written.
// In a near rule's `a:` the loader does not expand it: the rule gets the
// roster itself (NearSpec::roster) and finds its people by hash lookups, so
// the whole roster works whatever its size. Anywhere else it becomes terms,
// one database literal per name, for rosters up to kMaxRosterNamesPupils;
// above that it stays empty and the loader says so (Policy::notices).
constexpr size_t kMaxRosterNamesPupils = 5000;
constexpr std::string_view kRosterNamesReference = "${roster_names}";

// Takes `${roster_names}` out of the `a:` terms of near rules and gives those
// rules the roster instead.
void give_near_rules_the_roster(Policy& policy) {
  for (Rule& rule : policy.rules) {
    if (rule.kind != RuleKind::near) continue;
    auto& terms = rule.match.terms;
    const auto it = std::remove(terms.begin(), terms.end(), std::string(kRosterNamesReference));
    if (it == terms.end()) continue;
    terms.erase(it, terms.end());
    rule.near.roster = policy.roster;
  }
}

// True when some rule still has `${roster_names}` to expand as terms.
bool roster_names_used_as_terms(const Policy& policy) {
  for (const Rule& rule : policy.rules) {
    for (const MatchSpec* spec : {&rule.match, &rule.required, &rule.allow, &rule.near.partner}) {
      for (const std::string& term : spec->terms) {
        if (term.find(kRosterNamesReference) != std::string::npos) return true;
      }
      for (const std::string& pattern : spec->patterns) {
        if (pattern.find(kRosterNamesReference) != std::string::npos) return true;
      }
    }
  }
  return false;
}

std::vector<std::string> roster_name_forms(const Roster& roster) {
  std::set<std::string> forms;
  if (roster.pupils.size() > kMaxRosterNamesPupils) return {};
  for (const Pupil& pupil : roster.pupils) {
    for (const std::string& forename : {pupil.forename, pupil.preferred}) {
      if (forename.empty()) continue;
      forms.insert(forename);
      forms.insert(forename + " " + pupil.surname);
    }
  }
  return {forms.begin(), forms.end()};
}

}  // namespace

Policy PolicyLoader::finish() {
  Policy policy;
  std::vector<PolicyIssue> issues;
  std::set<std::string> seen_ids;
  std::map<std::string, SourceLocation> id_locations;

  Roster roster;
  bool have_roster = false;
  files_read_.clear();
  auto read_roster = [&](const std::filesystem::path& path) {
    // Hashed before it is read: a roster changed in between makes the
    // cached policy miss next time, never serves a stale one.
    if (auto digest = file_sha256(path)) files_read_.push_back({path.string(), std::move(*digest)});
    try {
      roster.append(load_roster(path));
      have_roster = true;
    } catch (const RosterError& e) {
      add_roster_issues(e, issues);
    }
  };

  for (const Source& source : sources_) {
    Reader reader(source.name, issues);
    YAML::Node root;
    try {
      root = YAML::Load(source.text);
    } catch (const YAML::Exception& e) {
      issues.push_back({{source.name, e.mark.line + 1, e.mark.column + 1}, "", "YAML syntax error: " + e.msg});
      continue;
    }
    if (const auto problem = yaml_expansion_problem(root)) {
      issues.push_back({{source.name, 0, 0}, "", *problem});
      continue;
    }
    auto load_lexicon = [&](const std::string& file, std::vector<std::string>& words, std::string& problem) {
      if (source.embedded) {
        for (const EmbeddedFile& f : builtin_rule_files()) {
          if (f.path == file) {
            parse_lexicon(f.content, words);
            return true;
          }
        }
        problem = "no built-in lexicon '" + file + "'";
        return false;
      }
      std::ifstream in(source.base_dir / file, std::ios::binary);
      if (!in) {
        problem = "cannot read lexicon file '" + (source.base_dir / file).string() + "'";
        return false;
      }
      std::ostringstream text;
      text << in.rdbuf();
      files_read_.push_back({(source.base_dir / file).string(), sha256_hex(text.str())});
      parse_lexicon(text.str(), words);
      return true;
    };
    PackParser parser(reader, policy, seen_ids, id_locations);
    try {
      parser.parse(root, load_lexicon);
      if (root.IsMap() && root["roster"]) {
        const YAML::Node node = root["roster"];
        std::string file;
        if (reader.get_string(node, "", "roster", file)) {
          if (source.embedded) reader.error(node, "", "the built-in policy cannot name a roster");
          else read_roster(source.base_dir / file);
        }
      }
    } catch (const YAML::Exception& e) {
      issues.push_back({{source.name, e.mark.line + 1, e.mark.column + 1}, "", e.msg});
    }
  }
  for (const std::filesystem::path& path : roster_files_) read_roster(path);
  if (have_roster) {
    policy.roster = std::make_shared<const Roster>(std::move(roster));
    for (Rule& rule : policy.rules) {
      if (rule.kind == RuleKind::names) rule.names.roster = policy.roster;
    }
  }
  // A school that sets roster_names itself (--var, config) gets its own list
  // as terms, as before.
  const bool roster_names_set = std::any_of(overrides_.begin(), overrides_.end(),
                                            [](const auto& o) { return o.first == "roster_names"; });
  if (have_roster && !roster_names_set) give_near_rules_the_roster(policy);
  if (have_roster && !roster_names_set && policy.variables.count("roster_names") &&
      roster_names_used_as_terms(policy)) {
    policy.variables["roster_names"] = roster_name_forms(*policy.roster);
    if (policy.roster->pupils.size() > kMaxRosterNamesPupils) {
      std::string sources;
      for (const std::string& source : policy.roster->sources) sources += (sources.empty() ? "" : ", ") + source;
      policy.notices.push_back("roster " + sources + " has " + std::to_string(policy.roster->pupils.size()) +
                               " pupils: ${roster_names} outside a near rule's `a:` is left empty above " +
                               std::to_string(kMaxRosterNamesPupils) + " pupils");
    }
  }
  for (auto& [name, values] : overrides_) policy.variables[name] = values;

  if (issues.empty()) {
    interpolate_variables(policy, issues);
  }
  if (!issues.empty()) throw PolicyError(std::move(issues));
  return policy;
}

}  // namespace policycheck
