#pragma once
// Shared by the readers of archives that are one big JSON document
// (Facebook, Instagram, X/Twitter): turning one walked element
// (json_array_walker.hpp) into a record.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "json_array_walker.hpp"

namespace policycheck::inputs {

// Unix seconds as an ISO 8601 UTC time ("2025-03-07T15:30:00Z"); the raw
// token when it is not a number.
std::string unix_time(std::string_view token);

// How a reader's strings are encoded on top of JSON's own escapes.
enum class StringEncoding {
  plain,
  meta_export,   // Meta's per-byte \u00XX mojibake, repaired as --mojibake says
  html_escaped,  // X/Twitter full_text: &amp; &lt; ...
};

// Emits one record whose text is the listed strings of `element`, each
// separated by a line break, decoded with the source map kept.
void emit_json_record(ReadContext& ctx, const JsonElement& element, const std::vector<const JsonValue*>& strings,
                      RecordInfo info, StringEncoding encoding);

// A string value of a Meta export decoded and, as --mojibake says, repaired
// (for authors and other fields kept as record information, not scanned).
std::string meta_text(const ReadContext& ctx, const JsonElement& element, const JsonValue* value);

// A value reached by a path of keys, or null.
const JsonValue* at_path(const JsonValue& value, std::initializer_list<std::string_view> keys);

}  // namespace policycheck::inputs
