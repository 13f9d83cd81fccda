// Plain text drafts: UTF-8 (with or without a BOM) or UTF-16 with a BOM.
// Valid UTF-8 without a BOM, by far the common case, is scanned in place
// with no copy and an identity source map.
#include "../utf8.hpp"
#include "policycheck/input.hpp"

namespace policycheck {
namespace {

// UTF-16 to UTF-8, one verbatim segment per line (columns count the same
// characters in both encodings; byte offsets count 2-byte units).
void transcode_utf16(std::string_view bytes, bool little_endian, std::string& text, SourceMap& map) {
  auto unit_at = [&](size_t i) -> char16_t {
    const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return static_cast<char16_t>(little_endian ? (a | (b << 8)) : ((a << 8) | b));
  };
  Segment seg;
  seg.source_unit = 2;
  seg.source_begin = 2;  // after the BOM
  uint32_t line = 1;
  size_t i = 2;
  while (i + 1 < bytes.size()) {
    char32_t cp = unit_at(i);
    size_t width = 2;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size()) {
      const char16_t low = unit_at(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        width = 4;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    utf8::append(text, cp);
    i += width;
    if (cp == '\n') {  // close this line's segment
      seg.text_end = text.size();
      seg.source_end = i;
      map.segments.push_back(seg);
      seg = Segment{};
      seg.source_unit = 2;
      seg.text_begin = text.size();
      seg.source_begin = i;
      seg.start = {++line, 1};
    }
  }
  seg.text_end = text.size();
  seg.source_end = i;
  if (seg.text_end > seg.text_begin || map.segments.empty()) map.segments.push_back(seg);
}

// Invalid UTF-8 bytes become U+FFFD, each mapped back to its own byte.
void repair_utf8(std::string_view bytes, size_t offset, std::string& text, SourceMap& map) {
  TextPosition pos{1, 1};
  Segment run;
  run.source_begin = offset;
  run.start = pos;
  auto close_run = [&](size_t at) {
    run.text_end = text.size();
    run.source_end = at;
    if (run.text_end > run.text_begin) map.segments.push_back(run);
  };
  size_t i = offset;
  while (i < bytes.size()) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(bytes, i, &len);
    const bool bad = cp == 0xFFFD && !(len == 3 && bytes.substr(i, 3) == "\xEF\xBF\xBD");
    if (bad) {
      close_run(i);
      Segment replaced;
      replaced.text_begin = text.size();
      text += "\xEF\xBF\xBD";
      replaced.text_end = text.size();
      replaced.source_begin = i;
      replaced.source_end = i + 1;
      replaced.start = pos;
      replaced.end = {pos.line, pos.column + 1};
      replaced.verbatim = false;
      map.segments.push_back(replaced);
      ++pos.column;
      i += 1;
      run = Segment{};
      run.text_begin = text.size();
      run.source_begin = i;
      run.start = pos;
      continue;
    }
    text.append(bytes.substr(i, len));
    if (cp == '\n' || (cp == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
      ++pos.line;
      pos.column = 1;
    } else if (cp != '\r') {
      ++pos.column;
    }
    i += len;
  }
  close_run(i);
}

}  // namespace

void read_plain_text(const std::string& path, std::string_view bytes, std::string& storage,
                     const RecordCallback& emit, const DiagnosticCallback& diagnose) {
  Record record;
  record.path = path;
  storage.clear();
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    transcode_utf16(bytes, bytes[0] == '\xFF', storage, record.map);
    record.text = storage;
    emit(record);
    return;
  }
  const size_t offset = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  if (utf8::valid(bytes.substr(offset))) {
    record.text = bytes.substr(offset);
    if (offset) {
      Segment seg;
      seg.text_end = record.text.size();
      seg.source_begin = offset;
      seg.source_end = bytes.size();
      record.map.segments.push_back(seg);
    }
    emit(record);
    return;
  }
  diagnose({InputDiagnostic::Level::notice, path, 0, "invalid UTF-8 replaced by U+FFFD for scanning"});
  repair_utf8(bytes, offset, storage, record.map);
  record.text = storage;
  emit(record);
}

}  // namespace policycheck
