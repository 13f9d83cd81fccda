#pragma once
// How serious a finding is. The order matters: --fail-on compares severities.
#include <optional>
#include <string_view>

namespace policycheck {

enum class Severity { info = 0, warning = 1, error = 2 };

std::optional<Severity> parse_severity(std::string_view text);
std::string_view to_string(Severity severity);

}  // namespace policycheck
