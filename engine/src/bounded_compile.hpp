#pragma once
// Hyperscan compilation with a time limit. Some patterns make Hyperscan's
// compiler run for minutes (large bounded repeats of wide classes, say), and
// it cannot be interrupted, so it runs in a child process that is killed
// when the limit passes; the database comes back serialised through a pipe.
#include <hs/hs.h>

#include <string>
#include <vector>

namespace policycheck {

struct BoundedCompileResult {
  hs_database_t* database = nullptr;  // null on failure
  bool timed_out = false;
  int failed_expression = -1;  // index of the pattern Hyperscan refused, if known
  std::string error;
};

BoundedCompileResult compile_bounded(const std::vector<const char*>& expressions, const std::vector<unsigned>& flags,
                                     const std::vector<unsigned>& ids, double timeout_seconds);

}  // namespace policycheck
