#pragma once
// The straightforward engine: the yardstick the real scanner is measured and
// checked against. Every pattern of a compiled policy goes into ONE Hyperscan
// database compiled WITH HS_FLAG_SOM_LEFTMOST, so each hit arrives with the
// leftmost start of a match ending there and nothing has to find it again.
// Only word boundaries are checked after the hit; everything a rule kind
// decides (exceptions, allow, validators, context, require, names, near) is
// the engine's own rule-kind code, called exactly as the scanner calls it.
//
// Semantics, which the real scanner must reproduce (test_engine_equivalence):
// * a hit of pattern P ending at E is confirmed at the leftmost start S of a
//   match of P ending at E; a word-bounded pattern must not be glued to a
//   word character at E, nor at S: when it is at S, the next later start of
//   a match ending at E is tried (a regex search on [S+1, E)), and so on;
// * patterns that fold Unicode are also looked for in the folded copy of a
//   record with non-ASCII letters, their spans mapped back and their edges
//   checked on the original text;
// * per rule, overlapping primary spans keep the leftmost, then the longest.
//
// It lives in benchmarks/, not in the engine: it is deliberately slow (SOM
// tracking, no pre-filtering) and must not change when the scanner does.
#include <hs/hs.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/finding.hpp"
#include "policycheck/record.hpp"
#include "policycheck/scanner.hpp"

namespace policycheck::reference {

// The single start-of-match database for a compiled policy's patterns.
class ReferenceDatabase {
 public:
  // Throws std::runtime_error when Hyperscan cannot compile the patterns.
  // With a cache directory (tests), the database is kept there between runs,
  // keyed by the policy's own cache key; benchmarks compile it every time.
  explicit ReferenceDatabase(std::shared_ptr<const CompiledPolicy> policy,
                             const std::filesystem::path& cache_dir = {});
  ~ReferenceDatabase();
  ReferenceDatabase(const ReferenceDatabase&) = delete;
  ReferenceDatabase& operator=(const ReferenceDatabase&) = delete;

  const CompiledPolicy& policy() const { return *policy_; }
  const hs_database_t* database() const { return database_; }
  size_t database_bytes() const;
  double compile_ms() const { return compile_ms_; }
  // Hyperscan refuses start-of-match tracking for some patterns ("Pattern is
  // too large": long bounded repeats, as in the email pattern). Those are in
  // the database without it, and their leftmost start is found by a regex
  // search of the record up to the hit: the same answer, found more slowly.
  bool without_som(uint32_t pattern) const { return without_som_[pattern]; }
  size_t patterns_without_som() const;

 private:
  std::shared_ptr<const CompiledPolicy> policy_;
  std::vector<bool> without_som_;
  hs_database_t* database_ = nullptr;
  double compile_ms_ = 0;
};

// One per thread, like policycheck::Scanner.
class ReferenceScanner {
 public:
  explicit ReferenceScanner(std::shared_ptr<const ReferenceDatabase> database, ScanOptions options = {});
  ~ReferenceScanner();
  ReferenceScanner(ReferenceScanner&&) noexcept;
  ReferenceScanner& operator=(ReferenceScanner&&) noexcept;

  // Appends the findings for `record` to `out`, in text order (the order
  // policycheck::Scanner uses).
  void scan(const Record& record, std::vector<Finding>& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace policycheck::reference
