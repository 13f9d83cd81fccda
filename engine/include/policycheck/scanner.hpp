#pragma once
// Screens records against a compiled policy. One Scanner per thread: it owns
// the Hyperscan scratch space and reusable buffers, so scanning allocates
// nothing per record once warmed up.
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "policycheck/compiled_policy.hpp"
#include "policycheck/finding.hpp"
#include "policycheck/record.hpp"

namespace policycheck {

struct ScanOptions {
  double min_confidence = 0.0;
  // Findings stop being added once `out` holds this many (0: no limit), so
  // a record that matches everywhere costs bounded memory. Which ones are
  // kept is not in text order; callers that cap findings report that.
  size_t max_findings = 0;
};

class Scanner {
 public:
  explicit Scanner(std::shared_ptr<const CompiledPolicy> policy, ScanOptions options = {});
  ~Scanner();
  Scanner(Scanner&&) noexcept;
  Scanner& operator=(Scanner&&) noexcept;

  // Appends the findings for `record` to `out`, in text order.
  void scan(const Record& record, std::vector<Finding>& out);

  // Screens many records, giving each exactly the findings scan() gives it,
  // and calls `on_record(i, findings)` for every record in order (findings
  // may be empty; the vector is reused after the call returns). Short
  // records are joined into ~1 MiB blocks for one database pass each, which
  // is several times faster than one pass per comment-sized record.
  using RecordFindings = std::function<void(size_t index, std::vector<Finding>& findings)>;
  void scan_batch(std::span<const Record> records, const RecordFindings& on_record);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace policycheck
