#include "glued_runs.hpp"

#include "../utf8.hpp"

namespace policycheck {
namespace {

using utf8::ascii_word_byte;

// Every byte of [begin, end) is an ASCII word byte: then each start (end)
// inside the run has a word byte on both sides, and only the run's outer
// neighbour is left to decode.
bool all_ascii_word(std::string_view text, uint64_t begin, uint64_t end) {
  for (uint64_t i = begin; i < end; ++i) {
    if (!ascii_word_byte(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

// The neighbour's byte alone settles it when it is ASCII (a code point of
// its own, as utf8::word_before/word_at would decode it); only a non-ASCII
// neighbour is decoded. Most of the hits are checked, so this is on the
// hot path.
bool word_before(std::string_view text, uint64_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos - 1]);
  return byte < 0x80 ? ascii_word_byte(byte) : utf8::word_before(text, pos);
}

bool word_at(std::string_view text, uint64_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  return byte < 0x80 ? ascii_word_byte(byte) : utf8::word_at(text, pos);
}

}  // namespace

bool every_start_glued(std::string_view text, uint64_t run_begin, uint64_t run_end) {
  return run_begin > 0 && run_begin < run_end && run_end <= text.size() && word_before(text, run_begin) &&
         all_ascii_word(text, run_begin, run_end);
}

bool every_end_glued(std::string_view text, uint64_t run_begin, uint64_t run_end) {
  return run_begin < run_end && run_end < text.size() && word_at(text, run_end) &&
         all_ascii_word(text, run_begin, run_end);
}

}  // namespace policycheck
