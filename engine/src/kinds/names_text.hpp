#pragma once
// Text helpers for the names rule kind: the folded key two spellings of a
// name share (Zoë = Zoe, O'Brien = O’Brien = OBrien, Smith-Jones = Smith
// Jones), and reading the words around a hit on the original text.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace policycheck::names {

// Lower case, accents stripped, letters only: "O’Brien's" -> "obriens".
// Only letters count, so separators never make two spellings differ.
std::string fold_key(std::string_view text);

// Extra keys a roster spelling should also answer to: German umlauts
// written out (Müller -> mueller). Empty when there are none.
std::vector<std::string> variant_keys(std::string_view name);

// A word of a name in the text: letters and marks, with apostrophes and
// hyphens inside it, and an optional trailing '.' (initials, "Mr.").
struct TextWord {
  size_t start = 0;
  size_t end = 0;  // after the '.' when there is one
  bool dotted = false;
  size_t size() const { return end - start; }
};

bool is_name_char(char32_t cp);

// The word just before `pos`, separated from it by whitespace only (at
// least one character, at most `max_breaks` line breaks). False when
// punctuation or nothing comes first.
bool word_before(std::string_view text, size_t pos, TextWord& word, int max_breaks = 1);

// The word just after `pos`, separated by whitespace only (possibly none
// when `allow_glued`).
bool word_after(std::string_view text, size_t pos, TextWord& word, int max_breaks = 1);

// The earlier parts of a name whose last part ends a hit at [start, end):
// "O" + "’" before "Brien", "van der " before "Berg", "Smith-" before
// "Jones". Returns the starts at which the folded text up to `end` is one
// of `keys`, longest first; `start` itself is included when the hit alone
// is a key. Parts may be joined by apostrophes, hyphens, dots, whitespace
// (one line break at most) or nothing.
template <typename KeySet>
std::vector<size_t> name_starts(std::string_view text, size_t start, size_t end, const KeySet& keys);

// Skips whitespace from pos; returns the new position.
size_t skip_space(std::string_view text, size_t pos);

// The word's text without a trailing '.' or possessive ('s, ’s, s').
std::string_view bare(std::string_view text, const TextWord& word);

// One letter, with or without a dot: "M." or "M".
bool is_initial(std::string_view text, const TextWord& word);

bool starts_upper(std::string_view word);
bool all_upper(std::string_view word);  // at least two letters, none lower case

// The first letter of `word`, upper-cased, as UTF-8 ("ó" -> "Ó").
std::string upper_initial(std::string_view word);

// True at the start of a sentence: only whitespace and opening quotes or
// brackets between `pos` and the text start or a '.', '!', '?', ':' or
// a line break.
bool sentence_start(std::string_view text, size_t pos);

// Reads back one earlier part of a name from `pos`: the separators before
// it and its letters. Returns the part's start, or `pos` when there is none.
size_t part_before(std::string_view text, size_t pos);

template <typename KeySet>
std::vector<size_t> name_starts(std::string_view text, size_t start, size_t end, const KeySet& keys) {
  std::vector<size_t> starts;
  std::string key = fold_key(text.substr(start, end - start));
  if (keys.count(key)) starts.push_back(start);
  size_t pos = start;
  for (int parts = 0; parts < 3; ++parts) {
    const size_t earlier = part_before(text, pos);
    if (earlier == pos) break;
    key = fold_key(text.substr(earlier, pos - earlier)) + key;
    pos = earlier;
    if (keys.count(key)) starts.insert(starts.begin(), pos);
  }
  return starts;
}

}  // namespace policycheck::names
