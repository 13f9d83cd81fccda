// libpolicycheck_phone.so: phone numbers checked against libphonenumber's
// number-plan metadata (see phone_module.hpp for why this is a module).
// Region "GB" is the ISO code libphonenumber knows; "UK" is not a region, and
// Presidio shipping "UK" made it miss national numbers (issue #2173).
#include "phone_module.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <cstring>
#include <string>

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

const char* type_name(PhoneNumberUtil::PhoneNumberType type) {
  switch (type) {
    case PhoneNumberUtil::FIXED_LINE: return "landline";
    case PhoneNumberUtil::MOBILE: return "mobile";
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE: return "landline or mobile";
    case PhoneNumberUtil::TOLL_FREE: return "freephone";
    case PhoneNumberUtil::PREMIUM_RATE: return "premium-rate";
    case PhoneNumberUtil::SHARED_COST: return "shared-cost";
    case PhoneNumberUtil::VOIP: return "VoIP";
    case PhoneNumberUtil::PERSONAL_NUMBER: return "personal";
    case PhoneNumberUtil::PAGER: return "pager";
    case PhoneNumberUtil::UAN: return "corporate";
    case PhoneNumberUtil::VOICEMAIL: return "voicemail";
    default: return "phone";
  }
}

// libphonenumber calls a GB number "possible" from 7 digits (local numbers
// dialled without the area code). Written with its trunk 0 or +44 a number
// has the full national length: 9 or 10 digits after the 0 for 01 and 08
// numbers, 10 for every other range (mobiles 07, 02, 03, 05, 09).
bool gb_national_length_ok(const std::string& national) {
  if (national.empty()) return false;
  const size_t n = national.size();
  if (national[0] == '1' || national[0] == '8') return n == 9 || n == 10;
  return n == 10;
}

void copy_text(char* out, size_t capacity, const std::string& text) {
  const size_t n = std::min(text.size(), capacity - 1);
  std::memcpy(out, text.data(), n);
  out[n] = '\0';
}

}  // namespace

extern "C" __attribute__((visibility("default"))) void policycheck_check_phone(const char* text, size_t size,
                                                                               PolicycheckPhoneResult* out) {
  *out = PolicycheckPhoneResult{};
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(text, size), "GB", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return;
  std::string national;
  util.GetNationalSignificantNumber(number, &national);
  const PhoneNumberUtil::ValidationResult reason = util.IsPossibleNumberWithReason(number);
  bool possible = reason == PhoneNumberUtil::IS_POSSIBLE;
  if (number.country_code() == 44) possible = possible && gb_national_length_ok(national);
  const bool valid = possible && util.IsValidNumber(number);
  out->possible = possible;
  out->valid = valid;
  if (valid) {
    std::string region;
    util.GetRegionCodeForNumber(number, &region);
    copy_text(out->region, sizeof out->region, region);
    copy_text(out->kind, sizeof out->kind, type_name(util.GetNumberType(number)));
  }
}
