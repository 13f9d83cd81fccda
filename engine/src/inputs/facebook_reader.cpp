// Facebook "Download Your Information" JSON: the comments file
// ({"comments_v2": [...]}) and the posts file (a top-level array). Every
// string goes through the mojibake repair (Meta writes one \u00XX escape per
// UTF-8 byte). Titles such as "X replied to Y's comment." name third
// parties, so they are scanned with the comment.
#include "decoded_text.hpp"
#include "json_archive.hpp"

namespace policycheck::inputs {
namespace {

std::string meta_text(std::string_view buffer, const JsonValue* value, std::string_view mode) {
  if (!value || !value->is_string()) return {};
  if (mode == "off") return decode_json_string(value->raw_content(buffer));
  std::string text;
  SourceMap map;
  Positioner none(buffer);
  TextBuilder builder(text, map, none);
  append_meta_string(builder, value->raw_content(buffer), 0, none, mode);
  return text;
}

void comment_record(ReadContext& ctx, std::string_view buffer, const Positioner& positions, const JsonValue& entry,
                    size_t index) {
  std::vector<const JsonValue*> strings{entry.get("title")};
  RecordInfo info;
  info.id = "comments_v2[" + std::to_string(index) + "]";
  info.field = "title, data[].comment.comment";
  if (const JsonValue* t = entry.get("timestamp")) info.time = unix_time(t->raw(buffer));
  if (const JsonValue* data = entry.get("data"); data && data->kind == JsonValue::Kind::array) {
    for (const JsonValue& item : data->items) {
      const JsonValue* comment = item.get("comment");
      if (!comment) continue;
      strings.push_back(comment->get("comment"));
      if (info.author.empty()) info.author = meta_text(buffer, comment->get("author"), ctx.options.mojibake);
    }
  }
  emit_json_record(ctx, buffer, positions, strings, std::move(info), true);
}

void post_record(ReadContext& ctx, std::string_view buffer, const Positioner& positions, const JsonValue& entry,
                 size_t index) {
  std::vector<const JsonValue*> strings{entry.get("title")};
  RecordInfo info;
  info.id = "posts[" + std::to_string(index) + "]";
  info.field = "title, data[].post, attachment descriptions";
  if (const JsonValue* t = entry.get("timestamp")) info.time = unix_time(t->raw(buffer));
  if (const JsonValue* data = entry.get("data"); data && data->kind == JsonValue::Kind::array) {
    for (const JsonValue& item : data->items) strings.push_back(item.get("post"));
  }
  if (const JsonValue* attachments = entry.get("attachments");
      attachments && attachments->kind == JsonValue::Kind::array) {
    for (const JsonValue& attachment : attachments->items) {
      const JsonValue* data = attachment.get("data");
      if (!data || data->kind != JsonValue::Kind::array) continue;
      for (const JsonValue& item : data->items) {
        strings.push_back(at_path(item, {"media", "title"}));
        strings.push_back(at_path(item, {"media", "description"}));
        strings.push_back(at_path(item, {"external_context", "name"}));
      }
    }
  }
  emit_json_record(ctx, buffer, positions, strings, std::move(info), true);
}

}  // namespace

void read_facebook(ReadContext& ctx, std::string_view bytes) {
  Positioner positions(bytes);
  const size_t start = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  JsonParser parser(bytes, start);
  try {
    if (parser.peek() == '[') {
      for_each_element(ctx, bytes, parser, positions, [&](const JsonValue& entry, size_t index) {
        post_record(ctx, bytes, positions, entry, index);
      });
      return;
    }
    parser.expect('{', "a JSON object or array");
    bool found = false;
    if (!parser.consume('}')) {
      do {
        const std::string key = parser.parse_key();
        if (key == "comments_v2" && parser.peek() == '[') {
          found = true;
          if (!for_each_element(ctx, bytes, parser, positions, [&](const JsonValue& entry, size_t index) {
                comment_record(ctx, bytes, positions, entry, index);
              })) {
            return;
          }
        } else {
          parser.parse_value();
        }
      } while (parser.consume(','));
      parser.expect('}', "',' or '}'");
    }
    if (!found) ctx.error(1, "no \"comments_v2\" list: not a Facebook comments export");
  } catch (const JsonError& e) {
    ctx.error(positions.line_at(e.offset), std::string("invalid JSON: ") + e.what());
  }
}

}  // namespace policycheck::inputs
