// A recursive-descent reader of the regex syntax the policy allows (the
// common part of Hyperscan's and RE2's): alternation, concatenation,
// groups with inline case flags, quantifiers, classes, escapes. Each
// sub-expression yields its alphabet and whether all its matches need a gate
// byte: a literal or class needs one when all its bytes are gate bytes, a
// concatenation when any part does, an alternation when every branch does,
// a repeat when its body does and it repeats at least once.
//
// Digit runs: each sub-expression also yields lower bounds, over all its
// matches, on the run of digits it starts with (lead), ends with (tail) and
// holds anywhere (run), and whether its matches are digits only (pure, then
// lead = tail = run = the shortest match). A concatenation's run is the
// longest of its parts' runs and of each tail joined to the next part's lead
// (through pure parts); an alternation takes the minimum over branches; a
// repeat {m,} of a pure body is m times its length, of another body its own
// run, or its tail joined to its lead when it repeats at least twice; an
// optional part gives 0. Zero-width assertions are pure and empty.
#include "regex_shape.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

namespace policycheck {
namespace {

// Digit runs are capped here; no window needs more.
constexpr uint32_t kRunCap = 1u << 16;

uint32_t capped(uint64_t n) { return n > kRunCap ? kRunCap : static_cast<uint32_t>(n); }

struct Shape {
  ByteSet alphabet;
  bool needs = false;
  // Digit runs (see above). The default is the empty match.
  bool pure = true;
  uint32_t lead = 0, tail = 0, run = 0;  // pure: all three are the shortest match's length
};

// `a` then `b`.
Shape concatenate(const Shape& a, const Shape& b) {
  Shape r;
  r.alphabet = a.alphabet | b.alphabet;
  r.needs = a.needs || b.needs;
  r.pure = a.pure && b.pure;
  r.lead = a.pure ? capped(uint64_t{a.lead} + b.lead) : a.lead;
  r.tail = b.pure ? capped(uint64_t{a.tail} + b.tail) : b.tail;
  r.run = std::max({a.run, b.run, capped(uint64_t{a.tail} + b.lead), r.lead, r.tail});
  return r;
}

// Either `a` or `b`.
Shape either(const Shape& a, const Shape& b) {
  Shape r;
  r.alphabet = a.alphabet | b.alphabet;
  r.needs = a.needs && b.needs;
  r.pure = a.pure && b.pure;
  r.lead = std::min(a.lead, b.lead);
  r.tail = std::min(a.tail, b.tail);
  r.run = std::min(a.run, b.run);
  if (r.pure) r.lead = r.tail = r.run = std::min({r.lead, r.tail, r.run});
  return r;
}

// `a` repeated at least `min` times.
Shape repeat(Shape a, unsigned min) {
  if (min == 0) {
    a.needs = false;
    a.lead = a.tail = a.run = 0;  // the empty match; a pure body stays pure
    return a;
  }
  if (a.pure) {
    a.lead = a.tail = a.run = capped(uint64_t{a.run} * min);
    return a;
  }
  if (min >= 2) a.run = std::max(a.run, capped(uint64_t{a.tail} + a.lead));
  return a;
}

struct Unsupported : std::runtime_error {
  Unsupported() : std::runtime_error("unsupported regex construct") {}
};

ByteSet range(unsigned lo, unsigned hi) {
  ByteSet s;
  for (unsigned c = lo; c <= hi; ++c) s.set(c);
  return s;
}

ByteSet digits() { return range('0', '9'); }
ByteSet word_bytes() {
  ByteSet s = range('0', '9') | range('a', 'z') | range('A', 'Z');
  s.set('_');
  return s;
}
ByteSet space_bytes() {
  ByteSet s;
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) s.set(static_cast<unsigned char>(c));
  return s;
}

class Parser {
 public:
  Parser(std::string_view text, bool caseless, const ByteSet& gate) : text_(text), caseless_(caseless), gate_(gate) {}

  Shape parse() {
    Shape s = alternation();
    if (pos_ != text_.size()) throw Unsupported();
    return s;
  }

 private:
  bool more() const { return pos_ < text_.size(); }
  char peek() const { return text_[pos_]; }

  Shape set_shape(ByteSet bytes) {
    if (caseless_) {
      for (unsigned c = 'a'; c <= 'z'; ++c) {
        if (bytes.test(c) || bytes.test(c - 32)) {
          bytes.set(c);
          bytes.set(c - 32);
        }
      }
    }
    Shape s;
    s.alphabet = bytes;
    s.needs = bytes.any() && (bytes & ~gate_).none();
    s.pure = bytes.any() && (bytes & ~digits()).none();
    s.lead = s.tail = s.run = s.pure ? 1 : 0;
    return s;
  }

  Shape alternation() {
    Shape result = concatenation();
    while (more() && peek() == '|') {
      ++pos_;
      result = either(result, concatenation());
    }
    return result;
  }

  Shape concatenation() {
    Shape result;  // empty: needs nothing
    while (more() && peek() != '|' && peek() != ')') {
      result = concatenate(result, quantified(atom()));
    }
    return result;
  }

  unsigned number() {
    if (!more() || !std::isdigit(static_cast<unsigned char>(peek()))) throw Unsupported();
    unsigned n = 0;
    while (more() && std::isdigit(static_cast<unsigned char>(peek()))) {
      n = n * 10 + static_cast<unsigned>(peek() - '0');
      if (n > 100000) throw Unsupported();
      ++pos_;
    }
    return n;
  }

  Shape quantified(Shape atom) {
    while (more()) {
      const char c = peek();
      unsigned min = 1;
      if (c == '*' || c == '?') {
        min = 0;
        ++pos_;
      } else if (c == '+') {
        ++pos_;
      } else if (c == '{') {
        ++pos_;
        min = number();
        if (more() && peek() == ',') {
          ++pos_;
          if (more() && peek() != '}') number();
        }
        if (!more() || peek() != '}') throw Unsupported();
        ++pos_;
      } else {
        break;
      }
      if (more() && (peek() == '?' || peek() == '+')) ++pos_;  // lazy or possessive: same bytes
      atom = repeat(atom, min);
    }
    return atom;
  }

  Shape atom() {
    const char c = peek();
    ++pos_;
    switch (c) {
      case '(': return group();
      case '[': return set_shape(char_class());
      case '.': return set_shape(ByteSet().set());  // dot-all: any byte
      case '\\': {
        ByteSet bytes;
        if (escape(bytes, false)) return set_shape(bytes);
        return Shape{};  // a zero-width assertion
      }
      case '^': case '$': case ')': case '*': case '+': case '?': case '{':
        throw Unsupported();
      default: {
        ByteSet bytes;
        bytes.set(static_cast<unsigned char>(c));
        return set_shape(bytes);
      }
    }
  }

  Shape group() {
    const bool saved = caseless_;
    if (more() && peek() == '?') {
      ++pos_;
      // (?flags) or (?flags:...): only case, dot-all and extended flags.
      bool on = true;
      while (more() && peek() != ':' && peek() != ')') {
        const char f = peek();
        ++pos_;
        if (f == '-') on = false;
        else if (f == 'i') caseless_ = on ? true : caseless_;  // turning case off keeps the wider alphabet
        else if (f != 's') throw Unsupported();
      }
      if (!more()) throw Unsupported();
      if (peek() == ')') {  // flags for the rest of the enclosing group
        ++pos_;
        return Shape{};
      }
      ++pos_;  // ':'
    }
    Shape inner = alternation();
    if (!more() || peek() != ')') throw Unsupported();
    ++pos_;
    caseless_ = saved || caseless_;  // conservative: an alphabet only grows
    return inner;
  }

  unsigned hex_digits(size_t max) {
    unsigned value = 0;
    size_t n = 0;
    while (more() && n < max && std::isxdigit(static_cast<unsigned char>(peek()))) {
      const char h = static_cast<char>(std::tolower(static_cast<unsigned char>(peek())));
      value = value * 16 + static_cast<unsigned>(h <= '9' ? h - '0' : h - 'a' + 10);
      ++pos_;
      ++n;
    }
    if (n == 0) throw Unsupported();
    return value;
  }

  // After a backslash: the bytes the escape matches; false for a zero-width
  // assertion (\b). In a class only byte escapes are meaningful.
  bool escape(ByteSet& bytes, bool in_class) {
    if (!more()) throw Unsupported();
    const char c = peek();
    ++pos_;
    switch (c) {
      case 'd': bytes |= digits(); return true;
      case 'D': bytes |= ~digits(); return true;
      case 'w': bytes |= word_bytes(); return true;
      case 'W': bytes |= ~word_bytes(); return true;
      case 's': bytes |= space_bytes(); return true;
      case 'S': bytes |= ~space_bytes(); return true;
      case 'n': bytes.set('\n'); return true;
      case 't': bytes.set('\t'); return true;
      case 'r': bytes.set('\r'); return true;
      case 'f': bytes.set('\f'); return true;
      case 'v': bytes.set('\v'); return true;
      case 'x': {
        unsigned value = 0;
        if (more() && peek() == '{') {
          ++pos_;
          value = hex_digits(8);
          if (!more() || peek() != '}') throw Unsupported();
          ++pos_;
        } else {
          value = hex_digits(2);
        }
        if (value > 0xFF) throw Unsupported();  // a code point, not a byte
        bytes.set(value);
        return true;
      }
      case 'b':
        if (in_class) throw Unsupported();
        return false;
      default:
        // Any other escaped letter or digit (\p, \B, \A, \1, \Q ...) is a
        // construct this reader does not model.
        if (std::isalnum(static_cast<unsigned char>(c))) throw Unsupported();
        bytes.set(static_cast<unsigned char>(c));
        return true;
    }
  }

  // After '[': the class's bytes.
  ByteSet char_class() {
    bool negated = false;
    if (more() && peek() == '^') {
      negated = true;
      ++pos_;
    }
    ByteSet bytes;
    bool first = true;
    while (more() && (peek() != ']' || first)) {
      first = false;
      if (peek() == '[') throw Unsupported();  // POSIX classes [:alpha:] and friends
      ByteSet member;
      int single = -1;
      if (peek() == '\\') {
        ++pos_;
        const size_t before = pos_;
        escape(member, true);
        if (member.count() == 1 && pos_ - before >= 1) {
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
          if (h.count() != 1) throw Unsupported();
          for (unsigned b = 0; b < 256; ++b) {
            if (h.test(b)) high = static_cast<int>(b);
          }
        } else {
          high = static_cast<unsigned char>(peek());
          ++pos_;
        }
        if (high < single) throw Unsupported();
        member |= range(static_cast<unsigned>(single), static_cast<unsigned>(high));
      }
      bytes |= member;
    }
    if (!more()) throw Unsupported();
    ++pos_;  // ']'
    if (caseless_) {  // a class folds case before negation
      for (unsigned c = 'a'; c <= 'z'; ++c) {
        if (bytes.test(c) || bytes.test(c - 32)) {
          bytes.set(c);
          bytes.set(c - 32);
        }
      }
    }
    return negated ? ~bytes : bytes;
  }

  std::string_view text_;
  size_t pos_ = 0;
  bool caseless_;
  const ByteSet& gate_;
};

}  // namespace

RegexShape analyse_regex(std::string_view expression, bool caseless, const ByteSet& gate) {
  RegexShape shape;
  try {
    Parser parser(expression, caseless, gate);
    const Shape s = parser.parse();
    shape.understood = true;
    shape.alphabet = s.alphabet;
    shape.needs_gate = s.needs;
    shape.min_digit_run = s.run;
  } catch (const Unsupported&) {
    shape = RegexShape{};
  }
  return shape;
}

}  // namespace policycheck
