// The loader is the first thing a policy author meets: every mistake must be
// reported with file:line:column and the rule id, and nothing may be scanned.
#include <catch2/catch.hpp>

#include "policycheck/policy_loader.hpp"
#include "test_support.hpp"

using namespace policycheck;
using policycheck::testing::compile_yaml;

namespace {

// Loads and compiles `yaml`; returns the issues reported (empty if it loaded).
std::vector<PolicyIssue> issues_for(const std::string& yaml) {
  try {
    compile_yaml(yaml);
  } catch (const PolicyError& e) {
    return e.issues();
  }
  return {};
}

const char* kGoodPack = R"(pack: demo
description: a test pack
variables:
  school: [St Jude's, Carlton Academy]
rules:
  - id: demo/word
    kind: terms
    severity: warning
    message: "bad word"
    policy_ref: "no bad words"
    terms: [badword, "two words"]
    tests:
      match: ["a badword here"]
      no_match: ["badwords"]
  - id: demo/school
    kind: pattern
    message: "school named"
    patterns: ['at ${school}']
)";

}  // namespace

TEST_CASE("a valid pack loads with its rules, variables and tests") {
  PolicyLoader loader;
  loader.add_text("pack.yaml", kGoodPack);
  const Policy policy = loader.finish();
  REQUIRE(policy.rules.size() == 2);
  const Rule& word = policy.rules[0];
  CHECK(word.id == "demo/word");
  CHECK(word.kind == RuleKind::terms);
  CHECK(word.severity == Severity::warning);
  CHECK(word.category == "demo");
  CHECK(word.match.terms == std::vector<std::string>{"badword", "two words"});
  CHECK(word.tests.match.size() == 1);
  CHECK(word.location.line == 6);
  // ${school} becomes an escaped alternation inside the regex.
  const Rule& school = policy.rules[1];
  REQUIRE(school.match.patterns.size() == 1);
  CHECK(school.match.patterns[0].find("Carlton\\s+Academy") != std::string::npos);
  CHECK(school.severity == Severity::error);  // the default
}

TEST_CASE("YAML syntax errors name file, line and column") {
  const auto issues = issues_for("pack: x\nrules:\n  - id: x/a\n    kind: terms\n   terms: [a]\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].location.file == "test.yaml");
  CHECK(issues[0].location.line == 5);
  CHECK(issues[0].message.find("YAML syntax error") != std::string::npos);
}

TEST_CASE("unknown keys are errors that list the allowed keys") {
  const auto issues = issues_for(
      "pack: x\nrules:\n  - id: x/a\n    kind: terms\n    message: m\n    severty: error\n    terms: [a]\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].rule_id == "x/a");
  CHECK(issues[0].location.line == 6);
  CHECK(issues[0].location.column == 5);
  CHECK(issues[0].message.find("unknown key 'severty'") != std::string::npos);
  CHECK(issues[0].message.find("severity") != std::string::npos);
}

TEST_CASE("wrong types are reported") {
  auto issues = issues_for("pack: x\nrules:\n  - id: x/a\n    kind: terms\n    message: m\n    terms: {a: b}\n");
  REQUIRE(!issues.empty());
  CHECK(issues[0].message.find("must be a list of strings") != std::string::npos);
  issues = issues_for("pack: x\nrules:\n  - id: x/a\n    kind: terms\n    message: m\n    terms: [a]\n"
                      "    confidence: high\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("'confidence' must be a number") != std::string::npos);
  issues = issues_for("pack: x\nrules:\n  - id: x/a\n    kind: terms\n    message: m\n    terms: [a]\n"
                      "    severity: fatal\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("severity must be error, warning or info") != std::string::npos);
}

TEST_CASE("duplicate rule ids are errors pointing at the first definition") {
  const auto issues = issues_for(
      "pack: x\nrules:\n  - id: x/a\n    kind: terms\n    message: m\n    terms: [a]\n"
      "  - id: x/a\n    kind: terms\n    message: m\n    terms: [b]\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].location.line == 7);
  CHECK(issues[0].message.find("duplicate rule id (first defined at test.yaml:3)") != std::string::npos);
}

TEST_CASE("rule ids must carry the pack prefix") {
  const auto issues = issues_for("pack: x\nrules:\n  - id: other/a\n    kind: terms\n    message: m\n    terms: [a]\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("rule ids must be 'x/<what-it-detects>'") != std::string::npos);
}

TEST_CASE("invalid and unsupported regexes name the pattern's own line") {
  auto issues = issues_for(
      "pack: x\nrules:\n  - id: x/a\n    kind: pattern\n    message: m\n    patterns:\n      - 'ok\\d+'\n"
      "      - '(unclosed'\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].location.line == 8);
  CHECK(issues[0].rule_id == "x/a");
  CHECK(issues[0].message.find("invalid pattern") != std::string::npos);
  // Look-arounds are refused: post-match conditions belong in the engine.
  issues = issues_for("pack: x\nrules:\n  - id: x/a\n    kind: pattern\n    message: m\n    patterns: ['a(?=b)']\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("look-arounds") != std::string::npos);
  // A pattern that can match nothing at all would fire everywhere.
  issues = issues_for("pack: x\nrules:\n  - id: x/a\n    kind: pattern\n    message: m\n    patterns: ['a*']\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("can match empty text") != std::string::npos);
}

TEST_CASE("unknown kinds, variables and validators are errors") {
  auto issues = issues_for("pack: x\nrules:\n  - id: x/a\n    kind: magic\n    message: m\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("unknown kind 'magic'") != std::string::npos);
  issues = issues_for("pack: x\nrules:\n  - id: x/a\n    kind: terms\n    message: m\n    terms: ['${nope}']\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("unknown variable '${nope}'") != std::string::npos);
  issues = issues_for(
      "pack: x\nrules:\n  - id: x/a\n    kind: pattern\n    message: m\n    patterns: [x]\n    validate: crc\n");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("unknown validator 'crc'") != std::string::npos);
}

TEST_CASE("every problem in a pack is reported, not just the first") {
  const auto issues = issues_for(
      "pack: x\nrules:\n  - id: x/a\n    kind: terms\n    terms: [a]\n"   // no message
      "  - id: x/b\n    kind: pattern\n    message: m\n");                   // no patterns
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].message.find("missing 'message'") != std::string::npos);
  CHECK(issues[1].message.find("needs a non-empty 'patterns'") != std::string::npos);
}

TEST_CASE("a variable set from outside replaces the pack's value") {
  PolicyLoader loader;
  loader.add_text("pack.yaml", kGoodPack);
  loader.set_variable("school", {"Oak Hill"});
  const Policy policy = loader.finish();
  CHECK(policy.rules[1].match.patterns[0] == "at (?:Oak\\s+Hill)");
}

TEST_CASE("the built-in policy loads and every rule quotes a policy clause and has tests") {
  const auto policy = policycheck::testing::builtin_policy();
  REQUIRE(policy->policy().rules.size() >= 5);
  for (const Rule& rule : policy->policy().rules) {
    INFO(rule.id);
    CHECK(!rule.policy_ref.empty());
    CHECK(!rule.tests.match.empty());
    CHECK(!rule.tests.no_match.empty());
  }
}
