// required_literals.hpp: the literals a regex cannot match without. The
// gate built on them must never be wrong in the unsafe direction, so besides
// the formulas of a few shapes, every gated pattern of the built-in policy is
// checked against text it matches: wherever RE2 (as the confirmer reads the
// pattern) finds a match, in the text as it is, upper-cased or lower-cased,
// the formula must hold in that match; a word_start atom only where the byte
// before it is no ASCII word byte, and a word-bounded pattern's match only
// counts when the confirmer would keep its start.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "compiled_policy_data.hpp"
#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "required_literals.hpp"
#include "utf8.hpp"

using namespace policycheck;

namespace {

std::string formula(std::string_view regex, bool caseless = true) {
  return to_string(required_literals(regex, caseless));
}
std::string bounded_formula(std::string_view regex) {
  return to_string(required_literals(regex, true, nullptr, true));
}

std::string lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return s;
}
std::string upper(std::string s) {
  for (char& c : s) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  return s;
}

// Does `f` hold in [begin, end) of `text` (atoms found as the gate's literal
// database finds them, word_start ones kept as the scanner keeps them)?
bool holds(const LiteralFormula& f, const std::string& text, size_t begin, size_t end) {
  switch (f.op) {
    case LiteralFormula::kTrue: return true;
    case LiteralFormula::kAtom: {
      const std::string hay = f.atom.case_sensitive ? text : lower(text);
      for (size_t at = hay.find(f.atom.text, begin); at != std::string::npos && at + f.atom.text.size() <= end;
           at = hay.find(f.atom.text, at + 1)) {
        if (!f.atom.word_start || at == 0 || !utf8::ascii_word_byte(static_cast<unsigned char>(text[at - 1]))) return true;
      }
      return false;
    }
    case LiteralFormula::kAnd:
      return std::all_of(f.parts.begin(), f.parts.end(),
                         [&](const LiteralFormula& p) { return holds(p, text, begin, end); });
    case LiteralFormula::kOr:
      return std::any_of(f.parts.begin(), f.parts.end(),
                         [&](const LiteralFormula& p) { return holds(p, text, begin, end); });
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
  CHECK(formula("is\\s+a\\s+liar") == "\\bliar");
  CHECK(formula("(?:was|got)\\s+(?:sacked|fired)\\s+for") == "(\\bfired | \\bsacked)");
  CHECK(formula("stole\\s+\\w+\\s+money") == "(stole & \\bmoney)");
  // Optional and repeated parts.
  CHECK(formula("liars?") == "liar");
  CHECK(formula("(?:very\\s+)?bad\\s+teacher") == "\\bteacher");
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
  CHECK(formula("(?i:teacher)\\s+Hale", false) == "(teacher & \\bhale)");
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
  // Word starts: after a byte no class of which holds an ASCII word byte,
  // or at the start of a word-bounded match; never after a word byte, or
  // where an optional part may leave a word byte before.
  CHECK(formula("\\w+liar") == "liar");
  CHECK(formula("[ .,;:!?]liar") == "\\bliar");
  CHECK(formula("[ .,;:!?a]liar") == "liar");
  CHECK(formula("[ .,;:!?A]liar") == "liar");  // caseless: 'a' too
  CHECK(formula("[ .,]liar") == "( liar | ,liar | .liar)");  // a small class is spelled out
  CHECK(formula("\\s+(?:x\\w)?liar") == "liar");
  CHECK(formula("\\s+(?:x\\s)?liar") == "\\bliar");
  CHECK(formula("\\s+(?:x|\\.)liar") == "(.liar | \\bxliar)");  // ".liar" starts with no word byte
  CHECK(formula("\\s+(?:x\\w|\\.)+liar") == "liar");
  CHECK(formula("\\s+'em\\s+liar") == "\\bliar");  // "'em": no word start to ask for
  CHECK(formula("liar|thief") == "(liar | thief)");
  CHECK(bounded_formula("liar|thief") == "(\\bliar | \\bthief)");
  CHECK(bounded_formula("(?:a\\w+)?liar") == "liar");
  CHECK(bounded_formula("(?:a\\w+\\s+)?liar") == "\\bliar");
  CHECK(bounded_formula("(?:the\\s+)?liar") == "\\bliar");
  // A word-start string is implied only by the strings it starts.
  CHECK(formula("\\s(?:liar|liars|lying liar)") == "(\\bliar | \\blying liar)");
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
  // Accusation words inside other words, and after punctuation.
  texts.push_back("The supplies Mr Hale_lies about; Mr Hale lies.to us, Mr Hale(lies) to all, Mr Hale-lies to them");
  texts.push_back("our teacher is a.liar, our teacher is a_liar, the head was sacked,for it, xstole the money");
  const size_t n = texts.size();
  for (size_t i = 0; i < n; ++i) {
    texts.push_back(upper(texts[i]));
    texts.push_back(lower(texts[i]));
  }
  size_t checked = 0, matched = 0;
  for (const PatternEntry& p : data.patterns) {
    const LiteralFormula f = required_literals(p.expression, p.caseless, nullptr, p.word_boundary);
    if (f.is_true()) continue;
    ++checked;
    RE2 re(p.expression, confirm_options(p.caseless));
    REQUIRE(re.ok());
    for (const std::string& text : texts) {
      re2::StringPiece input(text), match;
      size_t from = 0;
      while (from <= text.size() && re.Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) {
        const size_t start = static_cast<size_t>(match.data() - text.data());
        // As the confirmer reads a word-bounded match: one glued to the word
        // before is dropped, and a later start tried.
        if (p.word_boundary && start > 0 && utf8::word_at(text, start) && utf8::word_before(text, start)) {
          from = start + 1;
          continue;
        }
        ++matched;
        INFO("pattern " << p.expression << "\nformula " << to_string(f) << "\nmatch '" << match.as_string() << "'");
        CHECK(holds(f, text, start, start + match.size()));
        from = start + std::max<size_t>(1, match.size());
      }
    }
  }
  CHECK(checked > 20);
  CHECK(matched > 100);
}
