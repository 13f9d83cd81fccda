#include "policy_codec.hpp"

#include "byte_codec.hpp"

namespace policycheck::policy_codec {
namespace {

using namespace byte_codec;

// One put/get pair per type, so a struct is written and read by listing its
// fields once each, in the same order.
void put_field(std::string& out, const std::string& v) { put_string(out, v); }
bool get_field(std::string_view& in, std::string& v) { return get_string(in, v); }
void put_field(std::string& out, bool v) { put<uint8_t>(out, v ? 1 : 0); }
bool get_field(std::string_view& in, bool& v) {
  uint8_t byte = 0;
  if (!get(in, byte) || byte > 1) return false;
  v = byte == 1;
  return true;
}
void put_field(std::string& out, int v) { put<int64_t>(out, v); }
bool get_field(std::string_view& in, int& v) {
  int64_t wide = 0;
  if (!get(in, wide)) return false;
  v = static_cast<int>(wide);
  return true;
}
void put_field(std::string& out, double v) { put(out, v); }
bool get_field(std::string_view& in, double& v) { return get(in, v); }
void put_field(std::string& out, uint32_t v) { put(out, v); }
bool get_field(std::string_view& in, uint32_t& v) { return get(in, v); }

// Enums as their underlying value, checked against the largest one.
template <typename E>
void put_enum(std::string& out, E v) {
  put<uint8_t>(out, static_cast<uint8_t>(v));
}
template <typename E>
bool get_enum(std::string_view& in, E& v, E largest) {
  uint8_t byte = 0;
  if (!get(in, byte) || byte > static_cast<uint8_t>(largest)) return false;
  v = static_cast<E>(byte);
  return true;
}

// Declared before the list template below, which must see them.
void put_field(std::string& out, const SourceLocation& v);
bool get_field(std::string_view& in, SourceLocation& v);
void put_field(std::string& out, const Pack& v);
bool get_field(std::string_view& in, Pack& v);
void put_field(std::string& out, const Pupil& v);
bool get_field(std::string_view& in, Pupil& v);
void put_field(std::string& out, const PatternEntry& v);
bool get_field(std::string_view& in, PatternEntry& v);

void put_field(std::string& out, const SourceLocation& v) {
  put_field(out, v.file);
  put_field(out, v.line);
  put_field(out, v.column);
}
bool get_field(std::string_view& in, SourceLocation& v) {
  return get_field(in, v.file) && get_field(in, v.line) && get_field(in, v.column);
}

template <typename T>
void put_field(std::string& out, const std::vector<T>& list) {
  put<uint64_t>(out, list.size());
  for (const T& item : list) put_field(out, item);
}
template <typename T>
bool get_field(std::string_view& in, std::vector<T>& list) {
  uint64_t count = 0;
  if (!get_count(in, count, 1)) return false;
  list.resize(count);
  for (T& item : list) {
    if (!get_field(in, item)) return false;
  }
  return true;
}

void put_field(std::string& out, const EvasionOptions& v) {
  for (bool b : {v.stretch, v.leet, v.separators, v.masks, v.unicode}) put_field(out, b);
}
bool get_field(std::string_view& in, EvasionOptions& v) {
  return get_field(in, v.stretch) && get_field(in, v.leet) && get_field(in, v.separators) && get_field(in, v.masks) &&
         get_field(in, v.unicode);
}

void put_field(std::string& out, const MatchSpec& v) {
  put_field(out, v.terms);
  put_field(out, v.patterns);
  put_field(out, v.case_sensitive);
  put_field(out, v.word_boundary);
  put_field(out, v.pattern_locations);
  put_field(out, v.evasion);
}
bool get_field(std::string_view& in, MatchSpec& v) {
  return get_field(in, v.terms) && get_field(in, v.patterns) && get_field(in, v.case_sensitive) &&
         get_field(in, v.word_boundary) && get_field(in, v.pattern_locations) && get_field(in, v.evasion);
}

void put_field(std::string& out, const ContextSpec& v) {
  put_field(out, v.words);
  put_field(out, v.window);
  put_field(out, v.before);
  put_field(out, v.after);
  put_field(out, v.required);
}
bool get_field(std::string_view& in, ContextSpec& v) {
  return get_field(in, v.words) && get_field(in, v.window) && get_field(in, v.before) && get_field(in, v.after) &&
         get_field(in, v.required);
}

void put_field(std::string& out, const RuleTests& v) {
  put_field(out, v.match);
  put_field(out, v.no_match);
  put_field(out, v.roster);
}
bool get_field(std::string_view& in, RuleTests& v) {
  return get_field(in, v.match) && get_field(in, v.no_match) && get_field(in, v.roster);
}

// The rosters of names and near rules are the policy's own (the loader
// sets them so): written as a flag, pointed at the decoded roster on read.
void put_field(std::string& out, const NamesSpec& v) {
  put_enum(out, v.detect);
  put_field(out, v.given_names);
  put_field(out, v.ordinary_words);
  put_field(out, v.not_names);
  put_field(out, v.not_surnames);
  put_field(out, v.titles);
  put_field(out, v.roster != nullptr);
}
bool get_field(std::string_view& in, NamesSpec& v, const std::shared_ptr<const Roster>& roster) {
  bool has_roster = false;
  if (!get_enum(in, v.detect, NamesDetect::likely_full_names) || !get_field(in, v.given_names) ||
      !get_field(in, v.ordinary_words) || !get_field(in, v.not_names) || !get_field(in, v.not_surnames) ||
      !get_field(in, v.titles) || !get_field(in, has_roster) || (has_roster && !roster)) {
    return false;
  }
  if (has_roster) v.roster = roster;
  return true;
}

void put_field(std::string& out, const NearSpec& v) {
  put_field(out, v.partner);
  put_field(out, v.distance);
  put_field(out, v.same_sentence);
  put_field(out, v.not_between);
  put_field(out, v.hedges);
  put_field(out, v.roster != nullptr);
}
bool get_field(std::string_view& in, NearSpec& v, const std::shared_ptr<const Roster>& roster) {
  bool has_roster = false;
  if (!get_field(in, v.partner) || !get_field(in, v.distance) || !get_field(in, v.same_sentence) ||
      !get_field(in, v.not_between) || !get_field(in, v.hedges) || !get_field(in, has_roster) ||
      (has_roster && !roster)) {
    return false;
  }
  if (has_roster) v.roster = roster;
  return true;
}

void put_field(std::string& out, const Rule& v) {
  for (const std::string* s : {&v.id, &v.pack, &v.category}) put_field(out, *s);
  put_enum(out, v.kind);
  put_enum(out, v.severity);
  put_field(out, v.confidence);
  for (const std::string* s : {&v.message, &v.description, &v.policy_ref, &v.suggest}) put_field(out, *s);
  put_field(out, v.personal_data);
  put_field(out, v.match);
  put_field(out, v.required);
  put_field(out, v.exceptions);
  put_field(out, v.allow);
  put_field(out, v.validator);
  put_field(out, v.context);
  put_field(out, v.unless);
  put_field(out, v.min_confidence);
  put_field(out, v.names);
  put_field(out, v.near);
  put_field(out, v.tests);
  put_field(out, v.location);
}
bool get_field(std::string_view& in, Rule& v, const std::shared_ptr<const Roster>& roster) {
  return get_field(in, v.id) && get_field(in, v.pack) && get_field(in, v.category) &&
         get_enum(in, v.kind, RuleKind::near) && get_enum(in, v.severity, Severity::error) &&
         get_field(in, v.confidence) && get_field(in, v.message) && get_field(in, v.description) &&
         get_field(in, v.policy_ref) && get_field(in, v.suggest) && get_field(in, v.personal_data) &&
         get_field(in, v.match) && get_field(in, v.required) && get_field(in, v.exceptions) &&
         get_field(in, v.allow) && get_field(in, v.validator) && get_field(in, v.context) &&
         get_field(in, v.unless) && get_field(in, v.min_confidence) && get_field(in, v.names, roster) &&
         get_field(in, v.near, roster) && get_field(in, v.tests) && get_field(in, v.location);
}

void put_field(std::string& out, const Pack& v) {
  put_field(out, v.name);
  put_field(out, v.description);
  put_field(out, v.source);
}
bool get_field(std::string_view& in, Pack& v) {
  return get_field(in, v.name) && get_field(in, v.description) && get_field(in, v.source);
}

void put_field(std::string& out, const Pupil& v) {
  for (const std::string* s : {&v.forename, &v.preferred}) put_field(out, *s);
  put_field(out, v.middle_names);
  for (const std::string* s : {&v.surname, &v.year, &v.form}) put_field(out, *s);
  put_field(out, v.publication_consent);
}
bool get_field(std::string_view& in, Pupil& v) {
  return get_field(in, v.forename) && get_field(in, v.preferred) && get_field(in, v.middle_names) &&
         get_field(in, v.surname) && get_field(in, v.year) && get_field(in, v.form) &&
         get_field(in, v.publication_consent);
}

void put_field(std::string& out, const PatternEntry& v) {
  put_field(out, v.rule);
  put_enum(out, v.role);
  put_field(out, v.expression);
  put_field(out, v.caseless);
  put_field(out, v.word_boundary);
  put_field(out, v.min_width);
  put_field(out, v.max_width);
  put_field(out, v.fold_unicode);
  put(out, v.group);
  put_field(out, v.gate_formula);
  put_field(out, v.gate_subgroup);
  put_field(out, v.folded_literal);
  put_field(out, v.spaced_letters);
  put_field(out, v.masked);
  put_field(out, v.location);
}
bool get_field(std::string_view& in, PatternEntry& v) {
  return get_field(in, v.rule) && get_enum(in, v.role, PatternRole::partner) && get_field(in, v.expression) &&
         get_field(in, v.caseless) && get_field(in, v.word_boundary) && get_field(in, v.min_width) &&
         get_field(in, v.max_width) && get_field(in, v.fold_unicode) && get(in, v.group) &&
         get_field(in, v.gate_formula) && get_field(in, v.gate_subgroup) && get_field(in, v.folded_literal) &&
         get_field(in, v.spaced_letters) && get_field(in, v.masked) && get_field(in, v.location);
}

bool roster_is_the_policys(const std::shared_ptr<const Roster>& roster, const Policy& policy) {
  return !roster || roster == policy.roster;
}

}  // namespace

bool write_policy(std::string& out, const Policy& policy) {
  for (const Rule& rule : policy.rules) {
    if (!roster_is_the_policys(rule.names.roster, policy) || !roster_is_the_policys(rule.near.roster, policy)) {
      return false;
    }
  }
  put_field(out, policy.packs);
  put_field(out, policy.roster != nullptr);
  if (policy.roster) {
    put_field(out, policy.roster->pupils);
    put_field(out, policy.roster->sources);
    put_field(out, policy.roster->has_consent_column);
  }
  put<uint64_t>(out, policy.rules.size());
  for (const Rule& rule : policy.rules) put_field(out, rule);
  put<uint64_t>(out, policy.variables.size());
  for (const auto& [name, values] : policy.variables) {
    put_field(out, name);
    put_field(out, values);
  }
  put_field(out, policy.notices);
  return true;
}

bool read_policy(std::string_view& in, Policy& policy) {
  bool has_roster = false;
  if (!get_field(in, policy.packs) || !get_field(in, has_roster)) return false;
  if (has_roster) {
    auto roster = std::make_shared<Roster>();
    if (!get_field(in, roster->pupils) || !get_field(in, roster->sources) ||
        !get_field(in, roster->has_consent_column)) {
      return false;
    }
    policy.roster = std::move(roster);
  }
  uint64_t count = 0;
  if (!get_count(in, count, 1)) return false;
  policy.rules.resize(count);
  for (Rule& rule : policy.rules) {
    if (!get_field(in, rule, policy.roster)) return false;
  }
  if (!get_count(in, count, 1)) return false;
  for (uint64_t i = 0; i < count; ++i) {
    std::string name;
    std::vector<std::string> values;
    if (!get_field(in, name) || !get_field(in, values)) return false;
    policy.variables.emplace_hint(policy.variables.end(), std::move(name), std::move(values));
  }
  return get_field(in, policy.notices);
}

void write_patterns(std::string& out, const std::vector<PatternEntry>& patterns) { put_field(out, patterns); }

bool read_patterns(std::string_view& in, std::vector<PatternEntry>& patterns, size_t rule_count) {
  if (!get_field(in, patterns)) return false;
  for (const PatternEntry& p : patterns) {
    if (p.rule >= rule_count || p.group >= kScanGroups) return false;
  }
  return true;
}

}  // namespace policycheck::policy_codec
