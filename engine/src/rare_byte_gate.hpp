#pragma once
// Rare-byte anchoring. Most personal-data patterns cannot match without a
// digit, '@' or '*' (phone numbers, postcodes, dates, emails, masked
// swear words), and such bytes are rare in prose. Those patterns go into
// databases of their own that are run only in windows around those bytes
// instead of over the whole text; the rest of the policy stays in the main
// database. The hits are exactly the ones a full scan gives:
//
// * every match of a gated pattern contains a gate byte g (regex_shape.hpp
//   proves it from the pattern text, or the pattern is not gated);
// * a `bounded` group's matches are at most max_width bytes long, so a match
//   holding g lies in [g - max_width + 1, g + max_width); a `runs` group's
//   matches consist of bytes of its alphabet only, so a match holding g lies
//   in the run of alphabet bytes around g;
// * each window adds one byte of real text on either side and windows are
//   merged when they overlap or nearly touch, so no match can lean on a
//   window edge that is not an edge of the text (no gated pattern asserts
//   anything about the buffer's edges, and \b sees the real neighbours),
//   and no match is reported twice.
#include <cstdint>
#include <string_view>
#include <vector>

#include "regex_shape.hpp"

namespace policycheck {

// Digits, '@' and '*'.
const ByteSet& gate_bytes();

struct GateWindow {
  uint64_t begin = 0;
  uint64_t end = 0;
};

// Windows closer than this are merged into one. Scanned one database call
// per window, a call's fixed cost outweighs a few dozen bytes more
// (kMergeGapPerCall); copied together into one call (compacted_windows.hpp)
// only the bytes count, and windows merge only when they (nearly) touch.
constexpr uint64_t kMergeGapPerCall = 64;
constexpr uint64_t kMergeGapCompacted = 1;

// Positions in `text` of gate_bytes(), appended to `gates` (SSE2 where available).
void find_gate_bytes(std::string_view text, std::vector<uint32_t>& gates);

// Appends [begin, end) to `out` (sorted by start), merged into the last
// window when they overlap or are at most `merge_gap` bytes apart.
void append_window(uint64_t begin, uint64_t end, std::vector<GateWindow>& out, uint64_t merge_gap = kMergeGapPerCall);

// Sorts windows by start and merges those that overlap or nearly touch.
void merge_windows(std::vector<GateWindow>& windows);

// Windows for a group of patterns at most `max_width` bytes wide.
void bounded_windows(const std::vector<uint32_t>& gates, uint64_t text_size, uint32_t max_width,
                     std::vector<GateWindow>& out, uint64_t merge_gap = kMergeGapPerCall);

// Windows for the spelled-out forms of words (term_expansion.hpp): every
// match is single bytes with separator_bytes() runs between them, at least
// four, so it holds two single bytes in a row that each stand between
// separators. A window is the stretch of separators and such lone bytes
// around each such pair, plus the first and last letter and a byte of
// context on either side. Every match's letters are `alphabet` bytes (the
// group's, regex_shape.hpp) and its first and last are not separators
// (term_expansion.cpp spells out only words that start and end with a
// letter), so a pair counts only when it and the nearest non-separator
// byte either side of it are in `alphabet`: those are the match's second
// and third letter and its first and fourth.
void spaced_letter_windows(std::string_view text, const ByteSet& alphabet, std::vector<GateWindow>& out);

// Windows for a group whose matches are made of `alphabet` bytes only.
void run_windows(std::string_view text, const std::vector<uint32_t>& gates, const ByteSet& alphabet,
                 std::vector<GateWindow>& out, uint64_t merge_gap = kMergeGapPerCall);

}  // namespace policycheck
