#include "policy_cache.hpp"

#include <cstring>

#include "byte_codec.hpp"
#include "engine_source_hash.hpp"
#include "file_digest.hpp"
#include "policy_codec.hpp"
#include "policycheck/compiled_policy.hpp"
#include "policycheck/fingerprint.hpp"
#include "private_cache_file.hpp"
#include "version.hpp"

namespace policycheck {
namespace {

using namespace byte_codec;

// Version 1: the files read (path, SHA-256), the database cache key, whether
// records may be joined, the policy (policy_codec.hpp), the patterns.
constexpr char kMagic[8] = {'P', 'C', 'H', 'P', 'O', 'L', '1', '\n'};

std::string cache_file_name(const std::string& key) { return "policy-" + key + ".pcpol"; }

bool files_unchanged(std::string_view& in) {
  uint64_t count = 0;
  if (!get_count(in, count, 2 * sizeof(uint64_t))) return false;
  for (uint64_t i = 0; i < count; ++i) {
    std::string path, digest;
    if (!get_string(in, path) || !get_string(in, digest)) return false;
    const auto now = file_sha256(path);
    if (!now || *now != digest) return false;
  }
  return true;
}

}  // namespace

std::string policy_cache_key(const PolicyLoader& loader, std::string_view settings) {
  // The engine's sources are in the key: they decide how packs are parsed
  // and terms expanded, and the file holds the result.
  return sha256_hex(std::string("policycheck-policy ") + kEngineVersion + "\nsources " + kEngineSourceHash +
                    "\nhyperscan " + hs_version() + "\ninputs " + loader.inputs_digest() + "\nsettings " +
                    sha256_hex(settings) + "\n");
}

std::string encode_loaded_policy(const CompiledPolicyData& data) {
  std::string out;
  if (!policy_codec::write_policy(out, data.policy)) return {};
  policy_codec::write_patterns(out, data.patterns);
  return out;
}

void store_cached_policy(const std::filesystem::path& dir, const std::string& key,
                         const std::vector<PolicyInputFile>& files_read, const std::string& database_key,
                         bool joinable, const std::string& encoded) {
  if (encoded.empty()) return;
  std::string bytes(kMagic, sizeof kMagic);
  put<uint64_t>(bytes, files_read.size());
  for (const PolicyInputFile& file : files_read) {
    put_string(bytes, file.path);
    put_string(bytes, file.sha256);
  }
  put_string(bytes, database_key);
  put<uint8_t>(bytes, joinable ? 1 : 0);
  bytes += encoded;
  store_private_file(dir, cache_file_name(key), bytes);
}

bool load_cached_policy(const std::filesystem::path& dir, const std::string& key, CompiledPolicyData& data) {
  if (dir.empty() || key.empty()) return false;
  const MappedFile file(dir / cache_file_name(key));
  std::string_view in = file.bytes();
  if (in.size() < sizeof kMagic || std::memcmp(in.data(), kMagic, sizeof kMagic) != 0) return false;
  in.remove_prefix(sizeof kMagic);
  uint8_t joinable = 0;
  Policy policy;
  std::vector<PatternEntry> patterns;
  std::string database_key;
  if (!files_unchanged(in) || !get_string(in, database_key) || !get(in, joinable) || joinable > 1 ||
      !policy_codec::read_policy(in, policy) || !policy_codec::read_patterns(in, patterns, policy.rules.size()) ||
      !in.empty()) {
    return false;
  }
  data.policy = std::move(policy);
  data.patterns = std::move(patterns);
  data.joinable = joinable == 1;
  data.stats.cache_key = std::move(database_key);
  return true;
}

}  // namespace policycheck
