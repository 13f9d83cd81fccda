#pragma once
// The policy model: what the YAML packs say, with nothing of Hyperscan in it.
// The loader fills it in; the compiler turns each rule into patterns plus the
// checks that confirm a hit.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "policycheck/roster.hpp"
#include "policycheck/severity.hpp"

namespace policycheck {

enum class RuleKind { terms, pattern, require, names, near };

std::string_view to_string(RuleKind kind);

// Where something was written, for error messages and `rules explain`.
struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
};

// Ways writers disguise a term, each expanded into the term's patterns at
// compile time (engine/src/evasion/), except `unicode`, which also scans a
// folded copy of records holding non-ASCII letters (engine/src/normalise/).
struct EvasionOptions {
  bool stretch = false;     // fuuuuck: every letter may repeat
  bool leet = false;        // sh1t, $hit, b1tch: digits and symbols for letters
  bool separators = false;  // f.u.c.k, f u c k, f-u-c-k, zero-width characters between letters
  bool masks = false;       // f*ck, c**t: '*' in place of inner letters
  bool unicode = false;     // look-alike, full-width and accented letters, combining marks, invisible characters
  bool any() const { return stretch || leet || separators || masks || unicode; }
};

// What to look for: literal phrases and/or regexes. Regexes use the syntax
// both Hyperscan and RE2 accept (no look-arounds, no back-references).
struct MatchSpec {
  std::vector<std::string> terms;
  std::vector<std::string> patterns;
  bool case_sensitive = false;
  bool word_boundary = true;  // checked on the original text, never with \b
  std::vector<SourceLocation> pattern_locations;  // one per pattern, for messages
  EvasionOptions evasion;  // terms are expanded; `unicode` also applies to patterns
  bool empty() const { return terms.empty() && patterns.empty(); }
};

// Words or phrases looked for in a window of words around a hit; whole-word,
// case-insensitive. For `context` they raise confidence, for `unless` they
// cancel the hit.
struct ContextSpec {
  std::vector<std::string> words;
  int window = 6;      // words counted before and after the hit
  bool before = true;
  bool after = true;
  // context only: a hit with none of the words near is dropped, not merely
  // left at base confidence (a bare 9-digit number is a passport number only
  // when "passport" is near).
  bool required = false;
  bool empty() const { return words.empty(); }
};

struct RuleTests {
  std::vector<std::string> match;
  std::vector<std::string> no_match;
  // names rules: lines of a small roster CSV the examples are tested
  // against (the built-in policy ships no roster).
  std::vector<std::string> roster;
};

// names rules: what to look for (see rules/README.md, "pupil-names").
enum class NamesDetect {
  roster_full_names,  // a roster pupil's forename with their surname
  roster_consent,     // any mention of a pupil whose consent must be checked
  likely_full_names,  // no roster: a given name followed by a surname-like word
};

struct NamesSpec {
  NamesDetect detect = NamesDetect::roster_full_names;
  std::vector<std::string> given_names;     // likely_full_names: the given-name lexicon
  std::vector<std::string> ordinary_words;  // names that are everyday words: Grace, Hope, Will
  std::vector<std::string> not_names;       // places, organisations, events: "Harvest Festival"
  std::vector<std::string> not_surnames;    // capitalised words never a surname: Museum, Monday
  std::vector<std::string> titles;          // adult titles: Mr, Mrs, Dr
  std::shared_ptr<const Roster> roster;     // set by the loader; null without a roster
};

// near rules: `match` (a:) within `distance` words of `partner` (b:), e.g. a
// named person and an accusation. Hedges ("allegedly") lower confidence but
// never clear a hit: repeating an allegation can itself be defamatory.
struct NearSpec {
  MatchSpec partner;                     // b:
  int distance = 6;                      // most words between the two
  bool same_sentence = true;
  std::vector<std::string> not_between;  // words that, between the two, cancel the hit ("not")
  std::vector<std::string> hedges;       // words in the sentence that lower confidence
  // Set by the loader when `a:` lists `${roster_names}` and a roster is
  // loaded: the roster's pupils are people too, found by hash lookups near
  // each `b:` hit rather than as one database literal per name, so a roster
  // of any size (up to the loader's cap) costs nothing to compile.
  std::shared_ptr<const Roster> roster;
};

struct Rule {
  std::string id;        // <pack>/<what-it-detects>
  std::string pack;
  std::string category;  // defaults to the pack name
  RuleKind kind = RuleKind::terms;
  Severity severity = Severity::error;
  double confidence = 0.8;  // before validators and context
  std::string message;
  std::string description;
  std::string policy_ref;
  std::string suggest;
  bool personal_data = false;  // matches are personal data (redacted in reports)

  MatchSpec match;      // terms/pattern: what to find; require: the triggers
  MatchSpec required;   // require: one of these must appear in the same record
  std::vector<std::string> exceptions;  // phrases that, covering a hit, clear it
  MatchSpec allow;  // regexes that, matching ALL of the matched text, clear it (school's own email domain)
  std::string validator;                // named validator, see validators.hpp
  ContextSpec context;
  ContextSpec unless;
  double min_confidence = 0.0;  // hits below this after scoring are dropped
  NamesSpec names;              // names rules only
  NearSpec near;                // near rules only (`a:` is `match`)

  RuleTests tests;
  SourceLocation location;
};

struct Pack {
  std::string name;
  std::string description;
  std::string source;  // file it came from
};

struct Policy {
  std::vector<Pack> packs;
  std::vector<Rule> rules;
  // Named lists that rules interpolate as ${name}: school names, official
  // email domains, lexicons. Later definitions replace earlier ones.
  std::map<std::string, std::vector<std::string>> variables;
  // Pupils from --roster and `roster:` keys; null when there is none.
  std::shared_ptr<const Roster> roster;
  // Things the loader chose not to do that the user should know about
  // (printed by the CLI as notices); never personal data.
  std::vector<std::string> notices;

  const Rule* find_rule(std::string_view id) const;
};

}  // namespace policycheck
