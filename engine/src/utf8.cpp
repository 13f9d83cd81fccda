#include "utf8.hpp"

#include <utf8proc.h>

namespace policycheck::utf8 {

size_t sequence_length(std::string_view text, size_t pos) {
  size_t length = 1;
  decode_at(text, pos, &length);
  return length;
}

char32_t decode_at(std::string_view text, size_t pos, size_t* length) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  auto fail = [&]() -> char32_t {
    if (length) *length = 1;
    return 0xFFFD;
  };
  if (pos >= n) return fail();
  const unsigned char c = s[pos];
  if (c < 0x80) {
    if (length) *length = 1;
    return c;
  }
  size_t need;
  char32_t cp;
  if ((c & 0xE0) == 0xC0) { need = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { need = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { need = 4; cp = c & 0x07; }
  else return fail();
  if (pos + need > n) return fail();
  for (size_t i = 1; i < need; ++i) {
    if ((s[pos + i] & 0xC0) != 0x80) return fail();
    cp = (cp << 6) | (s[pos + i] & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((need == 2 && cp < 0x80) || (need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return fail();
  }
  if (length) *length = need;
  return cp;
}

char32_t decode_before(std::string_view text, size_t pos, size_t* length) {
  if (pos == 0 || pos > text.size()) {
    if (length) *length = 0;
    return 0xFFFD;
  }
  // Walk back over at most three continuation bytes to a lead byte.
  size_t start = pos - 1;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  while (start > 0 && pos - start < 4 && (s[start] & 0xC0) == 0x80) --start;
  size_t len = 0;
  const char32_t cp = decode_at(text, start, &len);
  if (start + len != pos) {  // not a whole sequence: treat the last byte alone
    if (length) *length = 1;
    return 0xFFFD;
  }
  if (length) *length = len;
  return cp;
}

bool is_word(char32_t cp) {
  if (cp < 0x80) return ascii_word_byte(static_cast<unsigned char>(cp));
  if (cp == 0xFFFD) return false;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_PC:
      return true;
    default:
      return false;
  }
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t count_code_points(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); pos += sequence_length(text, pos)) ++count;
  return count;
}

bool valid(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    size_t len = 0;
    if (decode_at(text, pos, &len) == 0xFFFD && !(len == 3 && text.substr(pos, 3) == "\xEF\xBF\xBD")) return false;
    pos += len;
  }
  return true;
}

}  // namespace policycheck::utf8
