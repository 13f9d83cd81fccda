#pragma once
// Short records joined into one buffer so that the database is run once per
// ~1 MiB instead of once per comment: a Hyperscan call has a fixed cost that
// dominates on records of ~100 bytes.
//
// Why the hits are exactly those of scanning each record alone (when the
// policy is CompiledPolicyData::joinable): records are separated by '\n', a
// non-word byte, like the edges of a lone buffer, and no pattern asserts
// anything else about the edges. Every match inside a record is therefore a
// match in the block, ending at the same place. The block can have more
// matches: those running over a separator. A hit is kept for the record
// holding its LAST byte, and confirmation (span_confirmer) then looks for
// the match in that record's own text only, so a match that began in an
// earlier record is not confirmed unless one inside the record also ends
// there: exactly the lone-record answer.
//
// Records that already lie one after another in memory with one '\n'
// between them (the lines of a read buffer) are not copied: the block is a
// view of that memory.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "policycheck/record.hpp"

namespace policycheck {

class RecordBlock {
 public:
  // Starts a new block with records[first...] while the joined text stays
  // within `max_bytes` (always at least one record). Returns the index one
  // past the last record taken.
  size_t fill(std::span<const Record> records, size_t first, size_t max_bytes);

  std::string_view text() const { return view_; }
  size_t size() const { return starts_.size(); }  // records in the block

  // Offset of record i (of this block) in text().
  uint64_t start(size_t i) const { return starts_[i]; }
  uint64_t end(size_t i) const { return ends_[i]; }

 private:
  std::string copy_;        // the joined text, when the records were not already adjacent
  std::string_view view_;   // the block: copy_ or the records' own memory
  std::vector<uint64_t> starts_, ends_;
};

}  // namespace policycheck
