// YouTube comments from Google Takeout: a CSV whose "Comment Text" cell holds
// JSON, either {"takeoutSegments":[{"text":...}]} (older exports) or
// comma-separated {"text":...} objects with no enclosing brackets (newer).
// Columns are found by header name, case-insensitively, because two header
// orders (and extra columns) exist in the wild.
#include <algorithm>
#include <cctype>
#include <optional>

#include "csv_records.hpp"
#include "decoded_text.hpp"
#include "json_value.hpp"
#include "reader.hpp"
#include "../ascii_case.hpp"

namespace policycheck::inputs {
namespace {

void collect_text_strings(const JsonValue& value, std::vector<const JsonValue*>& out) {
  if (value.kind == JsonValue::Kind::object) {
    for (size_t i = 0; i < value.keys.size(); ++i) {
      if (value.keys[i] == "text" && value.items[i].is_string()) out.push_back(&value.items[i]);
      else collect_text_strings(value.items[i], out);
    }
  } else if (value.kind == JsonValue::Kind::array) {
    for (const JsonValue& item : value.items) collect_text_strings(item, out);
  }
}

// Appends the comment's text. `cell` is the decoded cell value; a position in
// it maps back to the file by adding the quotes collapsed before it.
bool append_comment_text(const CsvRecords& records, size_t column, TextBuilder& out) {
  const CsvField& field = records.fields()[column];
  const std::string cell = records.value(column);
  const size_t first = cell.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || cell[first] != '{') return false;
  // The newer layout is a list without its brackets: add them.
  const std::string json = "[" + cell + "]";
  JsonValue root;
  try {
    JsonParser parser(json);
    root = parser.parse_value();
    if (!parser.at_end()) return false;
  } catch (const JsonError&) {
    return false;
  }
  std::vector<size_t> quote_positions;  // decoded offsets of quotes that were doubled in the file
  if (field.quoted) {
    for (size_t i = 0; i < cell.size(); ++i) {
      if (cell[i] == '"') quote_positions.push_back(i);
    }
  }
  auto file_offset = [&](size_t decoded) {
    const size_t doubled = static_cast<size_t>(
        std::lower_bound(quote_positions.begin(), quote_positions.end(), decoded) - quote_positions.begin());
    return records.file_offset(field.begin + decoded + doubled);
  };
  std::vector<const JsonValue*> strings;
  collect_text_strings(root, strings);
  for (const JsonValue* s : strings) {
    // Inside a JSON string no quote is unescaped, so the mapping is linear there.
    // The content starts at begin + 1 in `json`, which has "[" in front of the cell.
    const size_t decoded_start = s->begin;
    append_json_string(out, s->raw_content(json), file_offset(decoded_start));
  }
  return true;
}

}  // namespace

void read_youtube(ReadContext& ctx, LineStream& lines) {
  CsvRecords records(lines, ',');
  if (!records.next()) {
    if (!records.error().empty()) ctx.error(records.error_line(), records.error());
    return;
  }
  std::vector<std::string> header;
  for (size_t i = 0; i < records.fields().size(); ++i) {
    std::string name = ascii_lowercase(records.value(i));
    if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name.erase(0, 3);
    header.push_back(name);
  }
  auto column = [&](std::initializer_list<const char*> names) -> std::optional<size_t> {
    for (const char* name : names) {
      auto it = std::find(header.begin(), header.end(), name);
      if (it != header.end()) return static_cast<size_t>(it - header.begin());
    }
    return std::nullopt;
  };
  const auto text = column({"comment text", "message text", "text"});
  if (!text) {
    ctx.error(1, "no \"Comment Text\" column in this YouTube comments file");
    return;
  }
  const auto id = column({"comment id", "live chat id", "post id"});
  const auto channel = column({"channel id"});
  const auto created = column({"comment create timestamp", "live chat create timestamp", "create timestamp"});
  const auto video = column({"video id"});

  std::string storage;
  while (records.next()) {
    if (records.blank()) continue;
    const size_t fields = records.fields().size();
    if (*text >= fields) continue;
    Record record;
    record.path = ctx.path;
    record.info.field = "Comment Text";
    auto value = [&](const std::optional<size_t>& c) { return c && *c < fields ? records.value(*c) : std::string(); };
    record.info.id = value(id);
    if (record.info.id.empty()) record.info.id = "line " + std::to_string(records.line());
    if (const std::string v = value(video); !v.empty()) record.info.id += " (video " + v + ")";
    record.info.author = value(channel);
    record.info.time = value(created);
    storage.clear();
    Positioner positions(records.buffer(), records.offset(), TextPosition{records.line(), 1});
    TextBuilder builder(storage, record.map, positions);
    if (!append_comment_text(records, *text, builder)) {
      storage.clear();
      record.map.segments.clear();
      records.append(builder, *text);  // plain text in the cell (hand-made or older files)
    }
    ctx.note_repaired_utf8(builder, records.line());
    record.text = storage;
    ctx.emit(record);
  }
  if (!records.error().empty()) ctx.error(records.error_line(), records.error());
}

}  // namespace policycheck::inputs
