// JSON Lines: one JSON object per line, the format for streaming archives
// through GNU parallel or Spark. simdjson's on-demand parser reads only the
// fields asked for; the text field's raw token (a view into the line) gives
// exact source positions, decoded here with the escape map kept.
#include <simdjson.h>

#include "decoded_text.hpp"
#include "json_value.hpp"
#include "reader.hpp"

namespace policycheck::inputs {
namespace {

std::vector<std::string> split_path(const std::string& dotted) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t dot = dotted.find('.', start);
    parts.push_back(dotted.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

// The raw token of a (possibly nested, dot-separated) field, trimmed of the
// whitespace simdjson includes after it; empty when missing. A malformed
// line sets `error`: simdjson's document must not be used after one.
std::string_view field_token(simdjson::ondemand::document& doc, const std::vector<std::string>& path,
                             simdjson::error_code& error) {
  auto usable = [&](simdjson::error_code code) {
    if (code != simdjson::SUCCESS && code != simdjson::NO_SUCH_FIELD && !error) error = code;
    return code == simdjson::SUCCESS;
  };
  if (error) return {};
  simdjson::ondemand::value value;
  auto first = doc.find_field_unordered(path[0]);
  if (!usable(first.error())) return {};
  value = first.value_unsafe();
  for (size_t i = 1; i < path.size(); ++i) {
    auto next = value.find_field_unordered(path[i]);
    if (!usable(next.error())) return {};
    value = next.value_unsafe();
  }
  std::string_view raw = value.raw_json_token();
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r' || raw.back() == '\n')) {
    raw.remove_suffix(1);
  }
  return raw;
}

std::string scalar_text(std::string_view token) {
  if (token.size() >= 2 && token.front() == '"' && token.back() == '"') {
    return decode_json_string(token.substr(1, token.size() - 2));
  }
  if (token == "null") return {};
  return std::string(token);
}

}  // namespace

void read_jsonl(ReadContext& ctx, LineStream& lines) {
  const std::vector<std::string> text_path = split_path(ctx.options.text_field.empty() ? "text" : ctx.options.text_field);
  const bool explicit_id = !ctx.options.id_field.empty();
  const std::vector<std::string> id_path = split_path(explicit_id ? ctx.options.id_field : "id");
  static const std::vector<std::vector<std::string>> kAuthor = {{"author"}, {"user"}, {"from"}};
  static const std::vector<std::vector<std::string>> kTime = {{"time"}, {"timestamp"}, {"created_at"}, {"date"}};

  simdjson::ondemand::parser parser;
  std::string padded;
  std::string text;
  Line line;
  size_t blank_lines = 0, missing_text = 0;
  uint32_t first_blank = 0, first_missing = 0;
  while (lines.next(line)) {
    std::string_view content = line.text;
    while (!content.empty() && (content.back() == ' ' || content.back() == '\t')) content.remove_suffix(1);
    if (content.find_first_not_of(" \t") == std::string_view::npos) {
      if (!blank_lines++) first_blank = line.number;
      continue;
    }
    padded.assign(content.data(), content.size());
    padded.append(simdjson::SIMDJSON_PADDING, '\0');
    simdjson::padded_string_view view(padded.data(), content.size(), padded.size());
    auto parsed = parser.iterate(view);
    if (parsed.error()) {
      ctx.error(line.number, std::string("invalid JSON: ") + simdjson::error_message(parsed.error()));
      continue;
    }
    simdjson::ondemand::document& doc = parsed.value_unsafe();
    simdjson::ondemand::json_type type;
    if (doc.type().get(type) || type != simdjson::ondemand::json_type::object) {
      ctx.error(line.number, "not a JSON object");
      continue;
    }
    Record record;
    record.path = ctx.path;
    simdjson::error_code malformed = simdjson::SUCCESS;
    auto report_malformed = [&] {
      ctx.error(line.number, std::string("invalid JSON: ") + simdjson::error_message(malformed));
    };
    std::string_view token = field_token(doc, text_path, malformed);
    if (malformed) {
      report_malformed();
      continue;
    }
    if (token.size() < 2 || token.front() != '"') {
      if (!missing_text++) first_missing = line.number;
      continue;
    }
    const std::string_view id_token = field_token(doc, id_path, malformed);
    record.info.id = id_token.empty() ? "line " + std::to_string(line.number) : scalar_text(id_token);
    for (const auto& key : kAuthor) {
      if (const std::string_view t = field_token(doc, key, malformed); !t.empty()) {
        record.info.author = scalar_text(t);
        break;
      }
    }
    for (const auto& key : kTime) {
      if (const std::string_view t = field_token(doc, key, malformed); !t.empty()) {
        record.info.time = scalar_text(t);
        break;
      }
    }
    if (malformed) {
      report_malformed();
      continue;
    }
    const std::string_view raw = token.substr(1, token.size() - 2);
    const auto token_offset = static_cast<uint64_t>(token.data() - padded.data());
    text.clear();
    Positioner positions(content, line.offset, TextPosition{line.number, 1});
    TextBuilder builder(text, record.map, positions);
    append_json_string(builder, raw, line.offset + token_offset + 1);
    ctx.note_repaired_utf8(builder, line.number);
    record.info.field = ctx.options.text_field.empty() ? "text" : ctx.options.text_field;
    record.text = text;
    ctx.emit(record);
  }
  if (blank_lines) {
    ctx.notice(first_blank, std::to_string(blank_lines) + " blank line" + (blank_lines == 1 ? "" : "s") +
                                " skipped (not valid JSON Lines)");
  }
  if (missing_text) {
    ctx.notice(first_missing, std::to_string(missing_text) + " record" + (missing_text == 1 ? "" : "s") +
                                  " without a string field \"" +
                                  (ctx.options.text_field.empty() ? std::string("text") : ctx.options.text_field) +
                                  "\" skipped (choose the field with --text-field)");
  }
}

}  // namespace policycheck::inputs
