#pragma once
// The built-in policy, embedded at build time from rules/ (see rules/embed.cmake).
#include <string_view>
#include <vector>

namespace policycheck {

struct EmbeddedFile {
  std::string_view path;     // relative to rules/, e.g. "personal-data.yaml"
  std::string_view content;
};

const std::vector<EmbeddedFile>& builtin_rule_files();

}  // namespace policycheck
