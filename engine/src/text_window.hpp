#pragma once
// Post-match checks that look at the words around a hit: context words that
// raise confidence, `unless` words that cancel it, and exception phrases that
// cover it. All work on the original text, whole-word and case-insensitive,
// so "lic" never matches inside "duplicate" (a known Presidio failure).
#include <string>
#include <string_view>
#include <vector>

#include "policycheck/policy.hpp"

namespace policycheck {

// Lower-cased words (runs of word characters; apostrophes kept inside words).
std::vector<std::string> split_words(std::string_view text);

// Finds a phrase (a list of lower-cased words) among the `spec.window` words
// before and/or after [start, end). Returns the index of the first phrase
// found, or -1.
int find_phrase_near(std::string_view text, size_t start, size_t end, const ContextSpec& spec,
                     const std::vector<std::vector<std::string>>& phrases);

// True when one of the (lower-cased) exception phrases occurs in the text
// covering all of [start, end), e.g. "great tit" covering "tit".
bool covered_by_exception(std::string_view text, size_t start, size_t end,
                          const std::vector<std::string>& exceptions);

}  // namespace policycheck
