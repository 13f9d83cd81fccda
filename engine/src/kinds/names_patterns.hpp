#pragma once
// Database patterns for names read from a roster or a lexicon.
#include <string>
#include <string_view>

namespace policycheck::names {

// A regex (for a caseless, word-bounded pattern) matching a roster name as
// people write it: its parts (split at spaces, apostrophes, hyphens, and
// before the capital in McDonald or OBrien) joined by an apostrophe, hyphen,
// whitespace including a line break, or nothing; each accented letter with
// or without its accent, composed or decomposed (Zoë, Zoe, Zoë), and German
// umlauts also written out (Müller, Mueller). Empty when the name has no
// letters.
std::string roster_name_pattern(std::string_view name);

// Hashtags and handles (#AlexKowalski, @alex_kowalski): the rule splits them
// into names itself.
inline constexpr std::string_view kHandlePattern = "[#@][A-Za-z][A-Za-z0-9_.]{2,60}";

}  // namespace policycheck::names
