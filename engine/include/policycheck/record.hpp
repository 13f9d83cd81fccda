#pragma once
// A record is one unit of text to screen (a draft, a post, a comment) plus the
// map from its text back to the original file. Readers produce records; the
// scanner never knows which format a record came from.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace policycheck {

// A 1-based line and code-point column in the original file.
struct TextPosition {
  uint32_t line = 1;
  uint32_t column = 1;
};

// One stretch of record text and the source bytes it came from. Verbatim
// segments are byte-for-byte copies of the source, so offsets inside map one
// to one and lines/columns can be counted on the record text itself. Anything
// decoded (entities, JSON escapes, quoted-printable) is not verbatim: a hit
// inside maps to the whole source span.
struct Segment {
  uint64_t text_begin = 0;
  uint64_t text_end = 0;
  uint64_t source_begin = 0;
  uint64_t source_end = 0;
  TextPosition start;  // position of source_begin
  TextPosition end;    // position of source_end
  bool verbatim = true;
  // Verbatim segments of a transcoded file hold the same characters as the
  // source in another encoding: 2 means the source is UTF-16, so byte
  // offsets are counted in UTF-16 code units (2 or 4 bytes a character).
  uint8_t source_unit = 1;
};

// Maps record-text offsets to source positions. With no segments the record
// text is the source itself starting at byte 0, line 1, column 1.
struct SourceMap {
  std::vector<Segment> segments;
};

// Where a record sits inside an archive: its id, author and time when the
// format has them, and the field the text came from.
struct RecordInfo {
  std::string id;
  std::string author;
  std::string time;
  std::string field;
};

struct Record {
  std::string_view path;  // the original file as the user named it; "-" for stdin
  std::string_view text;  // UTF-8 text to screen
  SourceMap map;
  RecordInfo info;
};

}  // namespace policycheck
