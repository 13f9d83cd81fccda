#pragma once
// The policy cache (issue 8): the loaded policy, its expanded patterns and
// its database cache key, stored under a key of everything the loader was
// given (PolicyLoader::inputs_digest) and the settings applied after it
// (the project config's rules). A start whose inputs hash to a stored file,
// and whose lexicons and rosters still hash as they did when it was
// written, takes the policy from the file instead of parsing the packs and
// expanding their terms again. Only a hit skips the parse: any miss, a
// changed file or a corrupt or cut-short cache file is a cold load, which
// reports a pack's errors exactly as before.
#include <filesystem>
#include <string>
#include <vector>

#include "compiled_policy_data.hpp"
#include "policycheck/policy_loader.hpp"

namespace policycheck {

// The loaded policy and patterns as written by encode_loaded_policy, taken
// before the database cache fills in widths and groups.
std::string encode_loaded_policy(const CompiledPolicyData& data);

// Writes `encoded` with the files the loader read and the database key.
void store_cached_policy(const std::filesystem::path& dir, const std::string& key,
                         const std::vector<PolicyInputFile>& files_read, const std::string& database_key,
                         bool joinable, const std::string& encoded);

// Fills in data.policy, data.patterns, data.joinable and
// data.stats.cache_key. False when absent, stale or unusable.
bool load_cached_policy(const std::filesystem::path& dir, const std::string& key, CompiledPolicyData& data);

}  // namespace policycheck
