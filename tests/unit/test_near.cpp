// The near rule kind: `a` within `distance` words of `b`, in one sentence.
#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace policycheck;
using namespace policycheck::testing;

namespace {

const std::string kPolicy = R"yaml(pack: t
rules:
  - id: t/allegation
    kind: near
    severity: warning
    message: "accused (%s)"
    a:
      case_sensitive: true
      patterns: ['(?:Mr|Dr)\.?\s+[A-Z][a-z]+']
    b:
      terms: [is a liar, stole]
    distance: 3
    not_between: [never]
    hedges: [allegedly, i heard]
    unless: {words: [play], window: 5}
    context: [definitely]
)yaml";

std::shared_ptr<const CompiledPolicy> policy() {
  static auto compiled = compile_yaml(kPolicy);
  return compiled;
}

}  // namespace

TEST_CASE("a within the distance of b is one finding covering both") {
  auto found = scan_text(policy(), "Everyone knows Mr Hale is a liar.");
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "t/allegation");
  CHECK(found[0].match == "Mr Hale is a liar");
  CHECK(found[0].message == "accused (is a liar)");
  CHECK(found[0].confidence == Approx(0.8));
}

TEST_CASE("b may come before a") {
  auto found = scan_text(policy(), "Who stole? It was Mr Hale");
  CHECK(found.empty());  // a sentence break lies between them
  found = scan_text(policy(), "The one who stole it was Mr Hale");
  REQUIRE(found.size() == 1);
  CHECK(found[0].match == "stole it was Mr Hale");
}

TEST_CASE("too far apart, other sentences and negations are clean") {
  CHECK(scan_text(policy(), "Mr Hale said that the man in the shop stole it").empty());
  CHECK(scan_text(policy(), "Ask Mr Hale. Tom stole it.").empty());
  CHECK(scan_text(policy(), "Mr Hale never stole anything").empty());
  CHECK(scan_text(policy(), "Mr Hale is a liar in the school play").empty());
  CHECK(scan_text(policy(), "mr hale is a liar").empty());  // a is case-sensitive here
}

TEST_CASE("abbreviations do not end a sentence") {
  CHECK(scan_text(policy(), "Mr Hale at St. Mary's stole it").size() == 1);
  CHECK(scan_text(policy(), "Ask Dr Hale and Tom. Cole stole it").empty());
}

TEST_CASE("hedges and questions lower confidence but never clear the finding") {
  auto found = scan_text(policy(), "Allegedly Mr Hale stole the money");
  REQUIRE(found.size() == 1);
  CHECK(found[0].confidence == Approx(0.6));
  found = scan_text(policy(), "I heard Mr Hale stole the money?");
  REQUIRE(found.size() == 1);
  CHECK(found[0].confidence == Approx(0.4));
  found = scan_text(policy(), "Mr Hale stole the money, definitely");
  REQUIRE(found.size() == 1);
  CHECK(found[0].confidence == Approx(0.9));
}

TEST_CASE("two people and one accusation give one finding") {
  auto found = scan_text(policy(), "Mr Hale and Mr Cole stole it");
  CHECK(found.size() == 1);
}

TEST_CASE("near rules are loaded strictly") {
  CHECK_THROWS_WITH(compile_yaml(R"(pack: t
rules:
  - {id: t/n, kind: near, message: m, a: {terms: [x]}}
)"),
                    Catch::Contains("a near rule needs 'b'"));
  CHECK_THROWS_WITH(compile_yaml(R"(pack: t
rules:
  - {id: t/n, kind: near, message: m, a: {terms: [x]}, b: {terms: [y]}, window: 3}
)"),
                    Catch::Contains("unknown key 'window'"));
  CHECK_THROWS_WITH(compile_yaml(R"(pack: t
rules:
  - {id: t/n, kind: near, message: m, a: {terms: [x]}, b: {terms: [y]}, distance: 99}
)"),
                    Catch::Contains("'distance' must be a number from 0 to 50"));
}

TEST_CASE("an exception that covers the b match clears it, one that only touches it does not") {
  auto compiled = compile_yaml(R"yaml(pack: t
rules:
  - id: t/allegation
    kind: near
    severity: warning
    message: "accused"
    a: {patterns: ['Mr\s+[A-Z][a-z]+'], case_sensitive: true}
    b: {terms: [stole]}
    distance: 3
    exceptions: [stole the show]
)yaml");
  CHECK(scan_text(compiled, "Mr Hale stole the show").empty());
  CHECK(scan_text(compiled, "Mr Hale stole the money for the show").size() == 1);
}
