#pragma once
// Small UTF-8 helpers used on the scan path. Invalid bytes count as one
// non-word code point each, so nothing here can read out of bounds or loop.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace policycheck::utf8 {

// Length of the (possibly invalid) sequence starting at text[pos]: 1..4.
size_t sequence_length(std::string_view text, size_t pos);

// Decodes the code point at pos; returns U+FFFD for invalid bytes.
char32_t decode_at(std::string_view text, size_t pos, size_t* length = nullptr);

// Decodes the code point that ends just before pos.
char32_t decode_before(std::string_view text, size_t pos, size_t* length = nullptr);

// ASCII letters, digits and '_': is_word for a code point below 0x80,
// inline for the hot paths that test a byte before decoding anything.
inline bool ascii_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Letters, marks, digits and connector punctuation (as in \w with Unicode).
bool is_word(char32_t cp);

inline bool word_at(std::string_view text, size_t pos) {
  return pos < text.size() && is_word(decode_at(text, pos));
}
inline bool word_before(std::string_view text, size_t pos) {
  return pos > 0 && is_word(decode_before(text, pos));
}

// True when the span [start, end) is glued to a word character on either side
// (a word character inside the span touching one outside it): the check that
// \b would make, done on the original text.
inline bool glued(std::string_view text, size_t start, size_t end) {
  if (start > 0 && word_at(text, start) && word_before(text, start)) return true;
  if (end < text.size() && end > start && word_before(text, end) && word_at(text, end)) return true;
  return false;
}

// Appends the UTF-8 encoding of `cp` (callers pass valid scalar values).
void append(std::string& out, char32_t cp);

size_t count_code_points(std::string_view text);

bool valid(std::string_view text);

}  // namespace policycheck::utf8
