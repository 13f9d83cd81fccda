#include "json_archive.hpp"

#include <charconv>
#include <ctime>

#include "decoded_text.hpp"

namespace policycheck::inputs {

bool for_each_element(ReadContext& ctx, std::string_view buffer, JsonParser& parser, const Positioner& positions,
                      const std::function<void(const JsonValue&, size_t)>& each) {
  try {
    parser.expect('[', "'[' starting the list of records");
  } catch (const JsonError& e) {
    ctx.error(positions.line_at(e.offset), std::string("invalid JSON: ") + e.what());
    return false;
  }
  size_t index = 0;
  if (parser.consume(']')) return true;
  while (true) {
    parser.skip_whitespace();
    const size_t element_start = parser.position();
    try {
      const JsonValue element = parser.parse_value();
      each(element, index++);
      if (parser.consume(',')) continue;
      parser.expect(']', "',' or ']' after a record");
      return true;
    } catch (const JsonError& e) {
      ctx.error(positions.line_at(e.offset), std::string("invalid JSON: ") + e.what() + " (in record " +
                                                 std::to_string(index) + ", which starts on line " +
                                                 std::to_string(positions.line_at(element_start)) + ")");
      // Resynchronise on the next element at the same indentation.
      const size_t line_start = buffer.rfind('\n', element_start == 0 ? 0 : element_start - 1);
      const size_t indent_begin = line_start == std::string_view::npos ? 0 : line_start + 1;
      const std::string_view indent = buffer.substr(indent_begin, element_start - indent_begin);
      const bool pretty = indent.find_first_not_of(" \t") == std::string_view::npos && line_start != std::string_view::npos;
      const std::string needle = "\n" + std::string(indent) + "{";
      const size_t next = pretty ? buffer.find(needle, std::max(e.offset, element_start + 1)) : std::string_view::npos;
      if (next == std::string_view::npos) {
        ctx.error(positions.line_at(e.offset), "the rest of the file after this error was not scanned");
        return false;
      }
      ++index;
      parser.seek(next + 1);
    }
  }
}

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

void emit_json_record(ReadContext& ctx, std::string_view buffer, const Positioner& positions,
                      const std::vector<const JsonValue*>& strings, RecordInfo info, bool meta_export,
                      bool html_escaped) {
  Record record;
  record.path = ctx.path;
  record.info = std::move(info);
  std::string text;
  TextBuilder builder(text, record.map, positions);
  for (const JsonValue* s : strings) {
    if (!s || !s->is_string() || s->end - s->begin <= 2) continue;
    if (builder.size() > 0) builder.synthetic("\n", s->begin);
    const std::string_view raw = s->raw_content(buffer);
    if (html_escaped) {
      std::string decoded;
      SourceMap decoded_map;
      TextBuilder first(decoded, decoded_map, positions);
      append_json_string(first, raw, s->begin + 1);
      append_html_unescaped(decoded, decoded_map, builder);
    } else if (meta_export) {
      append_meta_string(builder, raw, s->begin + 1, positions, ctx.options.mojibake);
    } else {
      append_json_string(builder, raw, s->begin + 1);
    }
  }
  if (text.empty()) return;  // sticker-only comments, attachment-only posts
  ctx.note_repaired_utf8(builder, positions.line_at(strings.empty() || !strings[0] ? 0 : strings[0]->begin));
  record.text = text;
  ctx.emit(record);
}

}  // namespace policycheck::inputs
