#pragma once
// A file's bytes as a SHA-256 hex digest: how the policy cache
// (policy_cache.hpp) tells whether a lexicon or roster read by an earlier
// start is still the same.
#include <filesystem>
#include <optional>
#include <string>

namespace policycheck {

// Empty when the file cannot be read or is not a regular file.
std::optional<std::string> file_sha256(const std::filesystem::path& path);

}  // namespace policycheck
