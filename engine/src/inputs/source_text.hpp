#pragma once
// Building a record's text together with its SourceMap. Every reader appends
// pieces of text with the source bytes they came from; the builder merges
// neighbouring verbatim pieces, marks decoded pieces as non-verbatim, and
// repairs invalid UTF-8 (U+FFFD mapped to the bad bytes) so the scanner only
// ever sees valid UTF-8.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "policycheck/record.hpp"

namespace policycheck::inputs {

// Finds the line:column of any byte offset inside a buffer of source bytes.
// `base_offset` and `base` say where the buffer starts in the file, so the
// same class serves whole documents and single records read from a stream.
// Lookups are cheap when they move forward through one line (the usual case:
// pieces are appended in source order), so a minified single-line JSON file
// does not cost quadratic time.
class Positioner {
 public:
  Positioner() = default;
  Positioner(std::string_view buffer, uint64_t base_offset = 0, TextPosition base = {});

  TextPosition at(uint64_t file_offset) const;
  // The 1-based line holding a file offset (no column counting).
  uint32_t line_at(uint64_t file_offset) const;
  uint64_t base_offset() const { return base_offset_; }
  std::string_view buffer() const { return buffer_; }

 private:
  void index() const;
  std::string_view buffer_;
  uint64_t base_offset_ = 0;
  TextPosition base_;
  mutable bool indexed_ = false;
  mutable std::vector<uint64_t> line_starts_;  // buffer offsets of lines after the first
  // The last answer, to continue from when the next lookup is further along the same line.
  mutable uint64_t cached_offset_ = UINT64_MAX;
  mutable size_t cached_line_index_ = 0;
  mutable TextPosition cached_;
};

class TextBuilder {
 public:
  TextBuilder(std::string& text, SourceMap& map, const Positioner& positions)
      : text_(text), map_(map), positions_(&positions) {}
  // A builder for an intermediate decoding pass (re-emitted through Retext,
  // which positions the final segments) or for text kept as record
  // information: segments carry offsets but no line:column, which is where
  // most of a decoding pass's time would go.
  TextBuilder(std::string& text, SourceMap& map) : text_(text), map_(map), positions_(nullptr) {}

  // Text copied unchanged from the source at `file_offset`. Invalid UTF-8 in
  // it becomes U+FFFD (non-verbatim, mapped to the bad byte).
  void verbatim(std::string_view piece, uint64_t file_offset);
  // Text that stands for the source bytes [file_begin, file_end) but is not a
  // copy of them (an escape, an entity, a decoded MIME part).
  void decoded(std::string_view piece, uint64_t file_begin, uint64_t file_end);
  // Text the reader adds itself (a space joining soft-wrapped lines, a break
  // between paragraphs or fields), mapped to the empty span at `file_offset`.
  void synthetic(std::string_view piece, uint64_t file_offset) { decoded(piece, file_offset, file_offset); }

  bool repaired_utf8() const { return repaired_; }
  size_t size() const { return text_.size(); }
  std::string& text() { return text_; }

 private:
  void append_segment(std::string_view piece, uint64_t file_begin, uint64_t file_end, bool verbatim);
  std::string& text_;
  SourceMap& map_;
  const Positioner* positions_;
  bool repaired_ = false;
};

}  // namespace policycheck::inputs
