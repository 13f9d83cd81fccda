// Streaming readers: the JSON archives walked element by element, plain text
// in bounded records, and the iOS WhatsApp ZIP. Inputs larger than a read
// chunk (1 MiB) check that records, lines and columns survive the chunk
// boundaries; damaged elements check that the records around them are read.
#include <catch2/catch.hpp>

#include "test_reader_support.hpp"

using namespace policycheck;
using namespace policycheck::testing;

namespace {

// The code-point column of a byte offset, counted on the file itself.
uint32_t column_of(const std::string& bytes, uint64_t offset) {
  const size_t line_start = offset == 0 ? 0 : bytes.rfind('\n', offset - 1) + 1;
  uint32_t column = 1;
  for (size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

uint32_t line_of(const std::string& bytes, uint64_t offset) {
  return 1 + static_cast<uint32_t>(std::count(bytes.begin(), bytes.begin() + static_cast<long>(offset), '\n'));
}

std::string facebook_comment(size_t i, const std::string& text) {
  return "    {\n      \"timestamp\": " + std::to_string(1700000000 + i) +
         ",\n      \"data\": [\n        {\n          \"comment\": {\n            \"comment\": \"" + text +
         "\",\n            \"author\": \"Parent \\u00e2\\u0080\\u0099" + std::to_string(i) +
         "\"\n          }\n        }\n      ],\n      \"title\": \"Parent commented.\"\n    }";
}

std::string facebook_file(const std::vector<std::string>& entries) {
  std::string out = "{\n  \"comments_v2\": [\n";
  for (size_t i = 0; i < entries.size(); ++i) out += (i ? ",\n" : "") + entries[i];
  return out + "\n  ]\n}\n";
}

}  // namespace

TEST_CASE("Facebook streamed: thousands of entries across read chunks keep exact offsets") {
  std::vector<std::string> entries;
  for (size_t i = 0; i < 12000; ++i) {
    entries.push_back(facebook_comment(i, i == 11999 ? "Caf\\u00c3\\u00a9 last: ring 07700 900999"
                                                     : "Comment number " + std::to_string(i) + " \\u00f0\\u009f\\u0091\\u008f"));
  }
  const std::string bytes = facebook_file(entries);
  REQUIRE(bytes.size() > (3u << 20));
  const ReadResult r = read_bytes(bytes, InputFormat::facebook, "big.json");
  REQUIRE_FALSE(r.has_error());
  REQUIRE(r.records.size() == 12000);
  CHECK(r.records[5].text == "Parent commented.\nComment number 5 👏");
  CHECK(r.records[5].info.author == "Parent ’5");
  const ReadRecord& last = r.records.back();
  CHECK(last.info.id == "comments_v2[11999]");
  CHECK(last.text == "Parent commented.\nCafé last: ring 07700 900999");
  const Place phone = place_of(last, "07700 900999");
  CHECK(source_at(r, phone) == "07700 900999");
  CHECK(phone.line == line_of(bytes, phone.byte_start));
  CHECK(phone.column == column_of(bytes, phone.byte_start));
  CHECK(source_at(r, place_of(last, "é")) == "\\u00c3\\u00a9");
}

TEST_CASE("Facebook streamed: a malformed entry mid-array is reported by line; the entries after it are read") {
  std::vector<std::string> entries;
  for (size_t i = 0; i < 3000; ++i) entries.push_back(facebook_comment(i, "entry " + std::to_string(i)));
  // An unclosed string in entry 1500 (the quote that ends the comment is
  // lost), a missing bracket in entry 1700 (its data list never closes
  // before the next entry starts).
  std::string& broken_string = entries[1500];
  broken_string.erase(broken_string.find("1500\"") + 4, 1);
  std::string& broken_bracket = entries[1700];
  broken_bracket.erase(broken_bracket.find("      ],"), 8);
  std::string& broken_close = entries[2000];
  broken_close.erase(broken_close.rfind('}'));
  const std::string bytes = facebook_file(entries);
  const ReadResult r = read_bytes(bytes, InputFormat::facebook, "damaged.json");
  REQUIRE(r.records.size() == 2997);
  CHECK(r.records[1499].text == "Parent commented.\nentry 1499");
  CHECK(r.records[1500].text == "Parent commented.\nentry 1501");
  CHECK(r.records[1500].info.id == "comments_v2[1501]");
  CHECK(r.records.back().text == "Parent commented.\nentry 2999");
  std::vector<const InputDiagnostic*> errors;
  for (const auto& d : r.diagnostics) {
    if (d.level == InputDiagnostic::Level::error) errors.push_back(&d);
  }
  REQUIRE(errors.size() == 3);
  const size_t start_1500 = bytes.find("entry 1500");
  CHECK(errors[0]->path == temp_path("damaged.json"));
  CHECK(errors[0]->line == line_of(bytes, start_1500));
  CHECK(errors[0]->message.find("record 1500 of \"comments_v2\"") != std::string::npos);
  CHECK(errors[0]->message.find("unterminated string") != std::string::npos);
  CHECK(errors[1]->message.find("record 1700") != std::string::npos);
  CHECK(errors[2]->message.find("record 2000") != std::string::npos);
  CHECK(errors[2]->message.find("not closed before the next one") != std::string::npos);
  CHECK(r.stats.failed);
}

TEST_CASE("Facebook streamed: an entry above the record limit is skipped, the next is read") {
  std::vector<std::string> entries{facebook_comment(0, "small one"), facebook_comment(1, std::string(5000, 'x')),
                                   facebook_comment(2, "small two")};
  ReaderOptions options;
  options.limits.max_record_bytes = 1000;
  const std::string bytes = facebook_file(entries);
  const ReadResult r = read_bytes(bytes, InputFormat::facebook, "limit.json", options);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[1].text == "Parent commented.\nsmall two");
  REQUIRE(r.has_error());
  CHECK(r.diagnostics[0].message.find("record 1 of \"comments_v2\" is larger than the record limit") != std::string::npos);
  CHECK(r.diagnostics[0].line == line_of(bytes, bytes.find("    {", bytes.find("small one"))));
}

TEST_CASE("Streamed JSON on one line: columns stay exact past the first read chunk") {
  // Minified: one 2 MB line, non-ASCII before the hit, so columns count
  // code points across the chunk boundary.
  std::string bytes = "window.YTD.tweets.part0 = [";
  for (size_t i = 0; i < 15000; ++i) {
    bytes += std::string(i ? "," : "") + "{\"tweet\":{\"id_str\":\"" + std::to_string(i) +
             "\",\"full_text\":\"Llongyfarchiadau i bawb – caf\u00e9 & ysgol &amp; mwy " + std::to_string(i) +
             (i == 14999 ? " ring 07700 900321" : "") + "\"}}";
  }
  bytes += "]";
  REQUIRE(bytes.size() > (1u << 20));
  const ReadResult r = read_bytes(bytes, InputFormat::twitter, "tweets.js");
  REQUIRE_FALSE(r.has_error());
  REQUIRE(r.records.size() == 15000);
  const Place phone = place_of(r.records.back(), "07700 900321");
  CHECK(source_at(r, phone) == "07700 900321");
  CHECK(phone.line == 1);
  CHECK(phone.column == column_of(bytes, phone.byte_start));
  CHECK(r.records.back().info.id == "14999");
}

TEST_CASE("Instagram streamed: every list of a wrapper object, CRLF line ends") {
  const std::string bytes =
      "{\r\n  \"comments_media_comments\": [\r\n    {\"string_map_data\": {\"Comment\": {\"value\": \"one 07700 "
      "900111\"}}}\r\n  ],\r\n  \"other\": {\"skipped\": [1, 2, {\"x\": \"]\"}]},\r\n  \"more\": [\r\n    "
      "{\"string_map_data\": {\"Comment\": {\"value\": \"two\"}, \"Media Owner\": {\"value\": \"Si\\u00c3\\u00a2n\"}}}\r\n"
      "  ]\r\n}\r\n";
  const ReadResult r = read_bytes(bytes, InputFormat::instagram, "i.json");
  REQUIRE_FALSE(r.has_error());
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].info.id == "comments_media_comments[0]");
  CHECK(r.records[1].info.id == "more[0]");
  CHECK(r.records[1].info.author == "Siân");
  const Place phone = place_of(r.records[0], "07700 900111");
  CHECK(phone.line == 3);
  CHECK(phone.column == column_of(bytes, phone.byte_start));
}

TEST_CASE("JSON archives: an empty list, an empty file and a non-archive are told apart") {
  CHECK_FALSE(read_bytes("{\"comments_v2\": []}", InputFormat::facebook, "e.json").has_error());
  CHECK(read_bytes("", InputFormat::facebook, "e.json").has_error());
  const ReadResult other = read_bytes("{\"likes\": [1]}", InputFormat::facebook, "o.json");
  REQUIRE(other.has_error());
  CHECK(other.diagnostics[0].message.find("comments_v2") != std::string::npos);
}

TEST_CASE("Plain text: a draft is one record with no id, as before") {
  const ReadResult r = read_bytes("Dear parents,\n\nRing 07700 900123.\n", InputFormat::text, "draft.txt");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].info.id.empty());
  CHECK(r.records[0].text == "Dear parents,\n\nRing 07700 900123.\n");
  const Place phone = place_of(r.records[0], "07700 900123");
  CHECK(phone.line == 3);
  CHECK(phone.column == 6);
}

TEST_CASE("Plain text streamed: a large file is cut between paragraphs, lines and columns count from the file start") {
  std::string bytes = "\xEF\xBB\xBF";
  for (size_t i = 0; i < 40000; ++i) bytes += "Paragraph " + std::to_string(i) + " about the caf\u00e9.\nSecond line.\n\n";
  bytes += "Last: caf\u00e9 ring 07700 900777\n";
  REQUIRE(bytes.size() > (1u << 20));
  const ReadResult r = read_bytes(bytes, InputFormat::text, "big.txt");
  REQUIRE_FALSE(r.has_error());
  REQUIRE(r.records.size() >= 2);
  std::string joined;
  for (const auto& record : r.records) {
    CHECK(record.text.size() < (2u << 20));
    CHECK(record.info.id.rfind("from line ", 0) == 0);
    joined += record.text;
  }
  CHECK(joined == bytes.substr(3));  // nothing lost, nothing doubled; the BOM is not text
  CHECK(r.records[0].info.id == "from line 1");
  CHECK(r.records[1].info.id == "from line " + std::to_string(line_of(bytes, 3 + r.records[0].text.size())));
  const Place phone = place_of(r.records.back(), "07700 900777");
  CHECK(source_at(r, phone) == "07700 900777");
  CHECK(phone.line == 120001);
  CHECK(phone.column == 17);
}

TEST_CASE("Plain text streamed: UTF-16 across chunks keeps lines and 2-byte offsets") {
  std::u16string text;
  for (size_t i = 0; i < 60000; ++i) {
    const std::string number = std::to_string(i);
    text += u"Line " + std::u16string(number.begin(), number.end()) + u" \u00e9t\u00e9 \U0001F600\n\n";
  }
  text += u"End: ring 07700 900555\n";
  std::string bytes = "\xFF\xFE";
  for (char16_t unit : text) {
    bytes += static_cast<char>(unit & 0xFF);
    bytes += static_cast<char>(unit >> 8);
  }
  REQUIRE(bytes.size() > (1u << 20));
  const ReadResult r = read_bytes(bytes, InputFormat::text, "utf16.txt");
  REQUIRE_FALSE(r.has_error());
  REQUIRE(r.records.size() >= 2);
  const Place phone = place_of(r.records.back(), "07700 900555");
  CHECK(phone.line == 120001);
  CHECK(phone.column == 11);
  const size_t unit_offset = text.find(u"07700 900555");
  CHECK(phone.byte_start == 2 + 2 * unit_offset);
}

TEST_CASE("Plain text streamed: a line above the record limit is skipped and reported, the rest is read") {
  ReaderOptions options;
  options.limits.max_record_bytes = 1000;
  const std::string bytes = "first ring 07700 900111\n" + std::string(5000, 'a') + "\nlast ring 07700 900222\n";
  const ReadResult r = read_bytes(bytes, InputFormat::text, "long.txt", options);
  REQUIRE(r.has_error());
  CHECK(r.diagnostics[0].line == 2);
  CHECK(r.diagnostics[0].message.find("--max-record-size") != std::string::npos);
  std::string joined;
  for (const auto& record : r.records) joined += record.text;
  CHECK(joined.find("07700 900111") != std::string::npos);
  CHECK(joined.find("07700 900222") != std::string::npos);
  CHECK(joined.find("aaaa") == std::string::npos);
}

TEST_CASE("WhatsApp iOS ZIP: _chat.txt streamed from the archive, located in the chat, attachments noted") {
  const ReadResult r = read_path(sample("whatsapp/ios-export.zip"));
  REQUIRE(r.stats.format == InputFormat::whatsapp);
  REQUIRE_FALSE(r.has_error());
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0].info.id == "_chat.txt message 1");
  CHECK(r.records[1].info.author == "Idris Mum");
  CHECK(r.records[1].info.time == "2024-03-21T16:06:30");
  CHECK(r.records[1].text.find("Siân’s mum here, ring 07700 900878\r\nor email") != std::string::npos);
  const Place phone = place_of(r.records[1], "07700 900878");
  CHECK(phone.line == 2);
  CHECK(phone.column == 60);
  const Place email = place_of(r.records[1], "coach.trip@example.org");
  CHECK(email.line == 3);
  CHECK(email.column == 10);
  bool noted = false;
  for (const auto& d : r.diagnostics) noted |= d.message.find("1 attachment (media)") != std::string::npos;
  CHECK(noted);
  ReaderOptions as_chat;  // named explicitly, the ZIP is not taken for a binary file
  as_chat.format = InputFormat::whatsapp;
  CHECK(read_path(sample("whatsapp/ios-export.zip"), as_chat).records.size() == 3);
}

TEST_CASE("A ZIP that is neither a chat nor a Word document is reported, not guessed at") {
  const ReadResult docx = read_path(sample("newsletters/autumn-newsletter.docx"));
  CHECK(docx.stats.format == InputFormat::docx);
  ReaderOptions as_chat;
  as_chat.format = InputFormat::whatsapp;
  const ReadResult forced = read_path(sample("newsletters/autumn-newsletter.docx"), as_chat);
  CHECK(forced.records.empty());
}
