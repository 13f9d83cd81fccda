#pragma once
// Confirmation of a Hyperscan hit. The database is compiled without
// start-of-match tracking (it costs 9-44 % of scan speed), so a hit is only a
// pattern id and an end offset. This finds where the match starts and checks
// the word boundaries that the patterns deliberately leave out.
#include <cstdint>
#include <string_view>

#include "compiled_policy_data.hpp"

namespace policycheck {

// Widest match we look back for when a pattern's width is unbounded.
constexpr uint32_t kMaxConfirmWidth = 4096;

// The leftmost start of a match of `entry` ending exactly at `end` that is
// not glued to a word character (when the pattern is word-bounded). Returns
// false when no such match exists.
bool confirm_span(const PatternEntry& entry, LazyConfirmer& confirmer, std::string_view text, uint64_t end,
                  uint64_t* start);

}  // namespace policycheck
