#include "byte_source.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace policycheck::inputs {

ByteSource::ByteSource(int fd, std::string head, std::atomic<uint64_t>* bytes_read, std::function<void()> before_read)
    : ByteSource(
          [fd](char* into, size_t size, std::string& error) -> ssize_t {
            ssize_t n;
            do {
              n = ::read(fd, into, size);
            } while (n < 0 && errno == EINTR);
            if (n < 0) error = std::string("read error: ") + std::strerror(errno);
            return n;
          },
          std::move(head), bytes_read) {
  before_read_ = std::move(before_read);
}

ByteSource::ByteSource(Producer producer, std::string head, std::atomic<uint64_t>* bytes_read)
    : producer_(std::move(producer)), head_(std::move(head)), bytes_read_(bytes_read) {
  if (bytes_read_) *bytes_read_ += head_.size();
}

size_t ByteSource::append_to(std::string& buffer, size_t max) {
  if (head_pos_ < head_.size()) {
    const size_t n = std::min(max, head_.size() - head_pos_);
    buffer.append(head_, head_pos_, n);
    head_pos_ += n;
    handed_out_ += n;
    if (head_pos_ == head_.size()) {  // free it
      std::string().swap(head_);
      head_pos_ = 0;
    }
    return n;
  }
  if (eof_ || max == 0) return 0;
  if (before_read_) before_read_();
  const size_t old = buffer.size();
  buffer.resize(old + max);
  ssize_t n = producer_(buffer.data() + old, max, error_);
  if (n < 0) n = 0;
  buffer.resize(old + static_cast<size_t>(n));
  if (n == 0) eof_ = true;
  if (bytes_read_) *bytes_read_ += static_cast<uint64_t>(n);
  handed_out_ += static_cast<uint64_t>(n);
  return static_cast<size_t>(n);
}

}  // namespace policycheck::inputs
