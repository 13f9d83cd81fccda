#pragma once
// Shared by the readers of archives that are one big JSON document
// (Facebook, Instagram, X/Twitter): walking the record array element by
// element, so each is emitted as soon as it is parsed and one damaged
// element costs only itself.
#include <functional>
#include <string>
#include <string_view>

#include "json_value.hpp"
#include "reader.hpp"

namespace policycheck::inputs {

// The parser stands before an array. Calls `each` for every element with its
// index. A damaged element is reported (with its line) and parsing resumes at
// the next line that opens an element at the same indentation, where the
// export is pretty-printed; otherwise the rest of the file is reported as
// not scanned. Returns false when parsing stopped early.
bool for_each_element(ReadContext& ctx, std::string_view buffer, JsonParser& parser, const Positioner& positions,
                      const std::function<void(const JsonValue&, size_t)>& each);

// Unix seconds as an ISO 8601 UTC time ("2025-03-07T15:30:00Z"); the raw
// token when it is not a number.
std::string unix_time(std::string_view token);

// Emits one record whose text is the listed strings, each separated by a line
// break, mojibake-repaired as the options say (Meta exports).
struct TextPiece {
  const JsonValue* value;
  std::string_view name;
};
void emit_json_record(ReadContext& ctx, std::string_view buffer, const Positioner& positions,
                      const std::vector<const JsonValue*>& strings, RecordInfo info, bool meta_export,
                      bool html_escaped = false);

// A value reached by a path of keys, or null.
const JsonValue* at_path(const JsonValue& value, std::initializer_list<std::string_view> keys);

}  // namespace policycheck::inputs
