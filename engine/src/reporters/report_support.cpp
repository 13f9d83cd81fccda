#include "report_support.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "../utf8.hpp"

namespace policycheck {
namespace {

// Byte offset of code-point column `column` (0-based) in `line`.
size_t byte_of_column(std::string_view line, size_t column) {
  size_t pos = 0;
  for (size_t seen = 0; seen < column && pos < line.size(); ++seen) pos += utf8::sequence_length(line, pos);
  return std::min(pos, line.size());
}

}  // namespace

std::string shown_match(const Finding& f, const ReportOptions& options) {
  return options.show_matches ? f.match : redact(f.match);
}

std::string without_raw_match(std::string_view text, const Finding& f, const ReportOptions& options) {
  // Very short matches (an initial) would replace ordinary letters.
  if (options.show_matches || f.match.size() < 3) return std::string(text);
  const std::string masked = redact(f.match);
  std::string out;
  size_t pos = 0;
  for (size_t hit = text.find(f.match); hit != std::string_view::npos; hit = text.find(f.match, pos)) {
    out.append(text.substr(pos, hit - pos));
    out += masked;
    pos = hit + f.match.size();
  }
  out.append(text.substr(pos));
  return out;
}

std::string SnippetRedactor::key(const Finding& f) {
  // Not the line number: a record's text line may span several source lines
  // (a Markdown paragraph), and findings on any of them share the snippet.
  return f.path + '\0' + f.record.id + '\0' + f.record.field + '\0' + f.snippet;
}

void SnippetRedactor::add(const Finding& f) {
  if (f.snippet.empty() || f.snippet_end <= f.snippet_start) return;
  spans_[key(f)].emplace_back(f.snippet_start, f.snippet_end);
}

SnippetRedactor::Rendered SnippetRedactor::render(const Finding& f, const ReportOptions& options,
                                                  size_t max_code_points) const {
  const std::string_view line = f.snippet;
  // Code-point spans to redact on this line, merged where they overlap.
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  if (!options.show_matches) {
    if (auto it = spans_.find(key(f)); it != spans_.end()) spans = it->second;
    if (f.snippet_end > f.snippet_start) spans.emplace_back(f.snippet_start, f.snippet_end);
    std::sort(spans.begin(), spans.end());
  }
  // Rebuild the line as code points with redacted spans, tracking where the
  // finding's own match lands.
  std::vector<std::string> points;
  size_t own_start = 0, own_end = 0;
  size_t column = 0;
  size_t span_index = 0;
  for (size_t pos = 0; pos < line.size();) {
    while (span_index < spans.size() && spans[span_index].second <= column) ++span_index;
    if (span_index < spans.size() && spans[span_index].first <= column) {
      // Redact from here to the end of this (merged) span in one piece.
      uint32_t end = spans[span_index].second;
      while (span_index + 1 < spans.size() && spans[span_index + 1].first <= end) {
        end = std::max(end, spans[++span_index].second);
      }
      const size_t from = pos;
      const size_t to = byte_of_column(line, end);
      const size_t first_point = points.size();
      const std::string masked = redact(line.substr(from, to - from));
      for (size_t m = 0; m < masked.size();) {
        const size_t len = utf8::sequence_length(masked, m);
        points.emplace_back(masked.substr(m, len));
        m += len;
      }
      if (column <= f.snippet_start && f.snippet_start < end) {
        own_start = first_point + (f.snippet_start - column);
        own_end = first_point + (std::min<uint32_t>(f.snippet_end, end) - column);
      }
      column = end;
      pos = to;
      ++span_index;
      continue;
    }
    if (column == f.snippet_start) own_start = points.size();
    if (column == f.snippet_end) own_end = points.size();
    const size_t len = utf8::sequence_length(line, pos);
    const char32_t cp = utf8::decode_at(line, pos);
    if (cp == '\t') points.emplace_back(" ");
    else if (cp < 0x20 || cp == 0x7f) points.emplace_back("\xEF\xBF\xBD");
    else points.emplace_back(line.substr(pos, len));
    pos += len;
    ++column;
  }
  if (column <= f.snippet_end && own_end < own_start) own_end = points.size();
  if (own_end < own_start) own_end = own_start;

  // Cut long lines (archives hold whole posts on one line) around the match.
  size_t from = 0, to = points.size();
  if (to > max_code_points) {
    const size_t margin = max_code_points > (own_end - own_start) ? (max_code_points - (own_end - own_start)) / 2 : 0;
    from = own_start > margin ? own_start - margin : 0;
    to = std::min(points.size(), std::max(own_end, from + max_code_points));
    if (to - from > max_code_points && own_end - own_start <= max_code_points) from = to - max_code_points;
  }
  Rendered rendered;
  size_t offset = 0;
  if (from > 0) {
    rendered.text = "\xE2\x80\xA6";
    offset = 1;
  }
  for (size_t i = from; i < to; ++i) rendered.text += points[i];
  if (to < points.size()) rendered.text += "\xE2\x80\xA6";
  rendered.match_start = std::clamp(own_start, from, to) - from + offset;
  rendered.match_end = std::clamp(own_end, from, to) - from + offset;
  return rendered;
}

std::string effective_working_directory(const ReportOptions& options) {
  if (!options.working_directory.empty()) return options.working_directory;
  std::error_code ec;
  const auto cwd = std::filesystem::current_path(ec);
  return ec ? std::string() : cwd.generic_string();
}

std::string repository_path(std::string_view path, const std::string& base) {
  namespace fs = std::filesystem;
  std::string p(path);
  if (p == "-" || p == "<stdin>") return "<stdin>";
  fs::path candidate(p);
  if (candidate.is_absolute() && !base.empty()) {
    const fs::path relative = candidate.lexically_normal().lexically_relative(fs::path(base).lexically_normal());
    if (!relative.empty() && *relative.begin() != "..") candidate = relative;
  } else {
    candidate = candidate.lexically_normal();
  }
  std::string out = candidate.generic_string();
  while (out.rfind("./", 0) == 0) out.erase(0, 2);
  return out.empty() ? std::string(path) : out;
}

std::string uri_reference(std::string_view relative_path) {
  // Unreserved characters and '/' stay; everything else is percent-encoded
  // byte by byte, which is what RFC 3986 asks of UTF-8 paths.
  std::string out;
  for (unsigned char c : relative_path) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

std::string directory_uri(const std::string& base) {
  std::string uri = "file://" + uri_reference(base);
  if (uri.empty() || uri.back() != '/') uri += '/';
  return uri;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(text, pos, &len);
    const bool invalid = cp == 0xFFFD && text.substr(pos, len) != "\xEF\xBF\xBD";
    if (invalid || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF) {
      out += "\xEF\xBF\xBD";
    } else if (cp == '&') {
      out += "&amp;";
    } else if (cp == '<') {
      out += "&lt;";
    } else if (cp == '>') {
      out += "&gt;";
    } else if (cp == '"') {
      out += "&quot;";
    } else if (cp == '\'') {
      out += "&#39;";
    } else if (cp == '\n') {
      out += "&#10;";
    } else if (cp == '\r') {
      out += "&#13;";
    } else if (cp == '\t') {
      out += "&#9;";
    } else {
      out.append(text.substr(pos, len));
    }
    pos += len;
  }
  return out;
}

std::string truncate_code_points(std::string_view text, size_t max_code_points) {
  size_t pos = 0, seen = 0;
  while (pos < text.size() && seen < max_code_points) {
    pos += utf8::sequence_length(text, pos);
    ++seen;
  }
  if (pos >= text.size()) return std::string(text);
  // Leave room for the ellipsis inside the limit.
  pos = byte_of_column(text, max_code_points > 0 ? max_code_points - 1 : 0);
  return std::string(text.substr(0, pos)) + "\xE2\x80\xA6";
}

size_t count_of(const ScanSummary& summary, Severity severity) {
  auto it = summary.by_severity.find(severity);
  return it == summary.by_severity.end() ? 0 : it->second;
}

}  // namespace policycheck
