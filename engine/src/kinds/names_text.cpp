#include "names_text.hpp"

#include <utf8proc.h>

#include <cstdlib>

#include "../utf8.hpp"

namespace policycheck::names {
namespace {

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == '`'; }
bool is_hyphen(char32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
         cp == 0x2009 || cp == 0x202F;
}

// Letters that no decomposition reduces to ASCII.
const char* special_fold(char32_t cp) {
  switch (cp) {
    case 0xF8: case 0xD8: return "o";    // ø
    case 0x142: case 0x141: return "l";  // ł
    case 0x111: case 0x110: return "d";  // đ
    case 0xE6: case 0xC6: return "ae";   // æ
    case 0x153: case 0x152: return "oe";  // œ
    case 0xFE: case 0xDE: return "th";   // þ
    case 0x131: return "i";              // dotless i
    default: return nullptr;
  }
}

}  // namespace

bool is_name_char(char32_t cp) { return utf8::is_word(cp) && !(cp >= '0' && cp <= '9') && cp != '_'; }

std::string fold_key(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    for (char c : text) {
      if (c >= 'A' && c <= 'Z') key += static_cast<char>(c - 'A' + 'a');
      else if (c >= 'a' && c <= 'z') key += c;
    }
    return key;
  }
  for (size_t i = 0; i < text.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(text, i, &len);
    i += len;
    if (cp < 0x80) {
      if (cp >= 'A' && cp <= 'Z') key += static_cast<char>(cp - 'A' + 'a');
      else if (cp >= 'a' && cp <= 'z') key += static_cast<char>(cp);
      continue;
    }
    if (!is_name_char(cp)) continue;
    if (const char* special = special_fold(cp)) {
      key += special;
      continue;
    }
    // Decompose, case-fold and drop the marks: é -> e, Ł stays a letter.
    utf8proc_int32_t out[8];
    int last = 0;
    const utf8proc_ssize_t n = utf8proc_decompose_char(
        static_cast<utf8proc_int32_t>(cp), out, 8,
        static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT),
        &last);
    if (n < 0 || n > 8) continue;
    for (utf8proc_ssize_t k = 0; k < n; ++k) {
      if (is_name_char(static_cast<char32_t>(out[k]))) utf8::append(key, static_cast<char32_t>(out[k]));
    }
  }
  return key;
}

std::vector<std::string> variant_keys(std::string_view name) {
  std::string written;
  bool changed = false;
  for (size_t i = 0; i < name.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(name, i, &len);
    const char* spelled = nullptr;
    switch (cp) {
      case 0xE4: case 0xC4: spelled = "ae"; break;
      case 0xF6: case 0xD6: spelled = "oe"; break;
      case 0xFC: case 0xDC: spelled = "ue"; break;
      default: break;
    }
    if (spelled) {
      written += spelled;
      changed = true;
    } else {
      written.append(name.substr(i, len));
    }
    i += len;
  }
  if (!changed) return {};
  return {fold_key(written)};
}

size_t part_before(std::string_view text, size_t pos) {
  size_t p = pos;
  int joins = 0, breaks = 0;
  while (p > 0 && joins < 4) {
    size_t len = 0;
    const char32_t cp = utf8::decode_before(text, p, &len);
    if (!(is_space(cp) || is_apostrophe(cp) || is_hyphen(cp) || cp == '.' || cp == 0x2013 || cp == 0xB4)) break;
    if (cp == '\n' && ++breaks > 1) return pos;
    p -= len;
    ++joins;
  }
  const size_t letters_end = p;
  while (p > 0) {
    size_t len = 0;
    const char32_t cp = utf8::decode_before(text, p, &len);
    if (!is_name_char(cp)) break;
    p -= len;
  }
  return p == letters_end ? pos : p;
}

size_t skip_space(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(text, pos, &len);
    if (!is_space(cp)) break;
    pos += len;
  }
  return pos;
}

bool word_before(std::string_view text, size_t pos, TextWord& word, int max_breaks) {
  size_t p = pos;
  int breaks = 0;
  while (p > 0) {
    size_t len = 0;
    const char32_t cp = utf8::decode_before(text, p, &len);
    if (!is_space(cp)) break;
    if (cp == '\n' && ++breaks > max_breaks) return false;
    p -= len;
  }
  if (p == pos || p == 0) return false;
  word.end = p;
  word.dotted = false;
  if (text[p - 1] == '.') {
    word.dotted = true;
    --p;
  }
  size_t begin = p;
  while (begin > 0) {
    size_t len = 0;
    const char32_t cp = utf8::decode_before(text, begin, &len);
    if (is_name_char(cp)) {
      begin -= len;
      continue;
    }
    // An apostrophe or hyphen stays inside the word when letters are on both sides.
    if ((is_apostrophe(cp) || is_hyphen(cp)) && begin < p && begin > len) {
      size_t before_len = 0;
      if (is_name_char(utf8::decode_before(text, begin - len, &before_len))) {
        begin -= len;
        continue;
      }
    }
    break;
  }
  if (begin == p) return false;
  word.start = begin;
  return true;
}

bool word_after(std::string_view text, size_t pos, TextWord& word, int max_breaks) {
  size_t p = pos;
  int breaks = 0;
  while (p < text.size()) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(text, p, &len);
    if (!is_space(cp)) break;
    if (cp == '\n' && ++breaks > max_breaks) return false;
    p += len;
  }
  if (p >= text.size()) return false;
  size_t end = p;
  while (end < text.size()) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(text, end, &len);
    if (is_name_char(cp)) {
      end += len;
      continue;
    }
    if ((is_apostrophe(cp) || is_hyphen(cp)) && end > p && end + len < text.size() &&
        is_name_char(utf8::decode_at(text, end + len))) {
      end += len;
      continue;
    }
    break;
  }
  if (end == p) return false;
  word.start = p;
  word.dotted = end < text.size() && text[end] == '.';
  word.end = word.dotted ? end + 1 : end;
  return true;
}

std::string_view bare(std::string_view text, const TextWord& word) {
  std::string_view w = text.substr(word.start, word.end - word.start);
  if (word.dotted && !w.empty()) w.remove_suffix(1);
  // Possessives: Alex's, Alex’s (and a plural possessive's trailing s').
  if (w.size() > 2 && (w.substr(w.size() - 2) == "'s" || w.substr(w.size() - 2) == "'S")) w.remove_suffix(2);
  else if (w.size() > 4 && (w.substr(w.size() - 4) == "\xE2\x80\x99s" || w.substr(w.size() - 4) == "\xE2\x80\x99S")) w.remove_suffix(4);
  return w;
}

bool is_initial(std::string_view text, const TextWord& word) {
  std::string_view w = text.substr(word.start, word.end - word.start);
  if (word.dotted) w.remove_suffix(1);
  size_t len = 0;
  const char32_t cp = utf8::decode_at(w, 0, &len);
  return len == w.size() && is_name_char(cp);
}

bool starts_upper(std::string_view word) {
  if (word.empty()) return false;
  const char32_t cp = utf8::decode_at(word, 0);
  return utf8proc_isupper(static_cast<utf8proc_int32_t>(cp));
}

bool all_upper(std::string_view word) {
  int letters = 0;
  for (size_t i = 0; i < word.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(word, i, &len);
    i += len;
    if (utf8proc_islower(static_cast<utf8proc_int32_t>(cp))) return false;
    if (is_name_char(cp)) ++letters;
  }
  return letters >= 2;
}

std::string upper_initial(std::string_view word) {
  size_t len = 0;
  const char32_t cp = utf8::decode_at(word, 0, &len);
  std::string out;
  utf8::append(out, static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp))));
  return out;
}

bool sentence_start(std::string_view text, size_t pos) {
  while (pos > 0) {
    size_t len = 0;
    const char32_t cp = utf8::decode_before(text, pos, &len);
    if (cp == '\n' || cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == 0x2022) return true;
    if (is_space(cp) || cp == '"' || cp == '(' || cp == '[' || cp == 0x201C || cp == 0x2018 || cp == '\'' ||
        cp == '*' || cp == '-' || cp == 0x2013 || cp == '#') {
      pos -= len;
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace policycheck::names
