// Letter-position rules for UK formats that have no check digit.
#include <string>

#include "digits.hpp"
#include "policycheck/validators.hpp"

namespace policycheck {

// Two prefix letters, six digits, suffix A-D. First letter never D F I Q U V;
// second never D F I O Q U V; prefixes BG GB KN NK NT TN ZZ never allocated.
bool nino_valid(std::string_view text) {
  const std::string n = compact_alnum(text);
  if (n.size() != 9) return false;
  const std::string_view bad_first = "DFIQUV";
  const std::string_view bad_second = "DFIOQUV";
  if (!(n[0] >= 'A' && n[0] <= 'Z') || !(n[1] >= 'A' && n[1] <= 'Z')) return false;
  if (bad_first.find(n[0]) != std::string_view::npos || bad_second.find(n[1]) != std::string_view::npos) return false;
  for (std::string_view prefix : {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}) {
    if (n.compare(0, 2, prefix) == 0) return false;
  }
  if (!all_digits(std::string_view(n).substr(2, 6))) return false;
  return n[8] >= 'A' && n[8] <= 'D';
}

namespace {

// The 121 geographic postcode areas (Royal Mail) plus BF (BFPO) and BX
// (non-geographic). "Y6 1ST" has the shape of a postcode but Y is no area.
constexpr std::string_view kPostcodeAreas[] = {
    "AB", "AL", "B",  "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "BX", "CA", "CB", "CF", "CH",
    "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E",  "EC", "EH",
    "EN", "EX", "FK", "FY", "G",  "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG", "IM",
    "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L",  "LA", "LD", "LE", "LL", "LN", "LS", "LU", "M",  "ME", "MK",
    "ML", "N",  "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH",
    "RM", "S",  "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD",
    "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "W",  "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE"};

bool known_area(const std::string& outward) {
  size_t letters = 0;
  while (letters < outward.size() && outward[letters] >= 'A' && outward[letters] <= 'Z') ++letters;
  const std::string_view area = std::string_view(outward).substr(0, letters);
  for (std::string_view known : kPostcodeAreas) {
    if (area == known) return true;
  }
  return false;
}

// "Y6 1st", "E2 2nd": a lower-case inward code spelling an ordinal is a
// place in a race, not a postcode.
bool ordinal_inward(std::string_view text) {
  if (text.size() < 3) return false;
  const std::string_view tail = text.substr(text.size() - 3);
  const char digit = tail[0];
  const std::string_view suffix = tail.substr(1);
  if (suffix == "st") return digit == '1';
  if (suffix == "nd") return digit == '2';
  if (suffix == "rd") return digit == '3';
  return suffix == "th";
}

bool outward_shape_valid(const std::string& outward) {
  auto letter = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!letter(outward[0]) || std::string_view("QVX").find(outward[0]) != std::string_view::npos) return false;
  const std::string_view third_ok = "ABCDEFGHJKPSTUW";
  const std::string_view fourth_ok = "ABEHMNPRVWXY";
  const size_t n = outward.size();
  if (n == 2) return digit(outward[1]);                                      // A9
  if (n == 3) {
    if (digit(outward[1]) && digit(outward[2])) return true;                 // A99
    if (digit(outward[1]) && letter(outward[2])) return third_ok.find(outward[2]) != std::string_view::npos;  // A9A
    if (letter(outward[1]) && digit(outward[2])) return std::string_view("IJZ").find(outward[1]) == std::string_view::npos;  // AA9
    return false;
  }
  if (!letter(outward[1]) || std::string_view("IJZ").find(outward[1]) != std::string_view::npos || !digit(outward[2])) {
    return false;
  }
  if (digit(outward[3])) return true;                                        // AA99
  return fourth_ok.find(outward[3]) != std::string_view::npos;               // AA9A
}

}  // namespace

// Outward code (A9, A99, A9A, AA9, AA99, AA9A) in a real postcode area +
// inward code (9AA), or GIR 0AA.
bool uk_postcode_valid(std::string_view text) {
  if (ordinal_inward(text)) return false;
  const std::string p = compact_alnum(text);
  if (p == "GIR0AA") return true;
  if (p.size() < 5 || p.size() > 7) return false;
  const std::string outward = p.substr(0, p.size() - 3);
  const std::string inward = p.substr(p.size() - 3);
  auto letter = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!digit(inward[0]) || !letter(inward[1]) || !letter(inward[2])) return false;
  const std::string_view bad_inward = "CIKMOV";
  if (bad_inward.find(inward[1]) != std::string_view::npos || bad_inward.find(inward[2]) != std::string_view::npos) {
    return false;
  }
  return known_area(outward) && outward_shape_valid(outward);
}

}  // namespace policycheck
