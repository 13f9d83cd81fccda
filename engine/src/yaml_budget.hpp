#pragma once
// Limits on the YAML that policy packs and project configs may hold.
//
// yaml-cpp shares an anchored node between all its aliases when it parses,
// but the loaders copy every scalar they read, so a few kilobytes of
// "&a [*b, *b, ...]" nesting ("billion laughs"), or a long anchored string
// referenced a hundred thousand times, expand into gigabytes and hours of
// work. A document is measured as it would be expanded before anything reads
// it, with a walk that stops as soon as a limit is passed, so the check
// itself costs at most the limit.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace YAML {
class Node;
}

namespace policycheck {

struct YamlLimits {
  // Policy packs and configs are hand-written: the built-in packs hold a few
  // thousand nodes and a few hundred KiB; lexicons are separate text files.
  static constexpr uint64_t kMaxFileBytes = 16u << 20;
  static constexpr size_t kMaxNodes = 1'000'000;          // counted with aliases expanded
  static constexpr uint64_t kMaxScalarBytes = 64u << 20;  // likewise
};

// Why the document would expand past YamlLimits, or nullopt when it stays
// within them. Alias cycles (an anchor used inside itself) count as too big.
std::optional<std::string> yaml_expansion_problem(const YAML::Node& root);

// Reads a YAML file of at most YamlLimits::kMaxFileBytes into `text`.
// Returns the reason it could not ("cannot read ...", "larger than ...").
std::optional<std::string> read_yaml_file(const std::filesystem::path& path, std::string& text);

}  // namespace policycheck
