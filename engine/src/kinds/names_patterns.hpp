#pragma once
// Database patterns for names read from a roster or a lexicon.
#include <string>
#include <string_view>
#include <vector>

namespace policycheck::names {

// Literal patterns (regex text, for caseless word-bounded matching) for a
// roster name as people write it. The name is split into parts at spaces,
// apostrophes and hyphens, and before the capital in McDonald or OBrien.
// A one-part name gives its spellings; a name of several parts gives the
// spellings of the parts glued together (OBrien, SmithJones) and of its
// last part alone (Brien, Jones): the rule then reads the earlier parts
// back from the text whatever joins them (O'Brien, O’Brien, O Brien,
// Smith-Jones, Smith Jones, van der Berg). Spellings: as written, accented
// capitals, decomposed accents, accents dropped (Zoë, Zoe) and German
// umlauts written out (Müller, Mueller). Literals only, so a roster of
// 100,000 pupils compiles in seconds.
std::vector<std::string> roster_name_literals(std::string_view name);

// Hashtags and handles (#AlexKowalski, @alex_kowalski): the rule splits them
// into names itself.
inline constexpr std::string_view kHandlePattern = "[#@][A-Za-z][A-Za-z0-9_.]{2,60}";

}  // namespace policycheck::names
