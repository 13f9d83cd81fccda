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

}  // namespace policycheck
