// The CI report formats as pure functions of findings: redaction, escaping,
// limits and the shape each consumer needs.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "policycheck/report.hpp"
#include "reporters/report_support.hpp"

using namespace policycheck;

namespace {

Finding phone_finding(const std::string& path = "newsletters/spring.md", uint32_t line = 4) {
  Finding f;
  f.rule = "personal-data/phone-uk";
  f.category = "personal-data";
  f.severity = Severity::error;
  f.confidence = 0.9;
  f.message = "UK phone number: personal contact details must not be posted";
  f.suggestion = "Remove the number";
  f.path = path;
  f.line = line;
  f.column = 9;
  f.end_line = line;
  f.end_column = 21;
  f.match = "07700 900123";
  f.personal_data = true;
  f.fingerprint = "v1:00112233445566778899aabbccddeeff";
  f.snippet = "Ring me 07700 900123 or Olivia Brown";
  f.snippet_start = 8;
  f.snippet_end = 20;
  return f;
}

Finding name_finding() {
  Finding f = phone_finding();
  f.rule = "names/pupil-full-name";
  f.category = "names";
  f.message = "Pupil's full name";
  f.match = "Olivia Brown";
  f.column = 25;
  f.end_column = 37;
  f.snippet_start = 24;
  f.snippet_end = 36;
  f.fingerprint = "v1:ffeeddccbbaa99887766554433221100";
  return f;
}

std::string render(const std::string& format, const std::vector<Finding>& findings, ReportOptions options = {}) {
  Policy policy;
  std::ostringstream out;
  options.working_directory = "/repo";
  auto reporter = make_reporter(format, out, options, policy);
  REQUIRE(reporter);
  ScanSummary summary;
  summary.files_scanned = 1;
  for (const Finding& f : findings) {
    summary.count(f);
    reporter->add(f);
  }
  reporter->finish(summary);
  return out.str();
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("every machine format redacts matched personal data unless asked") {
  const std::vector<Finding> findings = {phone_finding(), name_finding()};
  for (const std::string format : {"json", "jsonl", "sarif", "github", "junit", "gitlab", "checkstyle"}) {
    INFO(format);
    const std::string text = render(format, findings);
    CHECK(text.find("07700 900123") == std::string::npos);
    CHECK(text.find("900123") == std::string::npos);
    CHECK(text.find("Olivia Brown") == std::string::npos);
    CHECK(text.find("Brown") == std::string::npos);
  }
  ReportOptions show;
  show.show_matches = true;
  CHECK(render("sarif", findings, show).find("07700 900123") != std::string::npos);
}

TEST_CASE("snippets redact every match on the line, not only the finding's own") {
  SnippetRedactor snippets;
  const Finding phone = phone_finding(), name = name_finding();
  snippets.add(phone);
  snippets.add(name);
  const auto rendered = snippets.render(phone, ReportOptions{});
  CHECK(rendered.text == "Ring me 07*** ***123 or O***** B****");
  CHECK(rendered.match_start == 8);
  CHECK(rendered.match_end == 20);
  ReportOptions show;
  show.show_matches = true;
  CHECK(snippets.render(phone, show).text == phone.snippet);
}

TEST_CASE("long snippet lines are cut around the match") {
  Finding f = phone_finding();
  f.snippet = std::string(300, 'a') + " 07700 900123 " + std::string(300, 'b');
  f.snippet_start = 301;
  f.snippet_end = 313;
  SnippetRedactor snippets;
  const auto rendered = snippets.render(f, ReportOptions{}, 60);
  CHECK(rendered.text.find("07*** ***123") != std::string::npos);
  CHECK(rendered.text.rfind("\xE2\x80\xA6", 0) == 0);
  CHECK(rendered.match_end - rendered.match_start == 12);
}

TEST_CASE("messages that quote the match are redacted too") {
  Finding f = name_finding();
  f.message = "Olivia Brown is a pupil's full name";
  const std::string text = render("checkstyle", {f});
  CHECK(text.find("Olivia Brown") == std::string::npos);
  CHECK(text.find("O***** B**** is a pupil") != std::string::npos);
}

TEST_CASE("github annotations escape data and properties as the toolkit does") {
  Finding f = phone_finding("news, 100%: final.md");
  f.message = "Line one\nline two 50%";
  const std::string text = render("github", {f});
  CHECK(text.rfind("::error file=news%2C 100%25%3A final.md,line=4,col=9,endColumn=21,title=personal-data/phone-uk::"
                   "Line one%0Aline two 50%25 [07*** ***123]%0ARemove the number\n",
                   0) == 0);
}

TEST_CASE("github annotations stop at the per-step limit and say how many were left out") {
  std::vector<Finding> findings;
  for (uint32_t i = 1; i <= 14; ++i) findings.push_back(phone_finding("a.txt", i));
  for (uint32_t i = 1; i <= 3; ++i) {
    Finding w = phone_finding("b.txt", i);
    w.severity = Severity::warning;
    findings.push_back(w);
  }
  const std::string text = render("github", findings);
  CHECK(count(text, "::error ") == 10);
  CHECK(count(text, "::warning ") == 3);
  CHECK(text.find("::notice title=policycheck::4 more findings not shown as annotations") != std::string::npos);
  // Every finding is still in the log, inside stop-commands.
  CHECK(count(text, "a.txt:") == 14);
  const size_t stop = text.find("::stop-commands::");
  REQUIRE(stop != std::string::npos);
  const std::string token = text.substr(stop + 17, text.find('\n', stop) - stop - 17);
  CHECK(token.size() > 20);
  CHECK(text.find("::" + token + "::") != std::string::npos);
}

TEST_CASE("github format writes a Markdown step summary when asked") {
  const std::filesystem::path summary = std::filesystem::temp_directory_path() / "policycheck-step-summary.md";
  std::filesystem::remove(summary);
  ReportOptions options;
  options.step_summary_path = summary.string();
  Finding f = phone_finding("a|b.md");
  render("github", {f}, options);
  std::ifstream in(summary);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str().find("### policycheck: 1 finding") != std::string::npos);
  CHECK(text.str().find("| error | `personal-data/phone-uk` | a\\|b.md:4:9 | 07\\*\\*\\* \\*\\*\\*123 |") !=
        std::string::npos);
  std::filesystem::remove(summary);
}

TEST_CASE("sarif results carry rule index, exclusive end column, fingerprints and relative URIs") {
  Finding f = phone_finding("/repo/news letters/spring.md");
  const std::string text = render("sarif", {f});
  CHECK(text.find("\"columnKind\": \"unicodeCodePoints\"") != std::string::npos);
  CHECK(text.find("\"uri\":\"news%20letters/spring.md\"") != std::string::npos);
  CHECK(text.find("\"startLine\":4,\"startColumn\":9,\"endLine\":4,\"endColumn\":21") != std::string::npos);
  CHECK(text.find("\"partialFingerprints\":{\"policycheck/v1\":\"v1:00112233445566778899aabbccddeeff\"}") !=
        std::string::npos);
  CHECK(text.find("\"ruleIndex\":0") != std::string::npos);
  CHECK(text.find("\"workingDirectory\": {\"uri\": \"file:///repo/\"}") != std::string::npos);
}

TEST_CASE("sarif drops the least severe results over the limit and counts them") {
  std::vector<Finding> findings;
  for (uint32_t i = 1; i <= 3; ++i) {
    Finding info = phone_finding("a.txt", i);
    info.severity = Severity::info;
    findings.push_back(info);
  }
  findings.push_back(phone_finding("a.txt", 9));
  ReportOptions options;
  options.max_sarif_results = 2;
  const std::string text = render("sarif", findings, options);
  CHECK(count(text, "\"ruleId\"") == 2);
  CHECK(text.find("\"startLine\":9") != std::string::npos);
  CHECK(text.find("\"results_dropped\": 2") != std::string::npos);
}

TEST_CASE("gitlab severities follow the outputs reference") {
  Finding warning = phone_finding();
  warning.severity = Severity::warning;
  Finding abuse = phone_finding();
  abuse.personal_data = false;
  const std::string text = render("gitlab", {phone_finding(), warning, abuse});
  CHECK(text.find("\"severity\":\"critical\"") != std::string::npos);
  CHECK(text.find("\"severity\":\"minor\"") != std::string::npos);
  CHECK(text.find("\"severity\":\"major\"") != std::string::npos);
  CHECK(text.find("\"fingerprint\":\"00112233445566778899aabbccddeeff\"") != std::string::npos);
  CHECK(render("gitlab", {}) == "[]\n");
}

TEST_CASE("junit puts path:line:col and the message inside <failure>") {
  const std::string text = render("junit", {phone_finding()});
  CHECK(text.find(">error: newsletters/spring.md:4:9 UK phone number") != std::string::npos);
  CHECK(text.find("type=\"personal-data/phone-uk\"") != std::string::npos);
  const std::string clean = render("junit", {});
  CHECK(clean.find("failures=\"0\"") != std::string::npos);
  CHECK(clean.find("<testcase") != std::string::npos);
}

TEST_CASE("xml escaping keeps documents well formed") {
  CHECK(xml_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(xml_escape(std::string("bell\x07") + "\xff") == "bell\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("paths become repository-relative URI references") {
  CHECK(repository_path("./a/b.md", "/repo") == "a/b.md");
  CHECK(repository_path("/repo/a/b.md", "/repo") == "a/b.md");
  CHECK(repository_path("/elsewhere/b.md", "/repo") == "/elsewhere/b.md");
  CHECK(uri_reference("a b/ü#.md") == "a%20b/%C3%BC%23.md");
}
