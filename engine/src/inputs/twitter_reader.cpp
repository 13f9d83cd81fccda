// X/Twitter archives: data/tweets.js (also tweet.js, tweets-partN.js,
// deleted-tweets.js) is JavaScript, "window.YTD.tweets.part0 = [ ... ]".
// Everything up to the first '=' is skipped and the rest parsed as a JSON
// array of {"tweet": {...}}. full_text is HTML-escaped (&amp;): it is
// unescaped with the map kept, so findings still point into the file.
#include "json_archive.hpp"

namespace policycheck::inputs {

void read_twitter(ReadContext& ctx, std::string_view bytes) {
  Positioner positions(bytes);
  const size_t prefix = bytes.find("window.YTD.");
  const size_t equals = prefix == std::string_view::npos ? prefix : bytes.find('=', prefix);
  if (equals == std::string_view::npos) {
    ctx.error(1, "not an X/Twitter archive file: no \"window.YTD.<name>.partN =\" prefix");
    return;
  }
  JsonParser parser(bytes, equals + 1);
  for_each_element(ctx, bytes, parser, positions, [&](const JsonValue& element, size_t index) {
    const JsonValue* tweet = element.get("tweet");
    if (!tweet) tweet = &element;
    RecordInfo info;
    info.field = "tweet.full_text";
    if (const JsonValue* id = tweet->get("id_str"); id && id->is_string()) {
      info.id = decode_json_string(id->raw_content(bytes));
    } else {
      info.id = "tweets[" + std::to_string(index) + "]";
    }
    if (const JsonValue* t = tweet->get("created_at"); t && t->is_string()) {
      info.time = decode_json_string(t->raw_content(bytes));
    }
    if (const JsonValue* to = tweet->get("in_reply_to_screen_name"); to && to->is_string()) {
      info.field += " (reply to @" + decode_json_string(to->raw_content(bytes)) + ")";
    }
    const JsonValue* text = tweet->get("full_text");
    if (!text) text = tweet->get("text");
    emit_json_record(ctx, bytes, positions, {text}, std::move(info), false, true);
  });
}

}  // namespace policycheck::inputs
