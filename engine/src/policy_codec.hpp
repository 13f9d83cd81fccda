#pragma once
// A loaded policy and its expanded patterns as bytes, for the policy cache
// (policy_cache.hpp): parsing the packs (yaml-cpp) and expanding their terms
// into patterns were two fifths of a start from the database cache. Every
// field of Rule and PatternEntry is written, so `rules explain`, reporters
// and the scanner see exactly what a fresh parse gives; a field added to
// policy.hpp or PatternEntry must be added here too (test_policy_cache
// compares a decoded policy with a parsed one field by field).
#include <string>
#include <string_view>
#include <vector>

#include "compiled_policy_data.hpp"

namespace policycheck::policy_codec {

// False when the policy holds something the format cannot say (a rule
// pointing at a roster other than the policy's own).
bool write_policy(std::string& out, const Policy& policy);
// `in` is advanced; false on a short or inconsistent record.
bool read_policy(std::string_view& in, Policy& policy);

void write_patterns(std::string& out, const std::vector<PatternEntry>& patterns);
// Also checks each pattern's rule index against `rule_count`.
bool read_patterns(std::string_view& in, std::vector<PatternEntry>& patterns, size_t rule_count);

}  // namespace policycheck::policy_codec
