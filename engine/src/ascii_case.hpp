#pragma once
// ASCII-only case folding, for comparing what people type in either case:
// file names and extensions, mail headers, CSV column names, URLs, e-mail
// domains, suppression comments. Bytes outside A-Z are left as they are, so
// a UTF-8 sequence is never altered, and the result does not depend on the
// C locale as std::tolower's does.
#include <string>
#include <string_view>

namespace policycheck {

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace policycheck
