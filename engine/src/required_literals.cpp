// A recursive-descent reader of the same regex syntax regex_shape.cpp
// accepts (alternation, concatenation, groups with inline case flags,
// quantifiers, classes, escapes; the atoms and quantifiers are lexed by
// regex_syntax.hpp); everything else throws, and the pattern gets no literal
// gate. See required_literals.hpp for the rules.
#include "required_literals.hpp"

#include <algorithm>

#include "regex_syntax.hpp"
#include "utf8.hpp"

namespace policycheck {
namespace {

// Largest exact set kept (cross products and alternations beyond it become formulas).
constexpr size_t kMaxExact = 64;
// Largest class enumerated as single-byte strings.
constexpr size_t kMaxClass = 4;
// An atom scores its length, plus 2 for a case-sensitive capital ("Mr"):
// an OR with an atom scoring under kMinScore is `true` (too common to be
// worth looking for); of an AND, the parts scoring at least kGoodScore are
// kept (or the best one).
constexpr size_t kMinScore = 3;
constexpr size_t kGoodScore = 4;

bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool is_letter(unsigned char c) { return is_upper(c) || is_lower(c); }
char lower(char c) { return is_upper(static_cast<unsigned char>(c)) ? static_cast<char>(c + 32) : c; }

std::string lowered(std::string s) {
  for (char& c : s) c = lower(c);
  return s;
}

// A string every match of some part is, matched case-insensitively (then
// lower case) or not. A string without ASCII letters is always "sensitive".
struct Str {
  std::string text;
  bool cs = true;
  bool operator<(const Str& o) const { return cs != o.cs ? cs < o.cs : text < o.text; }
  bool operator==(const Str& o) const { return cs == o.cs && text == o.text; }
};

Str make_str(std::string text, bool cs) {
  if (!cs) text = lowered(std::move(text));
  if (std::none_of(text.begin(), text.end(), [](char c) { return is_letter(static_cast<unsigned char>(c)); })) cs = true;
  return {std::move(text), cs};
}

size_t score(const LiteralAtom& a) {
  const bool capital = a.case_sensitive && std::any_of(a.text.begin(), a.text.end(), [](char c) {
                         return is_upper(static_cast<unsigned char>(c));
                       });
  return a.text.size() + (capital ? 2 : 0);
}

// How rare a formula makes a record: an atom's score, an OR its weakest
// part's, an AND its strongest part's.
size_t selectivity(const LiteralFormula& f) {
  switch (f.op) {
    case LiteralFormula::kTrue: return 0;
    case LiteralFormula::kAtom: return score(f.atom);
    case LiteralFormula::kOr: {
      size_t s = SIZE_MAX;
      for (const auto& p : f.parts) s = std::min(s, selectivity(p));
      return s;
    }
    case LiteralFormula::kAnd: {
      size_t s = 0;
      for (const auto& p : f.parts) s = std::max(s, selectivity(p));
      return s;
    }
  }
  return 0;
}

void sort_unique(std::vector<Str>& strs) {
  std::sort(strs.begin(), strs.end());
  strs.erase(std::unique(strs.begin(), strs.end()), strs.end());
}

// A string of a run that starts after a non-word byte (or at the start of
// a word-bounded match) becomes a word_start atom when it starts with an
// ASCII word byte (see LiteralAtom).
bool starts_word(const Str& s, bool after_non_word) {
  return after_non_word && !s.text.empty() && utf8::ascii_word_byte(static_cast<unsigned char>(s.text[0]));
}

// `inner` occurs in any text where `outer` occurs (a word_start `inner`
// only as the start of `outer`, where `outer` starts a word too).
bool implied_by(const Str& inner, const Str& outer, bool after_non_word) {
  const std::string outer_text = inner.cs ? outer.text : lowered(outer.text);
  if (inner.cs && !outer.cs) return false;
  if (starts_word(inner, after_non_word)) return outer_text.compare(0, inner.text.size(), inner.text) == 0;
  return outer_text.find(inner.text) != std::string::npos;
}

// `after_non_word`: every string starts right after a byte that is no ASCII
// word byte, or at the start of a word-bounded match.
LiteralFormula or_of_strings(std::vector<Str> strs, bool after_non_word) {
  sort_unique(strs);
  std::vector<Str> kept;
  for (size_t i = 0; i < strs.size(); ++i) {
    bool redundant = false;
    for (size_t j = 0; j < strs.size() && !redundant; ++j) {
      redundant = j != i && implied_by(strs[j], strs[i], after_non_word);
    }
    if (!redundant) kept.push_back(strs[i]);
  }
  std::vector<LiteralFormula> parts;
  for (Str& s : kept) {
    LiteralFormula atom;
    atom.op = LiteralFormula::kAtom;
    const bool word_start = starts_word(s, after_non_word);
    atom.atom = {std::move(s.text), s.cs, word_start};
    if (score(atom.atom) < kMinScore) return {};
    parts.push_back(std::move(atom));
  }
  return formula_or(std::move(parts));
}

struct Info {
  bool exact = false;
  std::vector<Str> strs;  // exact: every match is one of these
  LiteralFormula match;   // otherwise: what every match holds

  static Info of(std::vector<Str> strs) {
    Info i;
    i.exact = true;
    i.strs = std::move(strs);
    sort_unique(i.strs);
    return i;
  }
  static Info any() { return {}; }
  static Info empty() { return of({Str{}}); }

  // `after_non_word`: what comes before the part's matches (or_of_strings).
  LiteralFormula to_match(bool after_non_word) const { return exact ? or_of_strings(strs, after_non_word) : match; }
};

std::vector<Str> cross(const std::vector<Str>& a, const std::vector<Str>& b) {
  std::vector<Str> out;
  out.reserve(a.size() * b.size());
  for (const Str& x : a) {
    for (const Str& y : b) out.push_back(make_str(x.text + y.text, x.cs && y.cs));
  }
  sort_unique(out);
  return out;
}

class Parser {
 public:
  // Case folding as RE2 reads the pattern in Latin-1 (a superset of Hyperscan's).
  Parser(std::string_view text, bool caseless) : cur_(text, caseless, true) {}

  // Each part is read knowing whether the byte before it is surely no
  // ASCII word byte (`before`), and tells whether its own last byte is
  // (`after`; a part that may be empty passes `before` on).
  Info parse(bool word_bounded) {
    bool after = false;
    Info i = alternation(word_bounded, &after);
    cur_.expect_end();
    return i;
  }

 private:
  // The strings a set of bytes matches, as Hyperscan and RE2 read it here.
  Info bytes_info(ByteSet bytes) const {
    bytes = cur_.fold_case(bytes);
    std::vector<Str> strs;
    for (unsigned c = 0; c < 256; ++c) {
      if (!bytes.test(c)) continue;
      const auto uc = static_cast<unsigned char>(c);
      if (is_letter(uc)) {
        const unsigned lo = is_upper(uc) ? c + 32 : c, up = lo - 32;
        if (bytes.test(lo) && bytes.test(up)) {
          if (c == lo) strs.push_back(make_str(std::string(1, static_cast<char>(lo)), false));
          continue;
        }
      }
      strs.push_back(make_str(std::string(1, static_cast<char>(c)), true));
      if (strs.size() > kMaxClass) return Info::any();
    }
    if (strs.empty() || strs.size() > kMaxClass) return Info::any();
    return Info::of(std::move(strs));
  }

  // No ASCII word byte among `bytes` (as matched here, cases folded).
  bool non_word(ByteSet bytes) const {
    bytes = cur_.fold_case(bytes);
    for (unsigned c = 0; c < 0x80; ++c) {
      if (bytes.test(c) && utf8::ascii_word_byte(static_cast<unsigned char>(c))) return false;
    }
    return true;
  }

  Info alternation(bool before, bool* after) {
    bool branch_after = false;
    std::vector<Info> branches{concatenation(before, &branch_after)};
    *after = branch_after;
    while (cur_.take_bar()) {
      branches.push_back(concatenation(before, &branch_after));
      *after = *after && branch_after;
    }
    if (branches.size() == 1) return std::move(branches[0]);
    std::vector<Str> all;
    bool exact = true;
    for (const Info& b : branches) {
      if (!b.exact) {
        exact = false;
        break;
      }
      all.insert(all.end(), b.strs.begin(), b.strs.end());
    }
    if (exact) {
      sort_unique(all);
      if (all.size() <= kMaxExact) return Info::of(std::move(all));
    }
    std::vector<LiteralFormula> parts;
    for (const Info& b : branches) parts.push_back(b.to_match(before));
    Info i;
    i.match = formula_or(std::move(parts));
    return i;
  }

  Info concatenation(bool before, bool* after) {
    std::vector<LiteralFormula> conj;
    bool have_run = true;
    std::vector<Str> run{Str{}};  // the exact strings of the pieces since the last flush
    bool run_before = before;     // what comes before the run's strings
    auto flush = [&] {
      if (have_run) conj.push_back(Info::of(run).to_match(run_before));
      have_run = false;
    };
    bool flushed = false;
    bool here = before;  // before the next piece
    while (!cur_.at_branch_end()) {
      const bool piece_before = here;
      bool atom_after = false;
      Info a = atom(piece_before, &atom_after);
      Info piece = quantified(std::move(a), piece_before, atom_after, &here);
      if (piece.exact) {
        if (have_run && run.size() * piece.strs.size() <= kMaxExact) {
          run = cross(run, piece.strs);
        } else {
          flush();
          flushed = true;
          run = std::move(piece.strs);
          run_before = piece_before;
          have_run = true;
        }
      } else {
        flush();
        flushed = true;
        conj.push_back(std::move(piece.match));
      }
    }
    *after = here;
    if (!flushed) return have_run ? Info::of(std::move(run)) : Info::empty();
    flush();
    Info i;
    i.match = formula_and(std::move(conj));
    return i;
  }

  Info quantified(Info atom, bool before, bool atom_after, bool* after) {
    *after = atom_after;
    RegexRepeat r;
    while (cur_.repeat(r)) {
      if (!r.unbounded && r.max < r.min) throw RegexUnsupported();
      if (r.min == 0) {
        *after = *after && before;  // may be empty
        if (atom.exact && !r.unbounded && r.max == 1) {  // x? : x or nothing
          atom.strs.push_back(Str{});
          sort_unique(atom.strs);
        } else if (!r.unbounded && r.max == 0) {
          atom = Info::empty();
        } else {
          atom = Info::any();
        }
      } else if (r.unbounded || r.max > 1) {
        // At least one copy: whatever one copy needs.
        Info i;
        i.match = atom.to_match(before);  // the first copy
        atom = std::move(i);
      }  // {1} / {1,1}: unchanged
    }
    return atom;
  }

  Info atom(bool before, bool* after) {
    const RegexAtom a = cur_.atom();
    switch (a.kind) {
      case RegexAtom::kGroup: {
        Info inner = alternation(before, after);
        cur_.close_group();
        return inner;
      }
      case RegexAtom::kFlags:
      case RegexAtom::kAssertion:
        *after = before;
        return Info::empty();  // zero width
      case RegexAtom::kBytes:
        *after = non_word(a.bytes);
        return bytes_info(a.bytes);  // '.' has too many bytes: any()
      case RegexAtom::kByte:
        break;
    }
    // One byte; the common case, without the class machinery.
    const auto uc = static_cast<unsigned char>(a.byte);
    *after = !utf8::ascii_word_byte(uc);
    if (uc >= 0x80 && cur_.caseless() && latin1_partner(uc) >= 0) {
      ByteSet bytes;
      bytes.set(uc);
      return bytes_info(bytes);
    }
    return Info::of({make_str(std::string(1, a.byte), !(cur_.caseless() && is_letter(uc)))});
  }

  RegexCursor cur_;
};

void flatten_into(LiteralFormula::Op op, LiteralFormula f, std::vector<LiteralFormula>& out) {
  if (f.op == op) {
    for (auto& p : f.parts) out.push_back(std::move(p));
  } else {
    out.push_back(std::move(f));
  }
}

}  // namespace

LiteralFormula formula_or(std::vector<LiteralFormula> parts) {
  std::vector<LiteralFormula> flat;
  for (auto& p : parts) {
    if (p.is_true()) return {};
    flatten_into(LiteralFormula::kOr, std::move(p), flat);
  }
  if (flat.empty()) return {};
  if (flat.size() == 1) return std::move(flat[0]);
  LiteralFormula f;
  f.op = LiteralFormula::kOr;
  f.parts = std::move(flat);
  return f;
}

LiteralFormula formula_and(std::vector<LiteralFormula> parts) {
  std::vector<LiteralFormula> flat;
  for (auto& p : parts) {
    if (!p.is_true()) flatten_into(LiteralFormula::kAnd, std::move(p), flat);
  }
  if (flat.empty()) return {};
  // Only the selective parts (or the best one): fewer atoms to look for,
  // and a weaker condition is still a necessary one.
  std::vector<LiteralFormula> kept;
  size_t best = 0;
  for (size_t i = 0; i < flat.size(); ++i) {
    if (selectivity(flat[i]) > selectivity(flat[best])) best = i;
  }
  for (size_t i = 0; i < flat.size(); ++i) {
    if (selectivity(flat[i]) >= kGoodScore) kept.push_back(flat[i]);
  }
  if (kept.empty()) kept.push_back(std::move(flat[best]));
  if (kept.size() == 1) return std::move(kept[0]);
  LiteralFormula f;
  f.op = LiteralFormula::kAnd;
  f.parts = std::move(kept);
  return f;
}

LiteralFormula required_literals(std::string_view expression, bool caseless, bool* literal_only, bool word_bounded) {
  if (literal_only) *literal_only = false;
  try {
    Parser parser(expression, caseless);
    const Info info = parser.parse(word_bounded);
    if (literal_only) *literal_only = info.exact;
    return info.to_match(word_bounded);
  } catch (const RegexUnsupported&) {
    return {};
  }
}

size_t formula_selectivity(const LiteralFormula& f) { return selectivity(f); }

void collect_atoms(const LiteralFormula& f, std::vector<LiteralAtom>& out) {
  if (f.op == LiteralFormula::kAtom) out.push_back(f.atom);
  for (const auto& p : f.parts) collect_atoms(p, out);
}

std::string to_string(const LiteralFormula& f) {
  switch (f.op) {
    case LiteralFormula::kTrue: return "true";
    case LiteralFormula::kAtom:
      return std::string(f.atom.word_start ? "\\b" : "") + (f.atom.case_sensitive ? "=" : "") + f.atom.text;
    case LiteralFormula::kAnd:
    case LiteralFormula::kOr: {
      std::string s = "(";
      for (size_t i = 0; i < f.parts.size(); ++i) {
        if (i) s += f.op == LiteralFormula::kAnd ? " & " : " | ";
        s += to_string(f.parts[i]);
      }
      return s + ")";
    }
  }
  return "?";
}

}  // namespace policycheck
