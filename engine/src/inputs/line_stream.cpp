#include "line_stream.hpp"

#include <algorithm>
#include <cstring>

namespace policycheck::inputs {

LineStream::LineStream(int fd, std::string head, std::atomic<uint64_t>* bytes_read, std::function<void()> before_read)
    : owned_(std::in_place, fd, std::move(head), bytes_read, std::move(before_read)), source_(&*owned_) {}

bool LineStream::fill() {
  if (eof_) return false;
  // Drop what has been consumed, then append one chunk.
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    buffer_offset_ += pos_;
    pos_ = 0;
  }
  const size_t n = source_->append_to(buffer_, kChunk);
  if (n == 0) eof_ = true;
  return n > 0;
}

bool LineStream::next(Line& line) {
  if (unread_) {
    unread_ = false;
    line = last_;
    return true;
  }
  size_t searched = pos_;
  bool skipping = false;  // inside an overlong line, discarding it
  while (true) {
    const char* base = buffer_.data();
    const size_t size = buffer_.size();
    const void* nl_ptr = searched < size ? std::memchr(base + searched, '\n', size - searched) : nullptr;
    const size_t nl = nl_ptr ? static_cast<size_t>(static_cast<const char*>(nl_ptr) - base) : size;
    // A lone CR (old Mac line ends) also ends a line; CR LF is one terminator.
    const void* cr_ptr = nl > searched ? std::memchr(base + searched, '\r', nl - searched) : nullptr;
    size_t end = std::string::npos, next = 0;
    if (cr_ptr) {
      const size_t cr = static_cast<size_t>(static_cast<const char*>(cr_ptr) - base);
      if (cr + 1 < size) {
        end = cr;
        next = base[cr + 1] == '\n' ? cr + 2 : cr + 1;
      } else if (eof_) {
        end = cr;
        next = cr + 1;
      }
      // else: a CR at the very end of the buffer; read on to see what follows.
    } else if (nl_ptr) {
      end = nl;
      next = nl + 1;
    } else if (eof_) {
      if (pos_ >= size) return false;
      end = size;
      next = size;
    }
    if (end != std::string::npos && !skipping) {
      ++number_;
      last_.text = std::string_view(base + pos_, end - pos_);
      last_.with_terminator = std::string_view(base + pos_, next - pos_);
      last_.offset = buffer_offset_ + pos_;
      last_.number = number_;
      pos_ = next;
      line = last_;
      return true;
    }
    if (end != std::string::npos) {  // the end of an overlong line: resume after it
      pos_ = next;
      searched = pos_;
      skipping = false;
      continue;
    }
    if (!skipping && size - pos_ > max_line_) {
      ++number_;
      if (!overlong_line_) overlong_line_ = number_;
      skipping = true;
    }
    if (skipping) {  // keep memory bounded: forget the overlong line's bytes
      buffer_offset_ += size;
      buffer_.clear();
      pos_ = 0;
      searched = 0;
    } else {
      searched = size > pos_ ? size - (size > 0 && base[size - 1] == '\r' ? 1 : 0) : pos_;
      if (searched < pos_) searched = pos_;
    }
    const size_t consumed_before = pos_;
    if (!fill()) {
      if (!eof_) return false;
    }
    searched -= std::min(searched, consumed_before);  // fill() moved the buffer start
  }
}

}  // namespace policycheck::inputs
