#pragma once
// Streams the archives that are one big JSON document (Facebook, Instagram,
// X/Twitter): walks the top-level array, or the arrays inside a top-level
// wrapper object ({"comments_v2": [...]}), cutting out one element at a time
// with a small tokenizer that tracks strings, escapes and nesting. Only the
// element being cut is held in memory (plus one read chunk), so a 5 GB
// export costs as much memory as its largest record.
//
// Each element is parsed on its own (JsonParser keeps where every value
// sits) and handed over with its file offset and line:column. A damaged
// element costs only itself: a parse error inside it is reported with the
// file's line, and when the tokenizer itself loses track (an unclosed string
// or bracket) it resynchronises on the next line that opens an element at
// the same indentation, which is how every Meta and X export is
// pretty-printed. In a single-line file the rest cannot be found again: that
// is reported.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "byte_source.hpp"
#include "json_value.hpp"
#include "reader.hpp"

namespace policycheck::inputs {

// One element of a record array, parsed. JsonValue offsets are relative to
// `bytes`; file_offset() turns them into offsets in the file.
struct JsonElement {
  std::string_view bytes;       // the element's JSON text
  uint64_t offset = 0;          // file offset of bytes[0]
  const Positioner& positions;  // line:column of any file offset inside it
  std::string_view list;        // key of the wrapper's list holding it; "" for a top-level array
  size_t index = 0;             // position in that list

  uint64_t file_offset(size_t element_offset) const { return offset + element_offset; }
  std::string_view raw(const JsonValue& value) const { return value.raw(bytes); }
  // A string value decoded (escapes resolved, no source map); "" otherwise.
  std::string text(const JsonValue* value) const;
};

struct JsonWalk {
  // X/Twitter: skip "window.YTD.<name>.partN =" before the array.
  bool javascript_prefix = false;
  // In a top-level object, which keys hold record lists (others are skipped).
  std::function<bool(std::string_view key)> wanted_list = [](std::string_view) { return true; };
  std::function<void(const JsonElement&, const JsonValue&)> each;
};

// Walks the whole input. Returns the number of record lists found (a
// top-level array counts as one), so a reader can say when a file holds none.
size_t walk_json_archive(ReadContext& ctx, ByteSource& source, const JsonWalk& walk);

}  // namespace policycheck::inputs
