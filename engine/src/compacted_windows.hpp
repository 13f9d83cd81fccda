#pragma once
// A gated group's windows (rare_byte_gate.hpp) copied one after another into
// one buffer, '\n' after each, so that its database runs once over them all
// instead of once per window: a Hyperscan call has a fixed cost that, over
// thousands of windows of a few dozen bytes, outweighs the scan itself.
//
// Why the hits are exactly those of scanning each window alone (for a
// CompiledPolicyData::joinable policy, whose patterns assert nothing about a
// buffer's edges but \b, and '\n' is a non-word byte like an edge, as in
// record_block.hpp): a match inside a window is made of the same bytes in
// the buffer and ends at the same place, so it is found. The buffer can have
// more matches: those running over a separator. real_end() drops every hit
// whose last byte is a separator, and every hit that ends less than the
// pattern's min_width bytes into its window (no match inside the window
// can end there: this is what keeps a fixed-width pattern, which
// span_confirmer.cpp does not re-read, exact). What remains is re-read by
// confirmation on the record's own text, with the match pinned to the hit's
// end, as joined records are: a hit whose only match begins in an earlier
// window is not confirmed unless one inside its window also ends there.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rare_byte_gate.hpp"

namespace policycheck {

class CompactedWindows {
 public:
  // Copies text's windows[first...] (sorted, not overlapping) into the
  // buffer while it stays within `max_bytes` (always at least one window),
  // so a big record is not copied whole. Returns the index one past the
  // last window taken.
  size_t fill(std::string_view text, const std::vector<GateWindow>& windows, size_t first, size_t max_bytes);

  std::string_view text() const { return buffer_; }

  // The end in the original text of a hit that ends at `end` in text(), for
  // a pattern whose matches are at least `min_width` bytes long; false when
  // no match inside one window can end there.
  bool real_end(uint64_t end, uint32_t min_width, uint64_t* real) const;

 private:
  std::string buffer_;
  std::vector<uint64_t> starts_;  // where each window starts in buffer_
  std::vector<GateWindow> windows_;
};

}  // namespace policycheck
