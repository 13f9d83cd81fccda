#pragma once
// Decoding layers that keep the map back to the source: JSON string escapes,
// HTML character references, and the Meta exporter's per-byte mojibake.
// Each layer appends to a TextBuilder; layers stack through Retext, which
// re-emits an already decoded text (with its map) through one more decoder.
#include <cstdint>
#include <string>
#include <string_view>

#include "policycheck/record.hpp"
#include "source_text.hpp"

namespace policycheck::inputs {

// Appends a JSON string's raw content (between the quotes, escapes intact)
// whose first byte sits at file offset `file_offset`. Plain runs are
// verbatim; each escape is a decoded piece standing for its escape bytes.
void append_json_string(TextBuilder& out, std::string_view raw, uint64_t file_offset);

// Re-emits `text` (built with `map`) into `out`, through a further decoding.
class Retext {
 public:
  Retext(std::string_view text, const SourceMap& map, TextBuilder& out) : text_(text), map_(map), out_(out) {}
  // Keeps text[a, b) as it is, with its own segments.
  void copy(size_t a, size_t b);
  // `piece` stands for text[a, b): it maps to the source bytes of that range.
  void replace(std::string_view piece, size_t a, size_t b);

 private:
  size_t segment_of(size_t offset) const;
  std::string_view text_;
  const SourceMap& map_;
  TextBuilder& out_;
};

// HTML character references (&amp; &lt; &#39; &#x1F600; and the common named
// ones) decoded; anything unknown is kept as written.
void append_html_unescaped(std::string_view text, const SourceMap& map, TextBuilder& out);
// The same without a map.
std::string html_unescape(std::string_view text);
// Decodes one reference at text[pos] ('&'); returns its length (0 if none).
size_t decode_html_reference(std::string_view text, size_t pos, std::string& out);

// Meta's exporter writes one \u00XX escape per UTF-8 byte. True when every
// code point is at most U+00FF and, taken as bytes, they form valid UTF-8
// with at least one multi-byte sequence: then the text is mojibake.
bool is_meta_mojibake(std::string_view decoded);
// Regroups the bytes: each repaired character maps to the escapes it came from.
void append_mojibake_repaired(std::string_view decoded, const SourceMap& map, TextBuilder& out);

// A JSON string from a Meta export, repaired when `mode` is "on", or "auto"
// and it is mojibake by the rule above.
void append_meta_string(TextBuilder& out, std::string_view raw, uint64_t file_offset, std::string_view mode);

}  // namespace policycheck::inputs
