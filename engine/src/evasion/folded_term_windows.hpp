#pragma once
// Where the stretched and leet terms' regexes (scan group kFoldedTerms) run:
// their literals are looked for in the folded-letters copy of the text
// (letter_fold.hpp), and each hit that can still give a finding
// (glued_runs.hpp) becomes a window over the original bytes behind it, with
// a byte of context either side.
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include <hs/hs.h>

#include "../compiled_policy_data.hpp"
#include "../rare_byte_gate.hpp"
#include "letter_fold.hpp"

namespace policycheck {

class FoldedTermWindows {
 public:
  // Replaces `windows` with the merged windows of `text` (one record, or a
  // block of records joined by '\n') where the kFoldedTerms database must run.
  void find(const CompiledPolicyData& data, hs_scratch_t* scratch, std::string_view text,
            std::vector<GateWindow>& windows);

 private:
  FoldedLetters letters_;
  std::vector<std::pair<uint32_t, uint64_t>> literal_hits_;  // folded literal id, end in the folded copy
};

}  // namespace policycheck
