#pragma once
// On-disk cache of compiled Hyperscan databases. Loading a serialised
// database takes milliseconds where compiling a big policy takes seconds.
// Files are private (0600, in a 0700 folder): a database compiled from a
// roster encodes pupils' names. Writes go to a temporary file that is
// renamed into place, so two runs racing to fill the cache are both safe.
#include <filesystem>
#include <string>
#include <vector>

#include "compiled_policy_data.hpp"

namespace policycheck {

// The cache key: a hash of every pattern (text, flags, order, its rule and
// role, and what the literal gate reads of that rule), the engine version,
// a hash of the engine's sources (the file holds what the engine derived
// from the patterns, cached_scan_groups.hpp) and the Hyperscan version.
std::string database_cache_key(const std::vector<PatternEntry>& patterns, const std::vector<Rule>& rules);

// Loads the databases, the pattern widths and the scan groups into `data`. False when absent or
// unusable (a corrupt or foreign file is ignored and later overwritten).
bool load_cached_database(const std::filesystem::path& dir, const std::string& key, CompiledPolicyData& data);

// Best effort: a read-only cache folder must not stop a scan.
void store_cached_database(const std::filesystem::path& dir, const std::string& key, const CompiledPolicyData& data);

}  // namespace policycheck
