#include "locator.hpp"

#include <algorithm>

#include "utf8.hpp"

namespace policycheck {

void Locator::build_index() const {
  if (indexed_) return;
  indexed_ = true;
  const std::string_view text = record_.text;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
      line_starts_.push_back(i + 1);  // a lone CR ends a line too
    }
  }
}

uint64_t Locator::line_start_of(uint64_t offset) const {
  build_index();
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return it == line_starts_.begin() ? 0 : *(it - 1);
}

Location Locator::locate(uint64_t offset, bool is_end) const {
  build_index();
  const std::string_view text = record_.text;
  offset = std::min<uint64_t>(offset, text.size());
  Segment whole;
  whole.text_end = text.size();
  whole.source_end = text.size();
  const Segment* seg = &whole;
  const auto& segments = record_.map.segments;
  if (!segments.empty()) {
    // An end offset belongs to the segment holding the character before it.
    const uint64_t probe = (is_end && offset > 0) ? offset - 1 : offset;
    auto it = std::upper_bound(segments.begin(), segments.end(), probe,
                               [](uint64_t value, const Segment& s) { return value < s.text_begin; });
    seg = it == segments.begin() ? &segments.front() : &*(it - 1);
  }
  if (!seg->verbatim) {
    if (is_end) return {seg->end.line, seg->end.column, seg->source_end};
    return {seg->start.line, seg->start.column, seg->source_begin};
  }
  const uint64_t begin = std::min<uint64_t>(seg->text_begin, offset);
  offset = std::min<uint64_t>(offset, std::max<uint64_t>(seg->text_end, begin));
  Location loc;
  loc.byte = seg->source_begin + (offset - begin);
  if (seg->source_unit == 2) {  // UTF-16 source: 2 bytes per BMP character, 4 above
    loc.byte = seg->source_begin;
    const std::string_view part = text.substr(begin, offset - begin);
    for (size_t pos = 0; pos < part.size();) {
      size_t len = 0;
      loc.byte += utf8::decode_at(part, pos, &len) >= 0x10000 ? 4 : 2;
      pos += len;
    }
  }
  const auto first = std::upper_bound(line_starts_.begin(), line_starts_.end(), begin);
  const auto last = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto lines_crossed = static_cast<uint32_t>(last - first);
  if (lines_crossed == 0) {
    loc.line = seg->start.line;
    loc.column = seg->start.column + static_cast<uint32_t>(code_points(begin, offset));
  } else {
    const uint64_t line_start = *(last - 1);
    loc.line = seg->start.line + lines_crossed;
    loc.column = 1 + static_cast<uint32_t>(code_points(line_start, offset));
  }
  return loc;
}

namespace {
bool before(const Location& a, const Location& b) {
  if (a.byte != b.byte) return a.byte < b.byte;
  if (a.line != b.line) return a.line < b.line;
  return a.column < b.column;
}
}  // namespace

std::pair<Location, Location> Locator::locate_span(uint64_t start, uint64_t end) const {
  Location from = locate(start, false);
  Location to = locate(std::max(start, end), true);
  const auto& segments = record_.map.segments;
  if (segments.size() < 2 || end <= start) {
    if (before(to, from)) to = from;
    return {from, to};
  }
  // Widen over every segment the span covers: the first segment holding
  // `start`, up to the one holding the character before `end`.
  auto it = std::upper_bound(segments.begin(), segments.end(), start,
                             [](uint64_t value, const Segment& s) { return value < s.text_begin; });
  if (it != segments.begin()) --it;
  for (; it != segments.end() && it->text_begin < end; ++it) {
    const uint64_t part_begin = std::max(start, it->text_begin);
    const uint64_t part_end = std::min(end, it->text_end);
    if (part_begin >= part_end) continue;
    const Location part_from = locate(part_begin, false);
    const Location part_to = locate(part_end, true);
    if (before(part_from, from)) from = part_from;
    if (before(to, part_to)) to = part_to;
  }
  if (before(to, from)) to = from;
  return {from, to};
}

std::string_view Locator::line_text(uint64_t offset) const {
  const std::string_view text = record_.text;
  offset = std::min<uint64_t>(offset, text.size());
  const uint64_t start = line_start_of(offset);
  // The line ends just before the next one's terminator, found in the
  // index rather than by walking a possibly very long line per finding.
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint64_t end = text.size();
  if (next != line_starts_.end()) {
    end = *next - 1;  // the LF or lone CR
    if (text[end] == '\n' && end > start && text[end - 1] == '\r') --end;
  }
  return text.substr(start, end - start);
}

uint32_t Locator::column_in_line(uint64_t offset) const {
  offset = std::min<uint64_t>(offset, record_.text.size());
  return static_cast<uint32_t>(code_points(line_start_of(offset), offset));
}

uint64_t Locator::code_points(uint64_t from, uint64_t to) const {
  const std::string_view text = record_.text;
  // Start afresh for another line, or when counting back would cost more.
  if (from != memo_from_ || to < from || (to < memo_to_ && memo_to_ - to > to - from)) {
    memo_from_ = from;
    memo_to_ = from;
    memo_points_ = 0;
  }
  if (to >= memo_to_) {
    memo_points_ += utf8::count_code_points(text.substr(memo_to_, to - memo_to_));
  } else {
    memo_points_ -= utf8::count_code_points(text.substr(to, memo_to_ - to));
  }
  memo_to_ = to;
  return memo_points_;
}

}  // namespace policycheck
