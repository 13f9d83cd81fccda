// required_literals.hpp: the literals a regex cannot match without. The
// gate built on them must never be wrong in the unsafe direction, so besides
// the formulas of a few shapes, every gated pattern of the built-in policy is
// checked against text it matches: wherever RE2 (as the confirmer reads the
// pattern) finds a match, in the text as it is, upper-cased or lower-cased,
// the formula must hold in that match.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "compiled_policy_data.hpp"
#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "required_literals.hpp"

using namespace policycheck;

namespace {

std::string formula(std::string_view regex, bool caseless = true) {
  return to_string(required_literals(regex, caseless));
}

std::string lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return s;
}
std::string upper(std::string s) {
  for (char& c : s) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  return s;
}

// Does `f` hold in `text` (atoms found as the gate's literal database finds them)?
bool holds(const LiteralFormula& f, const std::string& text) {
  switch (f.op) {
    case LiteralFormula::kTrue: return true;
    case LiteralFormula::kAtom:
      return f.atom.case_sensitive ? text.find(f.atom.text) != std::string::npos
                                   : lower(text).find(f.atom.text) != std::string::npos;
    case LiteralFormula::kAnd:
      return std::all_of(f.parts.begin(), f.parts.end(), [&](const LiteralFormula& p) { return holds(p, text); });
    case LiteralFormula::kOr:
      return std::any_of(f.parts.begin(), f.parts.end(), [&](const LiteralFormula& p) { return holds(p, text); });
  }
  return true;
}

}  // namespace

TEST_CASE("required literals: shapes") {
  CHECK(formula("liar") == "liar");
  CHECK(formula("liar|thief") == "(liar | thief)");
  // Exact strings crossed while small: "is a liar", "was a liar".
  CHECK(formula("(?:is|was) a liar") == "(is a liar | was a liar)");
  // \s is a big class: the parts either side are needed separately; "is"
  // alone is too short to look for, so only "liar" is kept.
  CHECK(formula("is\\s+a\\s+liar") == "liar");
  CHECK(formula("(?:was|got)\\s+(?:sacked|fired)\\s+for") == "(fired | sacked)");
  CHECK(formula("stole\\s+\\w+\\s+money") == "(stole & money)");
  // Optional and repeated parts.
  CHECK(formula("liars?") == "liar");
  CHECK(formula("(?:very\\s+)?bad\\s+teacher") == "teacher");
  CHECK(formula("(?:very\\s+)*teacher") == "teacher");
  CHECK(formula("(?:teacher)+") == "teacher");
  CHECK(formula("x(?:abc)?y") == "true");  // "xy" and "xabcy": too short
  // A string holding another is implied by it.
  CHECK(formula("liar|liars|lying liar") == "liar");
  // Case: a case-sensitive capital is its own atom (and rarer); inline
  // (?i) makes the rest caseless.
  CHECK(formula("Mrs\\s+[A-Z]\\w+", false) == "=Mrs");
  CHECK(formula("(?i)Mrs\\s+[A-Z]\\w+", false) == "mrs");
  // (conservatively, caseless stays on after a caseless group)
  CHECK(formula("(?i:teacher)\\s+Hale", false) == "(teacher & hale)");
  CHECK(formula("[Tt]eacher", false) == "teacher");
  // Small classes are spelled out, big ones and dots need nothing.
  CHECK(formula("gr[ae]y") == "(gray | grey)");
  CHECK(formula("l.ar") == "true");
  CHECK(formula("\\d{3}liar") == "liar");
  // Accented letters: RE2 (Latin-1, caseless) pairs 0xE9 with 0xC9.
  CHECK(formula("caf\\xE9s") == "(caf\xC9s | caf\xE9s)");
  CHECK(formula("caf\\xE9s", false) == "=caf\xE9s");
  // Anything not understood needs nothing.
  CHECK(formula("^liar") == "true");
  CHECK(formula("liar(?=s)") == "true");
  CHECK(formula("\\pL+liar") == "true");
  CHECK(formula("(?P<x>liar)") == "true");
  bool literal = false;
  required_literals("liar|thief", true, &literal);
  CHECK(literal);
  required_literals("liar\\s+thief", true, &literal);
  CHECK_FALSE(literal);
}

TEST_CASE("required literals: every gated pattern of the built-in policy, against text it matches") {
  PolicyLoader loader;
  loader.add_builtin();
  const auto policy = CompiledPolicy::compile(loader.finish());
  const CompiledPolicyData& data = policy->data();
  std::vector<std::string> texts;
  for (const Rule& rule : data.policy.rules) {
    for (const auto& t : rule.tests.match) texts.push_back(t);
    for (const auto& t : rule.tests.no_match) texts.push_back(t);
  }
  texts.push_back("Mr Hale\xE2\x80\x99s a liar and MR HALE IS A THIEF; the HEAD was SACKED for it");
  const size_t n = texts.size();
  for (size_t i = 0; i < n; ++i) {
    texts.push_back(upper(texts[i]));
    texts.push_back(lower(texts[i]));
  }
  size_t checked = 0, matched = 0;
  for (const PatternEntry& p : data.patterns) {
    const LiteralFormula f = required_literals(p.expression, p.caseless);
    if (f.is_true()) continue;
    ++checked;
    RE2 re(p.expression, confirm_options(p.caseless));
    REQUIRE(re.ok());
    for (const std::string& text : texts) {
      re2::StringPiece input(text), match;
      size_t from = 0;
      while (from <= text.size() && re.Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) {
        ++matched;
        INFO("pattern " << p.expression << "\nformula " << to_string(f) << "\nmatch '" << match.as_string() << "'");
        CHECK(holds(f, match.as_string()));
        from = static_cast<size_t>(match.data() - text.data()) + std::max<size_t>(1, match.size());
      }
    }
  }
  CHECK(checked > 20);
  CHECK(matched > 100);
}
