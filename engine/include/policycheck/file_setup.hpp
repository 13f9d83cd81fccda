#pragma once
// Everything that decides how one scanned file is screened: its project
// config, the policy compiled for that config, and the inline suppressions
// that policy's rule names allow. Files under the same config share one
// setup, so a tree with one .policycheck.yaml compiles one policy.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/config.hpp"
#include "policycheck/suppress.hpp"

namespace policycheck {

struct FileSetup {
  std::shared_ptr<const ProjectConfig> config;  // nullptr: no config applies
  std::shared_ptr<const CompiledPolicy> policy;
  std::shared_ptr<const InlineSuppressions> suppressions;

  bool ignores(const std::string& path) const { return config && is_ignored(*config, path); }

  // After a record is scanned: drops the findings in findings[first, end)
  // that inline directives or the config's per-path settings switch off
  // (adding findings about unused or mistyped directives).
  void after_record(const Record& record, std::vector<Finding>& findings, size_t first) const;
};

class FileSetups {
 public:
  // Compiles the policy for a config (nullptr: none); returns nullptr after
  // reporting errors itself.
  using PolicyFactory = std::function<std::shared_ptr<const CompiledPolicy>(const ProjectConfig*)>;
  FileSetups(ConfigFinder& finder, PolicyFactory factory);

  // nullptr when the policy for the path's config could not be built.
  // Throws PolicyError when the config itself is wrong.
  std::shared_ptr<const FileSetup> for_path(const std::string& path);

 private:
  ConfigFinder& finder_;
  PolicyFactory factory_;
  std::mutex mutex_;
  std::map<const ProjectConfig*, std::shared_ptr<const FileSetup>> setups_;
};

}  // namespace policycheck
