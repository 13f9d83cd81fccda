#pragma once
// Reads a file (or stdin) as lines, in fixed-size chunks, so a 5 GB archive is
// never held in memory: only the current chunk and the current line are.
// Each line comes with its byte offset in the file and its 1-based number.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "byte_source.hpp"
#include "policycheck/input.hpp"

namespace policycheck::inputs {

struct Line {
  std::string_view text;  // without its terminator
  std::string_view with_terminator;
  uint64_t offset = 0;    // of the first byte in the file
  uint32_t number = 0;    // 1-based
};

class LineStream {
 public:
  static constexpr size_t kChunk = 1 << 20;
  // A line longer than this is reported and skipped (an archive line is a
  // record; nothing legitimate is this long, and memory must stay bounded).
  static constexpr size_t kMaxLine = 64u << 20;

  // `fd` is read until end of file; `head` holds bytes already read from it
  // (for format detection). The stream does not close fd.
  LineStream(int fd, std::string head, std::atomic<uint64_t>* bytes_read,
             std::function<void()> before_read = {});
  // Lines of a byte source owned by the caller (which must outlive this).
  explicit LineStream(ByteSource& source) : source_(&source) {}

  // The next line, valid until the next call; false at end of input.
  // Lines end at LF (a CR before it is part of `with_terminator`, not of
  // `text`) or at a lone CR.
  bool next(Line& line);
  // Puts the line just returned back, so the next call returns it again.
  void unread() { unread_ = true; }

  bool read_error() const { return source_->read_error(); }
  const std::string& error() const { return source_->error(); }
  // Lowers (or raises) kMaxLine, e.g. to --max-record-size.
  void set_max_line(size_t bytes) { max_line_ = bytes; }
  size_t max_line() const { return max_line_; }
  // Lines skipped because they were longer than max_line() (first one's number).
  uint32_t overlong_line() const { return overlong_line_; }
  uint64_t bytes_consumed() const { return buffer_offset_ + pos_; }

 private:
  bool fill();
  std::optional<ByteSource> owned_;
  ByteSource* source_;
  std::string buffer_;
  size_t pos_ = 0;          // next unread byte in buffer_
  uint64_t buffer_offset_ = 0;  // file offset of buffer_[0]
  uint32_t number_ = 0;
  bool eof_ = false;
  bool unread_ = false;
  Line last_;
  uint32_t overlong_line_ = 0;
  size_t max_line_ = kMaxLine;
};

}  // namespace policycheck::inputs
