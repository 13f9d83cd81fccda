// Newsletter readers (Markdown, HTML, DOCX, PDF, plain text), format
// detection, .policycheckignore patterns and the streaming line reader.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include "inputs/ignore_rules.hpp"
#include "inputs/line_stream.hpp"
#include "test_reader_support.hpp"

using namespace policycheck;
using namespace policycheck::testing;

TEST_CASE("Markdown: soft breaks join with a space, code blocks skipped, entities decoded with their span") {
  const std::string md = "# Trip\n\nThanks **Carys\nFenwick** &amp; all.\n\n```\nring 07700 900999\n```\n\nRing 07700 900123.\n";
  const ReadResult r = read_bytes(md, InputFormat::markdown, "n.md");
  REQUIRE(r.records.size() == 1);
  const std::string& text = r.records[0].text;
  CHECK(text.find("Carys Fenwick") != std::string::npos);
  CHECK(text.find("900999") == std::string::npos);
  CHECK(text.find("Trip\n") == 0);  // a block ends with a line break
  const Place amp = place_of(r.records[0], "&");
  CHECK(source_at(r, amp) == "&amp;");
  const Place phone = place_of(r.records[0], "07700 900123");
  CHECK(phone.line == 10);
  CHECK(phone.column == 6);
  CHECK(source_at(r, phone) == "07700 900123");
}

TEST_CASE("HTML: inline tags joined, blocks separated, script/style/comments out, alt and title in") {
  const std::string html =
      "<html><head><style>p{}</style><script>var x = 'ring 07700 900999';</script></head><body>\n"
      "<p><b>Carys</b> Fenwick</p><p>Next</p>\n<!-- note 07700 900998 -->\n"
      "<img alt=\"Coach 07700 900123\" title=\"Tea &amp; cake\">\n</body></html>";
  const ReadResult r = read_bytes(html, InputFormat::html, "n.html");
  REQUIRE(r.records.size() == 1);
  const std::string& text = r.records[0].text;
  CHECK(text.find("Carys Fenwick\nNext") != std::string::npos);
  CHECK(text.find("900999") == std::string::npos);
  CHECK(text.find("900998") == std::string::npos);
  CHECK(text.find("Tea & cake") != std::string::npos);
  const Place alt = place_of(r.records[0], "07700 900123");
  CHECK(alt.line == 4);
  CHECK(alt.column == 17);
  CHECK(source_at(r, alt) == "07700 900123");
}

TEST_CASE("HTML: a comment carrying a suppression directive is kept for the suppression logic") {
  const ReadResult r =
      read_bytes("<p>a</p><!-- policycheck-disable-next-line -->\n<p>b</p>", InputFormat::html, "s.html");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].text.find("<!-- policycheck-disable-next-line -->") != std::string::npos);
}

TEST_CASE("DOCX: runs joined per paragraph, tabs kept, deletions left out, image alt text and footers read") {
  const ReadResult r = read_path(sample("newsletters/autumn-newsletter.docx"));
  REQUIRE(r.stats.format == InputFormat::docx);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].info.id == "word/document.xml");
  CHECK(r.records[0].text ==
        "Autumn newsletter\nPlease ring the office on 07700 900246 with questions.\nOld number:\n"
        "Coach\tleaves at nine.\nPhoto: email art.club@example.org");
  CHECK(place_of(r.records[0], "07700").line == 2);  // line = paragraph
  CHECK(r.records[1].info.id == "word/footer1.xml");
  ReaderOptions deleted;
  deleted.scan_deleted = true;
  const ReadResult d = read_path(sample("newsletters/autumn-newsletter.docx"), deleted);
  CHECK(d.records[0].text.find("Old number: call 07700 900247") != std::string::npos);
}

TEST_CASE("DOCX and PDF: damaged files are reported, not crashed on") {
  const ReadResult zip = read_bytes(std::string("PK\x03\x04garbage", 11), InputFormat::auto_detect, "bad.docx");
  CHECK(zip.records.empty());
  CHECK(zip.has_error());
  const ReadResult pdf = read_bytes("%PDF-1.4\nnot really", InputFormat::auto_detect, "bad.pdf");
  CHECK(pdf.records.empty());
  CHECK(pdf.has_error());
}

TEST_CASE("PDF: one record per page, line on the page") {
  const ReadResult r = read_path(sample("newsletters/winter-newsletter.pdf"));
  REQUIRE(r.stats.format == InputFormat::pdf);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[1].info.id == "page 2");
  const Place phone = place_of(r.records[1], "07700 900468");
  CHECK(phone.line == 2);
}

TEST_CASE("UTF-16 text with a BOM is transcoded; byte offsets count 2-byte units") {
  const ReadResult r = read_path(sample("generic/draft-utf16.txt"));
  REQUIRE(r.stats.format == InputFormat::text);
  REQUIRE(r.records.size() == 1);
  const Place phone = place_of(r.records[0], "07700 900654");
  CHECK(phone.line == 2);
  CHECK(phone.column == 19);
  CHECK(phone.byte_start == 2 + 2 * (std::string("Trip letter\r\nPlease ring me on ").size()));
}

TEST_CASE("format detection: content first, file name second") {
  CHECK(detect_format("x.txt", "window.YTD.tweets.part0 = [") == InputFormat::twitter);
  CHECK(detect_format("comments.json", "{\n  \"comments_v2\": [") == InputFormat::facebook);
  CHECK(detect_format("a.json", "[\n {\"string_map_data\": {}}]") == InputFormat::instagram);
  CHECK(detect_format("a.json", "[{\"timestamp\": 1, \"data\": [{\"post\": \"x\"}]}]") == InputFormat::facebook);
  CHECK(detect_format("data", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n") == InputFormat::jsonl);
  CHECK(detect_format("c.csv", "Channel ID,Comment Text\n") == InputFormat::youtube);
  CHECK(detect_format("c.txt", "id,text\n1,x\n") == InputFormat::text);
  CHECK(detect_format("c.csv", "id,text\n1,x\n") == InputFormat::csv);
  CHECK(detect_format("chat.txt", "21/03/2024, 16:05 - Mrs Pryce: Coats please\n") == InputFormat::whatsapp);
  CHECK(detect_format("_chat.txt", "\xE2\x80\x8E[21/03/2024, 16:05:12] Idris: hi\n") == InputFormat::whatsapp);
  CHECK(detect_format("archive", "From a@example.org Fri Mar  7 15:30:00 2025\nFrom: a\n") == InputFormat::mbox);
  CHECK(detect_format("m", "From: a <a@example.org>\nSubject: hi\n\nbody") == InputFormat::eml);
  CHECK(detect_format("page", "<!DOCTYPE html><html>") == InputFormat::html);
  CHECK(detect_format("notes.md", "Some text") == InputFormat::markdown);
  CHECK(detect_format("x", "%PDF-1.7") == InputFormat::pdf);
  CHECK(detect_format("x", "Dear parents, the trip is on Friday.") == InputFormat::text);
  CHECK(parse_input_format("JSONL") == InputFormat::jsonl);
  CHECK_FALSE(parse_input_format("xls").has_value());
}

TEST_CASE(".policycheckignore: gitignore patterns") {
  using inputs::glob_match;
  CHECK(glob_match("*.pdf", "a.pdf"));
  CHECK_FALSE(glob_match("*.pdf", "dir/a.pdf"));  // '*' does not cross folders
  CHECK(glob_match("**/private/**", "a/b/private/c.txt"));
  CHECK(glob_match("**/private/**", "private/c.txt"));
  CHECK(glob_match("a/**/b", "a/b"));
  CHECK(glob_match("a/**/b", "a/x/y/b"));
  CHECK(glob_match("draft-[0-9].md", "draft-3.md"));
  CHECK_FALSE(glob_match("draft-[!0-9].md", "draft-3.md"));
  CHECK(glob_match("?.txt", "a.txt"));
  inputs::IgnoreFile file("# comment\n*.log\n!keep.log\nbuild/\n/top.txt\ndocs/*.md\n");
  CHECK(file.match("x.log", false) == 1);
  CHECK(file.match("sub/keep.log", false) == -1);
  CHECK(file.match("build", true) == 1);
  CHECK(file.match("build", false) == 0);  // dir/ matches folders only
  CHECK(file.match("top.txt", false) == 1);
  CHECK(file.match("sub/top.txt", false) == 0);  // anchored
  CHECK(file.match("docs/a.md", false) == 1);
  CHECK(file.match("x/docs/a.md", false) == 0);
}

TEST_CASE("line stream: LF, CRLF and lone CR across chunk boundaries, offsets and numbers") {
  std::string data;
  for (int i = 0; i < 200000; ++i) data += (i % 3 == 0 ? "line\r\n" : i % 3 == 1 ? "x\r" : "yy\n");
  const std::string path = temp_path("lines.txt");
  {
    std::ofstream out(path, std::ios::binary);
    out << data;
  }
  const int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  inputs::LineStream lines(fd, "", nullptr);
  inputs::Line line;
  uint64_t expected_offset = 0;
  uint32_t count = 0;
  bool all_match = true;
  while (lines.next(line)) {
    ++count;
    const int kind = static_cast<int>((count - 1) % 3);
    all_match &= line.text == (kind == 0 ? "line" : kind == 1 ? "x" : "yy");
    all_match &= line.offset == expected_offset && line.number == count;
    expected_offset += line.with_terminator.size();
  }
  ::close(fd);
  CHECK(all_match);
  CHECK(count == 200000);
  CHECK(expected_offset == data.size());
}
