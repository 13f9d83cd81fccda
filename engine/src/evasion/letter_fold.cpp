#include "letter_fold.hpp"

#include <array>

namespace policycheck {
namespace {

// Must agree with leet_for() in term_expansion.cpp: every stand-in of a
// letter folds to the same byte as that letter.
constexpr std::array<unsigned char, 256> make_table() {
  std::array<unsigned char, 256> t{};
  for (unsigned c = 0; c < 256; ++c) t[c] = static_cast<unsigned char>(c);
  for (unsigned c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<unsigned char>(c - 'A' + 'a');
  t['L'] = t['l'] = 'i';
  t['@'] = t['4'] = 'a';
  t['8'] = 'b';
  t['('] = 'c';
  t['3'] = 'e';
  t['6'] = t['9'] = 'g';
  t['1'] = t['!'] = t['|'] = 'i';
  t['0'] = 'o';
  t['$'] = t['5'] = 's';
  t['7'] = t['+'] = 't';
  t['2'] = 'z';
  for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[c] = ' ';
  return t;
}

constexpr std::array<unsigned char, 256> kFold = make_table();

}  // namespace

unsigned char fold_letter_byte(unsigned char byte) { return kFold[byte]; }

std::string fold_term(std::string_view term) {
  std::string out;
  for (char c : term) {
    const char f = static_cast<char>(kFold[static_cast<unsigned char>(c)]);
    if (out.empty() || out.back() != f) out += f;
  }
  return out;
}

void FoldedLetters::fold(std::string_view text) {
  folded_.resize(text.size());
  origin_.resize(text.size() + 1);
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  char* out = folded_.data();
  uint32_t* origin = origin_.data();
  size_t n = 0;
  int previous = -1;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char f = kFold[in[i]];
    const size_t at = i;
    // U+2019 (E2 80 99), the typographic apostrophe, folds to '\'' as the
    // term regexes accept either.
    if (in[i] == 0xE2 && i + 2 < text.size() && in[i + 1] == 0x80 && in[i + 2] == 0x99) {
      f = '\'';
      i += 2;
    }
    if (f == previous) continue;
    previous = f;
    out[n] = static_cast<char>(f);
    origin[n] = static_cast<uint32_t>(at);
    ++n;
  }
  folded_.resize(n);
  origin_[n] = static_cast<uint32_t>(text.size());
  origin_.resize(n + 1);
}

}  // namespace policycheck
