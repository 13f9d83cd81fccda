#pragma once
// A policy compiled for scanning: every pattern-bearing rule in a few
// Hyperscan databases (one per scan group, engine/src/scan_groups.hpp), plus
// what each pattern needs to confirm its hits. Compiling is
// slow (seconds for big lexicons), so databases are cached on disk, keyed by
// a hash of the patterns, the engine version and the Hyperscan version.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "policycheck/policy.hpp"
#include "policycheck/policy_loader.hpp"

namespace policycheck {

struct CompileOptions {
  bool use_cache = true;
  std::filesystem::path cache_dir;  // empty: default_cache_dir()
  // Limits that keep a hostile or careless policy from hanging a run or
  // filling memory: Hyperscan compiles in a child process that is killed
  // after the timeout.
  double compile_timeout_seconds = 120;
  uint64_t max_database_bytes = 1ull << 30;
  // The policy cache (engine/src/policy_cache.hpp): when set (and the cache
  // is on), compile() stores the policy it was given under this key, with
  // the files the loader read, for from_cache() on the next start.
  std::string policy_key;
  std::vector<PolicyInputFile> policy_files;
};

struct CompileStats {
  size_t patterns = 0;
  // Patterns run only near digits, '@' or '*' (engine/src/rare_byte_gate.hpp).
  size_t gated_patterns = 0;
  size_t database_bytes = 0;
  double compile_ms = 0;  // compiling or loading from cache
  bool from_cache = false;
  std::string cache_key;
};

// $POLICYCHECK_CACHE_DIR, else $XDG_CACHE_HOME/policycheck, else ~/.cache/policycheck.
std::filesystem::path default_cache_dir();

struct CompiledPolicyData;  // engine-internal

// The policy cache's key for what a loader was given and `settings`: what
// else shapes the policy between PolicyLoader::finish() and compile() (the
// project config's rule settings, policy_settings_digest in config.hpp).
std::string policy_cache_key(const PolicyLoader& loader, std::string_view settings);

class CompiledPolicy {
 public:
  // Throws PolicyError when a pattern cannot be compiled.
  static std::shared_ptr<const CompiledPolicy> compile(Policy policy, const CompileOptions& options = {});
  // A start from the policy cache: the policy an earlier compile() stored
  // under options.policy_key, with its patterns and databases, without
  // parsing a pack. Null when there is none, or a lexicon or roster it was
  // loaded from has changed since; then load and compile() as usual.
  static std::shared_ptr<const CompiledPolicy> from_cache(const CompileOptions& options);
  ~CompiledPolicy();

  const Policy& policy() const;
  const CompileStats& stats() const;
  const CompiledPolicyData& data() const { return *data_; }

 private:
  CompiledPolicy() = default;
  std::unique_ptr<CompiledPolicyData> data_;
};

}  // namespace policycheck
