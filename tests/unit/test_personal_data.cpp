// The personal-data pack through the whole engine: context that is required,
// confidence that a checksum alone cannot max out, drama-range phone numbers,
// the school's own details allowed, and the distractors that school text is
// full of.
#include <catch2/catch.hpp>

#include <algorithm>

#include "policycheck/builtin_rules.hpp"
#include "policycheck/policy_loader.hpp"
#include "test_support.hpp"

using namespace policycheck;
using namespace policycheck::testing;

namespace {

std::vector<Finding> of_rule(const std::vector<Finding>& findings, const std::string& rule) {
  std::vector<Finding> out;
  for (const Finding& f : findings) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

// The built-in personal-data pack on its own (the other packs are tested
// elsewhere and only add compile time here).
std::string builtin_pack_text() {
  for (const EmbeddedFile& file : builtin_rule_files()) {
    if (file.path == "personal-data.yaml") return std::string(file.content);
  }
  FAIL("the built-in policy has no personal-data.yaml");
  return {};
}

std::shared_ptr<const CompiledPolicy> compile_pack(const std::vector<std::pair<std::string, std::vector<std::string>>>& variables = {}) {
  PolicyLoader loader;
  loader.add_text("builtin:personal-data.yaml", builtin_pack_text());
  for (const auto& [name, values] : variables) loader.set_variable(name, values);
  CompileOptions options;
  options.use_cache = false;
  return CompiledPolicy::compile(loader.finish(), options);
}

std::shared_ptr<const CompiledPolicy> pack_policy() {
  static const auto policy = compile_pack();
  return policy;
}

std::vector<Finding> scan_builtin(const std::string& text) { return scan_text(pack_policy(), text); }

std::vector<Finding> personal_data_findings(const std::string& text) {
  std::vector<Finding> out;
  for (Finding& f : scan_builtin(text)) {
    if (f.rule.rfind("personal-data/", 0) == 0) out.push_back(std::move(f));
  }
  return out;
}

const std::string kRequiredContextPack = R"(
pack: t
rules:
  - id: t/nine-digits
    kind: pattern
    message: "nine digits"
    confidence: 0.5
    patterns: ['\d{9}']
    context: {words: [passport, "passport number"], window: 4, required: true}
)";

}  // namespace

TEST_CASE("context.required is loaded and drops hits without context", "[personal-data][context]") {
  const auto policy = compile_yaml(kRequiredContextPack);
  REQUIRE(policy->policy().rules.size() == 1);
  CHECK(policy->policy().rules[0].context.required);

  CHECK(rules_of(scan_text(policy, "Order 123456789 shipped")).empty());
  const auto with_context = scan_text(policy, "Passport number 123456789");
  REQUIRE(with_context.size() == 1);
  CHECK(with_context[0].confidence == Approx(0.8));
}

TEST_CASE("context.required is rejected outside context and must be a boolean", "[personal-data][context]") {
  PolicyLoader unless_loader;
  unless_loader.add_text("u.yaml", R"(
pack: t
rules:
  - id: t/x
    kind: pattern
    message: "x"
    patterns: ['x\d']
    unless: {words: [order], required: true}
)");
  try {
    unless_loader.finish();
    FAIL("expected a policy error");
  } catch (const PolicyError& e) {
    CHECK_THAT(e.what(), Catch::Contains("'required' is only for 'context'"));
    CHECK_THAT(e.what(), Catch::Contains("u.yaml:"));
  }

  PolicyLoader bad_bool;
  bad_bool.add_text("b.yaml", R"(
pack: t
rules:
  - id: t/x
    kind: pattern
    message: "x"
    patterns: ['x\d']
    context: {words: [order], required: maybe}
)");
  CHECK_THROWS_AS(bad_bool.finish(), PolicyError);
}

TEST_CASE("A checksum alone never gives a bare 10-digit number full confidence", "[personal-data][confidence]") {
  // 738 205 1145 passes mod 11 (reference sheet worked example).
  const auto bare = of_rule(scan_builtin("It was 7382051145 I think"), "personal-data/nhs-number");
  REQUIRE(bare.size() == 1);
  CHECK(bare[0].confidence < 0.7);
  const auto with_context = of_rule(scan_builtin("NHS number 738 205 1145"), "personal-data/nhs-number");
  REQUIRE(with_context.size() == 1);
  CHECK(with_context[0].confidence >= 0.85);
  CHECK(with_context[0].confidence < 1.0);
  // The reasons say why, without repeating the number.
  for (const std::string& reason : with_context[0].reasons) CHECK(reason.find("1145") == std::string::npos);

  // --min-confidence 0.7 keeps the number with context, drops the bare one.
  Scanner scanner(pack_policy(), ScanOptions{0.7});
  auto at_threshold = [&](const std::string& text) {
    Record record;
    record.path = "t.txt";
    record.text = text;
    std::vector<Finding> out;
    scanner.scan(record, out);
    return of_rule(out, "personal-data/nhs-number").size();
  };
  CHECK(at_threshold("It was 7382051145 I think") == 0);
  CHECK(at_threshold("NHS number 738 205 1145") == 1);
}

TEST_CASE("Phone numbers in phone form are flagged even in the drama ranges", "[personal-data][phone]") {
  const auto drama = of_rule(scan_builtin("07700 900123"), "personal-data/phone-uk");
  const auto real_range = of_rule(scan_builtin("07912 345678"), "personal-data/phone-uk");
  REQUIRE(drama.size() == 1);
  REQUIRE(real_range.size() == 1);
  CHECK(real_range[0].confidence > drama[0].confidence);  // validation raises confidence
  const auto with_context = of_rule(scan_builtin("Ring me on 07700 900123"), "personal-data/phone-uk");
  REQUIRE(with_context.size() == 1);
  CHECK(with_context[0].confidence > drama[0].confidence);

  for (const char* text : {"+44 (0)7700 900 123", "0044 7700-900-123", "(01632) 960123", "020 7946 0123",
                           "0113 496 0123", "07700.900.123", "+447700900123"}) {
    INFO(text);
    CHECK(of_rule(scan_builtin(std::string("Call ") + text), "personal-data/phone-uk").size() == 1);
  }
  // The span is the number, without the words around it.
  const auto span = of_rule(scan_builtin("Call Mrs Jones: +44 (0)7700 900 123 today"), "personal-data/phone-uk");
  REQUIRE(span.size() == 1);
  CHECK(span[0].match == "+44 (0)7700 900 123");
}

TEST_CASE("A local number is reported once, and never as the tail of a national one", "[personal-data][phone]") {
  // Without a look-behind, "496 0123" inside "0113 496 0123" would be a
  // second finding; phone-local takes the area code into its candidate and
  // its validator rejects it.
  for (const char* text : {"Ring 0113 496 0123 tonight", "Call (0113) 496 0118", "Tel: +44 7700 900 123",
                           "ring 01632 960557", "Phone 0044 7700-900-639"}) {
    INFO(text);
    const auto findings = personal_data_findings(text);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule != "personal-data/phone-local");
  }
  const auto local = personal_data_findings("If the line is down ring 496021 and ask for Mo");
  REQUIRE(local.size() == 1);
  CHECK(local[0].rule == "personal-data/phone-local");
  CHECK(local[0].match == "496021");
  // A second local number after a national one is still found.
  const auto both = personal_data_findings("Ring 0113 496 0123 or 496 0124");
  REQUIRE(both.size() == 2);
  CHECK(both[1].rule == "personal-data/phone-local");
  CHECK(both[1].match == "496 0124");
  // Without phone words six digits are just a number.
  CHECK(personal_data_findings("We sold 496021 raffle tickets").empty());
}

TEST_CASE("Obfuscated email addresses are found with their whole span", "[personal-data][email]") {
  for (const char* address : {"jo dot bloggs at gmail dot com", "jo[at]stjudes[dot]org",
                              "mike.t (at) yahoo (dot) co (dot) uk", "tina1984 @ gmail.com"}) {
    INFO(address);
    const auto findings = of_rule(scan_builtin(std::string("Email ") + address + " please"),
                                  "personal-data/email-obfuscated");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].match == address);
  }
  for (const char* text : {"Look at the dot com boom", "Log in at gmail dot com", "Follow me on insta @jess.carter",
                           "Meet at 9.15 by the gate"}) {
    INFO(text);
    CHECK(of_rule(scan_builtin(text), "personal-data/email-obfuscated").empty());
  }
}

TEST_CASE("Digit groups that are not personal data stay clean", "[personal-data][distractors]") {
  for (const char* text : {
           "Kick-off at 10:30, final score 10-7",
           "Term dates 2024-2025 and 2025/26",
           "Tickets £12.50, room 107, Year 6",
           "Order ref 0770090012345678",
           "Trip on 03/04/2025 from 09:00-15:30",
           "Parents evening 14/11/2024 3.30-6pm",
           "Version 1.2.3.4 released",
           "Doors 10:30:00",
           "Invoice 01234567890",
           "Sports day is on 3rd July 2025",
           "Year 6 2nd place; Y6 1st in the county",
           "Room B12, Block C",
           "Trip on 03-11-24",
           "We raised 120000 pence",
           "Coach leaves at 08:15 and returns at 17:45",
       }) {
    INFO(text);
    CHECK(rules_of(personal_data_findings(text)).empty());
  }
}

TEST_CASE("The school's own contact details can be allowed by variable", "[personal-data][allow]") {
  const auto policy = compile_pack({{"official_email_domains", {"stjudes.example.sch.uk"}},
                                    {"official_phone_numbers", {"0113 496 0000"}},
                                    {"official_postcodes", {"LS6 1AA"}}});
  const auto findings = scan_text(policy,
                                  "Email office@stjudes.example.sch.uk or ring 0113 496 0000, LS6 1AA. "
                                  "Not jo.bloggs@gmail.com.");
  std::vector<std::string> personal;
  for (const Finding& f : findings) {
    if (f.rule.rfind("personal-data/", 0) == 0) personal.push_back(f.match);
  }
  CHECK(personal == std::vector<std::string>{"jo.bloggs@gmail.com"});
}

TEST_CASE("Dates are dates of birth only in birth context", "[personal-data][dob]") {
  CHECK(of_rule(scan_builtin("Sam was born on 3rd April 2015"), "personal-data/date-of-birth").size() == 1);
  CHECK(of_rule(scan_builtin("She turns 7 on 3rd May"), "personal-data/date-of-birth").size() == 1);
  CHECK(of_rule(scan_builtin("Trip on 3rd April 2025"), "personal-data/date-of-birth").empty());
  CHECK(of_rule(scan_builtin("DOB 31/02/2015"), "personal-data/date-of-birth").empty());  // no such day
  CHECK(of_rule(scan_builtin("DOB 03/04/2999"), "personal-data/date-of-birth").empty());  // not born yet
}

TEST_CASE("Findings from the pack are personal data and carry a suggestion", "[personal-data]") {
  for (const Rule& rule : pack_policy()->policy().rules) {
    if (rule.pack != "personal-data") continue;
    INFO(rule.id);
    CHECK(rule.personal_data);
    CHECK_FALSE(rule.suggest.empty());
    CHECK_FALSE(rule.tests.match.empty());
    CHECK_FALSE(rule.tests.no_match.empty());
  }
}
