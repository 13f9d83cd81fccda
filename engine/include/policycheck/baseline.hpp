#pragma once
// Baselines: the findings a project has accepted for now, so a CI gate fails
// only on new ones. The file maps each finding's fingerprint (a keyed hash;
// see fingerprint.hpp) to how many times it was found. It holds no
// timestamps, no line numbers and no matched text, and its keys are sorted,
// so re-creating it on unchanged content gives the same bytes and two
// branches rarely conflict over it.
//
//   {
//     "policycheck_baseline": 1,
//     "fingerprints": {
//       "v1:0f3c...": 1
//     }
//   }
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>

#include "policycheck/finding.hpp"

namespace policycheck {

class Baseline {
 public:
  // Throws std::runtime_error naming the file, line and cause.
  static Baseline load(const std::filesystem::path& path);
  static Baseline parse(const std::string& text, const std::string& name);

  // The baseline document for these fingerprint counts.
  static std::string serialise(const std::map<std::string, size_t>& counts);

  // True when the finding was already known: uses up one of its count.
  bool absorb(const Finding& finding);

  // Findings the baseline recorded that this run did not see (fixed since).
  size_t unused() const;
  size_t size() const;

 private:
  std::map<std::string, size_t> remaining_;
  size_t total_ = 0;
};

}  // namespace policycheck
