#include "../utf8.hpp"
#include "json_value.hpp"

#include <cstring>

#include "source_text.hpp"

namespace policycheck::inputs {
namespace {

constexpr int kMaxDepth = 512;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

const JsonValue* JsonValue::get(std::string_view key) const {
  if (kind != Kind::object) return nullptr;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &items[i];
  }
  return nullptr;
}

void JsonParser::fail(const std::string& what) const { throw JsonError(pos_, what); }

void JsonParser::skip_whitespace() {
  while (pos_ < buf_.size() && (buf_[pos_] == ' ' || buf_[pos_] == '\n' || buf_[pos_] == '\r' || buf_[pos_] == '\t')) {
    ++pos_;
  }
}

bool JsonParser::consume(char c) {
  skip_whitespace();
  if (pos_ < buf_.size() && buf_[pos_] == c) {
    ++pos_;
    return true;
  }
  return false;
}

void JsonParser::expect(char c, const char* what) {
  if (!consume(c)) fail(std::string("expected ") + what);
}

void JsonParser::parse_string_token() {
  // At the opening quote. Strings are the bulk of an archive: jump from one
  // quote or backslash to the next with memchr-like scanning.
  ++pos_;
  while (true) {
    if (pos_ >= buf_.size()) fail("unterminated string");
    const char c = buf_[pos_];
    if (c == '"') {
      ++pos_;
      return;
    }
    if (c == '\\') {
      if (pos_ + 1 >= buf_.size()) fail("unterminated string");
      pos_ += 2;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20) fail("control character inside a string");
    ++pos_;
  }
}

std::string JsonParser::parse_key() {
  skip_whitespace();
  if (pos_ >= buf_.size() || buf_[pos_] != '"') fail("expected a string key");
  const size_t start = pos_;
  parse_string_token();
  std::string key = decode_json_string(buf_.substr(start + 1, pos_ - start - 2));
  expect(':', "':' after a key");
  return key;
}

JsonValue JsonParser::parse_value(int depth) {
  if (depth > kMaxDepth) fail("nesting too deep");
  skip_whitespace();
  if (pos_ >= buf_.size()) fail("unexpected end of input");
  JsonValue value;
  value.begin = pos_;
  const char c = buf_[pos_];
  if (c == '"') {
    value.kind = JsonValue::Kind::string;
    parse_string_token();
  } else if (c == '{') {
    value.kind = JsonValue::Kind::object;
    ++pos_;
    if (!consume('}')) {
      do {
        value.keys.push_back(parse_key());
        value.items.push_back(parse_value(depth + 1));
      } while (consume(','));
      expect('}', "',' or '}' in an object");
    }
  } else if (c == '[') {
    value.kind = JsonValue::Kind::array;
    ++pos_;
    if (!consume(']')) {
      do {
        value.items.push_back(parse_value(depth + 1));
      } while (consume(','));
      expect(']', "',' or ']' in an array");
    }
  } else if (c == 't' || c == 'f' || c == 'n') {
    const std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
    if (buf_.substr(pos_, word.size()) != word) fail("unexpected character");
    value.kind = c == 'n' ? JsonValue::Kind::null : JsonValue::Kind::boolean;
    pos_ += word.size();
  } else if (c == '-' || (c >= '0' && c <= '9')) {
    value.kind = JsonValue::Kind::number;
    ++pos_;
    while (pos_ < buf_.size() && std::strchr("0123456789.eE+-", buf_[pos_]) && buf_[pos_] != '\0') ++pos_;
  } else {
    fail("unexpected character");
  }
  value.end = pos_;
  return value;
}

std::string decode_json_string(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 >= raw.size()) {
      out += raw[i];
      continue;
    }
    const char e = raw[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        auto hex4 = [&](size_t at) -> int {
          if (at + 4 > raw.size()) return -1;
          int v = 0;
          for (size_t k = 0; k < 4; ++k) {
            const int h = hex_value(raw[at + k]);
            if (h < 0) return -1;
            v = v * 16 + h;
          }
          return v;
        };
        const int unit = hex4(i + 1);
        if (unit < 0) {
          out += "\\u";
          break;
        }
        char32_t cp = static_cast<char32_t>(unit);
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 2 < raw.size() && raw[i + 1] == '\\' && raw[i + 2] == 'u') {
          const int low = hex4(i + 3);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<char32_t>(low) - 0xDC00);
            i += 6;
          }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
        utf8::append(out, cp);
        break;
      }
      default: out += e; break;  // \" \\ \/
    }
  }
  return out;
}

}  // namespace policycheck::inputs
