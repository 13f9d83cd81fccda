#pragma once
// The state of screening one record, handed to the rule kinds so they can
// turn confirmed spans into findings.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiled_policy_data.hpp"
#include "locator.hpp"
#include "policycheck/finding.hpp"
#include "policycheck/record.hpp"
#include "policycheck/scanner.hpp"

namespace policycheck {

// A confirmed match of one pattern: [start, end) in the record text.
struct Span {
  uint64_t start = 0;
  uint64_t end = 0;
  uint32_t pattern = 0;
};

// Overlapping spans of one rule (a longer phone number and its tail, say)
// become one: leftmost first, then longest; of spans with the same bounds,
// the one that came first (the sort is stable). Defined in scanner.cpp.
void keep_leftmost_longest(std::vector<Span>& spans);

struct RecordScan {
  const CompiledPolicyData& data;
  const Record& record;
  const ScanOptions& options;
  const Locator& locator;
  std::vector<Finding>& out;

  std::string_view text() const { return record.text; }

  // Appends a finding for `rule_index` at [start, end) with everything the
  // reporters need (location, snippet), unless its confidence is too low.
  void emit(uint32_t rule_index, uint64_t start, uint64_t end, double confidence, std::vector<std::string> reasons);
};

}  // namespace policycheck
