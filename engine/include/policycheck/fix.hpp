#pragma once
// `policycheck fix`: turning findings into edits of the original file. A
// finding with a replacement (a pupil's full name -> the allowed form) gets
// it; personal data without one gets a removal marker ("[phone number
// removed]"); anything else (abuse, a missing disclaimer) needs a person.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policycheck/finding.hpp"

namespace policycheck {

enum class FixMarkup { text, markdown, html };

// The markup a file's name suggests (.md/.markdown, .html/.htm, else text).
FixMarkup fix_markup_for(std::string_view path);

struct FixEdit {
  uint64_t byte_start = 0;  // in the original file, end exclusive
  uint64_t byte_end = 0;
  std::string replacement;
  std::string rule;
};

struct FixPlan {
  std::vector<FixEdit> edits;          // sorted, non-overlapping
  std::vector<Finding> left_for_a_person;  // findings no edit can settle
};

// "[phone number removed]" and the like, from the rule id.
std::string removal_marker(std::string_view rule_id);

// Plans the edits for one file's findings. `source` is the file's bytes: a
// finding whose bytes there are not its match (text decoded from an HTML
// entity, say) is left for a person rather than risk breaking the markup.
FixPlan plan_fixes(std::string_view source, const std::vector<Finding>& findings, FixMarkup markup);

std::string apply_fixes(std::string_view source, const std::vector<FixEdit>& edits);

// A unified diff (3 lines of context) of `before` -> `after`, where `after`
// is `before` with `edits` applied; empty when there are no edits.
std::string unified_diff(std::string_view before, const std::vector<FixEdit>& edits, const std::string& old_name,
                         const std::string& new_name);

// Replaces `path` with `content` atomically: a temporary file in the same
// folder, fsync, the original's permissions, rename over the original, and
// fsync of the folder. Readers see the old file or the new one, never half.
// Throws std::runtime_error naming the path and cause.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace policycheck
