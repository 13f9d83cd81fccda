#include "regex_syntax.hpp"

#include <cctype>

namespace policycheck {

ByteSet byte_range(unsigned lo, unsigned hi) {
  ByteSet s;
  for (unsigned c = lo; c <= hi; ++c) s.set(c);
  return s;
}

ByteSet digit_bytes() { return byte_range('0', '9'); }

ByteSet word_bytes() {
  ByteSet s = byte_range('0', '9') | byte_range('a', 'z') | byte_range('A', 'Z');
  s.set('_');
  return s;
}

ByteSet space_bytes() {
  ByteSet s;
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) s.set(static_cast<unsigned char>(c));
  return s;
}

int latin1_partner(unsigned b) {
  if (b >= 0xC0 && b <= 0xDE && b != 0xD7) return static_cast<int>(b + 0x20);
  if (b >= 0xE0 && b <= 0xFE && b != 0xF7) return static_cast<int>(b - 0x20);
  return -1;
}

ByteSet RegexCursor::fold_case(ByteSet bytes) const {
  if (!caseless_) return bytes;
  for (unsigned c = 'a'; c <= 'z'; ++c) {
    if (bytes.test(c) || bytes.test(c - 32)) {
      bytes.set(c);
      bytes.set(c - 32);
    }
  }
  if (latin1_folding_) {
    for (unsigned c = 0x80; c < 256; ++c) {
      if (bytes.test(c) && latin1_partner(c) >= 0) bytes.set(static_cast<unsigned>(latin1_partner(c)));
    }
  }
  return bytes;
}

bool RegexCursor::take_bar() {
  if (!more() || peek() != '|') return false;
  ++pos_;
  return true;
}

void RegexCursor::close_group() {
  if (!more() || peek() != ')') throw RegexUnsupported();
  ++pos_;
}

void RegexCursor::expect_end() const {
  if (pos_ != text_.size()) throw RegexUnsupported();
}

RegexAtom RegexCursor::atom() {
  RegexAtom a;
  const char c = peek();
  ++pos_;
  switch (c) {
    case '(':
      a.kind = group_flags() ? RegexAtom::kGroup : RegexAtom::kFlags;
      return a;
    case '[':
      a.kind = RegexAtom::kBytes;
      a.bytes = char_class();
      return a;
    case '.':  // dot-all: any byte
      a.kind = RegexAtom::kBytes;
      a.bytes.set();
      return a;
    case '\\':
      a.kind = escape(a.bytes, false) ? RegexAtom::kBytes : RegexAtom::kAssertion;
      return a;
    case '^': case '$': case ')': case '*': case '+': case '?': case '{':
      throw RegexUnsupported();
    default:
      a.kind = RegexAtom::kByte;
      a.byte = c;
      return a;
  }
}

unsigned RegexCursor::number() {
  if (!more() || !std::isdigit(static_cast<unsigned char>(peek()))) throw RegexUnsupported();
  unsigned n = 0;
  while (more() && std::isdigit(static_cast<unsigned char>(peek()))) {
    n = n * 10 + static_cast<unsigned>(peek() - '0');
    if (n > 100000) throw RegexUnsupported();
    ++pos_;
  }
  return n;
}

bool RegexCursor::repeat(RegexRepeat& r) {
  if (!more()) return false;
  r = RegexRepeat{};
  switch (peek()) {
    case '*': r.min = 0; r.unbounded = true; ++pos_; break;
    case '?': r.min = 0; ++pos_; break;
    case '+': r.unbounded = true; ++pos_; break;
    case '{':  // {n} {n,} {n,m}
      ++pos_;
      r.min = r.max = number();
      if (more() && peek() == ',') {
        ++pos_;
        if (more() && peek() != '}') r.max = number();
        else r.unbounded = true;
      }
      if (!more() || peek() != '}') throw RegexUnsupported();
      ++pos_;
      break;
    default: return false;
  }
  if (more() && (peek() == '?' || peek() == '+')) ++pos_;  // lazy or possessive: the same matches
  return true;
}

// After '(': "?flags)" or "?flags:" if a '?' is next (only the flags i and
// s, turned on or off). False for a flags-only group, which is then closed.
bool RegexCursor::group_flags() {
  if (!more() || peek() != '?') return true;
  ++pos_;
  bool on = true;
  while (more() && peek() != ':' && peek() != ')') {
    const char f = peek();
    ++pos_;
    if (f == '-') on = false;
    else if (f == 'i') caseless_ = on ? true : caseless_;  // turning case off keeps the wider reading
    else if (f != 's') throw RegexUnsupported();
  }
  if (!more()) throw RegexUnsupported();
  const bool flags_only = peek() == ')';
  ++pos_;  // ')' or ':'
  return !flags_only;
}

unsigned RegexCursor::hex_digits(size_t max) {
  unsigned value = 0;
  size_t n = 0;
  while (more() && n < max && std::isxdigit(static_cast<unsigned char>(peek()))) {
    const char h = static_cast<char>(std::tolower(static_cast<unsigned char>(peek())));
    value = value * 16 + static_cast<unsigned>(h <= '9' ? h - '0' : h - 'a' + 10);
    ++pos_;
    ++n;
  }
  if (n == 0) throw RegexUnsupported();
  return value;
}

// After a backslash: adds the bytes the escape matches to `bytes`; false
// for a zero-width assertion (\b). In a class only byte escapes are meaningful.
bool RegexCursor::escape(ByteSet& bytes, bool in_class) {
  if (!more()) throw RegexUnsupported();
  const char c = peek();
  ++pos_;
  switch (c) {
    case 'd': bytes |= digit_bytes(); return true;
    case 'D': bytes |= ~digit_bytes(); return true;
    case 'w': bytes |= word_bytes(); return true;
    case 'W': bytes |= ~word_bytes(); return true;
    case 's': bytes |= space_bytes(); return true;
    case 'S': bytes |= ~space_bytes(); return true;
    case 'n': bytes.set('\n'); return true;
    case 't': bytes.set('\t'); return true;
    case 'r': bytes.set('\r'); return true;
    case 'f': bytes.set('\f'); return true;
    case 'v': bytes.set('\v'); return true;
    case 'x': {  // \xHH or \x{H...}
      unsigned value = 0;
      if (more() && peek() == '{') {
        ++pos_;
        value = hex_digits(8);
        if (!more() || peek() != '}') throw RegexUnsupported();
        ++pos_;
      } else {
        value = hex_digits(2);
      }
      if (value > 0xFF) throw RegexUnsupported();  // a code point, not a byte
      bytes.set(value);
      return true;
    }
    case 'b':
      if (in_class) throw RegexUnsupported();
      return false;
    default:
      // Any other escaped letter or digit (\p, \B, \A, \1, \Q ...) is a
      // construct this reader does not model; anything else is itself.
      if (std::isalnum(static_cast<unsigned char>(c))) throw RegexUnsupported();
      bytes.set(static_cast<unsigned char>(c));
      return true;
  }
}

// After '[': the class's bytes, case-folded before any negation (as both
// engines do).
ByteSet RegexCursor::char_class() {
  bool negated = false;
  if (more() && peek() == '^') {
    negated = true;
    ++pos_;
  }
  ByteSet bytes;
  bool first = true;  // a ']' first is a member
  while (more() && (peek() != ']' || first)) {
    first = false;
    if (peek() == '[') throw RegexUnsupported();  // POSIX classes [:alpha:] and friends
    ByteSet member;
    int single = -1;  // the member's byte, if it is one byte (a range may start there)
    if (peek() == '\\') {
      ++pos_;
      escape(member, true);
      if (member.count() == 1) {
        for (unsigned b = 0; b < 256; ++b) {
          if (member.test(b)) single = static_cast<int>(b);
        }
      }
    } else {
      single = static_cast<unsigned char>(peek());
      member.set(static_cast<unsigned>(single));
      ++pos_;
    }
    // A range a-z (a '-' before ']' is a literal).
    if (single >= 0 && pos_ + 1 < text_.size() && peek() == '-' && text_[pos_ + 1] != ']') {
      ++pos_;
      int high = -1;
      if (peek() == '\\') {
        ++pos_;
        ByteSet h;
        escape(h, true);
        if (h.count() != 1) throw RegexUnsupported();
        for (unsigned b = 0; b < 256; ++b) {
          if (h.test(b)) high = static_cast<int>(b);
        }
      } else {
        high = static_cast<unsigned char>(peek());
        ++pos_;
      }
      if (high < single) throw RegexUnsupported();
      member |= byte_range(static_cast<unsigned>(single), static_cast<unsigned>(high));
    }
    bytes |= member;
  }
  if (!more()) throw RegexUnsupported();
  ++pos_;  // ']'
  bytes = fold_case(bytes);
  return negated ? ~bytes : bytes;
}

}  // namespace policycheck
