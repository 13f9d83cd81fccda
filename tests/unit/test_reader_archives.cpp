// Archive readers: records, their ids/authors/times, exact source offsets,
// and what happens with damaged input.
#include <catch2/catch.hpp>

#include "test_reader_support.hpp"

using namespace policycheck;
using namespace policycheck::testing;

TEST_CASE("JSON Lines: text field, id, author, time and exact offsets through escapes") {
  const std::string bytes =
      "{\"id\":\"a1\",\"author\":\"Jo\",\"time\":\"2025-01-01\",\"text\":\"caf\\u00e9 \\\"quoted\\\" Ring 07700 900123\"}\n"
      "{\"id\":7,\"text\":\"second\\nline two\"}\n";
  const ReadResult r = read_bytes(bytes, InputFormat::jsonl, "a.jsonl");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].text == "café \"quoted\" Ring 07700 900123");
  CHECK(r.records[0].info.id == "a1");
  CHECK(r.records[0].info.author == "Jo");
  CHECK(r.records[0].info.time == "2025-01-01");
  CHECK(r.records[1].info.id == "7");
  const Place phone = place_of(r.records[0], "07700 900123");
  CHECK(source_at(r, phone) == "07700 900123");
  CHECK(phone.line == 1);
  CHECK(phone.column == bytes.find("07700") + 1);  // ASCII line: columns are bytes + 1
  // A decoded escape maps to the escape's bytes.
  const Place e = place_of(r.records[0], "é");
  CHECK(source_at(r, e) == "\\u00e9");
  const Place two = place_of(r.records[1], "line two");
  CHECK(two.line == 2);
  CHECK(source_at(r, two) == "line two");
  CHECK_FALSE(r.has_error());
}

TEST_CASE("JSON Lines: --text-field with a nested key and --id-field") {
  ReaderOptions options;
  options.text_field = "body.text";
  options.id_field = "ref";
  const ReadResult r =
      read_bytes("{\"ref\":\"r9\",\"body\":{\"text\":\"hello there\"}}\n", InputFormat::jsonl, "n.jsonl", options);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].text == "hello there");
  CHECK(r.records[0].info.id == "r9");
}

TEST_CASE("JSON Lines: a broken line is reported with its number and the others are still read") {
  const ReadResult r = read_bytes("{\"text\":\"one\"}\n{\"text\":\"two\n\n{\"text\":\"three\"}\n{\"other\":1}\n",
                                  InputFormat::jsonl, "bad.jsonl");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].text == "one");
  CHECK(r.records[1].text == "three");
  CHECK(r.records[1].info.id == "line 4");
  REQUIRE(r.has_error());
  bool line2 = false, blank = false, missing = false;
  for (const auto& d : r.diagnostics) {
    line2 |= d.level == InputDiagnostic::Level::error && d.line == 2;
    blank |= d.message.find("blank line") != std::string::npos && d.line == 3;
    missing |= d.message.find("without a string field \"text\"") != std::string::npos && d.line == 5;
  }
  CHECK(line2);
  CHECK(blank);
  CHECK(missing);
}

TEST_CASE("CSV: quoted fields span lines, doubled quotes collapse, offsets stay exact") {
  const std::string bytes =
      "\xEF\xBB\xBFid,author,comment\r\n"
      "7,Sam,\"Reply slip says \"\"packed lunch\"\" for\r\nFriday's trip, ring 07700 900123\"\r\n"
      "8,Alex,plain text\r\n";
  const ReadResult r = read_bytes(bytes, InputFormat::csv, "c.csv");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].text == "Reply slip says \"packed lunch\" for\r\nFriday's trip, ring 07700 900123");
  CHECK(r.records[0].info.id == "7");
  CHECK(r.records[0].info.author == "Sam");
  CHECK(r.records[0].info.field == "comment");
  const Place phone = place_of(r.records[0], "07700 900123");
  CHECK(phone.line == 3);
  CHECK(phone.column == 21);
  CHECK(source_at(r, phone) == "07700 900123");
  const Place lunch = place_of(r.records[0], "\"packed lunch\"");
  CHECK(source_at(r, lunch) == "\"\"packed lunch\"");  // the first quote of each pair stands for it
  CHECK(r.records[1].text == "plain text");
  CHECK(place_of(r.records[1], "plain").line == 4);
}

TEST_CASE("CSV: --text-column by name or number, semicolons, and a missing column") {
  ReaderOptions options;
  options.text_column = "2";
  const ReadResult r = read_bytes("a;b\n1;hello\n", InputFormat::csv, "s.csv", options);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].text == "hello");
  const ReadResult none = read_bytes("a,b\n1,2\n", InputFormat::csv, "n.csv");
  CHECK(none.records.empty());
  REQUIRE(none.has_error());
  CHECK(none.diagnostics[0].message.find("--text-column") != std::string::npos);
  CHECK(none.diagnostics[0].message.find("a, b") != std::string::npos);
}

TEST_CASE("CSV: an unclosed quote is reported at the line where it opened") {
  const ReadResult r = read_bytes("id,text\n1,fine\n2,\"never closed\n3,lost\n", InputFormat::csv, "u.csv");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].text == "fine");
  REQUIRE(r.has_error());
  CHECK(r.diagnostics[0].line == 3);
}

TEST_CASE("YouTube: both header orders, JSON inside the cell, offsets through two layers") {
  const ReadResult newer = read_path(sample("youtube/comments.csv"));
  REQUIRE(newer.stats.format == InputFormat::youtube);
  REQUIRE(newer.records.size() == 2);
  CHECK(newer.records[0].text == "Lovely concert\nring me: 07700 900555");
  CHECK(newer.records[0].info.id == "Ugx1 (video vid1)");
  CHECK(newer.records[0].info.author == "UC123");
  CHECK(newer.records[0].info.time == "2024-09-01T10:00:00.123456+00:00");
  const Place phone = place_of(newer.records[0], "07700 900555");
  CHECK(source_at(newer, phone) == "07700 900555");
  CHECK(phone.line == 2);
  const ReadResult older = read_path(sample("youtube/comments-older.csv"));
  REQUIRE(older.records.size() == 1);
  CHECK(older.records[0].text == "Email me at gran@example.com");
  CHECK(older.records[0].info.id == "Ugy9 (video vid9)");
  CHECK(source_at(older, place_of(older.records[0], "gran@example.com")) == "gran@example.com");
}

TEST_CASE("WhatsApp Android: messages, continuation lines, system messages, phone-number senders") {
  const ReadResult r = read_path(sample("whatsapp/android-class-parents.txt"));
  REQUIRE(r.stats.format == InputFormat::whatsapp);
  REQUIRE(r.records.size() == 4);
  CHECK(r.records[0].info.author.empty());  // the encryption notice has no sender
  CHECK(r.records[1].info.author == "Mrs Pryce");
  CHECK(r.records[1].info.time == "2024-03-21T08:02");
  CHECK(r.records[2].info.author == "+44 7700 900876");
  CHECK(r.records[2].text == "Does anyone have a spare PE kit?\nSize 7-8, can collect today.\nText me on 07700 900876");
  const Place phone = place_of(r.records[2], "07700 900876");
  CHECK(phone.line == 5);
  CHECK(phone.column == 12);
  CHECK(source_at(r, phone) == "07700 900876");
}

TEST_CASE("WhatsApp iOS: bracketed prefix, narrow no-break space before PM, direction marks, US dates") {
  const ReadResult r = read_path(sample("whatsapp/ios-chat.txt"));
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0].info.time == "2024-03-21T16:05:12");
  CHECK(r.records[1].info.author == "Idris Mum");
  CHECK(r.records[1].text.find("or email trips@example.org") != std::string::npos);
  const Place email = place_of(r.records[1], "trips@example.org");
  CHECK(email.line == 3);
  CHECK(email.column == 10);
  CHECK(r.records[2].info.time == "2024-03-22T09:00:01");  // 3/22/24: only month/day fits
}

TEST_CASE("mbox: messages split on From_ lines, >From unquoted, base64 parts decoded") {
  const ReadResult r = read_path(sample("mail/office.mbox"));
  REQUIRE(r.stats.format == InputFormat::mbox);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].info.id == "<m1@example.org>");
  CHECK(r.records[0].info.author == "Office <office@example.org>");
  CHECK(r.records[0].text.find("Lost coat\n\nA navy coat") == 0);
  CHECK(r.records[0].text.find("\nFrom the lost property box") != std::string::npos);
  const Place phone = place_of(r.records[0], "07700 900901");
  CHECK(phone.line == 7);
  CHECK(source_at(r, phone) == "07700 900901");
  CHECK(r.records[1].text.find("text me on 07700 900902") != std::string::npos);
  // Decoded base64 maps to the whole encoded part.
  const Place decoded = place_of(r.records[1], "07700 900902");
  CHECK(source_at(r, decoded).rfind("VGhhdCBp", 0) == 0);
}

TEST_CASE("eml: encoded-word subject, quoted-printable soft breaks, plain part of an alternative") {
  const ReadResult r = read_path(sample("mail/newsletter.eml"));
  REQUIRE(r.stats.format == InputFormat::eml);
  REQUIRE(r.records.size() == 1);
  const std::string& text = r.records[0].text;
  CHECK(text.rfind("Café evening – volunteers needed\n\n", 0) == 0);
  CHECK(text.find("the café evening") != std::string::npos);
  CHECK(text.find("07700 900888") != std::string::npos);  // joined across the soft line break
  CHECK(text.find("<p>") == std::string::npos);           // the HTML alternative is not scanned twice
  const Place phone = place_of(r.records[0], "07700 900888");
  CHECK(source_at(r, phone) == "0=\n7700 900888");
}

TEST_CASE("Facebook comments: mojibake repaired, titles scanned, offsets point at the escapes") {
  const ReadResult r = read_path(sample("facebook/comments.json"));
  REQUIRE(r.stats.format == InputFormat::facebook);
  REQUIRE(r.records.size() == 3);  // the GIF-only entry still has its title
  CHECK(r.records[0].text ==
        "Ysgol Example replied to Siân Parry's comment.\nSiân’s mum here – call me on 07700 900111");
  CHECK(r.records[0].info.id == "comments_v2[0]");
  CHECK(r.records[0].info.author == "Ysgol Example");
  CHECK(r.records[0].info.time == "2024-03-09T16:00:00Z");
  const Place a = place_of(r.records[0], "â");
  CHECK(source_at(r, a) == "\\u00c3\\u00a2");
  const Place phone = place_of(r.records[0], "07700 900111");
  CHECK(source_at(r, phone) == "07700 900111");
  CHECK(phone.line == 9);
}

TEST_CASE("Facebook: mojibake repair can be turned off, and real Latin-1 is left alone") {
  ReaderOptions off;
  off.mojibake = "off";
  const ReadResult raw = read_path(sample("facebook/your_posts_1.json"), off);
  REQUIRE(!raw.records.empty());
  CHECK(raw.records[0].text.find("CafÃ©") != std::string::npos);
  const ReadResult latin = read_bytes("[{\"timestamp\":1,\"data\":[{\"post\":\"na\\u00efve caf\\u00e9\"}]}]",
                                      InputFormat::facebook, "l.json");
  REQUIRE(latin.records.size() == 1);
  CHECK(latin.records[0].text == "naïve café");
}

TEST_CASE("Facebook: the one-pass mojibake repair gives the same text and map as the two-pass one") {
  // "auto" decides on the raw escapes; "on" decodes, checks and regroups in
  // two passes. On a string that is mojibake both must agree exactly.
  const std::string bytes =
      "[{\"data\":[{\"post\":\"Si\\u00c3\\u00a2n\\u00e2\\u0080\\u0099s \\u0026 \\\"tr\\u00c3\\u00a9s\\\"\\n"
      "bien \\u00f0\\u009f\\u0098\\u008d ring 07700 900123\"}]}]";
  ReaderOptions on;
  on.mojibake = "on";
  const ReadResult fast = read_bytes(bytes, InputFormat::facebook, "fast.json");
  const ReadResult slow = read_bytes(bytes, InputFormat::facebook, "slow.json", on);
  REQUIRE(fast.records.size() == 1);
  REQUIRE(slow.records.size() == 1);
  CHECK(fast.records[0].text == "Siân’s & \"trés\"\nbien 😍 ring 07700 900123");
  CHECK(fast.records[0].text == slow.records[0].text);
  const auto& a = fast.records[0].map.segments;
  const auto& b = slow.records[0].map.segments;
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].text_begin == b[i].text_begin);
    CHECK(a[i].source_begin == b[i].source_begin);
    CHECK(a[i].source_end == b[i].source_end);
    CHECK(a[i].verbatim == b[i].verbatim);
    CHECK(a[i].start.column == b[i].start.column);
  }
  CHECK(source_at(fast, place_of(fast.records[0], "’")) == "\\u00e2\\u0080\\u0099");
  CHECK(source_at(fast, place_of(fast.records[0], "07700 900123")) == "07700 900123");
}

TEST_CASE("Facebook posts: a damaged record is reported and the next one is still read") {
  const std::string bytes =
      "[\n  {\n    \"data\": [{\"post\": \"first\"}]\n  },\n  {\n    \"data\": [{\"post\": \"broken\" \"x\"}]\n  },\n"
      "  {\n    \"data\": [{\"post\": \"third\"}]\n  }\n]\n";
  const ReadResult r = read_bytes(bytes, InputFormat::facebook, "p.json");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].text == "first");
  CHECK(r.records[1].text == "third");
  REQUIRE(r.has_error());
  CHECK(r.diagnostics[0].line == 6);
}

TEST_CASE("Facebook: a truncated file keeps the records before the damage") {
  const ReadResult r = read_bytes("{\"comments_v2\": [{\"data\":[{\"comment\":{\"comment\":\"kept\"}}]},\n{\"data\":[{\"comm",
                                  InputFormat::facebook, "t.json");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].text == "kept");
  REQUIRE(r.has_error());
  CHECK(r.diagnostics[0].line == 2);
}

TEST_CASE("Instagram comments: labels with spaces, emoji mojibake repaired") {
  const ReadResult r = read_path(sample("instagram/post_comments_1.json"));
  REQUIRE(r.stats.format == InputFormat::instagram);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].text == "Gorgeous day 😍 ring 07700 900333 for the raffle");
  CHECK(r.records[0].info.author == "ysgol.example");
  CHECK(r.records[0].info.time == "2024-03-10T19:46:40Z");
}

TEST_CASE("X/Twitter: JavaScript prefix skipped, full_text HTML-unescaped with offsets kept") {
  const ReadResult r = read_path(sample("twitter/tweets.js"));
  REQUIRE(r.stats.format == InputFormat::twitter);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].text == "Year 3 trip to the museum & park. Lost property? Call 07700 900444");
  CHECK(r.records[0].info.id == "1766000000000000001");
  CHECK(r.records[0].info.time == "Fri Mar 07 15:30:00 +0000 2025");
  CHECK(source_at(r, place_of(r.records[0], "&")) == "&amp;");
  CHECK(source_at(r, place_of(r.records[0], "07700 900444")) == "07700 900444");
  CHECK(r.records[1].text == "Results > expectations! Email <head@example.org>");
  CHECK(source_at(r, place_of(r.records[1], "head@example.org")) == "head@example.org");
}

TEST_CASE("X/Twitter: a file without the window.YTD prefix is an error naming line 1") {
  const ReadResult r = read_bytes("[{\"tweet\":{}}]", InputFormat::twitter, "tweets.js");
  CHECK(r.records.empty());
  REQUIRE(r.has_error());
  CHECK(r.diagnostics[0].line == 1);
}
