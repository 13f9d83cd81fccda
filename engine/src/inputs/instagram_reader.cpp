// Instagram JSON exports: comments (items whose string_map_data is keyed by
// display labels: "Comment", "Media Owner", "Time") and posts (items with
// media[] and title), streamed one item at a time. Same exporter family as
// Facebook, so strings get the same mojibake repair. Newer exports wrap the
// list in an object ({"comments_media_comments": [...]}): every list of
// items is read.
#include "json_archive.hpp"

namespace policycheck::inputs {
namespace {

void item_record(ReadContext& ctx, const JsonElement& element, const JsonValue& item) {
  std::vector<const JsonValue*> strings;
  RecordInfo info;
  info.id = std::string(element.list.empty() ? "items" : element.list) + "[" + std::to_string(element.index) + "]";
  if (const JsonValue* map = item.get("string_map_data")) {
    info.field = "string_map_data.Comment.value";
    strings.push_back(at_path(*map, {"Comment", "value"}));
    info.author = meta_text(ctx, element, at_path(*map, {"Media Owner", "value"}));
    if (const JsonValue* time = at_path(*map, {"Time", "timestamp"})) info.time = unix_time(element.raw(*time));
  } else {
    info.field = "title, media[].title";
    strings.push_back(item.get("title"));
    if (const JsonValue* media = item.get("media"); media && media->kind == JsonValue::Kind::array) {
      for (const JsonValue& m : media->items) strings.push_back(m.get("title"));
      if (!media->items.empty()) {
        if (const JsonValue* t = media->items[0].get("creation_timestamp")) info.time = unix_time(element.raw(*t));
      }
    }
    if (const JsonValue* t = item.get("creation_timestamp")) info.time = unix_time(element.raw(*t));
  }
  emit_json_record(ctx, element, strings, std::move(info), StringEncoding::meta_export);
}

}  // namespace

void read_instagram(ReadContext& ctx, ByteSource& source) {
  JsonWalk walk;
  walk.each = [&](const JsonElement& element, const JsonValue& item) { item_record(ctx, element, item); };
  walk_json_archive(ctx, source, walk);
}

}  // namespace policycheck::inputs
