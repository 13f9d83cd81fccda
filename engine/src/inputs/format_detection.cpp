// Which reader a file needs: by content first (export file names are
// localised and change between vintages), by file name second.
#include <algorithm>
#include <array>
#include <cctype>

#include "policycheck/input.hpp"
#include "whatsapp_prefix.hpp"
#include "../ascii_case.hpp"

namespace policycheck {
namespace {

constexpr std::array<std::pair<InputFormat, std::string_view>, 15> kNames = {{
    {InputFormat::auto_detect, "auto"}, {InputFormat::text, "text"},       {InputFormat::markdown, "markdown"},
    {InputFormat::html, "html"},        {InputFormat::docx, "docx"},       {InputFormat::pdf, "pdf"},
    {InputFormat::csv, "csv"},          {InputFormat::jsonl, "jsonl"},     {InputFormat::facebook, "facebook"},
    {InputFormat::instagram, "instagram"}, {InputFormat::twitter, "twitter"}, {InputFormat::youtube, "youtube"},
    {InputFormat::whatsapp, "whatsapp"}, {InputFormat::mbox, "mbox"},      {InputFormat::eml, "eml"},
}};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view first_line(std::string_view text) {
  const size_t end = text.find_first_of("\r\n");
  return text.substr(0, end);
}

// Lines that look like RFC 5322 header fields ("Name: value") up to the
// first blank line, including at least one a message always has.
bool looks_like_email(std::string_view text) {
  size_t pos = 0;
  int fields = 0;
  bool essential = false;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') continue;  // folded continuation
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (char c : line.substr(0, colon)) {
      if (c <= ' ' || c > '~') return false;
    }
    const std::string name = ascii_lowercase(line.substr(0, colon));
    if (name == "from" || name == "message-id" || name == "mime-version" || name == "received") essential = true;
    ++fields;
  }
  return fields >= 2 && essential;
}

bool json_lines_head(std::string_view text) {
  // A first line holding a whole object, and nothing but objects after it.
  const std::string_view line = first_line(text);
  size_t last = line.find_last_not_of(" \t");
  return !line.empty() && line[0] == '{' && last != std::string_view::npos && line[last] == '}';
}

}  // namespace

std::optional<InputFormat> parse_input_format(std::string_view name) {
  const std::string key = ascii_lowercase(name);
  for (const auto& [format, text] : kNames) {
    if (key == text) return format;
  }
  if (key == "txt" || key == "plain") return InputFormat::text;
  if (key == "md") return InputFormat::markdown;
  if (key == "ndjson") return InputFormat::jsonl;
  if (key == "x") return InputFormat::twitter;
  return std::nullopt;
}

std::string_view input_format_name(InputFormat format) {
  for (const auto& [f, text] : kNames) {
    if (f == format) return text;
  }
  return "auto";
}

std::vector<std::string> input_format_names() {
  std::vector<std::string> names;
  for (const auto& entry : kNames) names.emplace_back(entry.second);
  return names;
}

InputFormat detect_format(std::string_view path, std::string_view head) {
  const std::string name = ascii_lowercase(path);
  // Magic numbers first.
  if (head.substr(0, 5) == "%PDF-") return InputFormat::pdf;
  if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    return InputFormat::docx;  // the only ZIP-based format read; a ZIP that is not DOCX fails with a clear message
  }
  if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") return InputFormat::text;
  std::string_view text = head;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const size_t first = text.find_first_not_of(" \t\r\n");
  const std::string_view body = first == std::string_view::npos ? std::string_view{} : text.substr(first);

  if (body.substr(0, 11) == "window.YTD.") return InputFormat::twitter;
  if (!body.empty() && body[0] == '{') {
    if (body.find("\"comments_v2\"") != std::string_view::npos) return InputFormat::facebook;
    if (json_lines_head(body) || ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return InputFormat::jsonl;
  }
  if (!body.empty() && body[0] == '[') {
    if (body.find("\"string_map_data\"") != std::string_view::npos) return InputFormat::instagram;
    if (body.find("\"post\"") != std::string_view::npos || body.find("\"data\"") != std::string_view::npos) {
      if (body.find("\"tweet\"") == std::string_view::npos) return InputFormat::facebook;
    }
  }
  if (text.substr(0, 5) == "From ") return InputFormat::mbox;
  if (looks_like_email(text)) return ends_with(name, ".mbox") ? InputFormat::mbox : InputFormat::eml;
  {
    // YouTube Takeout: a CSV header naming "Comment Text" (any case).
    const std::string header = ascii_lowercase(first_line(text));
    if (header.find("comment text") != std::string::npos && header.find(',') != std::string::npos) {
      return InputFormat::youtube;
    }
  }
  if (inputs::looks_like_whatsapp(text)) return InputFormat::whatsapp;
  if (ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml")) return InputFormat::html;
  {
    const std::string start = ascii_lowercase(body.substr(0, 512));
    if (start.rfind("<!doctype html", 0) == 0 || start.rfind("<html", 0) == 0 ||
        (start.rfind("<", 0) == 0 && (start.find("<body") != std::string::npos || start.find("<p>") != std::string::npos ||
                                      start.find("<div") != std::string::npos))) {
      return InputFormat::html;
    }
  }
  if (ends_with(name, ".md") || ends_with(name, ".markdown") || ends_with(name, ".mdown")) return InputFormat::markdown;
  if (ends_with(name, ".csv") || ends_with(name, ".tsv")) return InputFormat::csv;
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return InputFormat::jsonl;
  if (ends_with(name, ".eml")) return InputFormat::eml;
  if (ends_with(name, ".mbox")) return InputFormat::mbox;
  if (ends_with(name, ".docx")) return InputFormat::docx;
  if (ends_with(name, ".pdf")) return InputFormat::pdf;
  return InputFormat::text;
}

}  // namespace policycheck
