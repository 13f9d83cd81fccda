// Writes a synthetic comment archive of a chosen size in one of the streamed
// archive formats, for memory and throughput measurements of the readers:
//
//   generate_archive --format FORMAT --size 5G [--seed N] -o FILE
//
// FORMAT: jsonl, csv, whatsapp (Android lines), mbox, text (paragraphs of
// comments), facebook (DYI comments_v2 JSON, pretty-printed like Meta's, with
// its per-byte \u00XX escapes), instagram (post_comments_1.json) or twitter
// (data/tweets.js).
//
// The same seed and size give the same bytes. About one record in a hundred
// carries personal data (a phone number or an email address from the ranges
// reserved for fiction: 07700 900xxx, example.org), so the scanner has
// findings to report; multi-line records and escapes exercise the readers'
// slow paths.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <string_view>

namespace {

constexpr const char* kOpenings[] = {
    "Lovely photos from", "Thank you for organising", "Well done everyone at", "So proud of the children at",
    "Brilliant effort in", "What a great day for", "Can't believe how much fun was had at", "Fantastic work on",
};
constexpr const char* kEvents[] = {
    "sports day", "the Easter fair", "the Year 6 leavers' assembly", "the nativity", "the museum trip",
    "the science week", "the book fair", "the cake sale", "the concert", "the residential",
};
constexpr const char* kClosings[] = {
    "Thanks to all the staff.", "The children loved it!", "See you at the next one.", "Diolch yn fawr!",
    "Such a credit to the school.", "Can't wait for next year.", "👏👏", "What a team ❤️",
};
constexpr const char* kAuthors[] = {"Parent A", "Parent B", "Grandparent C", "Carer D", "Parent E", "Friend F"};

struct Generator {
  std::mt19937_64 rng;
  uint64_t sequence = 0;

  size_t pick(size_t n) { return static_cast<size_t>(rng() % n); }

  // One comment; sometimes two lines, sometimes with personal data.
  std::string comment() {
    std::string text = std::string(kOpenings[pick(std::size(kOpenings))]) + ' ' + kEvents[pick(std::size(kEvents))] +
                       ". " + kClosings[pick(std::size(kClosings))];
    const size_t roll = pick(100);
    if (roll == 0) text += " Call me on 07700 900" + std::to_string(100 + pick(900));
    if (roll == 1) text += " Email me at parent" + std::to_string(pick(1000)) + "@example.org";
    if (roll >= 90) text += "\nSee the \"photos\" page too.";
    return text;
  }
  std::string author() { return kAuthors[pick(std::size(kAuthors))]; }
};

std::string json_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

// Meta's exporter: every non-ASCII byte as its own \u00XX escape.
std::string meta_escape(std::string_view s) {
  std::string out;
  char escape[8];
  for (char c : json_escape(s)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += c;
      continue;
    }
    std::snprintf(escape, sizeof escape, "\\u%04x", byte);
    out += escape;
  }
  return out;
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

std::string csv_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + '"';
}

std::string record(Generator& g, std::string_view format) {
  const uint64_t n = ++g.sequence;
  const uint64_t seconds = 1700000000 + n * 37;
  const unsigned day = 1 + static_cast<unsigned>((n / 500) % 28), month = 1 + static_cast<unsigned>((n / 14000) % 12);
  const unsigned hour = static_cast<unsigned>((n / 20) % 24), minute = static_cast<unsigned>(n % 60);
  char stamp[64];
  if (format == "jsonl") {
    return "{\"id\":\"c" + std::to_string(n) + "\",\"author\":\"" + g.author() + "\",\"time\":" +
           std::to_string(seconds) + ",\"text\":\"" + json_escape(g.comment()) + "\"}\n";
  }
  if (format == "csv") {
    return std::to_string(n) + ',' + g.author() + ',' + std::to_string(seconds) + ',' + csv_quote(g.comment()) + "\r\n";
  }
  if (format == "facebook") {
    const std::string author = g.author();
    return "    {\n      \"timestamp\": " + std::to_string(seconds) +
           ",\n      \"data\": [\n        {\n          \"comment\": {\n            \"timestamp\": " +
           std::to_string(seconds) + ",\n            \"comment\": \"" + meta_escape(g.comment()) +
           "\",\n            \"author\": \"" + author + "\"\n          }\n        }\n      ],\n      \"title\": \"" +
           author + " commented on Oakfield Primary School\\u00e2\\u0080\\u0099s post.\"\n    }";
  }
  if (format == "instagram") {
    return "  {\n    \"media_list_data\": [\n      {\n        \"uri\": \"\"\n      }\n    ],\n"
           "    \"string_map_data\": {\n      \"Comment\": {\n        \"value\": \"" + meta_escape(g.comment()) +
           "\"\n      },\n      \"Media Owner\": {\n        \"value\": \"oakfieldprimary\"\n      },\n"
           "      \"Time\": {\n        \"timestamp\": " + std::to_string(seconds) + "\n      }\n    }\n  }";
  }
  if (format == "twitter") {
    std::snprintf(stamp, sizeof stamp, "Fri Mar %02u %02u:%02u:00 +0000 2025", day, hour, minute);
    return "  {\n    \"tweet\" : {\n      \"id_str\" : \"17660000" + std::to_string(10000000000 + n) +
           "\",\n      \"created_at\" : \"" + stamp + "\",\n      \"full_text\" : \"" +
           json_escape(html_escape(g.comment() + " & more")) + "\",\n      \"lang\" : \"en\"\n    }\n  }";
  }
  if (format == "text") {
    // A paragraph of two to five comments, then a blank line.
    std::string paragraph = g.comment();
    for (size_t k = 1 + g.pick(4); k > 0; --k) paragraph += (g.pick(3) == 0 ? "\n" : " ") + g.comment();
    return paragraph + "\n\n";
  }
  if (format == "whatsapp") {
    std::snprintf(stamp, sizeof stamp, "%02u/%02u/2024, %02u:%02u - ", day, month, hour, minute);
    return stamp + g.author() + ": " + g.comment() + '\n';
  }
  // mbox
  std::snprintf(stamp, sizeof stamp, "Mon, %02u Jan 2024 %02u:%02u:00 +0000", day, hour, minute);
  return "From parent@example.org Mon Jan  1 00:00:00 2024\nFrom: " + g.author() + " <p" + std::to_string(n % 997) +
         "@example.org>\nSubject: Comment " + std::to_string(n) + "\nDate: " + stamp + "\nMessage-ID: <" +
         std::to_string(n) + "@example.org>\n\n" + g.comment() + "\n\n";
}

uint64_t parse_size(const char* text) {
  char* end = nullptr;
  double value = std::strtod(text, &end);
  switch (end && *end ? *end : ' ') {
    case 'k': case 'K': value *= 1e3; break;
    case 'm': case 'M': value *= 1e6; break;
    case 'g': case 'G': value *= 1e9; break;
    default: break;
  }
  return static_cast<uint64_t>(value);
}

int usage() {
  std::fprintf(stderr,
               "usage: generate_archive --format jsonl|csv|whatsapp|mbox|text|facebook|instagram|twitter "
               "--size BYTES[K|M|G] [--seed N] -o FILE\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string format = "jsonl", output;
  uint64_t size = 0, seed = 42;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view arg = argv[i];
    if (arg == "--format") format = argv[i + 1];
    else if (arg == "--size") size = parse_size(argv[i + 1]);
    else if (arg == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (arg == "-o" || arg == "--output") output = argv[i + 1];
    else return usage();
  }
  const std::string_view formats[] = {"jsonl", "csv", "whatsapp", "mbox", "text", "facebook", "instagram", "twitter"};
  if (output.empty() || size == 0 || std::find(std::begin(formats), std::end(formats), format) == std::end(formats)) {
    return usage();
  }
  // The JSON archives are one document: a record list between a header and
  // a footer, elements separated by commas.
  std::string header, separator, footer;
  if (format == "csv") header = "id,author,time,text\r\n";
  if (format == "facebook") header = "{\n  \"comments_v2\": [\n", separator = ",\n", footer = "\n  ]\n}\n";
  if (format == "instagram") header = "[\n", separator = ",\n", footer = "\n]\n";
  if (format == "twitter") header = "window.YTD.tweets.part0 = [\n", separator = ",\n", footer = "\n]";
  std::FILE* out = std::fopen(output.c_str(), "wb");
  if (!out) {
    std::perror(output.c_str());
    return 1;
  }
  Generator g{std::mt19937_64(seed)};
  uint64_t written = 0;
  std::fwrite(header.data(), 1, header.size(), out);
  written += header.size();
  std::string chunk;
  bool first = true;
  while (written < size) {
    chunk.clear();
    while (chunk.size() < (1 << 20) && written + chunk.size() < size) {
      if (!first) chunk += separator;
      first = false;
      chunk += record(g, format);
    }
    if (std::fwrite(chunk.data(), 1, chunk.size(), out) != chunk.size()) {
      std::perror(output.c_str());
      return 1;
    }
    written += chunk.size();
  }
  std::fwrite(footer.data(), 1, footer.size(), out);
  written += footer.size();
  if (std::fclose(out) != 0) {
    std::perror(output.c_str());
    return 1;
  }
  std::fprintf(stderr, "wrote %llu bytes of %s to %s\n", static_cast<unsigned long long>(written), format.c_str(),
               output.c_str());
  return 0;
}
