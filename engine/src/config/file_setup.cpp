#include "policycheck/file_setup.hpp"

namespace policycheck {

void FileSetup::after_record(const Record& record, std::vector<Finding>& findings, size_t first) const {
  if (suppressions) suppressions->apply(record, findings, first);
  if (!config) return;
  size_t kept = first;
  for (size_t i = first; i < findings.size(); ++i) {
    if (!apply_path_overrides(*config, findings[i])) continue;
    if (kept != i) findings[kept] = std::move(findings[i]);
    ++kept;
  }
  findings.resize(kept);
}

FileSetups::FileSetups(ConfigFinder& finder, PolicyFactory factory) : finder_(finder), factory_(std::move(factory)) {}

std::shared_ptr<const FileSetup> FileSetups::for_path(const std::string& path) {
  std::shared_ptr<const ProjectConfig> config = finder_.for_path(path);
  std::lock_guard lock(mutex_);
  if (auto it = setups_.find(config.get()); it != setups_.end()) return it->second;
  auto setup = std::make_shared<FileSetup>();
  setup->config = config;
  setup->policy = factory_(config.get());
  if (!setup->policy) {
    setups_[config.get()] = nullptr;
    return nullptr;
  }
  setup->suppressions = std::make_shared<const InlineSuppressions>(setup->policy->policy());
  setups_[config.get()] = setup;
  return setup;
}

}  // namespace policycheck
