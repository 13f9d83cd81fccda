#include "text_window.hpp"

#include <algorithm>

#include "ascii_case.hpp"
#include "utf8.hpp"

namespace policycheck {
namespace {

bool is_apostrophe_at(std::string_view text, size_t pos, size_t* len) {
  if (pos < text.size() && text[pos] == '\'') { *len = 1; return true; }
  if (text.substr(pos, 3) == "\xE2\x80\x99") { *len = 3; return true; }
  return false;
}

// Reads the word starting at pos (a word character) and returns its end.
size_t word_end(std::string_view text, size_t pos) {
  while (pos < text.size()) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(text, pos, &len);
    if (utf8::is_word(cp)) { pos += len; continue; }
    size_t alen = 0;
    if (is_apostrophe_at(text, pos, &alen) && utf8::word_at(text, pos + alen)) { pos += alen; continue; }
    break;
  }
  return pos;
}

std::string lower_word(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size();) {
    size_t alen = 0;
    if (is_apostrophe_at(word, i, &alen)) { out += '\''; i += alen; continue; }
    out += ascii_lower(word[i]);
    ++i;
  }
  return out;
}

// Up to `count` words before pos, in text order.
std::vector<std::string> words_before(std::string_view text, size_t pos, int count) {
  std::vector<std::string> words;
  size_t p = pos;
  while (p > 0 && static_cast<int>(words.size()) < count) {
    // skip non-word characters backwards
    while (p > 0 && !utf8::word_before(text, p)) {
      size_t len = 0;
      utf8::decode_before(text, p, &len);
      p -= std::max<size_t>(len, 1);
    }
    if (p == 0) break;
    size_t begin = p;
    while (begin > 0) {
      size_t len = 0;
      const char32_t cp = utf8::decode_before(text, begin, &len);
      if (utf8::is_word(cp)) { begin -= std::max<size_t>(len, 1); continue; }
      // an apostrophe between word characters stays inside the word
      if ((cp == '\'' || cp == 0x2019) && begin > len && utf8::word_before(text, begin - len)) {
        begin -= len;
        continue;
      }
      break;
    }
    words.push_back(lower_word(text.substr(begin, p - begin)));
    p = begin;
  }
  std::reverse(words.begin(), words.end());
  return words;
}

std::vector<std::string> words_after(std::string_view text, size_t pos, int count) {
  std::vector<std::string> words;
  size_t p = pos;
  while (p < text.size() && static_cast<int>(words.size()) < count) {
    while (p < text.size() && !utf8::word_at(text, p)) p += utf8::sequence_length(text, p);
    if (p >= text.size()) break;
    const size_t end = word_end(text, p);
    words.push_back(lower_word(text.substr(p, end - p)));
    p = end;
  }
  return words;
}

bool contains_phrase(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  if (phrase.empty() || phrase.size() > words.size()) return false;
  for (size_t i = 0; i + phrase.size() <= words.size(); ++i) {
    if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(i))) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> split_words(std::string_view text) {
  return words_after(text, 0, 1 << 30);
}

int find_phrase_near(std::string_view text, size_t start, size_t end, const ContextSpec& spec,
                     const std::vector<std::vector<std::string>>& phrases) {
  if (phrases.empty()) return -1;
  std::vector<std::string> before, after;
  if (spec.before) before = words_before(text, start, spec.window);
  if (spec.after) after = words_after(text, end, spec.window);
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (contains_phrase(before, phrases[i]) || contains_phrase(after, phrases[i])) return static_cast<int>(i);
  }
  return -1;
}

bool covered_by_exception(std::string_view text, size_t start, size_t end,
                          const std::vector<std::string>& exceptions) {
  for (const std::string& exception : exceptions) {
    const size_t n = exception.size();
    if (n < end - start || n == 0) continue;
    // The exception must start at or before `start` and end at or after `end`.
    const size_t lo = end >= n ? end - n : 0;
    for (size_t p = lo; p <= start && p + n <= text.size(); ++p) {
      bool same = true;
      for (size_t i = 0; i < n && same; ++i) same = ascii_lower(text[p + i]) == exception[i];
      if (same) return true;
    }
  }
  return false;
}

}  // namespace policycheck
