#include "json_writer.hpp"

#include <cstdio>

#include "../utf8.hpp"

namespace policycheck {

std::string json_string(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (size_t pos = 0; pos < text.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(text, pos, &len);
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (cp == 0xFFFD && !(len == 3 && text.substr(pos, 3) == "\xEF\xBF\xBD")) {
      out += "\\ufffd";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || cp == 0x2028 || cp == 0x2029) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(cp));
      out += buffer;
    } else {
      out.append(text.substr(pos, len));
    }
    pos += len;
  }
  out += '"';
  return out;
}

}  // namespace policycheck
