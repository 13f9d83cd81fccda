#include "regex_text.hpp"

namespace policycheck {

std::string escape_regex(std::string_view literal) {
  static constexpr std::string_view kMeta = "\\^$.|?*+()[]{}-/#&~\"";
  std::string out;
  out.reserve(literal.size() + 8);
  for (char c : literal) {
    if (kMeta.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string term_to_regex(std::string_view term) {
  std::string out;
  out.reserve(term.size() + 8);
  bool in_space = false;
  for (size_t i = 0; i < term.size(); ++i) {
    const char c = term[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!in_space) out += "\\s+";
      in_space = true;
      continue;
    }
    in_space = false;
    if (c == '\'') {
      out += "(?:'|\xE2\x80\x99)";  // ' or U+2019
      continue;
    }
    out += escape_regex(std::string_view(&c, 1));
  }
  return out;
}

}  // namespace policycheck
