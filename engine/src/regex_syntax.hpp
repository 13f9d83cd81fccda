#pragma once
// The lexical half of the regex syntax the policy allows (the common part of
// Hyperscan's and RE2's), shared by the two readers of a pattern's text:
// regex_shape.cpp (what bytes a match is made of) and required_literals.cpp
// (what literals a match holds). Each of them is a recursive descent over
// alternation, concatenation and groups; this cursor reads the pieces in
// between: atoms (one byte, an escape, a class, '.', a group's opening with
// its inline flags) and quantifiers. Anything outside the allowed syntax
// throws RegexUnsupported, and the reader that called gives its "don't
// know" answer (which must never be wrong in the unsafe direction).
#include <bitset>
#include <cstddef>
#include <stdexcept>
#include <string_view>

namespace policycheck {

using ByteSet = std::bitset<256>;  // as in regex_shape.hpp

struct RegexUnsupported : std::runtime_error {
  RegexUnsupported() : std::runtime_error("unsupported regex construct") {}
};

ByteSet byte_range(unsigned lo, unsigned hi);  // [lo, hi]
ByteSet digit_bytes();                         // \d
ByteSet word_bytes();                          // \w
ByteSet space_bytes();                         // \s

// RE2 in Latin-1 mode also folds the accented letters 0xC0-0xDE with
// 0xE0-0xFE (not 0xD7, 0xF7); Hyperscan does not. -1 for any other byte.
int latin1_partner(unsigned b);

// One atom of a concatenation.
struct RegexAtom {
  enum Kind {
    kGroup,      // '(' and its flags are read: the caller reads the inside, then close_group()
    kFlags,      // "(?i)": flags for the rest of the pattern; matches the empty string
    kByte,       // one literal byte, `byte`
    kBytes,      // any one byte of `bytes`: a class (case-folded as the cursor folds), '.', an escape (not folded)
    kAssertion,  // \b: zero width
  };
  Kind kind = kByte;
  char byte = 0;
  ByteSet bytes;
};

// A quantifier: at least `min` copies, at most `max` unless `unbounded`.
struct RegexRepeat {
  unsigned min = 1, max = 1;
  bool unbounded = false;
};

class RegexCursor {
 public:
  // `caseless`: the pattern is compiled case-insensitively. `latin1_folding`:
  // case folding also pairs the Latin-1 letters (as RE2 reads the pattern).
  RegexCursor(std::string_view text, bool caseless, bool latin1_folding)
      : text_(text), caseless_(caseless), latin1_folding_(latin1_folding) {}

  // Whether the text read so far is matched case-insensitively. An inline
  // (?i) turns it on for the rest of the pattern, even past its group (and
  // (?-i) does not turn it off): wider than the engines, never narrower.
  bool caseless() const { return caseless_; }

  // `bytes` with both cases of each letter when caseless (ASCII, and
  // Latin-1 too when the cursor was asked to); as is otherwise.
  ByteSet fold_case(ByteSet bytes) const;

  // At the end of a branch: the end of the text, '|' or ')'.
  bool at_branch_end() const { return !more() || peek() == '|' || peek() == ')'; }
  // Steps over a '|' if one is next.
  bool take_bar();
  // After the inside of a group: steps over its ')'.
  void close_group();
  // Throws unless the whole text has been read.
  void expect_end() const;

  // The atom next (not at a branch end). Throws on an anchor (^ $) or a
  // quantifier with nothing to repeat.
  RegexAtom atom();
  // The quantifier next, if any (a lazy or possessive suffix is read and
  // ignored: it matches the same strings). Its bounds are not checked
  // against each other.
  bool repeat(RegexRepeat& r);

 private:
  bool more() const { return pos_ < text_.size(); }
  char peek() const { return text_[pos_]; }

  unsigned number();
  unsigned hex_digits(size_t max);
  bool escape(ByteSet& bytes, bool in_class);
  ByteSet char_class();
  bool group_flags();

  std::string_view text_;
  size_t pos_ = 0;
  bool caseless_;
  bool latin1_folding_;
};

}  // namespace policycheck
