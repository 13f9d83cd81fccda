#pragma once
// Where a streaming reader's bytes come from: a file descriptor (a file, a
// pipe, stdin) or any other producer (a member of a ZIP archive), read in
// bounded chunks. The bytes already read for format detection come first.
// Every streaming reader (LineStream, the JSON element walker, plain text)
// pulls from one of these, so chunking, progress counting and the filter
// mode's "about to wait" hook live in one place.
#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace policycheck::inputs {

class ByteSource {
 public:
  // Reads at most `size` bytes into `into`; returns the count, 0 at the
  // end, or -1 after setting `error`.
  using Producer = std::function<ssize_t(char* into, size_t size, std::string& error)>;

  // `fd` is read until end of file and not closed here.
  ByteSource(int fd, std::string head, std::atomic<uint64_t>* bytes_read = nullptr,
             std::function<void()> before_read = {});
  ByteSource(Producer producer, std::string head, std::atomic<uint64_t>* bytes_read = nullptr);

  // Appends up to `max` bytes to `buffer`: the detection head first, then
  // one read. Returns the number appended; 0 means the end of input (or a
  // read error, see error()).
  size_t append_to(std::string& buffer, size_t max);
  bool at_end() const { return eof_; }
  // The detection bytes not yet handed out (to look at, e.g. for a BOM).
  std::string_view head() const { return std::string_view(head_).substr(head_pos_); }
  // Bytes appended so far (the stream's size once it has ended).
  uint64_t handed_out() const { return handed_out_; }
  bool read_error() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  Producer producer_;
  std::string head_;
  size_t head_pos_ = 0;
  uint64_t handed_out_ = 0;
  bool eof_ = false;
  std::string error_;
  std::atomic<uint64_t>* bytes_read_;
  std::function<void()> before_read_;
};

}  // namespace policycheck::inputs
