// libFuzzer target: any bytes as a project config (.policycheck.yaml). The
// reader must return a config or throw PolicyError with at least one issue
// naming the file; never crash, hang, or blow up on YAML aliases.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "policycheck/config.hpp"
#include "policycheck/policy_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string yaml(reinterpret_cast<const char*>(data), size);
  // A folder that does not exist: paths the config names are checked
  // against it and reported missing, nothing on the machine is read.
  const std::filesystem::path file = "/nonexistent-policycheck-fuzz/.policycheck.yaml";
  try {
    policycheck::parse_project_config(yaml, file);
  } catch (const policycheck::PolicyError& e) {
    if (e.issues().empty()) std::abort();
    for (const policycheck::PolicyIssue& issue : e.issues()) {
      if (issue.location.file != file.string()) std::abort();
    }
  }
  return 0;
}
