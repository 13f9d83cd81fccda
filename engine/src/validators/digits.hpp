#pragma once
// Candidates arrive as written ("738 205 1145", "GB76 ABCD ..."): validators
// strip the separators people use before checking.
#include <string>
#include <string_view>

namespace policycheck {

inline bool is_separator(char c) { return c == ' ' || c == '-' || c == '.' || c == '\t' || c == '/'; }

// Letters upper-cased, digits kept, separators dropped; any other character
// makes the result empty (the candidate is not of this shape).
inline std::string compact_alnum(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (is_separator(c)) continue;
    if (c >= '0' && c <= '9') out += c;
    else if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
    else if (c >= 'A' && c <= 'Z') out += c;
    else return {};
  }
  return out;
}

inline bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace policycheck
