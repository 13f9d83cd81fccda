// The built-in abuse, harassment, discrimination and defamation packs
// against their labelled evasion set and trap set (tests/data/abuse/), plus
// the severity tiers and the identity-word policy.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <set>
#include <sstream>

#include "test_support.hpp"

using namespace policycheck;
using namespace policycheck::testing;

namespace {

const std::set<std::string> kPacks = {"abuse", "harassment", "discrimination", "defamation"};

std::vector<std::string> data_lines(const std::string& name) {
  std::ifstream in(std::string(POLICYCHECK_SOURCE_DIR) + "/tests/data/abuse/" + name);
  REQUIRE(in);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    lines.push_back(line);
  }
  return lines;
}

std::vector<Finding> pack_findings(const std::string& text) {
  std::vector<Finding> out;
  for (Finding& f : scan_text(builtin_policy(), text)) {
    if (kPacks.count(f.rule.substr(0, f.rule.find('/')))) out.push_back(std::move(f));
  }
  return out;
}

std::string describe(const std::vector<Finding>& findings) {
  std::string text;
  for (const Finding& f : findings) text += f.rule + " [" + f.match + "] ";
  return text;
}

}  // namespace

TEST_CASE("every line of the evasion set is caught by its rule, at the disguised word") {
  const auto lines = data_lines("evasion.tsv");
  CHECK(lines.size() >= 60);
  for (const std::string& line : lines) {
    std::istringstream fields(line);
    std::string rule, text, technique;
    std::getline(fields, rule, '\t');
    std::getline(fields, text, '\t');
    std::getline(fields, technique, '\t');
    INFO(technique << ": " << text);
    const auto found = pack_findings(text);
    INFO("found: " << describe(found));
    bool caught = false;
    for (const Finding& f : found) {
      // the finding points into the original text, never past it
      CHECK(f.text_end <= text.size());
      CHECK(f.match == text.substr(f.text_start, f.text_end - f.text_start));
      caught = caught || f.rule == rule;
    }
    CHECK(caught);
  }
}

TEST_CASE("every line of the labelled defamation set gets its label") {
  const auto lines = data_lines("allegations.tsv");
  CHECK(lines.size() >= 40);
  for (const std::string& line : lines) {
    const size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    const std::string label = line.substr(0, tab), text = line.substr(tab + 1);
    INFO(label << ": " << text);
    REQUIRE((label == "allegation" || label == "clean"));
    const auto found = pack_findings(text);
    INFO("found: " << describe(found));
    const bool flagged = std::any_of(found.begin(), found.end(),
                                     [](const Finding& f) { return f.rule == "defamation/allegation"; });
    CHECK(flagged == (label == "allegation"));
  }
}

TEST_CASE("every line of the trap set is clean") {
  const auto lines = data_lines("traps.tsv");
  CHECK(lines.size() >= 90);
  for (const std::string& text : lines) {
    INFO(text);
    const auto found = pack_findings(text);
    INFO("found: " << describe(found));
    CHECK(found.empty());
  }
}

TEST_CASE("identity words are never abuse on their own") {
  for (const char* word : {"gay", "lesbian", "queer", "bisexual", "trans", "transgender", "Muslim", "Jewish", "Jew",
                           "Sikh", "Hindu", "disabled", "autistic", "Black", "Asian", "Gypsy", "Traveller", "Roma",
                           "Pakistani", "immigrant", "refugee", "deaf", "blind", "wheelchair user"}) {
    INFO(word);
    CHECK(pack_findings(std::string("A ") + word + " pupil joined the school council.").empty());
  }
}

TEST_CASE("severity tiers: slurs, threats and sexual content are errors, swearing a warning, rudeness info") {
  auto severity_of = [](const std::string& text, const std::string& rule) {
    for (const Finding& f : pack_findings(text)) {
      if (f.rule == rule) return f.severity;
    }
    FAIL("no " << rule << " finding for: " << text);
    return Severity::info;
  };
  CHECK(severity_of("you retard", "abuse/slur") == Severity::error);
  CHECK(severity_of("send a blowjob pic", "abuse/sexual-content") == Severity::error);
  CHECK(severity_of("I know where you live", "harassment/threat") == Severity::error);
  CHECK(severity_of("kys", "harassment/self-harm-incitement") == Severity::error);
  CHECK(severity_of("oh shit", "abuse/profanity") == Severity::warning);
  CHECK(severity_of("what an idiot", "abuse/insult") == Severity::info);
  CHECK(severity_of("Mr Hale is a thief", "defamation/allegation") == Severity::warning);
}

TEST_CASE("defamation findings name the accusation, never the person, in the message") {
  const auto found = pack_findings("Mrs Brown was sacked for fiddling the books");
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule == "defamation/allegation");
  CHECK(found[0].personal_data);
  CHECK(found[0].message.find("Brown") == std::string::npos);
  CHECK(found[0].message.find("was sacked") != std::string::npos);
}

TEST_CASE("staff names from the config are people an allegation can be about") {
  PolicyLoader loader;
  loader.add_builtin();
  loader.set_variable("staff_names", {"Sam Carter"});
  CompileOptions options;
  options.use_cache = false;
  auto policy = CompiledPolicy::compile(loader.finish(), options);
  std::vector<std::string> rules;
  for (const Finding& f : scan_text(policy, "Sam Carter is a liar")) rules.push_back(f.rule);
  CHECK(std::count(rules.begin(), rules.end(), "defamation/allegation") == 1);
}

TEST_CASE("defamation: hedges and questions keep the finding at warning, with lower confidence") {
  auto allegation = [](const std::string& text) {
    for (const Finding& f : pack_findings(text)) {
      if (f.rule == "defamation/allegation") return f;
    }
    FAIL("no defamation/allegation finding for: " << text);
    return Finding{};
  };
  const Finding plain = allegation("Mr Hale stole from the PTA.");
  for (const char* hedged : {"Allegedly Mr Hale stole from the PTA.", "I heard Mr Hale stole from the PTA.",
                             "Apparently Mr Hale stole from the PTA.", "Did you know Mr Hale stole from the PTA?"}) {
    INFO(hedged);
    const Finding f = allegation(hedged);
    CHECK(f.severity == Severity::warning);
    CHECK(f.confidence < plain.confidence);
  }
}

TEST_CASE("defamation: roster pupils are people an allegation can be about") {
  const auto dir = std::filesystem::temp_directory_path() / ("policycheck-test-abuse-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto roster = dir / "roster.csv";
  std::ofstream(roster) << "Forename,Preferred name,Surname\nAlexander,Alex,Kowalski\n";
  PolicyLoader loader;
  loader.add_builtin();
  loader.add_roster(roster);
  CompileOptions options;
  options.use_cache = false;
  auto policy = CompiledPolicy::compile(loader.finish(), options);
  auto allegations = [&](const std::string& text) {
    size_t n = 0;
    for (const Finding& f : scan_text(policy, text)) n += f.rule == "defamation/allegation" ? 1 : 0;
    return n;
  };
  CHECK(allegations("Alex Kowalski stole from the tuck shop") == 1);
  CHECK(allegations("Alex is a liar") == 1);
  CHECK(allegations("Alexander bullies the younger ones") == 1);
  CHECK(allegations("Alex Kowalski won the spelling bee") == 0);
  CHECK(allegations("Sam is a liar") == 0);  // not on the roster, no title: nobody identifiable
  std::filesystem::remove_all(dir);
}
