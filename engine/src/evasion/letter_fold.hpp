#pragma once
// The folded-letters copy of a text, for finding disguised terms with plain
// literals. Every byte is mapped to a canonical one: letters to lower case,
// leet stand-ins to the letter they stand for ('$' and '5' to 's', '1', '|',
// '!' and 'l' all to 'i' since they stand in for both i and l), ASCII white
// space to ' ', the typographic apostrophe U+2019 to '\''; then each run of equal mapped bytes becomes one byte
// ("Fuuuck" -> "fuck", "sh1iit" -> "shit", "kill" -> "ki").
//
// Why it finds every match of a stretched/leet term's regex (the compact
// regex of term_expansion.cpp: a class of a letter and its stand-ins,
// repeated, per letter, and \s+ between words): each byte a letter's class
// matches maps to that letter's canonical byte, each \s byte to ' ', so the
// mapped match is the term's canonical letters with repeats, and collapsing
// runs leaves exactly fold_term(term), a substring of the folded text where
// the match lies. The scanner then runs the real regexes only where such a
// literal hit maps back to (scanner.cpp), so the findings are the same.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace policycheck {

// The canonical byte for `byte`.
unsigned char fold_letter_byte(unsigned char byte);

// The folded form of a term (ASCII letters, spaces, apostrophes, hyphens): what
// its regex's matches fold to.
std::string fold_term(std::string_view term);

class FoldedLetters {
 public:
  // Folds `text`, reusing this object's buffers.
  void fold(std::string_view text);

  std::string_view text() const { return folded_; }
  // The original bytes behind folded bytes [start, end): a whole run each.
  uint64_t original_start(uint64_t folded_start) const { return origin_[folded_start]; }
  uint64_t original_end(uint64_t folded_end) const { return origin_[folded_end]; }

 private:
  std::string folded_;
  std::vector<uint32_t> origin_;  // where each folded byte's run starts; [size] = text size
};

}  // namespace policycheck
