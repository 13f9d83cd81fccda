#pragma once
// Minimal JSON output helpers shared by the JSON-based reporters. Strings are
// escaped per RFC 8259; invalid UTF-8 becomes U+FFFD so output always parses.
#include <ostream>
#include <string>
#include <string_view>

namespace policycheck {

std::string json_string(std::string_view text);

}  // namespace policycheck
