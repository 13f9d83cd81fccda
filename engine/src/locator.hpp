#pragma once
// Maps offsets in a record's text to line:column and byte offsets in the
// original file, through the record's SourceMap. The line index is built on
// the first request only, so records without findings never pay for it.
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "policycheck/record.hpp"

namespace policycheck {

struct Location {
  uint32_t line = 1;
  uint32_t column = 1;
  uint64_t byte = 0;
};

class Locator {
 public:
  explicit Locator(const Record& record) : record_(record) {}

  // Position of the character starting at `offset` (is_end = false) or of
  // the position just after the character ending at `offset` (is_end = true).
  Location locate(uint64_t offset, bool is_end) const;

  // Where text[start, end) came from: from the earliest to the latest source
  // position of the segments it covers. Readers need not lay text out in
  // source order (cmark places some inline text apart from where it was
  // written), so the positions of the two ends alone could be inverted.
  std::pair<Location, Location> locate_span(uint64_t start, uint64_t end) const;

  // The line of record text holding `offset`, without its terminator.
  std::string_view line_text(uint64_t offset) const;
  // Code points from the start of that line to `offset`.
  uint32_t column_in_line(uint64_t offset) const;

 private:
  void build_index() const;
  uint64_t line_start_of(uint64_t offset) const;
  // Code points in text[from, to). Findings arrive in text order, so the
  // count carries on from the previous one with the same `from` (a line's
  // start): locating N findings on one long line costs the line's length,
  // not N times it.
  uint64_t code_points(uint64_t from, uint64_t to) const;
  const Record& record_;
  mutable bool indexed_ = false;
  mutable std::vector<uint64_t> line_starts_;  // offsets where a new line begins (not 0)
  mutable uint64_t memo_from_ = UINT64_MAX, memo_to_ = 0, memo_points_ = 0;
};

}  // namespace policycheck
