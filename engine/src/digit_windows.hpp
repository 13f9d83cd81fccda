#pragma once
// Windows for the kNearDigits* groups (scan_groups.hpp): patterns at most
// `max_width` bytes wide every match of which holds `min_run` ASCII digits
// in a row and `min_digits` digits in all (regex_shape.hpp). Same hits as a
// full scan, for the reasons rare_byte_gate.hpp gives (every match lies in
// a window, with a byte of real context either side), and:
//
// * runs: such a match holds min_run digits of one maximal digit run of the
//   text at least min_run long, so it lies within max_width bytes of that
//   run; the window is the run, max_width - 1 bytes either side and a byte
//   of context;
// * counts: a match is contiguous, so the digits it holds are consecutive
//   digits of the text, at least min_digits of them d_i..d_j with
//   d_j - d_i < max_width, and it lies in [d_j - max_width + 1,
//   d_i + max_width); the window is that and a byte of context, for every
//   such d_i..d_j;
// * a match in a window of each lies in their intersection, with its
//   context still (and gaps between windows only grow).
#include <cstdint>
#include <string_view>
#include <vector>

#include "rare_byte_gate.hpp"

namespace policycheck {

// Where the digits of a text are, worked out once for all the digit groups.
class DigitLayout {
 public:
  // `gates`: find_gate_bytes() of `text`.
  void find(std::string_view text, const std::vector<uint32_t>& gates);

  uint64_t text_size() const { return text_size_; }
  const std::vector<uint32_t>& digits() const { return digits_; }  // positions, in order
  struct Run {
    uint32_t first, last;  // a maximal run of digits, last inclusive
  };
  const std::vector<Run>& runs() const { return runs_; }

 private:
  uint64_t text_size_ = 0;
  std::vector<uint32_t> digits_;
  std::vector<Run> runs_;
};

// Windows around the maximal digit runs at least `min_run` long.
void digit_run_windows(const DigitLayout& layout, uint32_t min_run, uint32_t max_width, std::vector<GateWindow>& out,
                       uint64_t merge_gap = kMergeGapPerCall);

// Windows around every `min_digits` consecutive digits less than
// `max_width` bytes apart. With min_digits 1 these are bounded_windows()
// around digits only.
void digit_count_windows(const DigitLayout& layout, uint32_t min_digits, uint32_t max_width,
                         std::vector<GateWindow>& out, uint64_t merge_gap = kMergeGapPerCall);

// The parts of `a` that lie in `b` too (both sorted and apart), into `out`.
void intersect_windows(const std::vector<GateWindow>& a, const std::vector<GateWindow>& b,
                       std::vector<GateWindow>& out);

// A digit group's windows: the run windows and the count windows
// intersected, each only where it says more than the other. `out` is
// cleared first; the scratch lists hold the two before they are intersected.
struct DigitWindowScratch {
  std::vector<GateWindow> runs, counts;
};
void digit_windows(const DigitLayout& layout, uint32_t min_run, uint32_t min_digits, uint32_t max_width,
                   std::vector<GateWindow>& out, DigitWindowScratch& scratch, uint64_t merge_gap = kMergeGapPerCall);

}  // namespace policycheck
