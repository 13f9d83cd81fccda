// Offsets must point at the right character in the ORIGINAL file: columns in
// code points (1-based, end exclusive), byte offsets in bytes.
#include <catch2/catch.hpp>

#include "policycheck/input.hpp"
#include "test_support.hpp"

using namespace policycheck;
using namespace policycheck::testing;

namespace {

auto word_policy() {
  return compile_yaml("pack: t\nrules:\n  - id: t/w\n    kind: terms\n    message: m\n    terms: [ines, \"zoë\"]\n");
}

std::vector<Finding> scan_file_bytes(const std::string& bytes) {
  static auto policy = word_policy();
  Scanner scanner(policy);
  std::vector<Finding> findings;
  std::string storage;
  read_plain_text("f.txt", bytes, storage, [&](const Record& r) { scanner.scan(r, findings); },
                  [](InputDiagnostic) {});
  return findings;
}

}  // namespace

TEST_CASE("columns count code points, bytes count bytes") {
  // "Café: Ines": I is at byte 7, code point 6 (é is 2 bytes).
  auto findings = scan_file_bytes("Café: Ines");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].line == 1);
  CHECK(findings[0].column == 7);
  CHECK(findings[0].end_column == 11);
  CHECK(findings[0].byte_start == 7);
  CHECK(findings[0].byte_end == 11);
}

TEST_CASE("lines end at LF, CRLF and lone CR") {
  auto findings = scan_file_bytes("a\r\nb\rc\n🙂 ines");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].line == 4);
  CHECK(findings[0].column == 3);  // the emoji is one code point
  CHECK(findings[0].byte_start == 12);
}

TEST_CASE("a multi-byte match has its end column after its last character") {
  auto findings = scan_file_bytes("x Zoë y");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].column == 3);
  CHECK(findings[0].end_column == 6);
  CHECK(findings[0].byte_end - findings[0].byte_start == 4);
}

TEST_CASE("a UTF-8 BOM is skipped for matching but counted in byte offsets") {
  auto findings = scan_file_bytes("\xEF\xBB\xBFines");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].column == 1);
  CHECK(findings[0].byte_start == 3);
}

TEST_CASE("UTF-16 files are transcoded with lines, columns and bytes of the original") {
  // "a\nb ines" in UTF-16LE with a BOM.
  std::string bytes = "\xFF\xFE";
  for (char c : std::string("a\nb ines")) {
    bytes += c;
    bytes += '\0';
  }
  auto findings = scan_file_bytes(bytes);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].line == 2);
  CHECK(findings[0].column == 3);
  CHECK(findings[0].byte_start == 2 + 2 * 4);
  CHECK(findings[0].byte_end == 2 + 2 * 8);
}

TEST_CASE("invalid UTF-8 is replaced for scanning without shifting later positions") {
  auto findings = scan_file_bytes("\xFF\xFE\xFD x ines");
  // \xFF\xFE at the start is a UTF-16 BOM; use a lone invalid byte instead.
  findings = scan_file_bytes("a\xC3 ines\n\x80 ines");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].column == 4);
  CHECK(findings[0].byte_start == 3);
  CHECK(findings[1].line == 2);
  CHECK(findings[1].column == 3);
  CHECK(findings[1].byte_start == 10);
}

TEST_CASE("the snippet holds the match's line with code-point columns") {
  auto findings = scan_file_bytes("first\nCafé Ines here\nlast");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].snippet == "Café Ines here");
  CHECK(findings[0].snippet_start == 5);
  CHECK(findings[0].snippet_end == 9);
}

TEST_CASE("a match over text laid out of source order covers all of its source") {
  // Readers need not keep source order: cmark, for one, places some inline
  // text apart from where it was written (fuzz_reader_markdown found a span
  // whose end mapped before its start). Here "in" comes from line 2 and "es"
  // from line 1; the finding must run from the earlier source position to
  // the later one, never backwards.
  static auto policy = word_policy();
  Scanner scanner(policy);
  Record record;
  record.path = "f.md";
  record.text = "ines";
  record.map.segments = {
      Segment{.text_begin = 0, .text_end = 2, .source_begin = 10, .source_end = 12, .start = {2, 1}, .end = {2, 3}},
      Segment{.text_begin = 2, .text_end = 4, .source_begin = 0, .source_end = 2, .start = {1, 1}, .end = {1, 3}},
  };
  std::vector<Finding> findings;
  scanner.scan(record, findings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].line == 1);
  CHECK(findings[0].column == 1);
  CHECK(findings[0].byte_start == 0);
  CHECK(findings[0].end_line == 2);
  CHECK(findings[0].end_column == 3);
  CHECK(findings[0].byte_end == 12);
}
