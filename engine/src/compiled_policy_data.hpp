#pragma once
// Engine-internal view of a compiled policy, shared by the compiler, the
// cache and the scanner.
#include <hs/hs.h>
#include <re2/re2.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/validators.hpp"

namespace policycheck {

enum class PatternRole : uint8_t {
  primary,   // a hit is a candidate finding (terms, pattern) or a trigger (require)
  required,  // require rules: its presence anywhere in the record clears the rule
  partner,   // near rules: the `b:` side; the scanner keeps its spans with the required ones
};

constexpr uint32_t kUnboundedWidth = std::numeric_limits<uint32_t>::max();

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
  hs_database_t* database = nullptr;                       // null when there are no patterns
  CompileStats stats;

  ~CompiledPolicyData() { hs_free_database(database); }
};

// RE2 options matching how Hyperscan reads the same pattern (bytes, not
// UTF-8 code points: that is how the database is compiled, see compiler.cpp).
RE2::Options confirm_options(bool caseless);

}  // namespace policycheck
