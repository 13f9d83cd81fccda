#include "progress_bar.hpp"

#include <cstdio>
#include <string>

namespace policycheck::cli {
namespace {

std::string human_bytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int unit = 0;
  while (bytes >= 1000 && unit < 4) {
    bytes /= 1000;
    ++unit;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, unit == 0 ? "%.0f %s" : "%.1f %s", bytes, units[unit]);
  return buffer;
}

std::string clock_time(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (s >= 3600) std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else std::snprintf(buffer, sizeof buffer, "%ld:%02ld", s / 60, s % 60);
  return buffer;
}

}  // namespace

ProgressBar::ProgressBar(uint64_t total_bytes) : total_(total_bytes) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(uint64_t bytes, uint64_t records) {
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  if (elapsed < 1.0 || now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const double rate = bytes / elapsed;
  std::string line;
  if (total_ > 0) {
    const double fraction = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_));
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth);
    line = "[" + std::string(filled, '#') + std::string(kWidth - filled, '-') + "] ";
    char percent[16];
    std::snprintf(percent, sizeof percent, "%3.0f%% ", fraction * 100);
    line += percent + human_bytes(bytes) + " / " + human_bytes(total_);
    line += "  " + human_bytes(rate) + "/s";
    if (rate > 0 && bytes < total_) line += "  ETA " + clock_time((total_ - bytes) / rate);
  } else {
    line = human_bytes(bytes) + " read  " + human_bytes(rate) + "/s";
  }
  line += "  " + std::to_string(records) + " records";
  std::fprintf(stderr, "\r\x1b[2K%s", line.c_str());
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!drawn_) return;
  drawn_ = false;
  std::fprintf(stderr, "\r\x1b[2K");
  std::fflush(stderr);
}

}  // namespace policycheck::cli
