// optional_module.hpp: the dlopen'd modules (PDF text, phone numbers) load
// from the build tree, and each way of failing comes back as an explanation
// instead of a crash or a silent null (the callers turn it into an error the
// user sees: a missing phone module must never mean "no phone numbers").
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "optional_module.hpp"
#include "phone_module.hpp"

using policycheck::load_module_symbol;
using policycheck::ModuleSymbol;

TEST_CASE("the phone module loads from the build tree and answers") {
  const ModuleSymbol loaded = load_module_symbol("no-such-module-beside-the-test.so", PHONE_MODULE_BUILT,
                                                 POLICYCHECK_CHECK_PHONE_SYMBOL);
  REQUIRE(loaded.address != nullptr);
  const auto check = reinterpret_cast<PolicycheckCheckPhoneFn>(loaded.address);
  PolicycheckPhoneResult uk{};
  const std::string mobile = "07700 900123";
  check(mobile.data(), mobile.size(), &uk);
  CHECK(uk.possible != 0);
  PolicycheckPhoneResult short_one{};
  const std::string digits = "12";
  check(digits.data(), digits.size(), &short_one);
  CHECK(short_one.possible == 0);
}

TEST_CASE("a module that is nowhere is reported by name") {
  const ModuleSymbol loaded = load_module_symbol("libpolicycheck_missing.so", "/nonexistent/libpolicycheck_missing.so",
                                                 "anything");
  CHECK(loaded.address == nullptr);
  CHECK(loaded.error == "libpolicycheck_missing.so not found");
}

TEST_CASE("a module without the symbol is reported with its path") {
  const ModuleSymbol loaded =
      load_module_symbol("no-such-module-beside-the-test.so", PHONE_MODULE_BUILT, "policycheck_no_such_symbol");
  CHECK(loaded.address == nullptr);
  CHECK(loaded.error == std::string(PHONE_MODULE_BUILT) + " has no policycheck_no_such_symbol");
}

TEST_CASE("a file that is not a library gives the loader's reason") {
  char path[] = "/tmp/policycheck-not-a-module-XXXXXX";
  const int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  ::close(fd);
  { std::ofstream(path) << "this is text, not an ELF shared object\n"; }
  const ModuleSymbol loaded = load_module_symbol("no-such-module-beside-the-test.so", path, "anything");
  ::unlink(path);
  CHECK(loaded.address == nullptr);
  CHECK_FALSE(loaded.error.empty());
  CHECK(loaded.error.find(path) != std::string::npos);  // dlerror names the file
}
