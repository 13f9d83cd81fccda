#include "glued_runs.hpp"

#include "../utf8.hpp"

namespace policycheck {
namespace {

bool ascii_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Every byte of [begin, end) is an ASCII word byte: then each start (end)
// inside the run has a word byte on both sides, and only the run's outer
// neighbour is left to decode.
bool all_ascii_word(std::string_view text, uint64_t begin, uint64_t end) {
  for (uint64_t i = begin; i < end; ++i) {
    if (!ascii_word_byte(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace

bool every_start_glued(std::string_view text, uint64_t run_begin, uint64_t run_end) {
  return run_begin > 0 && run_begin < run_end && run_end <= text.size() && all_ascii_word(text, run_begin, run_end) &&
         utf8::word_before(text, run_begin);
}

bool every_end_glued(std::string_view text, uint64_t run_begin, uint64_t run_end) {
  return run_begin < run_end && run_end < text.size() && all_ascii_word(text, run_begin, run_end) &&
         utf8::word_at(text, run_end);
}

}  // namespace policycheck
