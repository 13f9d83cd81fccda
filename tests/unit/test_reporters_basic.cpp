// Text, JSON and JSON Lines output and redaction.
#include <catch2/catch.hpp>

#include <sstream>

#include "policycheck/report.hpp"
#include "test_support.hpp"

using namespace policycheck;

namespace {
Finding sample() {
  Finding f;
  f.rule = "personal-data/phone-uk";
  f.category = "personal-data";
  f.severity = Severity::error;
  f.confidence = 0.9;
  f.message = "Phone \"number\"";
  f.path = "a.txt";
  f.line = 2;
  f.column = 5;
  f.end_line = 2;
  f.end_column = 17;
  f.byte_start = 10;
  f.byte_end = 22;
  f.match = "07700 900123";
  f.personal_data = true;
  f.snippet = "ring 07700 900123";
  f.snippet_start = 5;
  f.snippet_end = 17;
  return f;
}
}  // namespace

TEST_CASE("redaction keeps initials and the last digits only") {
  CHECK(redact("07700 900123") == "07*** ***123");
  CHECK(redact("Olivia O'Brien") == "O***** O'B****");
  CHECK(redact("jo.bloggs@gmail.com") == "j*.b*****@g****.c**");
  CHECK(redact("1234") == "****");
}

TEST_CASE("JSON Lines output has the finding fields and redacts the match") {
  std::ostringstream out;
  Policy policy;
  auto reporter = make_reporter("jsonl", out, ReportOptions{}, policy);
  reporter->add(sample());
  reporter->finish({});
  const std::string line = out.str();
  CHECK(line.find("\"rule\":\"personal-data/phone-uk\"") != std::string::npos);
  CHECK(line.find("\"message\":\"Phone \\\"number\\\"\"") != std::string::npos);
  CHECK(line.find("\"match\":\"07*** ***123\"") != std::string::npos);
  CHECK(line.find("900123") == std::string::npos);
  CHECK(line.find("\"end_column\":17") != std::string::npos);
  CHECK(std::count(line.begin(), line.end(), '\n') == 1);
}

TEST_CASE("show-matches prints the match in JSON") {
  std::ostringstream out;
  Policy policy;
  ReportOptions options;
  options.show_matches = true;
  auto reporter = make_reporter("json", out, options, policy);
  reporter->add(sample());
  ScanSummary summary;
  summary.count(sample());
  reporter->finish(summary);
  CHECK(out.str().find("\"match\":\"07700 900123\"") != std::string::npos);
  CHECK(out.str().find("\"by_rule\": {\"personal-data/phone-uk\":1}") != std::string::npos);
}

TEST_CASE("the text format underlines the match and prints no colour unless asked") {
  std::ostringstream out;
  Policy policy;
  auto reporter = make_reporter("text", out, ReportOptions{}, policy);
  reporter->add(sample());
  reporter->finish({});
  const std::string text = out.str();
  CHECK(text.find("a.txt:2:5: error personal-data/phone-uk: Phone \"number\"") == 0);
  CHECK(text.find(" 2 | ring 07700 900123\n   |      ^^^^^^^^^^^^\n") != std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
}
