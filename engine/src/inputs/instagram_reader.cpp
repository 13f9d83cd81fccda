// Instagram JSON exports: comments (items whose string_map_data is keyed by
// display labels: "Comment", "Media Owner", "Time") and posts (items with
// media[] and title). Same exporter family as Facebook, so strings get the
// same mojibake repair. Newer exports wrap the list in an object
// ({"comments_media_comments": [...]}): every list of items is read.
#include "json_archive.hpp"

namespace policycheck::inputs {
namespace {

void item_record(ReadContext& ctx, std::string_view buffer, const Positioner& positions, const JsonValue& item,
                 const std::string& list, size_t index) {
  std::vector<const JsonValue*> strings;
  RecordInfo info;
  info.id = list + "[" + std::to_string(index) + "]";
  if (const JsonValue* map = item.get("string_map_data")) {
    info.field = "string_map_data.Comment.value";
    strings.push_back(at_path(*map, {"Comment", "value"}));
    if (const JsonValue* owner = at_path(*map, {"Media Owner", "value"}); owner && owner->is_string()) {
      info.author = decode_json_string(owner->raw_content(buffer));
    }
    if (const JsonValue* time = at_path(*map, {"Time", "timestamp"})) info.time = unix_time(time->raw(buffer));
  } else {
    info.field = "title, media[].title";
    strings.push_back(item.get("title"));
    if (const JsonValue* media = item.get("media"); media && media->kind == JsonValue::Kind::array) {
      for (const JsonValue& m : media->items) strings.push_back(m.get("title"));
      if (!media->items.empty()) {
        if (const JsonValue* t = media->items[0].get("creation_timestamp")) info.time = unix_time(t->raw(buffer));
      }
    }
    if (const JsonValue* t = item.get("creation_timestamp")) info.time = unix_time(t->raw(buffer));
  }
  emit_json_record(ctx, buffer, positions, strings, std::move(info), true);
}

}  // namespace

void read_instagram(ReadContext& ctx, std::string_view bytes) {
  Positioner positions(bytes);
  const size_t start = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  JsonParser parser(bytes, start);
  try {
    if (parser.peek() == '[') {
      for_each_element(ctx, bytes, parser, positions, [&](const JsonValue& item, size_t index) {
        item_record(ctx, bytes, positions, item, "items", index);
      });
      return;
    }
    parser.expect('{', "a JSON object or array");
    if (!parser.consume('}')) {
      do {
        const std::string key = parser.parse_key();
        if (parser.peek() == '[') {
          if (!for_each_element(ctx, bytes, parser, positions, [&](const JsonValue& item, size_t index) {
                item_record(ctx, bytes, positions, item, key, index);
              })) {
            return;
          }
        } else {
          parser.parse_value();
        }
      } while (parser.consume(','));
      parser.expect('}', "',' or '}'");
    }
  } catch (const JsonError& e) {
    ctx.error(positions.line_at(e.offset), std::string("invalid JSON: ") + e.what());
  }
}

}  // namespace policycheck::inputs
