// Inline suppressions in plain text and in Markdown/HTML comments.
#include <catch2/catch.hpp>

#include "policycheck/suppress.hpp"
#include "test_support.hpp"

using namespace policycheck;
using namespace policycheck::testing;

namespace {

const char* kPolicy = R"(
pack: demo
rules:
  - id: demo/phone
    kind: pattern
    severity: error
    message: "Phone number"
    patterns: ['07\d{3} \d{6}']
  - id: demo/swear
    kind: terms
    severity: warning
    message: "Swearing"
    terms: [blast]
)";

std::vector<Finding> screen(const std::string& text) {
  static auto policy = compile_yaml(kPolicy);
  static InlineSuppressions suppressions(policy->policy());
  Scanner scanner(policy);
  Record record;
  record.path = "draft.txt";
  record.text = text;
  std::vector<Finding> findings;
  scanner.scan(record, findings);
  suppressions.apply(record, findings);
  return findings;
}

}  // namespace

TEST_CASE("disable-next-line silences the next line only, for the rules named") {
  const auto findings = screen(
      "policycheck-disable-next-line demo/phone -- the school office line\n"
      "Call 07700 900123, blast it\n"
      "Call 07700 900124\n");
  CHECK(rules_of(findings) == std::vector<std::string>{"demo/swear", "demo/phone"});
  CHECK(findings[1].line == 3);
}

TEST_CASE("a directive with no rule silences every rule") {
  CHECK(screen("<!-- policycheck-disable-next-line -->\nCall 07700 900123, blast it\n").empty());
}

TEST_CASE("directives work inside HTML comments, with commas and any case of rule id") {
  const auto findings = screen("<!-- policycheck-disable-next-line Demo/Phone, demo/swear -->\n"
                               "Call 07700 900123, blast it\n");
  CHECK(findings.empty());
}

TEST_CASE("disable ... enable covers a block; pack names cover the pack") {
  const auto findings = screen(
      "policycheck-disable demo\n"
      "Call 07700 900123\n"
      "blast\n"
      "policycheck-enable\n"
      "Call 07700 900124\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].line == 5);
}

TEST_CASE("enable with a rule re-enables just that rule") {
  const auto findings = screen(
      "# policycheck-disable\n"
      "# policycheck-enable demo/phone\n"
      "Call 07700 900123, blast\n");
  CHECK(rules_of(findings) == std::vector<std::string>{"demo/phone"});
}

TEST_CASE("disable-line covers its own line") {
  CHECK(screen("Call 07700 900123 // policycheck-disable-line demo/phone\n").empty());
}

TEST_CASE("unused suppressions are reported as info, unknown rules as warnings") {
  const auto findings = screen(
      "policycheck-disable-next-line demo/phone\n"
      "nothing here\n"
      "policycheck-disable-next-line demo/fone\n"
      "Call 07700 900123\n");
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].rule == "suppression/unused");
  CHECK(findings[0].severity == Severity::info);
  CHECK(findings[0].line == 1);
  CHECK(findings[1].rule == "suppression/unknown-rule");
  CHECK(findings[1].severity == Severity::warning);
  CHECK(findings[1].message.find("demo/fone") != std::string::npos);
  // A directive naming only unknown rules suppresses nothing.
  CHECK(findings[2].rule == "demo/phone");
}

TEST_CASE("words that merely contain the keyword are not directives") {
  CHECK(screen("see xpolicycheck-disable-next-line\nCall 07700 900123\n").size() == 1);
  CHECK(screen("policycheck-disabled\nCall 07700 900123\n").size() == 1);
}
