#pragma once
// What assign_scan_groups (scan_groups.hpp) derives from the patterns, as
// bytes in the database cache's file: each pattern's group and literal-gate
// formula and database, the groups' widths and alphabets, the folded
// literals and the literal gate's atoms and formulas. Working them out again
// reads every regex (regex_shape.hpp, required_literals.hpp), which was a
// fifth of a start from the cache; the cache key holds a hash of the engine's
// sources (engine/CMakeLists.txt), so a file is only read by an engine that
// would have derived the same.
#include <string>
#include <string_view>

#include "compiled_policy_data.hpp"

namespace policycheck {

void write_scan_groups(std::string& out, const CompiledPolicyData& data);

// Fills in `data` (whose patterns are those the file was written for) from
// `in`, which it advances. False on a short or inconsistent record; the
// subgroups' databases are left null for the caller to load.
bool read_scan_groups(std::string_view& in, CompiledPolicyData& data);

}  // namespace policycheck
