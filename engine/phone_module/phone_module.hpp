#pragma once
// The C interface of the phone-number module (libpolicycheck_phone.so),
// which holds everything that needs libphonenumber. libphonenumber brings
// protobuf, ICU and abseil, whose relocation cost 1-3 ms of every start,
// while most inputs hold no phone-number candidate: the engine loads the
// module with dlopen on the first one (engine/src/optional_module.hpp).
#include <stddef.h>

extern "C" {

struct PolicycheckPhoneResult {
  int possible;
  int valid;
  char kind[32];   // "mobile", "landline", ... (valid numbers)
  char region[8];  // "GB", "FR", ... (valid numbers)
};

typedef void (*PolicycheckCheckPhoneFn)(const char* text, size_t size, PolicycheckPhoneResult* out);

#define POLICYCHECK_CHECK_PHONE_SYMBOL "policycheck_check_phone"
void policycheck_check_phone(const char* text, size_t size, PolicycheckPhoneResult* out);
}
