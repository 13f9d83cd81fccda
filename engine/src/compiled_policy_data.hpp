#pragma once
// Engine-internal view of a compiled policy, shared by the compiler, the
// cache and the scanner.
#include <hs/hs.h>
#include <re2/re2.h>

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/validators.hpp"
#include "regex_shape.hpp"
#include "required_literals.hpp"
#include "utf8.hpp"

namespace policycheck {

enum class PatternRole : uint8_t {
  primary,   // a hit is a candidate finding (terms, pattern) or a trigger (require)
  required,  // require rules: its presence anywhere in the record clears the rule
  partner,   // near rules: the `b:` side; the scanner keeps its spans with the required ones
};

constexpr uint32_t kUnboundedWidth = std::numeric_limits<uint32_t>::max();

// Which database a pattern is compiled into, and so where it runs
// (scan_groups.hpp): over all the text, or only in windows around rare
// bytes (rare_byte_gate.hpp), bounded by width or by alphabet runs, or
// only where the literal it folds to occurs in the folded-letters copy of
// the text (evasion/letter_fold.hpp).
enum ScanGroup : uint8_t {
  kEverywhere = 0,
  kNearGateBounded = 1,  // near digits, '@', '*'; at most GroupDatabase::max_width wide
  kNearGateRuns = 2,     // near digits, '@', '*'; within runs of GroupDatabase::alphabet
  kFoldedTerms = 3,      // stretched/leet terms: where their folded literal occurs
  kNearSpacedLetters = 4,  // spelled-out words ("f.u.c.k"): near single letters between separators
  kNearStars = 5,          // masked words ("sh*t"): within runs of GroupDatabase::alphabet around '*'
  kLiteralGated = 6,       // only in records where the literals it needs occur (LiteralGate)
  // Near runs of at least GroupDatabase::min_digit_run digits; at most
  // GroupDatabase::max_width wide (scan_groups.cpp: which k and widths).
  kNearDigitsFirst = 7,
  kScanGroups = 12
};

// One Hyperscan pattern: its id in the database is its index.
struct PatternEntry {
  uint32_t rule = 0;  // index into Policy::rules
  PatternRole role = PatternRole::primary;
  std::string expression;  // regex text accepted by both Hyperscan and RE2
  bool caseless = true;
  bool word_boundary = true;
  uint32_t min_width = 0;
  uint32_t max_width = kUnboundedWidth;
  // Also looked for in the Unicode-folded copy of a record (look-alike,
  // full-width and accented letters, invisible characters): evasion `unicode`.
  bool fold_unicode = false;
  uint8_t group = kEverywhere;  // set from the expression and widths (scan_groups.hpp)
  uint32_t gate_formula = 0;    // kLiteralGated: its formula in CompiledPolicyData::literal_gate
  uint32_t gate_subgroup = 0;   // kLiteralGated: its database in LiteralGate::subgroups
  // Stretched/leet terms: the literal every match folds to (term_expansion.hpp).
  std::string folded_literal;
  // The spelled-out form of a word (term_expansion.hpp, ExpandedTerm).
  bool spaced_letters = false;
  // The masked form of a term (term_expansion.hpp, ExpandedTerm).
  bool masked = false;
  SourceLocation location;

  unsigned hs_flags() const { return HS_FLAG_DOTALL | (caseless ? HS_FLAG_CASELESS : 0u); }
  bool fixed_width() const { return min_width == max_width; }
};

// RE2 confirmers are built on a pattern's first hit, not at start-up: most
// patterns never hit a given input, and building thousands of them would cost
// more than the whole scan of a draft.
class LazyConfirmer {
 public:
  const RE2& get(const PatternEntry& entry);

 private:
  std::once_flag once_;
  std::unique_ptr<RE2> re_;
};

// The kLiteralGated patterns' gate (required_literals.hpp): the atoms, a
// literal database that finds them, and each distinct gate formula as
// clauses (an AND of ORs of atoms). A record where no formula has every
// clause satisfied cannot hold a hit of any kLiteralGated pattern that leads
// to a finding, so that group's database skips it.
struct LiteralGate {
  std::vector<LiteralAtom> atoms;  // ids in `database` index this list
  std::vector<uint32_t> clauses_in_formula;            // per formula
  std::vector<uint32_t> formula_of_clause;             // per clause
  std::vector<std::vector<uint32_t>> clauses_of_atom;  // per atom: the clauses it satisfies
  std::vector<std::string> formula_text;               // per formula: "(a | b) & c", for pattern_cost
  hs_database_t* database = nullptr;
  // The gated patterns' databases, one per rule (PatternEntry::gate_subgroup),
  // so one rule's common literals do not make another's patterns run: each
  // runs over the records where a formula of its patterns holds.
  struct Subgroup {
    uint32_t rule = 0;
    hs_database_t* database = nullptr;
  };
  std::vector<Subgroup> subgroups;
  std::vector<std::vector<uint32_t>> subgroups_of_formula;  // per formula

  // Per-scanner marks, so a record's atoms are counted without clearing arrays.
  struct Marks {
    std::vector<uint32_t> clause, formula, satisfied;
    uint32_t epoch = 0;
  };
  // Calls `on_formula(f)` for each formula all of whose clauses the atoms
  // `seen` (ids, repeats allowed) satisfy, until it returns true; returns
  // whether one did.
  template <typename F>
  bool find_holding(const std::vector<uint32_t>& seen, Marks& m, F&& on_formula) const {
    if (m.clause.size() != formula_of_clause.size() || m.formula.size() != clauses_in_formula.size() || ++m.epoch == 0) {
      m.clause.assign(formula_of_clause.size(), 0);
      m.formula.assign(clauses_in_formula.size(), 0);
      m.satisfied.assign(clauses_in_formula.size(), 0);
      m.epoch = 1;
    }
    for (uint32_t a : seen) {
      for (uint32_t c : clauses_of_atom[a]) {
        if (m.clause[c] == m.epoch) continue;
        m.clause[c] = m.epoch;
        const uint32_t f = formula_of_clause[c];
        if (m.formula[f] != m.epoch) {
          m.formula[f] = m.epoch;
          m.satisfied[f] = 0;
        }
        if (++m.satisfied[f] == clauses_in_formula[f] && on_formula(f)) return true;
      }
    }
    return false;
  }
  // Whether a hit of atom `atom` ending at `end` of `text` counts: a
  // word_start atom does not after an ASCII word byte (required_literals.hpp).
  bool counts(uint32_t atom, std::string_view text, uint64_t end) const {
    const LiteralAtom& a = atoms[atom];
    if (!a.word_start || end < a.text.size() + 1) return true;
    return !utf8::ascii_word_byte(static_cast<unsigned char>(text[end - a.text.size() - 1]));
  }
  bool any_holds(const std::vector<uint32_t>& seen, Marks& m) const {
    return find_holding(seen, m, [](uint32_t) { return true; });
  }
  void clear() {
    atoms.clear();
    clauses_in_formula.clear();
    formula_of_clause.clear();
    clauses_of_atom.clear();
    formula_text.clear();
    for (Subgroup& g : subgroups) hs_free_database(g.database);
    subgroups.clear();
    subgroups_of_formula.clear();
  }
};

// Everything a rule needs after its patterns hit, prepared once.
struct NamesMatcher;  // kinds/names_matcher.hpp
struct RosterPeople;  // kinds/roster_people.hpp

struct RuleRuntime {
  ValidatorFn validator = nullptr;
  std::vector<std::string> exceptions;  // lower-cased ASCII
  std::vector<std::unique_ptr<RE2>> allow;  // full-match regexes, case-insensitive
  std::vector<std::vector<std::string>> context_phrases;  // each a list of lower-cased words
  std::vector<std::vector<std::string>> unless_phrases;
  std::shared_ptr<const NamesMatcher> names;  // names rules: roster and word lists as hash tables
  std::vector<std::vector<std::string>> not_between_phrases;  // near rules
  std::vector<std::vector<std::string>> hedge_phrases;        // near rules
  std::shared_ptr<const RosterPeople> roster_people;          // near rules with a roster as `a:`
};

struct CompiledPolicyData {
  Policy policy;
  std::vector<PatternEntry> patterns;
  std::vector<RuleRuntime> rules;
  std::vector<std::unique_ptr<LazyConfirmer>> confirmers;  // one per pattern
  // One database per scan group; null when the group has no patterns.
  struct GroupDatabase {
    hs_database_t* database = nullptr;
    uint32_t max_width = 0;  // kNearGateBounded, kNearDigits*: the widest pattern
    uint32_t min_digit_run = 0;  // kNearDigits*: every match holds this many digits in a row
    uint32_t min_digits = 0;     // kNearDigits*: every match holds this many digits in all
    ByteSet alphabet;        // kNearGateRuns, kNearStars, kFoldedTerms, kNearSpacedLetters: every byte any of its patterns can match
    // kNearGateRuns: every match of each of its patterns holds a byte of
    // this set (a subset of the gate bytes: '@' alone for e-mail addresses).
    ByteSet needed;
  };
  std::array<GroupDatabase, kScanGroups> groups;
  // The distinct folded literals of the kFoldedTerms patterns, and the
  // literal database that finds them in folded text (ids index the list).
  std::vector<std::string> folded_literals;
  // Per folded literal: every kFoldedTerms pattern with it is word-bounded,
  // so a hit glued to words on a side is dropped (evasion/glued_runs.hpp).
  // Derived from the patterns by assign_scan_groups; stored in the cache
  // with the groups (cached_scan_groups.cpp).
  std::vector<uint8_t> folded_literal_word_bounded;
  hs_database_t* folded_literal_database = nullptr;
  LiteralGate literal_gate;
  // No pattern depends on the edges of the scanned buffer (pattern_anchors.hpp):
  // short records may be joined into blocks and scanned in one call.
  bool joinable = false;
  CompileStats stats;

  bool has_database() const {
    for (const GroupDatabase& g : groups) {
      if (g.database) return true;
    }
    for (const LiteralGate::Subgroup& g : literal_gate.subgroups) {
      if (g.database) return true;
    }
    return false;
  }

  // Set when the databases were deserialised into one block (db_cache.cpp,
  // populated_memory.hpp): they go with it, not one by one.
  std::shared_ptr<char> database_memory;

  ~CompiledPolicyData() {
    if (database_memory) {
      for (GroupDatabase& g : groups) g.database = nullptr;
      folded_literal_database = nullptr;
      literal_gate.database = nullptr;
      for (LiteralGate::Subgroup& g : literal_gate.subgroups) g.database = nullptr;
    }
    for (GroupDatabase& g : groups) hs_free_database(g.database);
    hs_free_database(folded_literal_database);
    hs_free_database(literal_gate.database);
    literal_gate.clear();
  }
};

// RE2 options matching how Hyperscan reads the same pattern (bytes, not
// UTF-8 code points: that is how the database is compiled, see compiler.cpp).
RE2::Options confirm_options(bool caseless);

}  // namespace policycheck
