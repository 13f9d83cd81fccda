#include "term_expansion.hpp"

#include "../regex_text.hpp"
#include "letter_fold.hpp"

namespace policycheck {
namespace {

// Digits and symbols written for letters. Kept small on purpose: every
// stand-in widens what a term matches (obscenity maps about ten letters).
std::string_view leet_for(char letter) {
  switch (letter) {
    case 'a': return "@4";
    case 'b': return "8";
    case 'c': return "(";
    case 'e': return "3";
    case 'g': return "69";
    case 'i': return "1!|";
    case 'l': return "1|";
    case 'o': return "0";
    case 's': return "$5";
    case 't': return "7+";
    case 'z': return "2";
    default: return "";
  }
}

// What may stand between spelled-out letters: spaces and punctuation. One
// byte class repeated with `+` keeps the Hyperscan database small; invisible
// separators (zero-width space, soft hyphen, word joiner) are deleted by the
// Unicode fold instead (evasion `unicode`), and a no-break space folds to a
// space there.
constexpr std::string_view kSeparator = "[ \\t.,:;_~/\\\\'\\-]+";

// Terms shorter than this are not spelled out with separators: "a s s" or
// "t i t" turn up in lists of initials and letter games.
constexpr size_t kMinSpacedLetters = 4;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_vowel(char c) {
  const char l = lower(c);
  return l == 'a' || l == 'e' || l == 'i' || l == 'o' || l == 'u';
}

// One letter of a word: a class of the letter and its stand-ins, repeated
// when stretched; with masks an inner vowel may instead be one '*' ("sh*t",
// "c*nt"). Any inner letter would leave Hyperscan too few literals to
// anchor on; every inner letter starred ("f**k") is a pattern of its own.
std::string letter_class(char letter, bool inner, const EvasionOptions& options) {
  std::string members(1, lower(letter));
  if (options.leet) members += leet_for(lower(letter));
  std::string out;
  if (members.size() == 1) {
    out = members;
  } else {
    out = "[";
    for (char m : members) {
      if (m == ']' || m == '\\' || m == '^' || m == '-' || m == '[') out += '\\';
      out += m;
    }
    out += ']';
  }
  if (options.stretch) out += '+';
  if (options.masks && inner) out = "(?:" + out + "|\\*)";
  return out;
}

// A word's pieces: one regex fragment per character.
std::vector<std::string> word_pieces(std::string_view word, const EvasionOptions& options) {
  std::vector<std::string> pieces;
  size_t letters = 0;
  for (char c : word) letters += is_letter(c) ? 1 : 0;
  const bool maskable = letters >= 4;  // "f*g" would match far too much
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (is_letter(c)) {
      const bool inner = maskable && i > 0 && i + 1 < word.size() && is_vowel(c);
      pieces.push_back(letter_class(c, inner, options));
    } else if (c == '\'') {
      pieces.push_back("(?:'|\\xE2\\x80\\x99)");
    } else {
      pieces.push_back(escape_regex(std::string_view(&c, 1)));
    }
  }
  return pieces;
}

// A word as one regex, `gap` between its characters. With leet, one of its
// first two letters must be a real letter: "$h1t" and "@ss" match, but a
// number such as "455" or "7175" never does.
std::string word_regex(std::string_view word, const EvasionOptions& options, std::string_view gap) {
  const std::vector<std::string> pieces = word_pieces(word, options);
  std::string out;
  size_t first = 0;
  if (options.leet && word.size() >= 2 && is_letter(word[0]) && is_letter(word[1])) {
    EvasionOptions plain = options;
    plain.leet = false;
    const std::vector<std::string> real = word_pieces(word.substr(0, 2), plain);
    out = "(?:" + real[0] + std::string(gap) + pieces[1] + "|" + pieces[0] + std::string(gap) + real[1] + ")";
    first = 2;
  }
  for (size_t i = first; i < pieces.size(); ++i) {
    if (!out.empty()) out += gap;
    out += pieces[i];
  }
  return out;
}

std::vector<std::string_view> split_on_spaces(std::string_view term) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < term.size()) {
    while (pos < term.size() && (term[pos] == ' ' || term[pos] == '\t' || term[pos] == '\n' || term[pos] == '\r')) ++pos;
    size_t end = pos;
    while (end < term.size() && term[end] != ' ' && term[end] != '\t' && term[end] != '\n' && term[end] != '\r') ++end;
    if (end > pos) words.push_back(term.substr(pos, end - pos));
    pos = end;
  }
  return words;
}

}  // namespace

std::string_view separator_bytes() { return " \t.,:;_~/\\'-"; }

std::vector<ExpandedTerm> expand_term_for_scanning(std::string_view term, const EvasionOptions& options) {
  std::vector<ExpandedTerm> out;
  for (std::string& expression : expand_term(term, options)) out.push_back({std::move(expression), {}, false, false});
  if (out.empty()) return out;
  const std::vector<std::string_view> words = split_on_spaces(term);
  if (options.masks) {
    // The masked form as expand_term builds it (masks only).
    EvasionOptions masks_only;
    masks_only.masks = true;
    std::string masked;
    for (size_t w = 0; w < words.size(); ++w) {
      if (w) masked += "\\s+";
      masked += word_regex(words[w], masks_only, "");
    }
    for (size_t i = 1; i < out.size(); ++i) {
      if (out[i].expression == masked) out[i].masked = true;
    }
  }
  // Apostrophes match ' or U+2019 (word_pieces), both folding to '\''; a
  // hyphen ("half-breed") is matched as itself, once, and folds to itself.
  bool foldable = true;
  for (char c : term) foldable = foldable && (is_letter(c) || c == ' ' || c == '\'' || c == '-');
  // The first regex is the compact one: letter classes with repeats and
  // stand-ins, \s+ between words (see expand_term).
  if ((options.stretch || options.leet) && foldable) {
    std::string joined;
    for (std::string_view w : words) joined += (joined.empty() ? "" : " ") + std::string(w);
    out.front().folded_literal = fold_term(joined);
  }
  if (options.separators && words.size() == 1) {
    size_t letters = 0;
    for (char c : words[0]) letters += is_letter(c) ? 1 : 0;
    // expand_term adds the spelled-out form last. The scanner's gate relies
    // on its shape: single bytes with separator runs between them. A word's
    // other characters keep that shape when each is one separator byte
    // matched as itself (the hyphen of "half-breed" joins the runs around
    // it); not an apostrophe, which may also be the three bytes of U+2019.
    bool single_byte_shape = true;
    for (char c : words[0]) {
      single_byte_shape = single_byte_shape && (is_letter(c) || (c != '\'' && separator_bytes().find(c) != std::string_view::npos));
    }
    // And the gate takes a match's first and last byte for letters, never
    // separators (rare_byte_gate.hpp).
    const bool letter_edges = is_letter(words[0].front()) && is_letter(words[0].back());
    if (letters >= kMinSpacedLetters && single_byte_shape && letter_edges) out.back().spaced_letters = true;
  }
  return out;
}

std::vector<std::string> expand_term(std::string_view term, const EvasionOptions& options) {
  const bool reshapes = options.stretch || options.leet || options.separators || options.masks;
  if (!reshapes) return {term_to_regex(term)};
  const std::vector<std::string_view> words = split_on_spaces(term);
  if (words.empty()) return {};

  // Masks go in a variant of their own, without stretch or leet: '*' as an
  // alternative to every inner letter on top of repeats and stand-ins leaves
  // Hyperscan no literal to anchor on and makes the database many times
  // slower to build. Nobody writes "f**kkk" or "sh*7" anyway.
  EvasionOptions unmasked = options;
  unmasked.masks = false;
  std::vector<std::string> out;
  std::string compact;
  for (size_t w = 0; w < words.size(); ++w) {
    if (w) compact += "\\s+";
    compact += word_regex(words[w], unmasked, "");
  }
  out.push_back(std::move(compact));
  if (options.masks) {
    EvasionOptions masks_only;
    masks_only.masks = true;
    std::string masked;
    for (size_t w = 0; w < words.size(); ++w) {
      if (w) masked += "\\s+";
      masked += word_regex(words[w], masks_only, "");
    }
    if (masked.find('*') != std::string::npos) out.push_back(std::move(masked));
    // Every inner letter starred, as in "f**k" and "c**t": first and last
    // letters and the exact count of stars.
    if (words.size() == 1 && words[0].size() >= 4 && is_letter(words[0].front()) && is_letter(words[0].back())) {
      const std::string_view word = words[0];
      bool all_letters = true;
      for (char c : word) all_letters = all_letters && is_letter(c);
      if (all_letters) {
        out.push_back(std::string(1, lower(word.front())) + "\\*{" + std::to_string(word.size() - 2) + "}" +
                      std::string(1, lower(word.back())));
      }
    }
  }

  // Spelled out: a separator in EVERY gap of a single word. Allowing a gap
  // to be empty would let "sh it" or "cu nt" across real words match.
  if (options.separators && words.size() == 1) {
    size_t letters = 0;
    for (char c : words[0]) letters += is_letter(c) ? 1 : 0;
    // No masks or stretching here: nobody writes "f * c k" or "f.uuu.c.k",
    // and each would multiply the cost of building the database.
    EvasionOptions spaced = unmasked;
    spaced.stretch = false;
    if (letters >= kMinSpacedLetters) out.push_back(word_regex(words[0], spaced, kSeparator));
  }
  return out;
}

}  // namespace policycheck
