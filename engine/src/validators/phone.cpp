// Phone numbers, checked by libphonenumber in a module loaded on the first
// candidate (engine/phone_module/phone_module.hpp, optional_module.hpp).
#include <stdexcept>

#include "../optional_module.hpp"
#include "phone_module.hpp"
#include "policycheck/validators.hpp"

namespace policycheck {

PhoneCheck check_phone_number(std::string_view text) {
  static const ModuleSymbol module =
      load_module_symbol(POLICYCHECK_PHONE_MODULE_NAME, POLICYCHECK_PHONE_MODULE_BUILT, POLICYCHECK_CHECK_PHONE_SYMBOL);
  const auto check = reinterpret_cast<PolicycheckCheckPhoneFn>(module.address);
  // Without it a phone-number rule would silently find nothing: stop instead.
  if (!check) throw std::runtime_error("cannot check phone numbers: the phone module did not load (" + module.error + ")");
  PolicycheckPhoneResult found;
  check(text.data(), text.size(), &found);
  PhoneCheck result;
  result.possible = found.possible != 0;
  result.valid = found.valid != 0;
  result.kind = found.kind;
  result.region = found.region;
  return result;
}

}  // namespace policycheck
