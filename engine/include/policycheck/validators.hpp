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
bool uk_postcode_valid(std::string_view text);

}  // namespace policycheck
