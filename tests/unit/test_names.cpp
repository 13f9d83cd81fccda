// The names rule kind through the pupil-names pack: every form a full name
// takes is found, the allowed forms never are, and the consent check says
// nothing about consent beyond "check".
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/policy_loader.hpp"
#include "policycheck/scanner.hpp"
#include "test_support.hpp"

using namespace policycheck;
using policycheck::testing::scan_text;

namespace {

const std::string kPack = std::string(POLICYCHECK_SOURCE_DIR) + "/rules/pupil-names.yaml";

const char* kRoster =
    "Legal Forename,Preferred Forename,Middle Names,Legal Surname,Year,Class,Photo Consent\n"
    "Alexander,Alex,James,Kowalski,6,6K,yes\n"
    "Siobhan,,,O'Brien,5,5B,yes\n"
    "Zoë,,,Smith-Jones,4,4S,yes\n"
    "Summer,,,Rose,3,3R,yes\n"
    "Grace,,,Hope,2,2H,no\n"
    "Will,,,Power,5,5P,yes\n"
    "Daan,,,van der Berg,1,1V,yes\n"
    "Callum,,,McDonald,6,6M,yes\n"
    "Priya,,,Sharma,6,6S,no\n"
    "Jürgen,,,Müller,3,3M,yes\n";

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  // Per process: ctest runs each test case as its own process, in parallel.
  const auto dir = std::filesystem::temp_directory_path() / ("policycheck-test-names-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::shared_ptr<const CompiledPolicy> pack_with_roster(const char* roster = kRoster) {
  PolicyLoader loader;
  loader.add_file(kPack);
  if (roster) loader.add_roster(write_temp("roster.csv", roster));
  CompileOptions options;
  options.use_cache = false;
  return CompiledPolicy::compile(loader.finish(), options);
}

const std::shared_ptr<const CompiledPolicy>& roster_policy() {
  static auto policy = pack_with_roster();
  return policy;
}

std::vector<Finding> of_rule(const std::vector<Finding>& findings, const std::string& rule) {
  std::vector<Finding> out;
  for (const Finding& f : findings) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

std::vector<Finding> full_names(const std::string& text) {
  return of_rule(scan_text(roster_policy(), text), "pupil-names/full-name");
}

}  // namespace

TEST_CASE("every form of a roster pupil's full name is found, with the allowed form suggested") {
  struct Case {
    const char* text;
    const char* match;
    const char* replacement;
  };
  const Case cases[] = {
      {"Well done Alexander Kowalski!", "Alexander Kowalski", "Alexander K."},
      {"Well done Alex Kowalski!", "Alex Kowalski", "Alex K."},
      {"WELL DONE ALEX KOWALSKI", "ALEX KOWALSKI", "ALEX K."},
      {"well done alex kowalski", "alex kowalski", "alex K."},
      {"Alexander James Kowalski won", "Alexander James Kowalski", "Alexander K."},
      {"Alex J. Kowalski won", "Alex J. Kowalski", "Alex K."},
      {"Register: Kowalski, Alex (6K)", "Kowalski, Alex", "Alex K."},
      {"KOWALSKI Alexander 6K", "KOWALSKI Alexander", "Alexander K."},
      {"Alex Kowalski's painting", "Alex Kowalski", "Alex K."},
      {"Alex\nKowalski", "Alex\nKowalski", "Alex K."},
      {"Alex  Kowalski", "Alex  Kowalski", "Alex K."},
      {"Siobhan O'Brien", "Siobhan O'Brien", "Siobhan O."},
      {"Siobhan O\xE2\x80\x99" "Brien", "Siobhan O\xE2\x80\x99" "Brien", "Siobhan O."},
      {"Siobhan OBrien", "Siobhan OBrien", "Siobhan O."},
      {"Zoë Smith-Jones", "Zoë Smith-Jones", "Zoë S."},
      {"Zoe Smith Jones", "Zoe Smith Jones", "Zoe S."},
      {"Zoe SmithJones", "Zoe SmithJones", "Zoe S."},
      {"Daan van der Berg", "Daan van der Berg", "Daan V."},
      {"Daan Van Der Berg", "Daan Van Der Berg", "Daan V."},
      {"Callum Mcdonald", "Callum Mcdonald", "Callum M."},
      {"Callum MCDONALD", "Callum MCDONALD", "Callum M."},
      {"Jurgen Muller", "Jurgen Muller", "Jurgen M."},
      {"Jürgen Mueller", "Jürgen Mueller", "Jürgen M."},
      {"Star: #AlexKowalski", "AlexKowalski", "AlexK"},
      {"Follow @alex_kowalski", "alex_kowalski", "alex_K"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const auto found = full_names(c.text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].match == c.match);
    CHECK(found[0].replacement == c.replacement);
    // The suggestion is the rule's own text: it must not carry the pupil's
    // forename into reports that redact the match.
    CHECK(found[0].suggestion == roster_policy()->policy().find_rule("pupil-names/full-name")->suggest);
    CHECK(found[0].personal_data);
  }
}

TEST_CASE("allowed forms are never flagged: forename alone, forename and initial, initials, surname alone") {
  for (const char* text : {"Well done Alex!", "Well done Alex K. and A.K.", "Alexander K. read aloud.",
                           "Mrs Kowalski ran the stall.", "Kowalski is a Polish surname.", "Alex, Kowalski and Sam",
                           "Siobhan O. and Zoë S.-J.", "Alex Smith (not on the roster)", "#Kowalski"}) {
    INFO(text);
    CHECK(full_names(text).empty());
  }
}

TEST_CASE("a middle initial must fit the pupil's middle names when the roster has them") {
  CHECK(full_names("Alex J. Kowalski").size() == 1);
  CHECK(full_names("Alex Q. Kowalski").empty());
  CHECK(full_names("Alexander Peter Kowalski").empty());  // not one of their middle names
}

TEST_CASE("names that are everyday words count only when capitalised, and alone are a warning") {
  CHECK(full_names("Visit our summer rose garden.").empty());
  CHECK(full_names("We will power through.").empty());
  const auto capitalised = full_names("Summer Rose read a poem.");
  REQUIRE(capitalised.size() == 1);
  CHECK(capitalised[0].severity == Severity::warning);
  const auto with_context = full_names("Well done to Summer Rose in Year 3!");
  REQUIRE(with_context.size() == 1);
  CHECK(with_context[0].severity == Severity::error);
  const auto plain = full_names("Alex Kowalski read a poem.");
  REQUIRE(plain.size() == 1);
  CHECK(plain[0].severity == Severity::error);
}

TEST_CASE("an adult title lowers confidence: a parent may share the name") {
  const auto pupil = full_names("Alex Kowalski read a poem.");
  const auto parent = full_names("Thanks to Mr Alex Kowalski for the cakes.");
  REQUIRE(pupil.size() == 1);
  REQUIRE(parent.size() == 1);
  CHECK(parent[0].confidence < pupil[0].confidence);
}

TEST_CASE("pupils whose consent must be checked are flagged on any mention, neutrally worded") {
  const auto findings = of_rule(scan_text(roster_policy(), "Grace and Priya sang; Alex played."), "pupil-names/no-consent");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].match == "Grace");
  CHECK(findings[1].match == "Priya");
  for (const Finding& f : findings) {
    CHECK(f.severity == Severity::warning);
    for (const std::string& text : {f.message, f.suggestion}) {
      CHECK(text.find("no consent") == std::string::npos);
      CHECK(text.find("not consented") == std::string::npos);
      CHECK(text.find("refused") == std::string::npos);
    }
    for (const std::string& reason : f.reasons) CHECK(reason.find("consent") == std::string::npos);
  }
  CHECK(of_rule(scan_text(roster_policy(), "by grace, hope and love"), "pupil-names/no-consent").empty());
  CHECK(of_rule(scan_text(roster_policy(), "Go #PriyaSharma!"), "pupil-names/no-consent").size() == 1);
}

TEST_CASE("without a roster the roster rules are silent and the heuristic runs") {
  static auto policy = pack_with_roster(nullptr);
  auto rules = policycheck::testing::rules_of(scan_text(policy, "Well done Oliver Whitfield in Year 4!"));
  CHECK(rules == std::vector<std::string>{"pupil-names/possible-full-name"});
  CHECK(scan_text(policy, "Thank you to Mrs Sarah Jones for the cakes.").empty());
  CHECK(scan_text(policy, "Our trip to the Natural History Museum was brilliant.").empty());
  CHECK(scan_text(policy, "The Harvest Festival is on Friday.").empty());
  CHECK(scan_text(policy, "Year 2 learnt about Florence Nightingale.").empty());
  const auto found = scan_text(policy, "Happy birthday Amelia Okafor!");
  REQUIRE(found.size() == 1);
  CHECK(found[0].replacement == "Amelia O.");
}

TEST_CASE("with a roster the heuristic stays quiet: the roster is the authority") {
  const auto findings = scan_text(roster_policy(), "Well done Oliver Whitfield in Year 4!");
  CHECK(findings.empty());
}

TEST_CASE("a policy file's roster: key reads the roster relative to the file") {
  write_temp("class.csv", "Forename,Surname\nTomasz,Nowak\n");
  const auto pack = write_temp("school.yaml", "pack: school\nroster: class.csv\n");
  PolicyLoader loader;
  loader.add_file(kPack);
  loader.add_file(pack);
  CompileOptions options;
  options.use_cache = false;
  auto policy = CompiledPolicy::compile(loader.finish(), options);
  CHECK(policycheck::testing::rules_of(scan_text(policy, "Tomasz Nowak scored")) ==
        std::vector<std::string>{"pupil-names/full-name"});
}

TEST_CASE("roster errors are policy errors naming the file and row, not the content") {
  PolicyLoader loader;
  loader.add_file(kPack);
  loader.add_roster(write_temp("bad.csv", "Forename,Surname\nAlex,Kowalski\nSecretive,\n"));
  try {
    loader.finish();
    FAIL("expected a PolicyError");
  } catch (const PolicyError& e) {
    const std::string message = e.what();
    CHECK(message.find("bad.csv:3:1: roster: row 3: the surname is empty") != std::string::npos);
    CHECK(message.find("Secretive") == std::string::npos);
  }
}

TEST_CASE("the compiled database holding roster names is cached as a private file") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("policycheck-test-names-cache-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  PolicyLoader loader;
  loader.add_file(kPack);
  loader.add_roster(write_temp("roster.csv", kRoster));
  CompileOptions options;
  options.cache_dir = dir;
  auto policy = CompiledPolicy::compile(loader.finish(), options);
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    struct stat st {};
    REQUIRE(::stat(entry.path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    ++files;
  }
  CHECK(files == 1);
}
