#pragma once
// Turning literal text into regex text that both Hyperscan and RE2 accept.
#include <string>
#include <string_view>

namespace policycheck {

// Escapes regex metacharacters only: RE2 rejects escapes of letters and spaces.
std::string escape_regex(std::string_view literal);

// A term as written in a rule becomes a regex in which any run of spaces
// matches any run of whitespace (a phrase may be broken across lines) and a
// straight apostrophe also matches the typographic one.
std::string term_to_regex(std::string_view term);

}  // namespace policycheck
