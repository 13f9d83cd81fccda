// policycheck fix: edits, diffs and atomic replacement.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "policycheck/fix.hpp"

using namespace policycheck;
namespace fs = std::filesystem;

namespace {

Finding at(const std::string& source, const std::string& match, const std::string& rule, bool personal) {
  Finding f;
  f.rule = rule;
  f.match = match;
  f.personal_data = personal;
  f.byte_start = source.find(match);
  f.byte_end = f.byte_start + match.size();
  return f;
}

}  // namespace

TEST_CASE("personal data becomes a removal marker, names their allowed form") {
  const std::string source = "Ring 07700 900123 or ask Olivia Brown.\nThis is blasted rubbish\n";
  Finding name = at(source, "Olivia Brown", "names/pupil-full-name", true);
  name.replacement = "Olivia B.";
  const std::vector<Finding> findings = {at(source, "07700 900123", "personal-data/phone-uk", true), name,
                                         at(source, "blasted", "abuse/profanity", false)};
  const FixPlan plan = plan_fixes(source, findings, FixMarkup::text);
  REQUIRE(plan.edits.size() == 2);
  REQUIRE(plan.left_for_a_person.size() == 1);
  CHECK(plan.left_for_a_person[0].rule == "abuse/profanity");
  CHECK(apply_fixes(source, plan.edits) == "Ring [phone number removed] or ask Olivia B..\nThis is blasted rubbish\n");
}

TEST_CASE("HTML replacements are escaped; text decoded from entities is left alone") {
  const std::string source = "<p>Mail jo&amp;co@example.com or A &lt;x&gt;</p>";
  Finding email = at(source, "jo&amp;co@example.com", "personal-data/email", true);
  email.match = "jo&co@example.com";  // what the reader decoded: not the source bytes
  Finding name = at(source, "A &lt;x&gt;", "names/pupil-full-name", true);
  name.replacement = "A <x>";
  name.match = "A &lt;x&gt;";
  const FixPlan plan = plan_fixes(source, {email, name}, FixMarkup::html);
  REQUIRE(plan.edits.size() == 1);
  CHECK(plan.edits[0].replacement == "A &lt;x&gt;");
  CHECK(plan.left_for_a_person.size() == 1);
}

TEST_CASE("overlapping edits keep the earlier, longer one") {
  const std::string source = "Olivia Brown, 07700 900123";
  Finding outer = at(source, "Olivia Brown, 07700 900123", "personal-data/contact", true);
  Finding inner = at(source, "07700 900123", "personal-data/phone-uk", true);
  const FixPlan plan = plan_fixes(source, {inner, outer}, FixMarkup::text);
  REQUIRE(plan.edits.size() == 1);
  CHECK(plan.edits[0].rule == "personal-data/contact");
}

TEST_CASE("removal markers name the kind of data") {
  CHECK(removal_marker("personal-data/phone-uk") == "[phone number removed]");
  CHECK(removal_marker("personal-data/email") == "[email address removed]");
  CHECK(removal_marker("personal-data/nhs-number") == "[NHS number removed]");
  CHECK(removal_marker("x/unknown") == "[personal data removed]");
}

TEST_CASE("the dry-run diff is a valid unified diff with context") {
  std::string source;
  for (int i = 1; i <= 12; ++i) source += "line " + std::to_string(i) + "\n";
  source += "call 07700 900123";  // no final newline
  const std::vector<FixEdit> edits = {{source.find("line 2"), source.find("line 2") + 6, "LINE TWO", "r"},
                                      {source.find("07700"), source.size(), "[phone number removed]", "r"}};
  const std::string diff = unified_diff(source, edits, "a/f.txt", "b/f.txt");
  CHECK(diff ==
        "--- a/f.txt\n+++ b/f.txt\n"
        "@@ -1,5 +1,5 @@\n line 1\n-line 2\n+LINE TWO\n line 3\n line 4\n line 5\n"
        "@@ -10,4 +10,4 @@\n line 10\n line 11\n line 12\n-call 07700 900123\n\\ No newline at end of file\n"
        "+call [phone number removed]\n\\ No newline at end of file\n");
  CHECK(unified_diff(source, {}, "a", "b").empty());
}

TEST_CASE("in-place writes replace the file atomically and keep its mode") {
  const fs::path dir = fs::temp_directory_path() / "policycheck-test-fix";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "draft.txt";
  std::ofstream(file) << "old";
  ::chmod(file.c_str(), 0640);
  write_file_atomically(file, "new text");
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == "new text");
  struct stat st {};
  ::stat(file.c_str(), &st);
  CHECK((st.st_mode & 0777) == 0640);
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  CHECK(entries == 1);  // no temporary file left behind
  CHECK_THROWS_WITH(write_file_atomically(dir / "missing.txt", "x"), Catch::Contains("missing.txt"));
  fs::remove_all(dir);
}
