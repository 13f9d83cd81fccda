#pragma once
// Inputs: expanding the paths a user named into files, and reading them into
// records. Each format reader lives in its own file; this header is the seam
// between readers and everything else.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "policycheck/record.hpp"
#include "policycheck/report.hpp"

namespace policycheck {

using RecordCallback = std::function<void(const Record&)>;
using DiagnosticCallback = std::function<void(InputDiagnostic)>;

struct InputLimits {
  uint64_t max_file_bytes = 1ull << 30;  // 1 GiB read into memory at most
};

// Expands files and folders (recursively, in sorted order, following no
// symlinked folders) into the list of files to scan. Missing paths are
// reported as errors; "-" stays "-" (stdin).
std::vector<std::string> expand_paths(const std::vector<std::string>& paths,
                                      const DiagnosticCallback& diagnose);

// True when the bytes look binary (NUL bytes in the first 8 KiB, or not
// UTF-8/UTF-16 text), so the file is skipped with a notice.
bool looks_binary(std::string_view head);

// Reads a file ("-" = stdin) fully. Returns false after reporting an error.
bool read_file(const std::string& path, const InputLimits& limits, std::string& bytes,
               const DiagnosticCallback& diagnose);

// Plain text: UTF-8 (BOM skipped) or UTF-16 LE/BE with a BOM, transcoded to
// UTF-8 with a source map back to the file's bytes. Invalid UTF-8 is replaced
// by U+FFFD in the scan text (one notice per file). Emits one record.
void read_plain_text(const std::string& path, std::string_view bytes, std::string& text_storage,
                     const RecordCallback& emit, const DiagnosticCallback& diagnose);

}  // namespace policycheck
