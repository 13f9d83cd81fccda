#include "json_archive.hpp"

#include <charconv>
#include <ctime>

#include "decoded_text.hpp"

namespace policycheck::inputs {

std::string unix_time(std::string_view token) {
  if (token.empty() || token.find_first_not_of("0123456789") != std::string_view::npos) return std::string(token);
  // A number too large for a time (a damaged or hostile export) stays as
  // written instead of throwing.
  long long value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size()) return std::string(token);
  const std::time_t seconds = static_cast<std::time_t>(value);
  std::tm tm{};
  if (!gmtime_r(&seconds, &tm)) return std::string(token);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

const JsonValue* at_path(const JsonValue& value, std::initializer_list<std::string_view> keys) {
  const JsonValue* at = &value;
  for (std::string_view key : keys) {
    at = at->get(key);
    if (!at) return nullptr;
  }
  return at;
}

void emit_json_record(ReadContext& ctx, const JsonElement& element, const std::vector<const JsonValue*>& strings,
                      RecordInfo info, StringEncoding encoding) {
  Record record;
  record.path = ctx.path;
  record.info = std::move(info);
  std::string text;
  TextBuilder builder(text, record.map, element.positions);
  uint64_t first_string = element.offset;
  for (const JsonValue* s : strings) {
    if (!s || !s->is_string() || s->end - s->begin <= 2) continue;
    const uint64_t content_offset = element.file_offset(s->begin + 1);
    if (builder.size() > 0) builder.synthetic("\n", content_offset - 1);
    else first_string = content_offset;
    const std::string_view raw = s->raw_content(element.bytes);
    switch (encoding) {
      case StringEncoding::html_escaped: {
        std::string decoded;
        SourceMap decoded_map;
        TextBuilder first(decoded, decoded_map);  // positioned when re-emitted into `builder`
        append_json_string(first, raw, content_offset);
        append_html_unescaped(decoded, decoded_map, builder);
        break;
      }
      case StringEncoding::meta_export:
        append_meta_string(builder, raw, content_offset, ctx.options.mojibake);
        break;
      case StringEncoding::plain:
        append_json_string(builder, raw, content_offset);
        break;
    }
  }
  if (text.empty()) return;  // sticker-only comments, attachment-only posts
  ctx.note_repaired_utf8(builder, element.positions.line_at(first_string));
  record.text = text;
  ctx.emit(record);
}

std::string meta_text(const ReadContext& ctx, const JsonElement& element, const JsonValue* value) {
  if (!value || !value->is_string()) return {};
  const std::string_view mode = ctx.options.mojibake;
  if (mode == "off") return element.text(value);
  std::string text;
  SourceMap map;
  TextBuilder builder(text, map);  // record information: no positions needed
  append_meta_string(builder, value->raw_content(element.bytes), element.file_offset(value->begin + 1), mode);
  return text;
}

}  // namespace policycheck::inputs
