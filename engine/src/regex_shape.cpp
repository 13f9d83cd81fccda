// A recursive-descent reader of the regex syntax the policy allows (the
// common part of Hyperscan's and RE2's): alternation, concatenation,
// groups with inline case flags, quantifiers, classes, escapes (the atoms
// and quantifiers are lexed by regex_syntax.hpp). Each sub-expression yields
// its alphabet and whether all its matches need a gate byte: a literal or
// class needs one when all its bytes are gate bytes, a concatenation when any
// part does, an alternation when every branch does, a repeat when its body
// does and it repeats at least once.
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
//
// Digit counts: each sub-expression also yields a lower bound on the digits
// its matches hold anywhere: a digit class 1, a concatenation the sum of its
// parts', an alternation the least of its branches', a repeat {m,} m times
// its body's, an optional part 0.
#include "regex_shape.hpp"

#include "regex_syntax.hpp"

#include <algorithm>

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
  uint32_t digits = 0;                   // digits in every match (see above)
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
  r.digits = capped(uint64_t{a.digits} + b.digits);
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
  r.digits = std::min(a.digits, b.digits);
  return r;
}

// `a` repeated at least `min` times.
Shape repeat(Shape a, unsigned min) {
  if (min == 0) {
    a.needs = false;
    a.lead = a.tail = a.run = 0;  // the empty match; a pure body stays pure
    a.digits = 0;
    return a;
  }
  a.digits = capped(uint64_t{a.digits} * min);
  if (a.pure) {
    a.lead = a.tail = a.run = capped(uint64_t{a.run} * min);
    return a;
  }
  if (min >= 2) a.run = std::max(a.run, capped(uint64_t{a.tail} + a.lead));
  return a;
}

class Parser {
 public:
  Parser(std::string_view text, bool caseless, const ByteSet& gate) : cur_(text, caseless, false), gate_(gate) {}

  Shape parse() {
    Shape s = alternation();
    cur_.expect_end();
    return s;
  }

 private:
  Shape set_shape(ByteSet bytes) const {
    bytes = cur_.fold_case(bytes);
    Shape s;
    s.alphabet = bytes;
    s.needs = bytes.any() && (bytes & ~gate_).none();
    s.pure = bytes.any() && (bytes & ~digit_bytes()).none();
    s.lead = s.tail = s.run = s.digits = s.pure ? 1 : 0;
    return s;
  }

  Shape alternation() {
    Shape result = concatenation();
    while (cur_.take_bar()) result = either(result, concatenation());
    return result;
  }

  Shape concatenation() {
    Shape result;  // empty: needs nothing
    while (!cur_.at_branch_end()) result = concatenate(result, quantified(atom()));
    return result;
  }

  Shape quantified(Shape atom) {
    RegexRepeat r;
    while (cur_.repeat(r)) atom = repeat(atom, r.min);
    return atom;
  }

  Shape atom() {
    const RegexAtom a = cur_.atom();
    switch (a.kind) {
      case RegexAtom::kGroup: {
        Shape inner = alternation();
        cur_.close_group();
        return inner;
      }
      case RegexAtom::kFlags:
      case RegexAtom::kAssertion:
        return Shape{};  // zero width
      case RegexAtom::kBytes:
        return set_shape(a.bytes);
      case RegexAtom::kByte:
        break;
    }
    ByteSet bytes;
    bytes.set(static_cast<unsigned char>(a.byte));
    return set_shape(bytes);
  }

  RegexCursor cur_;
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
    shape.min_digits = s.digits;
  } catch (const RegexUnsupported&) {
    shape = RegexShape{};
  }
  return shape;
}

}  // namespace policycheck
