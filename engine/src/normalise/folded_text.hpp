#pragma once
// A folded copy of a record's text, for matching only: compatibility forms
// (full-width, mathematical, ligatures) decomposed, accents and other
// combining marks dropped, invisible format characters (zero-width, bidi
// controls, soft hyphen) deleted, look-alike letters from other scripts
// replaced by the ASCII letter they imitate, styled and framed Latin letters
// (circled, parenthesized, squared, regional indicators, small capitals:
// letter_forms.hpp) replaced by their letter. Every folded byte remembers the
// original byte it came from, so findings point at the ORIGINAL text and
// word boundaries and exceptions are checked there.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace policycheck::normalise {

// True when folding could change what matches: the text holds a non-ASCII
// letter, digit, enclosed or styled letter (letter_forms.hpp), or a mark or
// format character right after a letter. Plain
// ASCII (the common case) is rejected by a fast byte test; typographic quotes,
// dashes, currency signs and emoji do not count.
bool worth_folding(std::string_view text);

class FoldedText {
 public:
  // Folds `text`, reusing this object's buffers.
  void fold(std::string_view text);

  std::string_view text() const { return folded_; }

  // The original span behind folded bytes [start, end). The end extends over
  // dropped characters (marks, invisible characters) that follow, so that
  // "idiot" + U+0301 maps to the whole accented word.
  uint64_t original_start(uint64_t folded_start) const { return origin_[folded_start]; }
  uint64_t original_end(uint64_t folded_end) const { return origin_[folded_end]; }

 private:
  std::string folded_;
  // origin_[i]: offset in the original of the character folded byte i came
  // from; origin_[size] is where the next kept original character starts.
  std::vector<uint32_t> origin_;
};

}  // namespace policycheck::normalise
