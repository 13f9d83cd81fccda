// DVLA driving licence numbers (Great Britain): 16 characters that encode
// the surname, date of birth and sex. The two check characters at the end
// are computed by an unpublished algorithm, so only the fields are checked.
#include <string>

#include "digits.hpp"
#include "policycheck/validators.hpp"

namespace policycheck {
namespace {

bool is_letter(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
int two_digits(const std::string& s, size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

// Letters, then '9' padding: a letter after a '9', or no letter at all, is
// not a surname field (the rule Presidio's recogniser also applies).
bool padded_letters(std::string_view field) {
  bool padding = false;
  for (char c : field) {
    if (c == '9') padding = true;
    else if (!is_letter(c) || padding) return false;
  }
  return is_letter(field[0]);
}

}  // namespace

// 1-5 surname | 6 decade | 7-8 month (+50 women) | 9-10 day | 11 year digit
// | 12-13 initials | 14 arbitrary digit | 15-16 check characters.
bool driving_licence_fields_valid(std::string_view text) {
  const std::string n = compact_alnum(text);
  if (n.size() != 16) return false;
  if (!padded_letters(std::string_view(n).substr(0, 5))) return false;
  for (size_t i : {5, 6, 7, 8, 9, 10, 13}) {
    if (!is_digit(n[i])) return false;
  }
  int month = two_digits(n, 6);
  if (month > 50) month -= 50;
  if (month < 1 || month > 12) return false;
  // The century is not encoded, so 29 February is accepted in any year.
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int day = two_digits(n, 8);
  if (day < 1 || day > kDays[month - 1]) return false;
  // Initials: one or two letters, '9' for an absent one.
  return padded_letters(std::string_view(n).substr(11, 2)) || n.compare(11, 2, "99") == 0;
}

}  // namespace policycheck
