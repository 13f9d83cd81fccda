#include "names_patterns.hpp"

#include <utf8proc.h>

#include <cstdio>
#include <set>
#include <vector>

#include "../utf8.hpp"
#include "names_text.hpp"

namespace policycheck::names {
namespace {

// Between two parts of a name: apostrophes (' ’ ‘ ʼ ´ `), hyphens (- ‐ ‑ –),
// a dot, whitespace (a line break or a double space too), or nothing.
constexpr std::string_view kJoin =
    "(?:[\\s'\\x60.\\-]{1,4}|\\xE2\\x80[\\x90\\x91\\x93\\x98\\x99]|\\xC2[\\xB4\\xA0]|\\xCA\\xBC)?";

bool is_separator(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\'' || cp == '`' || cp == '.' || cp == '-' || cp == 0x2019 ||
         cp == 0x2018 || cp == 0x02BC || cp == 0xB4 || cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0xA0;
}

bool is_upper(char32_t cp) { return utf8proc_isupper(static_cast<utf8proc_int32_t>(cp)); }
bool is_lower(char32_t cp) { return utf8proc_islower(static_cast<utf8proc_int32_t>(cp)); }

std::string utf8_of(char32_t cp) {
  utf8proc_uint8_t buffer[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buffer);
  return std::string(reinterpret_cast<const char*>(buffer), static_cast<size_t>(n));
}

// Bytes as \xHH escapes: the database is compiled for bytes, not UTF-8.
std::string escaped_bytes(std::string_view bytes) {
  std::string out;
  char buffer[8];
  for (unsigned char b : bytes) {
    std::snprintf(buffer, sizeof buffer, "\\x%02X", b);
    out += buffer;
  }
  return out;
}

// The ways one letter of a roster name may be written.
std::string letter_pattern(char32_t cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return std::string(1, static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    }
    return escaped_bytes(std::string_view(&c, 1));
  }
  std::set<std::string> forms;
  forms.insert(utf8_of(cp));
  forms.insert(utf8_of(static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp)))));
  forms.insert(utf8_of(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)))));
  // Decomposed (e + combining diaeresis) and with the accent dropped.
  utf8proc_int32_t parts[8];
  int last = 0;
  const utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), parts, 8,
                                                     UTF8PROC_DECOMPOSE, &last);
  std::vector<std::string> plain;  // ASCII forms, matched caselessly
  if (n > 1 && n <= 8) {
    std::string decomposed;
    for (utf8proc_ssize_t k = 0; k < n; ++k) decomposed += utf8_of(static_cast<char32_t>(parts[k]));
    forms.insert(decomposed);
    const char32_t base = static_cast<char32_t>(parts[0]);
    if (base < 0x80) plain.push_back(std::string(1, static_cast<char>(utf8proc_tolower(static_cast<utf8proc_int32_t>(base)))));
    else forms.insert(utf8_of(base));
  }
  const std::string folded = fold_key(utf8_of(cp));
  if (!folded.empty() && folded.size() > 1 && static_cast<unsigned char>(folded[0]) < 0x80) plain.push_back(folded);  // æ -> ae
  if (folded.size() == 1) plain.push_back(folded);  // ø -> o
  switch (cp) {  // German umlauts written out
    case 0xE4: case 0xC4: plain.push_back("ae"); break;
    case 0xF6: case 0xD6: plain.push_back("oe"); break;
    case 0xFC: case 0xDC: plain.push_back("ue"); break;
    default: break;
  }
  std::string out = "(?:";
  bool first = true;
  for (const std::string& form : forms) {
    if (!first) out += '|';
    out += escaped_bytes(form);
    first = false;
  }
  std::set<std::string> seen;
  for (const std::string& form : plain) {
    if (!seen.insert(form).second) continue;
    out += '|';
    out += form;
  }
  out += ')';
  return out;
}

}  // namespace

std::string roster_name_pattern(std::string_view name) {
  // Split into parts, remembering the code points of each.
  std::vector<std::vector<char32_t>> parts(1);
  char32_t previous = 0;
  // In a name written all in capitals (MCDONALD) capitals mark no parts.
  bool has_lower = false;
  for (size_t i = 0; i < name.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(name, i, &len);
    has_lower = has_lower || is_lower(cp);
    i += len;
  }
  for (size_t i = 0; i < name.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(name, i, &len);
    i += len;
    if (is_separator(cp)) {
      if (!parts.back().empty()) parts.emplace_back();
      previous = 0;
      continue;
    }
    if (!is_name_char(cp)) continue;
    // McDonald, MacDonald: a capital after a lower-case letter starts a part;
    // OBrien: so does a capital after a leading single capital O.
    const bool camel = is_upper(cp) && previous != 0 && is_lower(previous);
    const bool irish_o = has_lower && is_upper(cp) && parts.back().size() == 1 && parts.back()[0] == 'O';
    if ((camel || irish_o) && !parts.back().empty()) parts.emplace_back();
    parts.back().push_back(cp);
    previous = cp;
  }
  if (parts.back().empty()) parts.pop_back();
  std::string pattern;
  for (size_t p = 0; p < parts.size(); ++p) {
    if (p > 0) pattern += kJoin;
    for (char32_t cp : parts[p]) pattern += letter_pattern(cp);
  }
  return pattern;
}

}  // namespace policycheck::names
