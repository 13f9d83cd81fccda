#pragma once
// Compile-time evasion resistance: a term such as "idiot" becomes regexes
// that also match the ways writers disguise it (1d10t, idiooot, i.d.i.o.t,
// id*ot). Expanding into the Hyperscan database keeps the scan to one pass;
// word boundaries are still checked on the original text by the confirmer.
#include <string>
#include <string_view>
#include <vector>

#include "policycheck/policy.hpp"

namespace policycheck {

// The regexes that together find `term` and the forms `options` ask for.
// Without options it is the plain term (the same as term_to_regex). Only
// ASCII letters are expanded; other characters are matched literally.
std::vector<std::string> expand_term(std::string_view term, const EvasionOptions& options);

// The same regexes with what the scanner needs to run them cheaply.
struct ExpandedTerm {
  std::string expression;
  // The compact regex of a stretched or leet term made of ASCII letters,
  // spaces, apostrophes and hyphens: the literal every match of it folds to (letter_fold.hpp), so
  // the scanner looks for that literal in the folded text and runs the
  // regex only where it occurs. Empty for every other regex.
  std::string folded_literal;
  // The spelled-out form of a word of letters and single-byte separators
  // ("f.u.c.k", "h.a.l.f.-.b.r.e.e.d"): single bytes with a run of
  // separator bytes (separator_bytes()) between each two, so every match
  // has two single bytes in a row each between separators.
  bool spaced_letters = false;
  // The masked form ("sh*t"): its matches without a '*' are the plain term,
  // which the compact regex (the first) also matches with the same span, so
  // the scanner runs it only around '*' bytes.
  bool masked = false;
};
std::vector<ExpandedTerm> expand_term_for_scanning(std::string_view term, const EvasionOptions& options);

// The bytes that may separate spelled-out letters.
std::string_view separator_bytes();

}  // namespace policycheck
