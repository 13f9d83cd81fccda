#include "names_patterns.hpp"

#include <utf8proc.h>

#include <cstdio>
#include <set>
#include <vector>

#include "../utf8.hpp"
#include "names_text.hpp"

namespace policycheck::names {
namespace {

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

enum class Spelling { as_written, capitals, decomposed, plain, umlauts_spelled };

// One letter of a roster name in one spelling, as UTF-8; ASCII letters are
// lower-cased (the pattern is caseless for ASCII).
std::string spell_letter(char32_t cp, Spelling spelling) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    return std::string(1, static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  switch (spelling) {
    case Spelling::as_written: return utf8_of(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
    case Spelling::capitals: return utf8_of(static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp))));
    case Spelling::decomposed: {
      utf8proc_int32_t parts[8];
      int last = 0;
      const utf8proc_ssize_t n = utf8proc_decompose_char(
          utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)), parts, 8, UTF8PROC_DECOMPOSE, &last);
      std::string out;
      for (utf8proc_ssize_t k = 0; k < n && k < 8; ++k) out += utf8_of(static_cast<char32_t>(parts[k]));
      return n > 0 ? out : utf8_of(cp);
    }
    case Spelling::umlauts_spelled:
      switch (cp) {
        case 0xE4: case 0xC4: return "ae";
        case 0xF6: case 0xD6: return "oe";
        case 0xFC: case 0xDC: return "ue";
        default: break;
      }
      [[fallthrough]];
    case Spelling::plain: {
      const std::string folded = fold_key(utf8_of(cp));
      return folded.empty() ? utf8_of(cp) : folded;
    }
  }
  return utf8_of(cp);
}

// A literal as regex text: ASCII letters as they are, every other byte as
// \xHH (the database is compiled for bytes, not UTF-8).
std::string literal_regex(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
    else out += escaped_bytes(std::string_view(reinterpret_cast<const char*>(&c), 1));
  }
  return out;
}

void add_spellings(const std::vector<char32_t>& letters, std::set<std::string>& out) {
  for (Spelling spelling : {Spelling::as_written, Spelling::capitals, Spelling::decomposed, Spelling::plain,
                            Spelling::umlauts_spelled}) {
    std::string text;
    for (char32_t cp : letters) text += spell_letter(cp, spelling);
    out.insert(literal_regex(text));
  }
}

}  // namespace

std::vector<std::string> roster_name_literals(std::string_view name) {
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
  std::set<std::string> literals;
  if (parts.empty()) return {};
  std::vector<char32_t> glued;
  for (const auto& part : parts) glued.insert(glued.end(), part.begin(), part.end());
  add_spellings(glued, literals);
  if (parts.size() > 1) add_spellings(parts.back(), literals);
  return std::vector<std::string>(literals.begin(), literals.end());
}

}  // namespace policycheck::names
