#pragma once
// Inputs: expanding the paths a user named into files, and reading them into
// records. Each format reader lives in its own file; this header is the seam
// between readers and everything else.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
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
  // One record's text (a plain-text file is one record; an archive line
  // is one): larger ones are reported and skipped, never half-scanned.
  uint64_t max_record_bytes = 64ull << 20;
};

// Every input format a reader exists for. `auto_detect` looks at the content
// first and the file name second (export file names are localised and change
// between export vintages).
enum class InputFormat {
  auto_detect, text, markdown, html, docx, pdf, csv, jsonl,
  facebook, instagram, twitter, youtube, whatsapp, mbox, eml
};

std::optional<InputFormat> parse_input_format(std::string_view name);
std::string_view input_format_name(InputFormat format);
std::vector<std::string> input_format_names();  // as --input-format accepts them, "auto" first

// How to read records out of files. The field options name what holds the
// text, id, author and time in generic formats (CSV columns, JSON keys).
struct ReaderOptions {
  InputFormat format = InputFormat::auto_detect;
  std::string text_field;   // JSON Lines key holding the text; default "text"
  std::string text_column;  // CSV column (name or 1-based index); default text/comment/message/body
  std::string id_field;     // JSON key or CSV column holding the record id; default "id" when present
  std::string mojibake = "auto";   // Meta exports' per-byte escapes: auto | on | off
  std::string date_order = "auto";  // WhatsApp dates: auto | dmy | mdy | ymd
  bool scan_deleted = false;        // DOCX tracked deletions (w:delText)
  InputLimits limits;
  // Bumped as source bytes are consumed, for a progress bar (may be null).
  std::atomic<uint64_t>* bytes_read = nullptr;
  // Called before a read that may wait for more input (stdin or a pipe
  // feeding records one at a time), so a consumer can pass on the records it
  // holds instead of sitting on them (filter mode). May be empty.
  std::function<void()> before_read;
};

// Decides a file's format from its first bytes (up to 64 KiB) and its name.
InputFormat detect_format(std::string_view path, std::string_view head);

struct ReadStats {
  InputFormat format = InputFormat::auto_detect;
  uint64_t bytes = 0;
  size_t records = 0;
  bool skipped = false;  // binary file, skipped with a notice
  bool failed = false;   // could not be read, or a parse error (reported)
};

// Reads one input ("-" = stdin) in the given or detected format and emits its
// records in source order. Large line-based archives (JSON Lines, CSV,
// WhatsApp, mbox, plain text) are streamed in chunks, so memory stays flat
// whatever the file size. Parse errors are reported with the line where
// parsing failed; the records before them (and after, where the format can
// resynchronise) are still emitted. Record::path is `display_path`.
ReadStats read_input(const std::string& path, const std::string& display_path, const ReaderOptions& options,
                     const RecordCallback& emit, const DiagnosticCallback& diagnose);

// Expands files and folders (recursively, in sorted order, following no
// symlinked folders) into the list of files to scan. Missing paths are
// reported as errors; "-" stays "-" (stdin).
std::vector<std::string> expand_paths(const std::vector<std::string>& paths,
                                      const DiagnosticCallback& diagnose);

// As above, and inside folders honours `.policycheckignore` files (gitignore
// syntax, each resolved relative to the folder holding it) when
// `use_ignore_files` is set. Files named explicitly are never ignored.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths, bool use_ignore_files,
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
