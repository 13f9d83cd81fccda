// Email addresses written to dodge scrapers: "jo dot bloggs at gmail dot
// com", "jo[at]school[dot]org", "jo (at) yahoo (dot) co (dot) uk",
// "tina1984 @ gmail.com". The pattern finds the shape; this turns the
// candidate back into local@domain and checks that like any address.
#include <array>
#include <string>
#include <string_view>

#include "policycheck/validators.hpp"
#include "../ascii_case.hpp"

namespace policycheck {
namespace {

bool is_bracket(char c) { return std::string_view("[](){}<>").find(c) != std::string_view::npos; }

// Mail providers people give their personal address at. A plain-word form
// ("x at y dot com") is everyday English otherwise: "look at the dot com
// boom", "sign up at bbc dot co dot uk".
constexpr std::array<std::string_view, 26> kMailProviders = {
    "gmail", "googlemail", "hotmail", "outlook", "live", "msn", "yahoo", "ymail", "icloud",
    "me", "mac", "aol", "btinternet", "btopenworld", "sky", "virginmedia", "talktalk", "ntlworld",
    "blueyonder", "tiscali", "protonmail", "proton", "gmx", "mail", "zoho", "yandex"};

// Top-level domains of the addresses people give: an obfuscated form has
// no other sign that the last label is a domain at all.
constexpr std::array<std::string_view, 32> kCommonTopLevelDomains = {
    "com", "net", "org", "uk", "ie", "io", "me", "info", "biz", "co", "edu", "gov", "eu", "us", "ca", "au",
    "nz", "de", "fr", "es", "it", "nl", "be", "ch", "pl", "in", "scot", "wales", "cymru", "london", "email", "online"};

// Words that end up as the "local part" of "... at ..." in ordinary prose.
constexpr std::array<std::string_view, 16> kProseWords = {
    "me", "us", "it", "in", "up", "on", "him", "her", "them", "look", "meet", "here", "there", "online",
    "arrive", "see"};

template <size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& list) {
  for (std::string_view w : list) {
    if (word == w) return true;
  }
  return false;
}

// Replaces the bracketed tokens "[at]" "(dot)" ... and the spaced words
// " at " " dot " with '@' and '.', and drops the spaces around '@'.
// `plain_words` tells whether the address was spelt with bare words only.
std::string canonical_address(std::string_view candidate, bool& plain_words) {
  const std::string text = ascii_lowercase(candidate);
  std::string out;
  plain_words = text.find('@') == std::string::npos;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_bracket(c)) {
      // "[ at ]", "(dot)": a bracketed word.
      size_t j = i + 1;
      while (j < text.size() && text[j] == ' ') ++j;
      size_t k = j;
      while (k < text.size() && text[k] >= 'a' && text[k] <= 'z') ++k;
      const std::string word = text.substr(j, k - j);
      while (k < text.size() && text[k] == ' ') ++k;
      if ((word == "at" || word == "dot") && k < text.size() && is_bracket(text[k])) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += word == "at" ? '@' : '.';
        plain_words = false;
        i = k + 1;
        while (i < text.size() && text[i] == ' ') ++i;
        continue;
      }
      return {};
    }
    if (c == ' ') {
      // " at " and " dot " between two parts; other spaces (around a real
      // '@': "tina1984 @ gmail.com") are dropped.
      if (text.compare(i, 4, " at ") == 0) {
        out += '@';
        i += 4;
      } else if (text.compare(i, 5, " dot ") == 0) {
        out += '.';
        i += 5;
      } else {
        ++i;
      }
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace

std::string deobfuscate_email(std::string_view candidate) {
  bool plain = false;
  return canonical_address(candidate, plain);
}

bool obfuscated_email_valid(std::string_view candidate) {
  bool plain = false;
  const std::string address = canonical_address(candidate, plain);
  if (address.empty() || address.find(' ') != std::string::npos) return false;
  if (address.find('@') != address.rfind('@')) return false;
  if (!email_address_valid(address)) return false;
  const size_t at = address.find('@');
  const std::string_view local = std::string_view(address).substr(0, at);
  const std::string_view domain = std::string_view(address).substr(at + 1);
  if (!one_of(domain.substr(domain.rfind('.') + 1), kCommonTopLevelDomains)) return false;
  if (!plain) return true;
  const std::string_view provider = domain.substr(0, domain.find('.'));
  return !one_of(local, kProseWords) && one_of(provider, kMailProviders);
}

}  // namespace policycheck
