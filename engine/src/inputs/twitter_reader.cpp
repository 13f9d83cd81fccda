// X/Twitter archives: data/tweets.js (also tweet.js, tweets-partN.js,
// deleted-tweets.js) is JavaScript, "window.YTD.tweets.part0 = [ ... ]".
// Everything up to the first '=' is skipped and the rest streamed as a JSON
// array of {"tweet": {...}}. full_text is HTML-escaped (&amp;): it is
// unescaped with the map kept, so findings still point into the file.
#include "json_archive.hpp"

namespace policycheck::inputs {

void read_twitter(ReadContext& ctx, ByteSource& source) {
  JsonWalk walk;
  walk.javascript_prefix = true;
  walk.each = [&](const JsonElement& element, const JsonValue& value) {
    const JsonValue* tweet = value.get("tweet");
    if (!tweet) tweet = &value;
    RecordInfo info;
    info.field = "tweet.full_text";
    info.id = element.text(tweet->get("id_str"));
    if (info.id.empty()) info.id = "tweets[" + std::to_string(element.index) + "]";
    info.time = element.text(tweet->get("created_at"));
    if (const JsonValue* to = tweet->get("in_reply_to_screen_name"); to && to->is_string()) {
      info.field += " (reply to @" + element.text(to) + ")";
    }
    const JsonValue* text = tweet->get("full_text");
    if (!text) text = tweet->get("text");
    emit_json_record(ctx, element, {text}, std::move(info), StringEncoding::html_escaped);
  };
  walk_json_archive(ctx, source, walk);
}

}  // namespace policycheck::inputs
