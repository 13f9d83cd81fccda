#pragma once
// A one-line progress bar on stderr for long scans: bytes read, rate and
// time left. Drawn only after the first second (short runs never show it),
// at most ten times a second, and erased at the end.
#include <chrono>
#include <cstdint>

namespace policycheck::cli {

class ProgressBar {
 public:
  explicit ProgressBar(uint64_t total_bytes);  // 0 when unknown (stdin)
  ~ProgressBar();
  void update(uint64_t bytes, uint64_t records);
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  uint64_t total_;
  Clock::time_point started_ = Clock::now();
  Clock::time_point last_draw_{};
  bool drawn_ = false;
};

}  // namespace policycheck::cli
