#pragma once
// A small JSON parser that keeps where every value sits in the source, for
// the archive formats whose records are elements of one big document
// (Facebook, Instagram, X/Twitter, YouTube's JSON-in-a-cell). It parses one
// value at a time, so a reader can emit each array element as a record and
// carry on after a damaged one. JSON Lines, the format that must run at
// gigabytes a second, uses simdjson instead (jsonl_reader.cpp).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace policycheck::inputs {

struct JsonError : std::runtime_error {
  JsonError(size_t at, const std::string& what) : std::runtime_error(what), offset(at) {}
  size_t offset;  // in the parsed buffer
};

struct JsonValue {
  enum class Kind { null, boolean, number, string, array, object } kind = Kind::null;
  size_t begin = 0;  // raw token in the buffer; strings include their quotes
  size_t end = 0;
  std::vector<std::string> keys;  // objects: keys[i] names items[i] (decoded)
  std::vector<JsonValue> items;   // arrays and objects

  const JsonValue* get(std::string_view key) const;
  bool is_string() const { return kind == Kind::string; }
  // A string's content between the quotes, escapes intact.
  std::string_view raw_content(std::string_view buffer) const { return buffer.substr(begin + 1, end - begin - 2); }
  std::string_view raw(std::string_view buffer) const { return buffer.substr(begin, end - begin); }
};

class JsonParser {
 public:
  explicit JsonParser(std::string_view buffer, size_t start = 0) : buf_(buffer), pos_(start) {}

  JsonValue parse_value(int depth = 0);
  void skip_whitespace();
  bool at_end() { skip_whitespace(); return pos_ >= buf_.size(); }
  // Consumes `c` after whitespace if it is next.
  bool consume(char c);
  void expect(char c, const char* what);
  std::string parse_key();  // a string followed by ':'
  size_t position() const { return pos_; }
  void seek(size_t pos) { pos_ = pos; }
  char peek() { skip_whitespace(); return pos_ < buf_.size() ? buf_[pos_] : '\0'; }

 private:
  [[noreturn]] void fail(const std::string& what) const;
  void parse_string_token();
  std::string_view buf_;
  size_t pos_;
};

// Decodes a JSON string's raw content (escapes intact) to UTF-8, without a
// source map. Invalid escapes are kept as written.
std::string decode_json_string(std::string_view raw);

}  // namespace policycheck::inputs
