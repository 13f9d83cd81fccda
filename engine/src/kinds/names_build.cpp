// Compile time for names rules: the roster (or the given-name lexicon)
// becomes database patterns, and the hash tables that confirm a hit.
// Only tokens go into the database (distinct surnames, or forenames for the
// consent check): a 100,000-pupil roster stays a few tens of thousands of
// literals, and pairing a surname with its forename costs a hash lookup at
// scan time instead of a pattern per pupil and spelling.
#include <set>
#include <string_view>
#include <unordered_set>

#include "../regex_text.hpp"
#include "names_matcher.hpp"
#include "names_patterns.hpp"
#include "names_text.hpp"
#include "rule_kinds.hpp"

namespace policycheck {
namespace {

bool rule_pupil(const NamesSpec& spec, const Pupil& pupil) {
  return spec.detect != NamesDetect::roster_consent || !pupil.publication_consent;
}

void add_entry(const Rule& rule, uint32_t index, std::string expression, bool caseless,
               std::vector<PatternEntry>& out) {
  PatternEntry entry;
  entry.rule = index;
  entry.role = PatternRole::primary;
  entry.expression = std::move(expression);
  entry.caseless = caseless;
  entry.word_boundary = true;
  entry.location = rule.location;
  out.push_back(std::move(entry));
}

std::vector<std::string> keys_of(const std::string& name) {
  std::vector<std::string> keys;
  std::string key = names::fold_key(name);
  if (!key.empty()) keys.push_back(std::move(key));
  for (std::string& variant : names::variant_keys(name)) keys.push_back(std::move(variant));
  return keys;
}

void fold_into(const std::vector<std::string>& words, std::unordered_set<std::string>& out) {
  for (const std::string& word : words) {
    std::string key = names::fold_key(word);
    if (!key.empty()) out.insert(std::move(key));
  }
}

}  // namespace

void emit_names_patterns(const Rule& rule, uint32_t index, std::vector<PatternEntry>& out) {
  const NamesSpec& spec = rule.names;
  if (spec.detect == NamesDetect::likely_full_names) {
    // The roster, when there is one, is the authority: guessing on top of
    // it would only add noise.
    if (spec.roster) return;
    // A hash set of views: the lexicon holds thousands of names and this
    // runs on every start, from the cache too.
    std::unordered_set<std::string_view> seen;
    seen.reserve(spec.given_names.size());
    out.reserve(out.size() + spec.given_names.size() + 1);
    for (const std::string& name : spec.given_names) {
      // Case-sensitive: a given name starts with a capital in prose
      // ("will" and "grace" in lower case are words, not names).
      if (name.empty() || !names::starts_upper(name) || !seen.insert(name).second) continue;
      add_entry(rule, index, escape_regex(name), false, out);
    }
    if (!seen.empty()) add_entry(rule, index, "#[A-Z][a-z]+[A-Z][A-Za-z'-]+", false, out);
    return;
  }
  if (!spec.roster) return;
  std::set<std::string> expressions;
  // Pupils share surnames and forenames: each name's spellings are worked
  // out once (this runs on every start, from the cache too).
  std::unordered_set<std::string_view> names_done;
  for (const Pupil& pupil : spec.roster->pupils) {
    if (!rule_pupil(spec, pupil)) continue;
    auto add = [&](const std::string& name) {
      if (!names_done.insert(name).second) return;
      for (std::string& literal : names::roster_name_literals(name)) expressions.insert(std::move(literal));
    };
    if (spec.detect == NamesDetect::roster_full_names) {
      add(pupil.surname);
    } else {
      add(pupil.forename);
      if (!pupil.preferred.empty()) add(pupil.preferred);
    }
  }
  expressions.erase(std::string());
  if (expressions.empty()) return;
  for (const std::string& expression : expressions) add_entry(rule, index, expression, true, out);
  add_entry(rule, index, std::string(names::kHandlePattern), true, out);
}

std::shared_ptr<const NamesMatcher> build_names_matcher(const Rule& rule) {
  auto matcher = std::make_shared<NamesMatcher>();
  const NamesSpec& spec = rule.names;
  matcher->detect = spec.detect;
  fold_into(spec.given_names, matcher->given_names);
  fold_into(spec.ordinary_words, matcher->ordinary_words);
  fold_into(spec.not_surnames, matcher->not_surnames);
  fold_into(spec.titles, matcher->titles);
  for (const std::string& phrase : spec.not_names) {
    std::vector<std::string> words;
    std::string current;
    for (char c : phrase + " ") {
      if (c == ' ') {
        std::string key = names::fold_key(current);
        if (!key.empty()) words.push_back(std::move(key));
        current.clear();
      } else {
        current += c;
      }
    }
    if (!words.empty()) matcher->not_names[words.front()].push_back(std::move(words));
  }
  if (!spec.roster || spec.detect == NamesDetect::likely_full_names) return matcher;

  for (const Pupil& pupil : spec.roster->pupils) {
    if (!rule_pupil(spec, pupil)) continue;
    const uint32_t id = static_cast<uint32_t>(matcher->pupils.size());
    NamesMatcher::PupilKeys keys;
    for (const std::string& middle : pupil.middle_names) {
      for (std::string& key : keys_of(middle)) keys.middle.push_back(std::move(key));
    }
    matcher->pupils.push_back(std::move(keys));
    std::vector<std::string> forenames = keys_of(pupil.forename);
    if (!pupil.preferred.empty()) {
      for (std::string& key : keys_of(pupil.preferred)) forenames.push_back(std::move(key));
    }
    const std::vector<std::string> surnames = keys_of(pupil.surname);
    for (const std::string& forename : forenames) {
      matcher->forenames.insert(forename);
      matcher->longest_forename = std::max(matcher->longest_forename, forename.size());
      for (const std::string& surname : surnames) {
        auto& ids = matcher->by_full_name[NamesMatcher::full_key(surname, forename)];
        if (ids.empty() || ids.back() != id) ids.push_back(id);
      }
    }
    for (const std::string& surname : surnames) matcher->surnames.insert(surname);
  }
  return matcher;
}

}  // namespace policycheck
