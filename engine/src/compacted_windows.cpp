#include "compacted_windows.hpp"

#include <algorithm>

namespace policycheck {

size_t CompactedWindows::fill(std::string_view text, const std::vector<GateWindow>& windows, size_t first,
                              size_t max_bytes) {
  buffer_.clear();
  starts_.clear();
  windows_.clear();
  size_t next = first;
  for (; next < windows.size(); ++next) {
    const GateWindow& w = windows[next];
    if (next > first && buffer_.size() + (w.end - w.begin) + 1 > max_bytes) break;
    starts_.push_back(buffer_.size());
    windows_.push_back(w);
    buffer_.append(text.substr(w.begin, w.end - w.begin));
    buffer_.push_back('\n');
  }
  return next;
}

bool CompactedWindows::real_end(uint64_t end, uint32_t min_width, uint64_t* real) const {
  if (end == 0 || starts_.empty()) return false;
  // The window holding the hit's last byte.
  const auto after = std::upper_bound(starts_.begin(), starts_.end(), end - 1);
  if (after == starts_.begin()) return false;
  const size_t i = static_cast<size_t>(after - starts_.begin()) - 1;
  const uint64_t into = end - starts_[i];
  const GateWindow& w = windows_[i];
  if (into > w.end - w.begin) return false;  // the last byte is the separator
  if (into < min_width) return false;        // began before the window
  *real = w.begin + into;
  return true;
}

}  // namespace policycheck
