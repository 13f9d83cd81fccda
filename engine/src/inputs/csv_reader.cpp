// CSV (RFC 4180) with a header row: one record per row, the text from
// --text-column (default: a column named text, comment, message or body),
// id/author/time from columns with the usual names.
#include <algorithm>
#include <cctype>
#include <optional>

#include "csv_records.hpp"
#include "reader.hpp"
#include "../ascii_case.hpp"

namespace policycheck::inputs {
namespace {

std::optional<size_t> find_column(const std::vector<std::string>& header, const std::string& wanted) {
  if (!wanted.empty() && std::all_of(wanted.begin(), wanted.end(), [](unsigned char c) { return std::isdigit(c); })) {
    const size_t index = std::stoul(wanted);
    if (index >= 1 && index <= header.size()) return index - 1;
    return std::nullopt;
  }
  const std::string key = ascii_lowercase(wanted);
  for (size_t i = 0; i < header.size(); ++i) {
    if (ascii_lowercase(header[i]) == key) return i;
  }
  return std::nullopt;
}

std::optional<size_t> first_column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (auto i = find_column(header, name)) return i;
  }
  return std::nullopt;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

void read_csv(ReadContext& ctx, LineStream& lines) {
  Line first;
  if (!lines.next(first)) return;  // empty file: nothing to scan
  lines.unread();
  std::string_view head = first.text;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const char delimiter = detect_csv_delimiter(head);
  CsvRecords records(lines, delimiter);
  if (!records.next()) {
    if (!records.error().empty()) ctx.error(records.error_line(), records.error());
    return;
  }
  std::vector<std::string> header;
  for (size_t i = 0; i < records.fields().size(); ++i) {
    std::string name = records.value(i);
    if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name.erase(0, 3);
    header.push_back(name);
  }
  const std::optional<size_t> text_column = ctx.options.text_column.empty()
      ? first_column(header, {"text", "comment", "message", "body", "content", "post"})
      : find_column(header, ctx.options.text_column);
  if (!text_column) {
    ctx.error(1, (ctx.options.text_column.empty() ? std::string("no column named text, comment, message or body")
                                                   : "no column \"" + ctx.options.text_column + "\"") +
                     "; choose one with --text-column (columns: " + joined(header) + ")");
    return;
  }
  const std::optional<size_t> id_column =
      ctx.options.id_field.empty() ? first_column(header, {"id"}) : find_column(header, ctx.options.id_field);
  if (!ctx.options.id_field.empty() && !id_column) {
    ctx.error(1, "no column \"" + ctx.options.id_field + "\" for --id-field (columns: " + joined(header) + ")");
    return;
  }
  const auto author_column = first_column(header, {"author", "from", "user", "name", "sender"});
  const auto time_column = first_column(header, {"time", "timestamp", "date", "created_at", "created"});

  std::string text;
  size_t short_rows = 0;
  uint32_t first_short = 0;
  while (records.next()) {
    if (records.blank()) continue;
    const size_t fields = records.fields().size();
    if (*text_column >= fields) {
      if (!short_rows++) first_short = records.line();
      continue;
    }
    Record record;
    record.path = ctx.path;
    record.info.field = header[*text_column];
    record.info.id = id_column && *id_column < fields ? records.value(*id_column) : "";
    if (record.info.id.empty()) record.info.id = "line " + std::to_string(records.line());
    if (author_column && *author_column < fields) record.info.author = records.value(*author_column);
    if (time_column && *time_column < fields) record.info.time = records.value(*time_column);
    text.clear();
    Positioner positions(records.buffer(), records.offset(), TextPosition{records.line(), 1});
    TextBuilder builder(text, record.map, positions);
    records.append(builder, *text_column);
    ctx.note_repaired_utf8(builder, records.line());
    record.text = text;
    ctx.emit(record);
  }
  if (!records.error().empty()) ctx.error(records.error_line(), records.error());
  if (short_rows) {
    ctx.notice(first_short, std::to_string(short_rows) + " row" + (short_rows == 1 ? "" : "s") +
                                " without a \"" + header[*text_column] + "\" field skipped");
  }
}

}  // namespace policycheck::inputs
