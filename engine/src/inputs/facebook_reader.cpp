// Facebook "Download Your Information" JSON: the comments file
// ({"comments_v2": [...]}) and the posts file (a top-level array), streamed
// one entry at a time. Every string goes through the mojibake repair (Meta
// writes one \u00XX escape per UTF-8 byte). Titles such as "X replied to
// Y's comment." name third parties, so they are scanned with the comment.
#include "json_archive.hpp"

namespace policycheck::inputs {
namespace {

void comment_record(ReadContext& ctx, const JsonElement& element, const JsonValue& entry) {
  std::vector<const JsonValue*> strings{entry.get("title")};
  RecordInfo info;
  info.id = std::string(element.list) + "[" + std::to_string(element.index) + "]";
  info.field = "title, data[].comment.comment";
  if (const JsonValue* t = entry.get("timestamp")) info.time = unix_time(element.raw(*t));
  if (const JsonValue* data = entry.get("data"); data && data->kind == JsonValue::Kind::array) {
    for (const JsonValue& item : data->items) {
      const JsonValue* comment = item.get("comment");
      if (!comment) continue;
      strings.push_back(comment->get("comment"));
      if (info.author.empty()) info.author = meta_text(ctx, element, comment->get("author"));
    }
  }
  emit_json_record(ctx, element, strings, std::move(info), StringEncoding::meta_export);
}

void post_record(ReadContext& ctx, const JsonElement& element, const JsonValue& entry) {
  std::vector<const JsonValue*> strings{entry.get("title")};
  RecordInfo info;
  info.id = "posts[" + std::to_string(element.index) + "]";
  info.field = "title, data[].post, attachment descriptions";
  if (const JsonValue* t = entry.get("timestamp")) info.time = unix_time(element.raw(*t));
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
  emit_json_record(ctx, element, strings, std::move(info), StringEncoding::meta_export);
}

}  // namespace

void read_facebook(ReadContext& ctx, ByteSource& source) {
  JsonWalk walk;
  walk.wanted_list = [](std::string_view key) { return key == "comments_v2"; };
  walk.each = [&](const JsonElement& element, const JsonValue& entry) {
    // A top-level array is the posts file; the wrapper's list the comments.
    if (element.list.empty()) post_record(ctx, element, entry);
    else comment_record(ctx, element, entry);
  };
  if (walk_json_archive(ctx, source, walk) == 0 && !ctx.stats.failed) {
    ctx.error(1, "no \"comments_v2\" list: not a Facebook comments export");
  }
}

}  // namespace policycheck::inputs
