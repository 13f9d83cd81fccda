#pragma once
// Helpers the machine-readable reporters share: what a finding's match and
// snippet look like once redacted, repository-relative paths, XML escaping
// and severity names in each consumer's vocabulary.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "policycheck/report.hpp"

namespace policycheck {

// The match as reports show it: verbatim with --show-matches, else redacted.
std::string shown_match(const Finding& finding, const ReportOptions& options);

// `text` (a message or suggestion) with any copy of the raw match replaced
// by its redacted form, so a message that quotes what it found cannot leak it.
std::string without_raw_match(std::string_view text, const Finding& finding, const ReportOptions& options);

// Snippets show the whole line around a match, and that line may hold other
// matches too: every match found on the line is redacted, not only the
// finding's own. Feed it all findings first, then render.
class SnippetRedactor {
 public:
  void add(const Finding& finding);
  // The finding's line with matches redacted (unless --show-matches), cut to
  // about `max_code_points` around the match with "…" where it was cut.
  // Returns the text and the match's code-point columns inside it.
  struct Rendered {
    std::string text;
    size_t match_start = 0;
    size_t match_end = 0;
  };
  Rendered render(const Finding& finding, const ReportOptions& options, size_t max_code_points = 160) const;

 private:
  static std::string key(const Finding& finding);
  std::map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> spans_;
};

// Path as CI systems want it: relative to `base` (the working directory when
// empty) when it lies inside it, "./" dropped, '/' separators.
std::string repository_path(std::string_view path, const std::string& base);

// `base` as a file:// URI ending in '/', and a relative path percent-encoded
// for use as a URI reference (RFC 3986).
std::string directory_uri(const std::string& base);
std::string uri_reference(std::string_view relative_path);

// XML 1.0 text/attribute escaping; characters XML cannot carry (most C0
// controls, invalid UTF-8) become U+FFFD.
std::string xml_escape(std::string_view text);

// At most `max_code_points` code points, ending with "…" when cut.
std::string truncate_code_points(std::string_view text, size_t max_code_points);

// The working directory to use when ReportOptions::working_directory is empty.
std::string effective_working_directory(const ReportOptions& options);

// Severity counts in a fixed order: error, warning, info.
size_t count_of(const ScanSummary& summary, Severity severity);

}  // namespace policycheck
