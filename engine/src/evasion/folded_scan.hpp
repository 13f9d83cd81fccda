#pragma once
// The second, rare pass for evasion `unicode`: when a record holds non-ASCII
// letters, marks or invisible characters, its folded copy (normalise/) is
// scanned with the same database and the hits of patterns that asked for it
// are mapped back to the original text. Records in plain ASCII skip this
// entirely after one fast byte test.
#include <hs/hs.h>

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "../compiled_policy_data.hpp"
#include "../normalise/folded_text.hpp"
#include "../record_scan.hpp"

namespace policycheck {

class FoldedScanner {
 public:
  explicit FoldedScanner(const CompiledPolicyData& data);

  // Appends to `out` the confirmed spans, in ORIGINAL offsets, of patterns
  // with fold_unicode found in the folded copy of `text`. Word boundaries
  // are checked on the original text.
  void scan(const CompiledPolicyData& data, hs_scratch_t* scratch, std::string_view text, std::vector<Span>& out);

 private:
  bool enabled_ = false;  // some pattern folds
  normalise::FoldedText folded_;
  std::vector<std::pair<uint32_t, uint64_t>> hits_;  // pattern, end offset in the folded text
};

}  // namespace policycheck
