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

// The same regexes, each with the form it takes when it matches letters only
// (no leet stand-in: digits and symbols such as "$" or "|"). A match of the
// regex that holds no stand-in byte is a match of that form, so the scanner
// runs the letters-only form over the whole text and the full regex only
// around stand-in bytes (scan_groups.hpp). Empty when the two are the same.
struct ExpandedTerm {
  std::string expression;
  std::string letters_only;
  // The spelled-out form of an all-letter word ("f.u.c.k"): single bytes
  // with a run of separator bytes (separator_bytes()) between each two, so
  // every match has two single bytes in a row each between separators.
  bool spaced_letters = false;
};
std::vector<ExpandedTerm> expand_term_with_letters_only(std::string_view term, const EvasionOptions& options);

// The stand-ins leet may put in place of letters: every byte a regex from
// expand_term can match that expand_term without leet cannot.
std::string_view leet_stand_in_bytes();

// The bytes that may separate spelled-out letters.
std::string_view separator_bytes();

}  // namespace policycheck
