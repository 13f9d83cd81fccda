// HTML newsletters (web pages and saved email newsletters): one record of
// visible text, see html_text.hpp for what counts as visible.
#include "html_text.hpp"
#include "reader.hpp"

namespace policycheck::inputs {

void read_html(ReadContext& ctx, std::string_view bytes) {
  const size_t start = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  Record record;
  record.path = ctx.path;
  std::string text;
  Positioner positions(bytes);
  TextBuilder builder(text, record.map, positions);
  append_html_text(bytes.substr(start), start, builder);
  ctx.note_repaired_utf8(builder, 0);
  record.text = text;
  ctx.emit(record);
}

}  // namespace policycheck::inputs
