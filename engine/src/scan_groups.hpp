#pragma once
// Puts each pattern of a compiled policy in its scan group (compiled_policy_data.hpp):
// patterns that provably cannot match without a gate byte (rare_byte_gate.hpp)
// and are either short or made of non-space bytes only are run near those
// bytes; everything else, and anything regex_shape.hpp cannot read, runs
// over the whole text. Deterministic from the expressions and widths, so a
// policy loaded from the cache gets the same groups it was compiled with.
#include "compiled_policy_data.hpp"

namespace policycheck {

void assign_scan_groups(CompiledPolicyData& data);

}  // namespace policycheck
