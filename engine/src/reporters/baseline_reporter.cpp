// The "baseline" format: the findings of this run as a baseline file (see
// baseline.hpp), written by `policycheck baseline create`.
#include "policycheck/baseline.hpp"
#include "reporters.hpp"

namespace policycheck {
namespace {

class BaselineReporter final : public Reporter {
 public:
  explicit BaselineReporter(std::ostream& out) : out_(out) {}

  void add(const Finding& finding) override { ++counts_[finding.fingerprint]; }

  void finish(const ScanSummary&) override {
    out_ << Baseline::serialise(counts_);
    out_.flush();
  }

 private:
  std::ostream& out_;
  std::map<std::string, size_t> counts_;
};

}  // namespace

std::unique_ptr<Reporter> make_baseline_reporter(std::ostream& out) {
  return std::make_unique<BaselineReporter>(out);
}

}  // namespace policycheck
