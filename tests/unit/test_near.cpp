// The near rule kind: `a` within `distance` words of `b`, in one sentence.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

using namespace policycheck;
using namespace policycheck::testing;

namespace {

// A policy of one near rule, t/allegation: a case-sensitive `a` (its
// `a_lines`) within 3 words of "is a liar" or "stole"; `head` comes before
// the rules, `tail` adds to the rule.
std::string allegation_policy(const std::string& head, const std::string& a_lines, const std::string& tail = "") {
  return "pack: t\n" + head + R"yaml(rules:
  - id: t/allegation
    kind: near
    severity: warning
    message: "accused (%s)"
    a:
      case_sensitive: true
)yaml" + a_lines + R"yaml(    b:
      terms: [is a liar, stole]
    distance: 3
)yaml" + tail;
}

std::shared_ptr<const CompiledPolicy> policy() {
  static auto compiled = compile_yaml(allegation_policy("", R"yaml(      patterns: ['(?:Mr|Dr)\.?\s+[A-Z][a-z]+']
)yaml",
                                                        R"yaml(    not_between: [never]
    hedges: [allegedly, i heard]
    unless: {words: [play], window: 5}
    context: [definitely]
)yaml"));
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

namespace {

const std::string kRosterPolicy = allegation_policy(R"yaml(variables:
  roster_names: []
)yaml",
                                                    R"yaml(      terms: ['${roster_names}']
      patterns: ['Mr\s+[A-Z][a-z]+']
)yaml");

// A roster of `extra` filler pupils plus a few awkward real-looking ones.
std::shared_ptr<const CompiledPolicy> roster_policy(size_t extra, const std::vector<std::pair<std::string, std::vector<std::string>>>& vars = {}) {
  const auto dir = std::filesystem::temp_directory_path() / ("policycheck-test-near-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "roster.csv";
  {
    std::ofstream out(path);
    out << "Forename,Preferred name,Surname\n";
    for (size_t i = 0; i < extra; ++i) {
      std::string n;
      for (size_t v = i; n.size() < 4 || v; v /= 26) n += static_cast<char>('a' + v % 26);
      out << "Zq" << n << ",,Xq" << n << "\n";
    }
    out << "Mary Jane,,van der Berg\nJean-Luc,,O'Neill\nAlexander,Alex,Kowalski\n";
  }
  PolicyLoader loader;
  loader.add_text("test.yaml", kRosterPolicy);
  loader.add_roster(path);
  for (const auto& [name, values] : vars) loader.set_variable(name, values);
  CompileOptions options;
  options.use_cache = false;
  auto compiled = CompiledPolicy::compile(loader.finish(), options);
  std::filesystem::remove_all(dir);
  return compiled;
}

std::vector<std::string> allegations(const std::shared_ptr<const CompiledPolicy>& policy, const std::string& text) {
  std::vector<std::string> out;
  for (const Finding& f : scan_text(policy, text)) out.push_back(f.match);
  return out;
}

}  // namespace

TEST_CASE("roster pupils are people for a near rule, whatever the roster's size") {
  for (size_t extra : {0u, 6000u}) {
    INFO("filler pupils: " << extra);
    auto p = roster_policy(extra);
    CHECK(p->stats().patterns < 10);  // the roster is not in the database
    CHECK(allegations(p, "Mary Jane van der Berg stole it") == std::vector<std::string>{"Mary Jane van der Berg stole"});
    CHECK(allegations(p, "Mary Jane stole it") == std::vector<std::string>{"Mary Jane stole"});
    CHECK(allegations(p, "Jean-Luc O'Neill is a liar.") == std::vector<std::string>{"Jean-Luc O'Neill is a liar"});
    CHECK(allegations(p, "the one who stole it was Alex  Kowalski") ==
          std::vector<std::string>{"stole it was Alex  Kowalski"});
    CHECK(allegations(p, "Alexander is a liar") == std::vector<std::string>{"Alexander is a liar"});
    CHECK(allegations(p, "Mr Hale is a liar") == std::vector<std::string>{"Mr Hale is a liar"});
    CHECK(allegations(p, "alex is a liar").empty());         // case-sensitive, as the a: spec says
    CHECK(allegations(p, "Alexandra is a liar").empty());    // not glued to a longer word
    CHECK(allegations(p, "Alex Kowalski won the prize").empty());
  }
  CHECK(allegations(roster_policy(6000), "Zqaaaa stole it") == std::vector<std::string>{"Zqaaaa stole"});
}

TEST_CASE("a roster_names list set by the school is used as terms") {
  auto p = roster_policy(0, {{"roster_names", {"Sam"}}});
  CHECK(allegations(p, "Sam is a liar") == std::vector<std::string>{"Sam is a liar"});
  CHECK(allegations(p, "Alex is a liar").empty());
}
