#include "source_text.hpp"

#include <algorithm>

#include "../utf8.hpp"

namespace policycheck::inputs {

Positioner::Positioner(std::string_view buffer, uint64_t base_offset, TextPosition base)
    : buffer_(buffer), base_offset_(base_offset), base_(base) {}

void Positioner::index() const {
  if (indexed_) return;
  indexed_ = true;
  const char* data = buffer_.data();
  const size_t n = buffer_.size();
  for (size_t i = 0; i < n; ++i) {
    if (data[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (data[i] == '\r' && (i + 1 >= n || data[i + 1] != '\n')) {
      line_starts_.push_back(i + 1);
    }
  }
}

uint32_t Positioner::line_at(uint64_t file_offset) const {
  index();
  const uint64_t rel = std::min<uint64_t>(file_offset - std::min(file_offset, base_offset_), buffer_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), rel);
  return base_.line + static_cast<uint32_t>(it - line_starts_.begin());
}

TextPosition Positioner::at(uint64_t file_offset) const {
  index();
  const uint64_t rel = std::min<uint64_t>(file_offset - std::min(file_offset, base_offset_), buffer_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), rel);
  const size_t line_index = static_cast<size_t>(it - line_starts_.begin());
  TextPosition pos;
  pos.line = base_.line + static_cast<uint32_t>(line_index);
  if (cached_offset_ != UINT64_MAX && cached_line_index_ == line_index && rel >= cached_offset_) {
    pos.column = cached_.column +
                 static_cast<uint32_t>(utf8::count_code_points(buffer_.substr(cached_offset_, rel - cached_offset_)));
  } else {
    const uint64_t line_start = line_index == 0 ? 0 : line_starts_[line_index - 1];
    const uint32_t first_column = line_index == 0 ? base_.column : 1;
    pos.column = first_column +
                 static_cast<uint32_t>(utf8::count_code_points(buffer_.substr(line_start, rel - line_start)));
  }
  cached_offset_ = rel;
  cached_line_index_ = line_index;
  cached_ = pos;
  return pos;
}

void TextBuilder::append_segment(std::string_view piece, uint64_t file_begin, uint64_t file_end, bool verbatim) {
  const uint64_t text_begin = text_.size();
  text_.append(piece);
  if (verbatim && !map_.segments.empty()) {
    Segment& last = map_.segments.back();
    // A verbatim piece continuing the previous one in both text and source
    // extends it: most records then carry one segment.
    if (last.verbatim && last.source_unit == 1 && last.text_end == text_begin && last.source_end == file_begin) {
      last.text_end = text_.size();
      last.source_end = file_end;
      return;
    }
  }
  Segment seg;
  seg.text_begin = text_begin;
  seg.text_end = text_.size();
  seg.source_begin = file_begin;
  seg.source_end = file_end;
  if (positions_) {
    seg.start = positions_->at(file_begin);
    seg.end = verbatim ? seg.start : positions_->at(file_end);
  }
  seg.verbatim = verbatim;
  map_.segments.push_back(seg);
}

void TextBuilder::verbatim(std::string_view piece, uint64_t file_offset) {
  if (piece.empty()) return;
  if (utf8::valid(piece)) {
    append_segment(piece, file_offset, file_offset + piece.size(), true);
    return;
  }
  repaired_ = true;
  size_t run_start = 0;
  size_t i = 0;
  while (i < piece.size()) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(piece, i, &len);
    if (cp == 0xFFFD && !(len == 3 && piece.substr(i, 3) == "\xEF\xBF\xBD")) {
      if (i > run_start) append_segment(piece.substr(run_start, i - run_start), file_offset + run_start,
                                        file_offset + i, true);
      append_segment("\xEF\xBF\xBD", file_offset + i, file_offset + i + 1, false);
      ++i;
      run_start = i;
      continue;
    }
    i += len;
  }
  if (i > run_start) append_segment(piece.substr(run_start, i - run_start), file_offset + run_start,
                                    file_offset + i, true);
}

void TextBuilder::decoded(std::string_view piece, uint64_t file_begin, uint64_t file_end) {
  if (piece.empty()) return;
  if (!utf8::valid(piece)) {
    repaired_ = true;
    std::string clean;
    for (size_t i = 0; i < piece.size();) {
      size_t len = 0;
      const char32_t cp = utf8::decode_at(piece, i, &len);
      if (cp == 0xFFFD) clean += "\xEF\xBF\xBD";
      else clean.append(piece.substr(i, len));
      i += len;
    }
    append_segment(clean, file_begin, file_end, false);
    return;
  }
  append_segment(piece, file_begin, file_end, false);
}

}  // namespace policycheck::inputs
