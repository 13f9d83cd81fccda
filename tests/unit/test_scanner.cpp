// The scan path: each rule kind, word boundaries checked on the original
// text, exceptions, allow lists, context and the require kind.
#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace policycheck;
using namespace policycheck::testing;

TEST_CASE("terms are case-insensitive, whole-word, and report exact spans") {
  auto policy = compile_yaml(
      "pack: t\nrules:\n  - id: t/w\n    kind: terms\n    message: m\n    terms: [ass, \"views my own\"]\n");
  auto findings = scan_text(policy, "You ASS. Assessment and class are fine.");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].match == "ASS");
  CHECK(findings[0].text_start == 4);
  CHECK(findings[0].text_end == 7);
  // A phrase matches across a line break.
  findings = scan_text(policy, "views\nmy   own");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].line == 1);
  CHECK(findings[0].end_line == 2);
}

TEST_CASE("a word glued to a letter outside ASCII is not a whole-word match") {
  auto policy = compile_yaml("pack: t\nrules:\n  - id: t/w\n    kind: terms\n    message: m\n    terms: [cafe]\n");
  CHECK(scan_text(policy, "cafeé").empty());
  CHECK(scan_text(policy, "the cafe’s menu").size() == 1);
}

TEST_CASE("case-sensitive patterns and the leftmost start of variable-width matches") {
  auto policy = compile_yaml(
      "pack: t\nrules:\n  - id: t/n\n    kind: pattern\n    message: m\n    case_sensitive: true\n"
      "    patterns: ['[A-Z]{2}\\d+']\n");
  auto findings = scan_text(policy, "code AB12345 and ab999 and XAB1");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].match == "AB12345");
}

TEST_CASE("a match glued to a word on the left is retried from a clean start") {
  auto policy = compile_yaml(
      "pack: t\nrules:\n  - id: t/n\n    kind: pattern\n    message: m\n    patterns: ['\\d{3} ?\\d{3}']\n");
  // "x1234 567": starting at '1' is glued to 'x'; no clean start ends at 7.
  CHECK(scan_text(policy, "x1234 567").empty());
  auto findings = scan_text(policy, "call 123 456 now");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].match == "123 456");
}

TEST_CASE("overlapping hits of one rule collapse to the leftmost longest") {
  auto policy = compile_yaml(
      "pack: t\nrules:\n  - id: t/n\n    kind: pattern\n    message: m\n    word_boundary: false\n"
      "    patterns: ['\\d{3}', '\\d{3}-\\d{3}']\n");
  auto findings = scan_text(policy, "123-456");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].match == "123-456");
}

TEST_CASE("exceptions that cover a hit clear it") {
  auto policy = compile_yaml(
      "pack: t\nrules:\n  - id: t/w\n    kind: terms\n    message: m\n    terms: [tit]\n"
      "    exceptions: [great tit, blue tit]\n");
  CHECK(scan_text(policy, "We saw a Great Tit and a blue tit").empty());
  CHECK(scan_text(policy, "what a tit").size() == 1);
}

TEST_CASE("allow patterns must match the whole hit") {
  auto policy = compile_yaml(
      "pack: t\nvariables:\n  domains: [school.example.org]\nrules:\n  - id: t/e\n    kind: pattern\n"
      "    message: m\n    patterns: ['[a-z.]+@[a-z.]+\\.[a-z]{2,}']\n    allow: ['[^@]+@${domains}']\n");
  CHECK(scan_text(policy, "office@school.example.org").empty());
  CHECK(scan_text(policy, "jo@gmail.com").size() == 1);
}

TEST_CASE("context words raise confidence, unless words cancel, both whole-word") {
  auto policy = compile_yaml(
      "pack: t\nrules:\n  - id: t/n\n    kind: pattern\n    message: m\n    confidence: 0.5\n"
      "    patterns: ['\\d{6}']\n    context: {words: [sort code, bank], window: 4}\n"
      "    unless: {words: [order], window: 3}\n");
  auto findings = scan_text(policy, "my sort code is 123456");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].confidence == Approx(0.8));
  REQUIRE(!findings[0].reasons.empty());
  CHECK(findings[0].reasons[0] == "context: sort code");
  findings = scan_text(policy, "banking 123456");  // "bank" is not a substring match
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].confidence == Approx(0.5));
  CHECK(scan_text(policy, "your order number 123456").empty());
  CHECK(scan_text(policy, "sort code, far far far far away 123456").size() == 1);
}

TEST_CASE("a minimum confidence drops weak findings") {
  auto policy = compile_yaml(
      "pack: t\nrules:\n  - id: t/n\n    kind: pattern\n    message: m\n    confidence: 0.5\n"
      "    patterns: ['\\d{6}']\n");
  Scanner scanner(policy, ScanOptions{0.6});
  Record record;
  record.text = "123456";
  std::vector<Finding> findings;
  scanner.scan(record, findings);
  CHECK(findings.empty());
}

TEST_CASE("validators confirm or reject candidates") {
  auto policy = compile_yaml(
      "pack: t\nrules:\n  - id: t/nhs\n    kind: pattern\n    message: m\n"
      "    patterns: ['\\d{3} ?\\d{3} ?\\d{4}']\n    validate: nhs\n");
  auto findings = scan_text(policy, "NHS 738 205 1145 and 738 205 1146");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].match == "738 205 1145");
  CHECK(findings[0].reasons.at(0).find("validator nhs") == 0);
}

TEST_CASE("require rules fire once per record when nothing required is present") {
  auto policy = compile_yaml(
      "pack: t\nrules:\n  - id: t/d\n    kind: require\n    message: m\n"
      "    trigger: {terms: [I work at]}\n    required: {terms: [views are my own]}\n");
  auto findings = scan_text(policy, "I work at a school. I work at a school.");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].text_start == 0);
  CHECK(scan_text(policy, "Views are my own. I work at a school.").empty());
  CHECK(scan_text(policy, "I work at a school (views are my own)").empty());
  CHECK(scan_text(policy, "nothing to see").empty());
}

TEST_CASE("findings carry the rule's metadata and come out in text order") {
  auto policy = builtin_policy();
  auto findings = scan_text(policy, "email a.b@gmail.com or ring 07700 900123", "draft.txt");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].rule == "personal-data/email");
  CHECK(findings[1].rule == "personal-data/phone-uk");
  CHECK(findings[0].category == "personal-data");
  CHECK(findings[0].personal_data);
  CHECK(findings[0].path == "draft.txt");
  CHECK(!findings[0].policy_ref.empty());
  CHECK(!findings[0].suggestion.empty());
}
