#include "record_block.hpp"

namespace policycheck {
namespace {

// True when `next` starts one '\n' after `previous` ends, in the same buffer.
bool follows_after_newline(std::string_view previous, std::string_view next) {
  return previous.data() != nullptr && next.data() == previous.data() + previous.size() + 1 &&
         previous.data()[previous.size()] == '\n';
}

}  // namespace

size_t RecordBlock::fill(std::span<const Record> records, size_t first, size_t max_bytes) {
  starts_.clear();
  ends_.clear();
  // Which records fit, and whether they are already adjacent in memory.
  size_t next = first, bytes = 0;
  bool adjacent = true;
  while (next < records.size()) {
    const std::string_view record = records[next].text;
    if (next > first && bytes + record.size() + 1 > max_bytes) break;
    if (next > first) adjacent = adjacent && follows_after_newline(records[next - 1].text, record);
    bytes += record.size() + 1;
    ++next;
  }
  if (adjacent && records[first].text.data() != nullptr) {
    const char* base = records[first].text.data();
    for (size_t i = first; i < next; ++i) {
      starts_.push_back(static_cast<uint64_t>(records[i].text.data() - base));
      ends_.push_back(starts_.back() + records[i].text.size());
    }
    view_ = std::string_view(base, ends_.back());
    return next;
  }
  copy_.clear();
  for (size_t i = first; i < next; ++i) {
    starts_.push_back(copy_.size());
    copy_.append(records[i].text);
    ends_.push_back(copy_.size());
    copy_.push_back('\n');
  }
  view_ = copy_;
  return next;
}

}  // namespace policycheck
