#include "digit_windows.hpp"

#include <algorithm>

namespace policycheck {

void DigitLayout::find(std::string_view text, const std::vector<uint32_t>& gates) {
  text_size_ = text.size();
  digits_.clear();
  runs_.clear();
  for (uint32_t g : gates) {
    const auto c = static_cast<unsigned char>(text[g]);
    if (c < '0' || c > '9') continue;
    if (!runs_.empty() && runs_.back().last + 1 == g) runs_.back().last = g;
    else runs_.push_back({g, g});
    digits_.push_back(g);
  }
}

void digit_run_windows(const DigitLayout& layout, uint32_t min_run, uint32_t max_width, std::vector<GateWindow>& out,
                       uint64_t merge_gap) {
  for (const DigitLayout::Run& run : layout.runs()) {
    if (run.last - run.first + 1 < min_run) continue;
    // The match holds min_run digits of the run: it ends after run.first
    // and begins at or before run.last.
    const uint64_t begin = run.first >= max_width ? run.first - max_width : 0;
    const uint64_t end = std::min<uint64_t>(layout.text_size(), uint64_t{run.last} + max_width + 1);
    append_window(begin, end, out, merge_gap);
  }
}

void digit_count_windows(const DigitLayout& layout, uint32_t min_digits, uint32_t max_width,
                         std::vector<GateWindow>& out, uint64_t merge_gap) {
  const std::vector<uint32_t>& d = layout.digits();
  const size_t wanted = std::max<uint32_t>(min_digits, 1);
  for (size_t i = 0; i + wanted <= d.size(); ++i) {
    const uint64_t lo = d[i], hi = d[i + wanted - 1];
    if (hi - lo >= max_width) continue;  // no match max_width wide holds them all
    // The match holds d[i..]: it ends after hi and begins at or before lo.
    const uint64_t begin = hi >= max_width ? hi - max_width : 0;
    const uint64_t end = std::min<uint64_t>(layout.text_size(), lo + max_width + 1);
    append_window(begin, end, out, merge_gap);
  }
}

void intersect_windows(const std::vector<GateWindow>& a, const std::vector<GateWindow>& b,
                       std::vector<GateWindow>& out) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const uint64_t begin = std::max(a[i].begin, b[j].begin), end = std::min(a[i].end, b[j].end);
    if (begin < end) out.push_back({begin, end});
    if (a[i].end < b[j].end) ++i;
    else ++j;
  }
}

void digit_windows(const DigitLayout& layout, uint32_t min_run, uint32_t min_digits, uint32_t max_width,
                   std::vector<GateWindow>& out, DigitWindowScratch& scratch, uint64_t merge_gap) {
  out.clear();
  // A run of min_run digits is min_run digits: a count no higher says nothing more.
  if (min_digits <= min_run) {
    digit_run_windows(layout, min_run, max_width, out, merge_gap);
    return;
  }
  if (min_run <= 1) {  // every digit is a run of one: the count alone
    digit_count_windows(layout, min_digits, max_width, out, merge_gap);
    return;
  }
  scratch.runs.clear();
  scratch.counts.clear();
  digit_run_windows(layout, min_run, max_width, scratch.runs, merge_gap);
  if (scratch.runs.empty()) return;
  digit_count_windows(layout, min_digits, max_width, scratch.counts, merge_gap);
  intersect_windows(scratch.runs, scratch.counts, out);
}

}  // namespace policycheck
