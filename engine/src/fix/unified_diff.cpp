// A unified diff straight from the edits: we know exactly which lines each
// edit touches, so there is no need for a general diff algorithm.
#include <algorithm>

#include "policycheck/fix.hpp"

namespace policycheck {
namespace {

constexpr size_t kContext = 3;

// Offsets where each line starts; a final empty line is not a line.
std::vector<uint64_t> line_starts(std::string_view text) {
  std::vector<uint64_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && i + 1 < text.size()) starts.push_back(i + 1);
  }
  if (text.empty()) starts.clear();
  return starts;
}

size_t line_of(const std::vector<uint64_t>& starts, uint64_t offset) {
  return static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin()) - 1;
}

// Splits text into lines, each keeping its '\n' (the last may lack one).
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

void emit_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out.append(line);
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(std::string_view before, const std::vector<FixEdit>& edits, const std::string& old_name,
                         const std::string& new_name) {
  if (edits.empty()) return {};
  const std::vector<uint64_t> starts = line_starts(before);
  const std::vector<std::string_view> lines = split_lines(before);

  // Groups of edits whose changed lines are close enough to share a hunk.
  struct Group {
    size_t first_line, last_line;  // changed lines, inclusive
    size_t first_edit, last_edit;  // inclusive
  };
  std::vector<Group> groups;
  for (size_t i = 0; i < edits.size(); ++i) {
    const size_t a = line_of(starts, edits[i].byte_start);
    const size_t b = line_of(starts, std::max(edits[i].byte_end, edits[i].byte_start + 1) - 1);
    if (!groups.empty() && a <= groups.back().last_line + 2 * kContext + 1) {
      groups.back().last_line = std::max(groups.back().last_line, b);
      groups.back().last_edit = i;
    } else {
      groups.push_back({a, b, i, i});
    }
  }

  std::string out = "--- " + old_name + "\n+++ " + new_name + "\n";
  long long shift = 0;  // new line number minus old line number so far
  for (const Group& g : groups) {
    const size_t from = g.first_line >= kContext ? g.first_line - kContext : 0;
    const size_t to = std::min(lines.size() - 1, g.last_line + kContext);
    // The changed stretch, old and new.
    const uint64_t changed_begin = starts[g.first_line];
    const uint64_t changed_end = g.last_line + 1 < starts.size() ? starts[g.last_line + 1] : before.size();
    std::string replaced;
    uint64_t pos = changed_begin;
    for (size_t e = g.first_edit; e <= g.last_edit; ++e) {
      replaced.append(before.substr(pos, edits[e].byte_start - pos));
      replaced += edits[e].replacement;
      pos = edits[e].byte_end;
    }
    replaced.append(before.substr(pos, changed_end - pos));
    const std::vector<std::string_view> new_lines = split_lines(replaced);
    const size_t old_count = to - from + 1;
    const size_t new_count = old_count - (g.last_line - g.first_line + 1) + new_lines.size();
    out += "@@ -" + std::to_string(from + 1) + "," + std::to_string(old_count) + " +" +
           std::to_string(static_cast<long long>(from + 1) + shift) + "," + std::to_string(new_count) + " @@\n";
    for (size_t l = from; l < g.first_line; ++l) emit_line(out, ' ', lines[l]);
    for (size_t l = g.first_line; l <= g.last_line; ++l) emit_line(out, '-', lines[l]);
    for (std::string_view l : new_lines) emit_line(out, '+', l);
    for (size_t l = g.last_line + 1; l <= to; ++l) emit_line(out, ' ', lines[l]);
    shift += static_cast<long long>(new_count) - static_cast<long long>(old_count);
  }
  return out;
}

}  // namespace policycheck
