#include "folded_term_windows.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "glued_runs.hpp"

namespace policycheck {
namespace {

// Longest stretch of a record folded at once.
constexpr uint64_t kFoldSliceBytes = 1 << 20;

int on_literal(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
               void* context) {
  static_cast<std::vector<std::pair<uint32_t, uint64_t>>*>(context)->emplace_back(id, to);
  return 0;
}

}  // namespace

void FoldedTermWindows::find(const CompiledPolicyData& data, hs_scratch_t* scratch, std::string_view text,
                             std::vector<GateWindow>& windows) {
  windows.clear();
  if (!data.folded_literal_database) return;
  // Folded in slices, so a big record does not need a folded copy and an
  // offset map five times its size: each slice ends at a byte none of
  // these regexes can match, so no match is cut in two.
  const ByteSet& alphabet = data.groups[kFoldedTerms].alphabet;
  for (uint64_t from = 0; from < text.size();) {
    uint64_t to = text.size();
    if (to - from > kFoldSliceBytes) {
      to = from + kFoldSliceBytes;
      while (to < text.size() && alphabet.test(static_cast<unsigned char>(text[to]))) ++to;
    }
    letters_.fold(text.substr(from, to - from));
    literal_hits_.clear();
    const std::string_view folded = letters_.text();
    const hs_error_t rc = hs_scan(data.folded_literal_database, folded.data(), static_cast<unsigned>(folded.size()), 0,
                                  scratch, on_literal, &literal_hits_);
    if (rc != HS_SUCCESS) throw std::runtime_error("Hyperscan scan failed (error " + std::to_string(rc) + ")");
    for (const auto& [id, end] : literal_hits_) {
      const uint64_t first = end - data.folded_literals[id].size();  // the literal's first folded byte
      const uint64_t begin = from + letters_.original_start(first);
      const uint64_t last_run = from + letters_.original_start(end - 1);
      const uint64_t stop = from + letters_.original_end(end);
      // Most hits are inside longer words ("hei" of "hell" in "their", "ass"
      // in "class"): the glue check is the confirmer's, on the same bytes.
      if (data.folded_literal_word_bounded[id] &&
          (every_start_glued(text, begin, from + letters_.original_start(first + 1)) ||
           every_end_glued(text, last_run, stop))) {
        continue;
      }
      // A byte of context either side (the regexes assert nothing about it).
      windows.push_back({begin > 0 ? begin - 1 : 0, std::min<uint64_t>(text.size(), stop + 1)});
    }
    from = to;
  }
  merge_windows(windows);
}

}  // namespace policycheck
