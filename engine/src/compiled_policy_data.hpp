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
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/validators.hpp"
#include "regex_shape.hpp"

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
  // Near runs of at least GroupDatabase::min_digit_run digits; at most
  // GroupDatabase::max_width wide (scan_groups.cpp: which k and widths).
  kNearDigitsFirst = 6,
  kScanGroups = 10
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

// Everything a rule needs after its patterns hit, prepared once.
struct NamesMatcher;  // kinds/names_matcher.hpp

struct RuleRuntime {
  ValidatorFn validator = nullptr;
  std::vector<std::string> exceptions;  // lower-cased ASCII
  std::vector<std::unique_ptr<RE2>> allow;  // full-match regexes, case-insensitive
  std::vector<std::vector<std::string>> context_phrases;  // each a list of lower-cased words
  std::vector<std::vector<std::string>> unless_phrases;
  std::shared_ptr<const NamesMatcher> names;  // names rules: roster and word lists as hash tables
  std::vector<std::vector<std::string>> not_between_phrases;  // near rules
  std::vector<std::vector<std::string>> hedge_phrases;        // near rules
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
    ByteSet alphabet;        // kNearGateRuns, kNearStars, kFoldedTerms: every byte any of its patterns can match
  };
  std::array<GroupDatabase, kScanGroups> groups;
  // The distinct folded literals of the kFoldedTerms patterns, and the
  // literal database that finds them in folded text (ids index the list).
  std::vector<std::string> folded_literals;
  hs_database_t* folded_literal_database = nullptr;
  // No pattern depends on the edges of the scanned buffer (pattern_anchors.hpp):
  // short records may be joined into blocks and scanned in one call.
  bool joinable = false;
  CompileStats stats;

  bool has_database() const {
    for (const GroupDatabase& g : groups) {
      if (g.database) return true;
    }
    return false;
  }

  ~CompiledPolicyData() {
    for (GroupDatabase& g : groups) hs_free_database(g.database);
    hs_free_database(folded_literal_database);
  }
};

// RE2 options matching how Hyperscan reads the same pattern (bytes, not
// UTF-8 code points: that is how the database is compiled, see compiler.cpp).
RE2::Options confirm_options(bool caseless);

}  // namespace policycheck
