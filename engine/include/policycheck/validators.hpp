#pragma once
// Named validators that confirm a candidate after the pattern matched: check
// digits, calendar checks, number-plan metadata. A validator never decides on
// its own how sure a finding is; it passes, fails, or has no opinion.
#include <string>
#include <string_view>
#include <vector>

namespace policycheck {

enum class Verdict { pass, fail, no_opinion };

struct Validation {
  Verdict verdict = Verdict::no_opinion;
  std::string reason;  // e.g. "mod 11 check digit correct"
};

using ValidatorFn = Validation (*)(std::string_view candidate);

// nullptr when no validator has that name.
ValidatorFn find_validator(std::string_view name);
std::vector<std::string> validator_names();

// The algorithms themselves, on the candidate as written (separators allowed).
bool luhn_valid(std::string_view text);       // payment cards
bool nhs_number_valid(std::string_view text); // mod 11
bool upn_valid(std::string_view text);        // Unique Pupil Number, mod 23 check letter
bool iban_valid(std::string_view text);       // mod 97
bool nino_valid(std::string_view text);       // National Insurance number letter rules
bool uk_postcode_valid(std::string_view text); // shape, letter positions and a real postcode area

// A calendar date as people write it in the UK: 14/02/2016, 14.2.16,
// 2016-02-14, 14th February 2016, 14-Feb-2016, February 14th, 3rd of April,
// 14/02 (no year: `year` is 0).
struct CalendarDate {
  int year = 0;  // 0 when the text gives none
  int month = 0;
  int day = 0;
};
// Day-month-year order for all-numeric dates (year-month-day when the first
// number has four digits); two-digit years are taken as the most recent
// year not after `this_year`. False when it is not a real date.
bool parse_uk_date(std::string_view text, int this_year, CalendarDate& out);
// A date someone alive may have been born on: a real date, not after today
// and at most 110 years before it. `today` must have a year.
// A day of 0 (month and year only) is plausible when the month is.
bool plausible_birth_date(const CalendarDate& date, const CalendarDate& today);
CalendarDate today_local();

// A UK local number without its area code: 6-8 digits, the first 2-9,
// separated by spaces or hyphens only (see validators/local_phone.cpp).
bool local_phone_number_shape(std::string_view text);
// "jo dot bloggs at gmail dot com", "jo[at]school[dot]org" -> the address
// (lower case), or "" when the candidate is not an obfuscated address.
std::string deobfuscate_email(std::string_view candidate);
// The de-obfuscated address is well-formed; written with bare words only
// ("x at y dot com") it must also be at a personal mail provider, since
// such phrases are otherwise ordinary English.
bool obfuscated_email_valid(std::string_view candidate);
// Month and year only ("March 2015", "Sept 2014", "03/2015"): day is 0.
bool parse_uk_month_year(std::string_view text, CalendarDate& out);

// DVLA driving licence number (16 characters): surname field, birth month
// (+50 for women), day valid for the month, initials field.
bool driving_licence_fields_valid(std::string_view text);
// IPv4 or IPv6 (optionally with a /prefix length), checked with inet_pton.
bool ip_address_valid(std::string_view text);
// local@domain with a sane local part and a top-level domain that is not a
// file extension (logo@2x.png is an image name, not an address).
bool email_address_valid(std::string_view text);
// Current (AB12 CDE), prefix (A123 BCD) and suffix (ABC 123D) number plates:
// the letters DVLA never issues in each position, the age identifier.
bool vehicle_registration_valid(std::string_view text);
// A link to one person's profile on a social network, not to a post, group,
// event or help page.
bool social_profile_url(std::string_view text);

// libphonenumber with region GB (never "UK"). `valid` when the metadata knows
// the range; `possible` when only the length fits (the Ofcom drama ranges
// 07700 900xxx and 01632 960xxx are possible, not valid). `kind` names the
// number type ("mobile", "fixed line", ...) when valid.
struct PhoneCheck {
  bool possible = false;
  bool valid = false;
  std::string kind;
  std::string region;  // "GB", "FR", ...
};
PhoneCheck check_phone_number(std::string_view text);

}  // namespace policycheck
