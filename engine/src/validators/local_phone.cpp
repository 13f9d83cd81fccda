// Local phone numbers, dialled without the area code ("ring 496021", "call
// 496 0277"): 6 to 8 digits whose first digit is 2-9 (Ofcom never starts a
// local number with 0 or 1). The shape alone is any number, so the rule
// reports one only next to phone words; this check keeps out what a
// look-behind would have: the tail of a longer number. The rule's pattern
// takes a digit group in front of the local number into the candidate
// ("0113 496 0123", "+44 7700 900 123"), and such a candidate fails here,
// leaving the whole number to the national patterns.
#include "policycheck/validators.hpp"

namespace policycheck {

bool local_phone_number_shape(std::string_view text) {
  size_t digits = 0;
  char first = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (digits++ == 0) first = c;
    } else if (c != ' ' && c != '-') {
      return false;  // '+', '(' or '.': part of a national or international number
    }
  }
  return digits >= 6 && digits <= 8 && first >= '2';
}

}  // namespace policycheck
