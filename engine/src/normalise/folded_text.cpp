#include "folded_text.hpp"

#include <utf8proc.h>

#include <cstring>

#include "../utf8.hpp"
#include "confusables.hpp"
#include "letter_forms.hpp"

namespace policycheck::normalise {
namespace {

bool has_high_byte(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  while (n >= 8) {
    uint64_t word = 0;
    std::memcpy(&word, p, 8);
    if (word & 0x8080808080808080ULL) return true;
    p += 8;
    n -= 8;
  }
  while (n--) {
    if (static_cast<unsigned char>(*p++) & 0x80) return true;
  }
  return false;
}

bool is_letter_category(utf8proc_category_t c) {
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
         c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO;
}

bool is_mark_category(utf8proc_category_t c) {
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

bool is_number_category(utf8proc_category_t c) {
  return c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO;
}

// Compatibility decomposition, case folding, mark stripping and removal of
// default-ignorable characters, in one utf8proc call per code point.
constexpr int kFoldOptions = UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                             UTF8PROC_IGNORE;

void append_utf8(std::string& out, char32_t cp) {
  uint8_t bytes[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes);
  out.append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
}

}  // namespace

bool worth_folding(std::string_view text) {
  if (!has_high_byte(text)) return false;
  bool after_letter = false;
  for (size_t pos = 0; pos < text.size();) {
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      after_letter = (byte | 0x20) >= 'a' && (byte | 0x20) <= 'z';
      ++pos;
      continue;
    }
    size_t len = 1;
    const char32_t cp = utf8::decode_at(text, pos, &len);
    pos += len;
    const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (is_letter_category(category) || is_number_category(category)) return true;
    // Circled, parenthesized, squared letters and regional indicators are
    // symbols (So), not letters, but spell words all the same.
    if (letter_form_ascii(cp)) return true;
    if ((is_mark_category(category) || category == UTF8PROC_CATEGORY_CF) && after_letter) return true;
    after_letter = false;
  }
  return false;
}

void FoldedText::fold(std::string_view text) {
  folded_.clear();
  origin_.clear();
  folded_.reserve(text.size());
  origin_.reserve(text.size() + 1);
  utf8proc_int32_t decomposed[32];
  for (size_t pos = 0; pos < text.size();) {
    const uint32_t at = static_cast<uint32_t>(pos);
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      folded_ += static_cast<char>(byte);
      origin_.push_back(at);
      ++pos;
      continue;
    }
    size_t len = 1;
    const char32_t cp = utf8::decode_at(text, pos, &len);
    pos += len;
    const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (category == UTF8PROC_CATEGORY_CF) continue;  // bidi controls, zero-width joiners
    // A styled or framed letter (letter_forms.hpp): its letter, without the
    // brackets NFKD gives a parenthesized one ("(f)"), and for the forms
    // NFKD leaves alone (negative circled, regional indicators, small
    // capitals).
    if (const char ascii = letter_form_ascii(cp)) {
      folded_ += ascii;
      origin_.push_back(at);
      continue;
    }
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    const utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), decomposed, 32,
                                                       static_cast<utf8proc_option_t>(kFoldOptions), &boundclass);
    if (n < 0 || n > 32) {  // cannot happen for valid code points; keep the original bytes
      for (size_t i = 0; i < len; ++i) origin_.push_back(at);
      folded_.append(text.substr(at, len));
      continue;
    }
    for (utf8proc_ssize_t i = 0; i < n; ++i) {
      const char32_t part = static_cast<char32_t>(decomposed[i]);
      const size_t before = folded_.size();
      if (part < 0x80) {
        folded_ += static_cast<char>(part);
      } else if (const char ascii = confusable_ascii(part)) {
        folded_ += ascii;
      } else if (const char form = letter_form_ascii(part)) {  // "ᶦ" -> small capital "ɪ"
        folded_ += form;
      } else {
        append_utf8(folded_, part);
      }
      origin_.insert(origin_.end(), folded_.size() - before, at);
    }
  }
  // Dropped characters have no folded byte, so origin_[end] of a match is
  // the start of the next KEPT character: the span covers trailing marks.
  origin_.push_back(static_cast<uint32_t>(text.size()));
}

}  // namespace policycheck::normalise
