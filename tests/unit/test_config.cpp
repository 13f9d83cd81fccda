// .policycheck.yaml: strict reading, discovery, and what each setting does.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "policycheck/config.hpp"
#include "test_support.hpp"

using namespace policycheck;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("policycheck-test-config-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

std::string first_issue(const std::string& yaml) {
  try {
    parse_project_config(yaml, "/tmp/x/.policycheck.yaml");
  } catch (const PolicyError& e) {
    return e.issues().front().to_string();
  }
  return "";
}

}  // namespace

TEST_CASE("globs: * stays in a segment, ** crosses, bare names match anywhere") {
  CHECK(glob_matches("*.md", "news/spring.md"));
  CHECK(glob_matches("news/*.md", "news/spring.md"));
  CHECK_FALSE(glob_matches("news/*.md", "news/2024/spring.md"));
  CHECK(glob_matches("news/**/*.md", "news/2024/spring.md"));
  CHECK(glob_matches("news/**/*.md", "news/spring.md"));
  CHECK(glob_matches("archive/**", "archive/fb/comments.json"));
  CHECK(glob_matches("archive/", "archive/fb/comments.json"));
  CHECK(glob_matches("old/", "news/old/b.txt"));
  CHECK_FALSE(glob_matches("old/", "news/old"));
  CHECK(glob_matches("news/old/", "news/old/b.txt"));
  CHECK(glob_matches("drafts", "drafts/a.txt"));
  CHECK_FALSE(glob_matches("/drafts/*", "x/drafts/a.txt"));
  CHECK(glob_matches("draft-[0-9].txt", "draft-7.txt"));
  CHECK_FALSE(glob_matches("draft-[!0-9].txt", "draft-7.txt"));
  CHECK(glob_matches("?.txt", "a.txt"));
}

TEST_CASE("a config is read strictly, with file:line:column") {
  CHECK(first_issue("fail_on: sometimes\n") == "/tmp/x/.policycheck.yaml:1:10: 'fail_on' must be error, warning, info or never");
  CHECK(first_issue("rulez: {}\n").find(":1:1: unknown setting 'rulez'") != std::string::npos);
  CHECK(first_issue("rules:\n  demo/a: loud\n").find(":2:11: rule setting 'loud'") != std::string::npos);
  CHECK(first_issue("packs: [missing.yaml]\n").find("pack file '/tmp/x/missing.yaml' does not exist") !=
        std::string::npos);
  CHECK(first_issue("overrides:\n  - rules: {demo/a: off}\n").find("an override needs 'files'") != std::string::npos);
  CHECK(first_issue("") == "");
}

TEST_CASE("the starter config is valid and changes nothing") {
  const ProjectConfig config = parse_project_config(starter_config(), "/tmp/x/.policycheck.yaml");
  CHECK(config.builtin);
  CHECK(config.rules.empty());
  CHECK(config.overrides.empty());
  CHECK(config.fail_on == std::optional<std::string>("error"));
}

TEST_CASE("the nearest config upward from a file applies to it") {
  const fs::path root = fresh_dir("find");
  write(root / ".policycheck.yaml", "fail_on: warning\n");
  write(root / "sub" / ".policycheck.yaml", "fail_on: info\n");
  write(root / "sub" / "deeper" / "a.txt", "x");
  write(root / "other" / "b.txt", "x");
  ConfigFinder finder(std::nullopt, false);
  CHECK(finder.for_path((root / "sub" / "deeper" / "a.txt").string())->fail_on == "info");
  CHECK(finder.for_path((root / "other" / "b.txt").string())->fail_on == "warning");
  ConfigFinder disabled(std::nullopt, true);
  CHECK(disabled.for_path((root / "other" / "b.txt").string()) == nullptr);
  fs::remove_all(root);
}

TEST_CASE("rules settings turn rules off, change severity, and per-path overrides win") {
  const char* yaml = R"(
pack: demo
rules:
  - id: demo/phone
    kind: pattern
    severity: error
    message: "Phone"
    patterns: ['07\d{3} \d{6}']
  - id: demo/swear
    kind: terms
    severity: warning
    message: "Swearing"
    terms: [blast]
)";
  PolicyLoader loader;
  loader.add_text("demo.yaml", yaml);
  Policy policy = loader.finish();
  const ProjectConfig config = parse_project_config(R"(
rules:
  demo/swear: off
  demo/phone: warning
overrides:
  - files: ["archive/**"]
    rules:
      demo/phone: off
      demo/swear: info
ignore: ["*.bak"]
)",
                                                    "/proj/.policycheck.yaml");
  apply_config_to_policy(config, policy);
  // demo/swear is off at the top but on for archive/: it stays compiled.
  REQUIRE(policy.rules.size() == 2);
  CHECK(policy.find_rule("demo/phone")->severity == Severity::warning);

  Finding phone;
  phone.rule = "demo/phone";
  phone.path = "/proj/news/a.txt";
  CHECK(apply_path_overrides(config, phone));
  phone.path = "/proj/archive/2024/a.txt";
  CHECK_FALSE(apply_path_overrides(config, phone));
  Finding swear;
  swear.rule = "demo/swear";
  swear.severity = Severity::warning;
  swear.path = "/proj/news/a.txt";
  CHECK_FALSE(apply_path_overrides(config, swear));
  swear.path = "/proj/archive/a.txt";
  CHECK(apply_path_overrides(config, swear));
  CHECK(swear.severity == Severity::info);

  CHECK(is_ignored(config, "/proj/old/x.bak"));
  CHECK_FALSE(is_ignored(config, "/proj/old/x.txt"));
}

TEST_CASE("a rule name the policy does not have is an error, not silently ignored") {
  PolicyLoader loader;
  loader.add_text("demo.yaml", "pack: demo\nrules:\n  - id: demo/a\n    kind: terms\n    message: m\n    terms: [x]\n");
  Policy policy = loader.finish();
  const ProjectConfig config = parse_project_config("rules:\n  demo/b: off\n", "/proj/.policycheck.yaml");
  CHECK_THROWS_WITH(apply_config_to_policy(config, policy),
                    Catch::Contains(".policycheck.yaml:2:3") && Catch::Contains("'demo/b' is not a rule"));
}

TEST_CASE("builtin: a list keeps only those built-in packs") {
  PolicyLoader loader;
  loader.add_builtin();
  Policy policy = loader.finish();
  const ProjectConfig config = parse_project_config("builtin: [personal-data]\n", "/proj/.policycheck.yaml");
  apply_config_to_policy(config, policy);
  REQUIRE_FALSE(policy.rules.empty());
  for (const Rule& rule : policy.rules) CHECK(rule.pack == "personal-data");
}
