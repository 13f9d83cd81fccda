// The names rules use in `validate:` and the function behind each.
#include <algorithm>
#include <array>

#include "policycheck/validators.hpp"

namespace policycheck {
namespace {

template <bool (*Check)(std::string_view)>
Validation boolean_validator(std::string_view candidate, const char* pass_reason) {
  if (Check(candidate)) return {Verdict::pass, pass_reason};
  return {Verdict::fail, ""};
}

struct Entry {
  std::string_view name;
  ValidatorFn fn;
};

const std::array<Entry, 6> kValidators = {{
    {"luhn", [](std::string_view c) { return boolean_validator<luhn_valid>(c, "Luhn check digit correct"); }},
    {"nhs", [](std::string_view c) { return boolean_validator<nhs_number_valid>(c, "mod 11 check digit correct"); }},
    {"upn", [](std::string_view c) { return boolean_validator<upn_valid>(c, "mod 23 check letter correct"); }},
    {"mod97", [](std::string_view c) { return boolean_validator<iban_valid>(c, "IBAN mod 97 check correct"); }},
    {"nino", [](std::string_view c) { return boolean_validator<nino_valid>(c, "allocated prefix and suffix"); }},
    {"postcode", [](std::string_view c) { return boolean_validator<uk_postcode_valid>(c, "valid postcode letters"); }},
}};

}  // namespace

ValidatorFn find_validator(std::string_view name) {
  for (const Entry& e : kValidators) {
    if (e.name == name) return e.fn;
  }
  return nullptr;
}

std::vector<std::string> validator_names() {
  std::vector<std::string> names;
  for (const Entry& e : kValidators) names.emplace_back(e.name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace policycheck
