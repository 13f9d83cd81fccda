#include "decoded_text.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

#include "../utf8.hpp"

namespace policycheck::inputs {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int hex4(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return -1;
  int v = 0;
  for (size_t k = 0; k < 4; ++k) {
    const int h = hex_value(s[at + k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

struct NamedReference {
  const char* name;
  const char* utf8;
};

// The references school newsletters and exported posts actually contain;
// anything else is left as written (and still scanned).
constexpr NamedReference kNamed[] = {
    {"amp", "&"},      {"lt", "<"},       {"gt", ">"},       {"quot", "\""},     {"apos", "'"},
    {"nbsp", "\xC2\xA0"}, {"ndash", "\xE2\x80\x93"}, {"mdash", "\xE2\x80\x94"}, {"lsquo", "\xE2\x80\x98"},
    {"rsquo", "\xE2\x80\x99"}, {"ldquo", "\xE2\x80\x9C"}, {"rdquo", "\xE2\x80\x9D"}, {"hellip", "\xE2\x80\xA6"},
    {"pound", "\xC2\xA3"}, {"euro", "\xE2\x82\xAC"}, {"copy", "\xC2\xA9"}, {"reg", "\xC2\xAE"},
    {"eacute", "\xC3\xA9"}, {"egrave", "\xC3\xA8"}, {"aacute", "\xC3\xA1"}, {"acirc", "\xC3\xA2"},
    {"ecirc", "\xC3\xAA"}, {"icirc", "\xC3\xAE"}, {"ocirc", "\xC3\xB4"}, {"ucirc", "\xC3\xBB"},
    {"wcirc", "\xC5\xB5"}, {"ycirc", "\xC5\xB7"}, {"uuml", "\xC3\xBC"}, {"ouml", "\xC3\xB6"},
    {"euml", "\xC3\xAB"}, {"iuml", "\xC3\xAF"}, {"ccedil", "\xC3\xA7"}, {"shy", "\xC2\xAD"},
};

}  // namespace

void append_json_string(TextBuilder& out, std::string_view raw, uint64_t file_offset) {
  size_t run = 0;
  size_t i = 0;
  std::string decoded;
  while (i < raw.size()) {
    const void* hit = std::memchr(raw.data() + i, '\\', raw.size() - i);
    if (!hit) break;
    i = static_cast<size_t>(static_cast<const char*>(hit) - raw.data());
    if (i > run) out.verbatim(raw.substr(run, i - run), file_offset + run);
    if (i + 1 >= raw.size()) {  // a lone backslash at the end: keep it
      out.verbatim(raw.substr(i), file_offset + i);
      return;
    }
    size_t len = 2;
    decoded.clear();
    switch (raw[i + 1]) {
      case 'n': decoded = "\n"; break;
      case 't': decoded = "\t"; break;
      case 'r': decoded = "\r"; break;
      case 'b': decoded = "\b"; break;
      case 'f': decoded = "\f"; break;
      case 'u': {
        const int unit = hex4(raw, i + 2);
        if (unit < 0) {
          decoded = "\\u";
          break;
        }
        char32_t cp = static_cast<char32_t>(unit);
        len = 6;
        if (cp >= 0xD800 && cp <= 0xDBFF && raw.substr(i + 6, 2) == "\\u") {
          const int low = hex4(raw, i + 8);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<char32_t>(low) - 0xDC00);
            len = 12;
          }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
        utf8::append(decoded, cp);
        break;
      }
      default: decoded = raw.substr(i + 1, 1); break;
    }
    out.decoded(decoded, file_offset + i, file_offset + i + len);
    i += len;
    run = i;
  }
  if (run < raw.size()) out.verbatim(raw.substr(run), file_offset + run);
}

size_t Retext::segment_of(size_t offset) const {
  const auto& segs = map_.segments;
  auto it = std::upper_bound(segs.begin(), segs.end(), offset,
                             [](size_t value, const Segment& s) { return value < s.text_begin; });
  return it == segs.begin() ? 0 : static_cast<size_t>(it - segs.begin()) - 1;
}

void Retext::copy(size_t a, size_t b) {
  if (a >= b) return;
  if (map_.segments.empty()) {
    out_.verbatim(text_.substr(a, b - a), a);
    return;
  }
  for (size_t s = segment_of(a); s < map_.segments.size() && a < b; ++s) {
    const Segment& seg = map_.segments[s];
    const size_t end = std::min<size_t>(b, seg.text_end);
    if (end <= a) continue;
    const std::string_view piece = text_.substr(a, end - a);
    if (seg.verbatim) out_.verbatim(piece, seg.source_begin + (a - seg.text_begin));
    else out_.decoded(piece, seg.source_begin, seg.source_end);
    a = end;
  }
}

void Retext::replace(std::string_view piece, size_t a, size_t b) {
  if (map_.segments.empty()) {
    out_.decoded(piece, a, b);
    return;
  }
  const Segment& first = map_.segments[segment_of(a)];
  const Segment& last = map_.segments[segment_of(b > a ? b - 1 : a)];
  const uint64_t begin = first.verbatim ? first.source_begin + (a - first.text_begin) : first.source_begin;
  const uint64_t end = last.verbatim ? last.source_begin + (b - last.text_begin) : last.source_end;
  out_.decoded(piece, begin, std::max(begin, end));
}

size_t decode_html_reference(std::string_view text, size_t pos, std::string& out) {
  const size_t semi = text.find(';', pos);
  if (semi == std::string_view::npos || semi - pos > 12 || semi == pos + 1) return 0;
  const std::string_view body = text.substr(pos + 1, semi - pos - 1);
  if (body[0] == '#') {
    char32_t cp = 0;
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      const int v = hex ? hex_value(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
      if (v < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
      if (cp > 0x10FFFF) return 0;
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    utf8::append(out, cp);
    return semi - pos + 1;
  }
  for (const NamedReference& ref : kNamed) {
    if (body == ref.name) {
      out += ref.utf8;
      return semi - pos + 1;
    }
  }
  return 0;
}

void append_html_unescaped(std::string_view text, const SourceMap& map, TextBuilder& out) {
  Retext re(text, map, out);
  size_t run = 0;
  std::string decoded;
  for (size_t i = text.find('&'); i != std::string_view::npos; i = text.find('&', i + 1)) {
    decoded.clear();
    const size_t len = decode_html_reference(text, i, decoded);
    if (!len) continue;
    re.copy(run, i);
    re.replace(decoded, i, i + len);
    run = i + len;
    i = run - 1;
  }
  re.copy(run, text.size());
}

std::string html_unescape(std::string_view text) {
  std::string out;
  size_t run = 0;
  for (size_t i = text.find('&'); i != std::string_view::npos; i = text.find('&', i + 1)) {
    std::string decoded;
    const size_t len = decode_html_reference(text, i, decoded);
    if (!len) continue;
    out.append(text.substr(run, i - run));
    out += decoded;
    run = i + len;
    i = run - 1;
  }
  out.append(text.substr(run));
  return out;
}

bool is_meta_mojibake(std::string_view decoded) {
  std::string bytes;
  bool multibyte = false;
  for (size_t i = 0; i < decoded.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(decoded, i, &len);
    if (cp > 0xFF) return false;
    if (cp >= 0x80) multibyte = true;
    bytes += static_cast<char>(cp);
    i += len;
  }
  return multibyte && utf8::valid(bytes);
}

void append_mojibake_repaired(std::string_view decoded, const SourceMap& map, TextBuilder& out) {
  Retext re(decoded, map, out);
  size_t run = 0;  // start of pending ASCII, copied as it is
  size_t i = 0;
  while (i < decoded.size()) {
    if (static_cast<unsigned char>(decoded[i]) < 0x80) {
      ++i;
      continue;
    }
    re.copy(run, i);
    // Collect the code points (each standing for one byte) of one UTF-8 character.
    size_t len = 0;
    const char32_t lead = utf8::decode_at(decoded, i, &len);
    const size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    std::string bytes(1, static_cast<char>(lead));
    size_t j = i + len;
    for (size_t k = 1; k < need && j < decoded.size(); ++k) {
      size_t l = 0;
      bytes += static_cast<char>(utf8::decode_at(decoded, j, &l));
      j += l;
    }
    re.replace(bytes, i, j);
    i = j;
    run = j;
  }
  re.copy(run, decoded.size());
}

namespace {

// The "auto" rule decided on the raw JSON string in one pass, for the usual
// export (escapes only, no raw non-ASCII bytes): the code points, each taken
// as a byte, must be valid UTF-8 with a multi-byte sequence. Returns
// nullopt when the raw string holds something the fast path does not
// handle (a raw non-ASCII byte, a broken escape).
std::optional<bool> meta_mojibake_from_escapes(std::string_view raw) {
  std::string bytes;
  bytes.reserve(raw.size());
  bool multibyte = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c >= 0x80) return std::nullopt;
    if (c != '\\') {
      bytes += static_cast<char>(c);
      continue;
    }
    if (i + 1 >= raw.size()) return std::nullopt;
    if (raw[i + 1] != 'u') {
      bytes += 'x';  // \n \" \\ ...: some ASCII byte, all that matters here
      ++i;
      continue;
    }
    const int value = hex4(raw, i + 2);
    if (value < 0) return std::nullopt;
    if (value > 0xFF) return false;
    if (value >= 0x80) multibyte = true;
    bytes += static_cast<char>(value);
    i += 5;
  }
  return multibyte && utf8::valid(bytes);
}

// Emits a raw string already known to be mojibake: each group of \u00XX
// escapes that spells one UTF-8 character becomes that character, mapped to
// the group's escapes; everything between goes through the JSON decoder.
void append_regrouped_escapes(TextBuilder& out, std::string_view raw, uint64_t file_offset) {
  size_t run = 0;
  size_t i = 0;
  while (i < raw.size()) {
    if (raw[i] != '\\') {
      ++i;
      continue;
    }
    const int lead = raw[i + 1] == 'u' ? hex4(raw, i + 2) : -1;
    if (lead < 0x80) {
      i += 2;  // a simple escape or an ASCII \u00XX: left to the JSON decoder
      continue;
    }
    append_json_string(out, raw.substr(run, i - run), file_offset + run);
    const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    std::string character(1, static_cast<char>(lead));
    size_t end = i + 6;
    // Validated as UTF-8 as a whole: the continuation bytes are the next escapes.
    for (size_t k = 1; k < length; ++k, end += 6) character += static_cast<char>(hex4(raw, end + 2));
    out.decoded(character, file_offset + i, file_offset + end);
    i = end;
    run = end;
  }
  append_json_string(out, raw.substr(run), file_offset + run);
}

}  // namespace

void append_meta_string(TextBuilder& out, std::string_view raw, uint64_t file_offset, std::string_view mode) {
  if (mode == "off" || raw.find("\\u00") == std::string_view::npos) {
    append_json_string(out, raw, file_offset);
    return;
  }
  if (mode == "auto") {
    if (const std::optional<bool> mojibake = meta_mojibake_from_escapes(raw)) {
      if (*mojibake) append_regrouped_escapes(out, raw, file_offset);
      else append_json_string(out, raw, file_offset);
      return;
    }
  }
  std::string first;
  SourceMap first_map;
  TextBuilder first_pass(first, first_map);  // positioned when re-emitted into `out`
  append_json_string(first_pass, raw, file_offset);
  // "on" regroups whenever every code point fits in a byte, even when the
  // bytes then fail as UTF-8 (the builder marks those with U+FFFD).
  bool all_bytes = true;
  for (size_t i = 0; i < first.size() && all_bytes;) {
    size_t len = 0;
    all_bytes = utf8::decode_at(first, i, &len) <= 0xFF;
    i += len;
  }
  if (mode == "on" ? all_bytes : is_meta_mojibake(first)) {
    append_mojibake_repaired(first, first_map, out);
    return;
  }
  Retext(first, first_map, out).copy(0, first.size());
}

}  // namespace policycheck::inputs
