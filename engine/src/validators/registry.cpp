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

// Phone numbers in phone form are reported even when the metadata does not
// know them (Ofcom's drama ranges are "possible", not "valid"): only a number
// that cannot be a phone number at all fails.
Validation phone_validator(std::string_view candidate) {
  const PhoneCheck check = check_phone_number(candidate);
  if (check.valid) return {Verdict::pass, "valid " + check.region + " " + check.kind + " number"};
  if (check.possible) return {Verdict::no_opinion, ""};
  return {Verdict::fail, ""};
}

Validation date_validator(std::string_view candidate) {
  CalendarDate date;
  if (!parse_uk_date(candidate, today_local().year, date)) return {Verdict::fail, ""};
  return {Verdict::pass, "a real calendar date"};
}

// A birth date must be real and in the past; one without a year ("turns 7
// on 3rd May") is still a birthday, so it passes the calendar check only.
// A month and year ("born in March 2015") is checked the same way.
Validation date_of_birth_validator(std::string_view candidate) {
  const CalendarDate today = today_local();
  CalendarDate date;
  if (parse_uk_date(candidate, today.year, date)) {
    if (date.year == 0) return {Verdict::no_opinion, ""};
    if (!plausible_birth_date(date, today)) return {Verdict::fail, ""};
    return {Verdict::pass, "a plausible date of birth"};
  }
  if (parse_uk_month_year(candidate, date) && plausible_birth_date(date, today)) {
    return {Verdict::pass, "a plausible month and year of birth"};
  }
  return {Verdict::fail, ""};
}

// The shape of a local number is no evidence that it is one (any count has
// it): the check only rejects, the phone words around it do the rest.
Validation local_phone_validator(std::string_view candidate) {
  if (local_phone_number_shape(candidate)) return {Verdict::no_opinion, ""};
  return {Verdict::fail, ""};
}

const std::array<Entry, 16> kValidators = {{
    {"luhn", [](std::string_view c) { return boolean_validator<luhn_valid>(c, "Luhn check digit correct"); }},
    {"nhs", [](std::string_view c) { return boolean_validator<nhs_number_valid>(c, "mod 11 check digit correct"); }},
    {"upn", [](std::string_view c) { return boolean_validator<upn_valid>(c, "mod 23 check letter correct"); }},
    {"mod97", [](std::string_view c) { return boolean_validator<iban_valid>(c, "IBAN mod 97 check correct"); }},
    {"nino", [](std::string_view c) { return boolean_validator<nino_valid>(c, "allocated prefix and suffix"); }},
    {"postcode", [](std::string_view c) { return boolean_validator<uk_postcode_valid>(c, "valid postcode area and letters"); }},
    {"phone", phone_validator},
    {"phone-local", local_phone_validator},
    {"date", date_validator},
    {"date-of-birth", date_of_birth_validator},
    {"driving-licence", [](std::string_view c) { return boolean_validator<driving_licence_fields_valid>(c, "valid birth date and initials fields"); }},
    {"ip", [](std::string_view c) { return boolean_validator<ip_address_valid>(c, "parses as an IP address"); }},
    {"email", [](std::string_view c) { return boolean_validator<email_address_valid>(c, "well-formed address"); }},
    {"obfuscated-email", [](std::string_view c) { return boolean_validator<obfuscated_email_valid>(c, "a well-formed address once 'at' and 'dot' are put back"); }},
    {"vehicle-registration", [](std::string_view c) { return boolean_validator<vehicle_registration_valid>(c, "letters and age identifier DVLA issues"); }},
    {"social-profile", [](std::string_view c) { return boolean_validator<social_profile_url>(c, "links to a person's profile"); }},
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
