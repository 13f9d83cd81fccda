// Check-digit algorithms for UK identifiers. Facts from the published
// specifications (NHS Data Dictionary, DfE UPN guidance, ISO 13616, ISO/IEC
// 7812); see ../shared/reference/personal-data.md.
#include "digits.hpp"
#include "policycheck/validators.hpp"

namespace policycheck {

bool luhn_valid(std::string_view text) {
  const std::string digits = compact_alnum(text);
  if (digits.size() < 12 || digits.size() > 19 || !all_digits(digits)) return false;
  int sum = 0;
  bool doubled = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

// Weights 10..2 on the first nine digits; 11 - (sum mod 11) is the check
// digit, 11 means 0 and 10 means no number is ever issued with that prefix.
bool nhs_number_valid(std::string_view text) {
  const std::string digits = compact_alnum(text);
  if (digits.size() != 10 || !all_digits(digits)) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[static_cast<size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;
  return check == digits[9] - '0';
}

namespace {
constexpr std::string_view kUpnAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";  // no I, O, S
}

// Check letter = alphabet[(sum of character value x position, positions
// 2..13) mod 23]; a temporary UPN ends in a letter valued by its alphabet index.
bool upn_valid(std::string_view text) {
  const std::string upn = compact_alnum(text);
  if (upn.size() != 13) return false;
  if (kUpnAlphabet.find(upn[0]) == std::string_view::npos) return false;
  if (!all_digits(std::string_view(upn).substr(1, 11))) return false;
  int sum = 0;
  for (size_t i = 1; i < 13; ++i) {
    int value;
    const char c = upn[i];
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else {
      const size_t index = kUpnAlphabet.find(c);
      if (i != 12 || index == std::string_view::npos) return false;
      value = static_cast<int>(index);
    }
    sum += value * static_cast<int>(i + 1);
  }
  return kUpnAlphabet[static_cast<size_t>(sum % 23)] == upn[0];
}

// Move the first four characters to the end, letters to 10..35, mod 97 == 1,
// computed piecewise so no big integers are needed.
bool iban_valid(std::string_view text) {
  const std::string iban = compact_alnum(text);
  if (iban.size() < 15 || iban.size() > 34) return false;
  if (!(iban[0] >= 'A' && iban[0] <= 'Z' && iban[1] >= 'A' && iban[1] <= 'Z')) return false;
  if (!all_digits(std::string_view(iban).substr(2, 2))) return false;
  if (iban.rfind("GB", 0) == 0 && iban.size() != 22) return false;
  const std::string rearranged = iban.substr(4) + iban.substr(0, 4);
  int remainder = 0;
  for (char c : rearranged) {
    if (c >= '0' && c <= '9') {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      const int value = c - 'A' + 10;
      remainder = (remainder * 100 + value) % 97;
    }
  }
  return remainder == 1;
}

}  // namespace policycheck
