// Great Britain number plates in the three formats still on the road.
// Facts: DVLA "Vehicle registration numbers and number plates" (INF104).
#include <string>

#include "digits.hpp"
#include "policycheck/validators.hpp"

namespace policycheck {
namespace {

bool is_letter(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool none_of(char c, std::string_view banned) { return banned.find(c) == std::string_view::npos; }

// AB12 CDE (since September 2001): area letters never I, Q or Z; age
// identifier 02-29 (March) or 51-79 (September; 01 was never issued); the
// random letters never I or Q.
bool current_format(const std::string& p) {
  if (p.size() != 7) return false;
  if (!is_letter(p[0]) || !is_letter(p[1]) || !is_digit(p[2]) || !is_digit(p[3])) return false;
  if (!none_of(p[0], "IQZ") || !none_of(p[1], "IQZ")) return false;
  const int age = (p[2] - '0') * 10 + (p[3] - '0');
  if (!((age >= 2 && age <= 29) || (age >= 51 && age <= 79))) return false;
  for (size_t i = 4; i < 7; ++i) {
    if (!is_letter(p[i]) || !none_of(p[i], "IQ")) return false;
  }
  return true;
}

// A123 BCD (1983-2001): year letter A-Y without I, O, Q, U, Z; 1-3 digits
// (never 0 alone); three letters.
bool prefix_format(const std::string& p) {
  if (p.size() < 5 || p.size() > 7) return false;
  if (!is_letter(p[0]) || !none_of(p[0], "IOQUZ")) return false;
  const size_t digits = p.size() - 4;
  for (size_t i = 1; i <= digits; ++i) {
    if (!is_digit(p[i])) return false;
  }
  if (p[1] == '0') return false;
  for (size_t i = digits + 1; i < p.size(); ++i) {
    if (!is_letter(p[i]) || !none_of(p[i], "IQ")) return false;
  }
  return true;
}

// ABC 123D (1963-1983): three letters, 1-3 digits, year letter.
bool suffix_format(const std::string& p) {
  if (p.size() < 5 || p.size() > 7) return false;
  for (size_t i = 0; i < 3; ++i) {
    if (!is_letter(p[i]) || !none_of(p[i], "IQ")) return false;
  }
  for (size_t i = 3; i + 1 < p.size(); ++i) {
    if (!is_digit(p[i])) return false;
  }
  if (p[3] == '0') return false;
  return is_letter(p.back()) && none_of(p.back(), "IOQUZ");
}

}  // namespace

bool vehicle_registration_valid(std::string_view text) {
  const std::string plate = compact_alnum(text);
  return current_format(plate) || prefix_format(plate) || suffix_format(plate);
}

}  // namespace policycheck
