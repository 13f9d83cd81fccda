#pragma once
// Literals a regex cannot match without: from the regex text, a boolean
// formula over literal "atoms" (AND / OR) that holds in any text holding a
// match of the pattern, as Hyperscan compiles it (bytes, no UTF-8 mode,
// ASCII-only case folding) and as its RE2 twin confirms it (Latin-1, whose
// case folding also pairs the accented letters 0xC0-0xDE with 0xE0-0xFE).
// Like regex_shape.hpp, anything this reader does not understand gives the
// formula `true` (no gate): the answer is never wrong in the unsafe
// direction. The scanner runs a pattern with a non-trivial formula only
// over the records where its atoms make the formula true (scan_groups.hpp).
//
// How: each sub-expression yields either the exact, small set of strings
// any of its matches is (ASCII letters lowered where the text is matched
// case-insensitively) or a formula; literals and small classes are exact,
// concatenation crosses exact sets while they stay small, alternation
// unites them, a repeat at least once keeps its body's condition, an
// optional part or a big class contributes nothing (`true`). An exact set
// becomes the OR of its strings; strings too short to be worth looking for
// make it `true`. Of an AND, only the selective parts are kept (dropping a
// part of an AND only weakens a necessary condition).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace policycheck {

// An atom: `text` found ASCII-case-insensitively (then it is lower case) or
// byte for byte (`case_sensitive`). A `word_start` atom counts only where
// the byte before it is not an ASCII word byte ([A-Za-z0-9_]) or it starts
// the text: in every match it follows a byte the regex matches with a class
// holding no ASCII word byte (" liar" of "is\s+a\s+liar"), or it starts the
// match of a word-bounded pattern (the confirmer drops a match glued to the
// word before) and its own first byte is an ASCII word byte. "lies" then
// does not count in "supplies".
struct LiteralAtom {
  std::string text;
  bool case_sensitive = false;
  bool word_start = false;

  bool operator<(const LiteralAtom& o) const {
    if (case_sensitive != o.case_sensitive) return case_sensitive < o.case_sensitive;
    if (word_start != o.word_start) return word_start < o.word_start;
    return text < o.text;
  }
  bool operator==(const LiteralAtom& o) const {
    return case_sensitive == o.case_sensitive && word_start == o.word_start && text == o.text;
  }
};

struct LiteralFormula {
  enum Op : uint8_t { kTrue, kAtom, kAnd, kOr };
  Op op = kTrue;
  LiteralAtom atom;                   // kAtom
  std::vector<LiteralFormula> parts;  // kAnd, kOr (at least two)

  bool is_true() const { return op == kTrue; }
};

// `caseless`: the pattern is compiled case-insensitively. `literal_only`,
// when given, is set when every match is one of a few known strings (the
// pattern is a literal or a small alternation of them: gating it would only
// look for the same literals twice). `word_bounded`: the confirmer drops
// matches whose start is glued to a word (PatternEntry::word_boundary), so
// atoms starting a match may be word_start too.
LiteralFormula required_literals(std::string_view expression, bool caseless, bool* literal_only = nullptr,
                                 bool word_bounded = false);

// AND / OR of formulas, simplified (true parts of an AND dropped, an OR with
// a true part is true, nested ops flattened, only selective parts of an AND kept).
LiteralFormula formula_and(std::vector<LiteralFormula> parts);
LiteralFormula formula_or(std::vector<LiteralFormula> parts);

// How rare a formula makes a record, by its atoms' length (an OR: its
// weakest part; an AND: its strongest).
size_t formula_selectivity(const LiteralFormula& f);

// Appends every atom of `f` to `out`.
void collect_atoms(const LiteralFormula& f, std::vector<LiteralAtom>& out);

// For tests and pattern_cost: "(a | b) & c", a word_start atom as "\\ba".
std::string to_string(const LiteralFormula& f);

}  // namespace policycheck
