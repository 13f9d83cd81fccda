#pragma once
// Interpolation of policy variables (${name}) into rules.
#include <vector>

#include "policycheck/policy.hpp"
#include "policycheck/policy_loader.hpp"

namespace policycheck {

// Expands ${name} in every list and pattern of every rule. In lists an item
// becomes one item per value; in regexes ${name} becomes an escaped
// alternation. A regex whose variable is empty is dropped (it cannot match).
void interpolate_variables(Policy& policy, std::vector<PolicyIssue>& issues);

}  // namespace policycheck
