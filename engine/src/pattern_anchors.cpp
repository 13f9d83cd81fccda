#include "pattern_anchors.hpp"

namespace policycheck {

bool depends_on_buffer_edges(std::string_view expression) {
  bool in_class = false;
  for (size_t i = 0; i < expression.size(); ++i) {
    const char c = expression[i];
    if (c == '\\') {
      if (i + 1 >= expression.size()) return true;  // malformed: be conservative
      const char next = expression[++i];
      if (!in_class && (next == 'A' || next == 'z' || next == 'Z' || next == 'G' || next == 'B')) return true;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      continue;
    }
    if (c == '[') {
      in_class = true;
      // A ']' right after '[' or '[^' is a member, not the end of the class.
      if (i + 1 < expression.size() && expression[i + 1] == '^') ++i;
      if (i + 1 < expression.size() && expression[i + 1] == ']') ++i;
      continue;
    }
    if (c == '^' || c == '$') return true;
    // Inline flags: case, dot-all and extended syntax change nothing at the
    // edges; multi-line ('m') would make ^ and $ match at the separators.
    if (c == '(' && i + 1 < expression.size() && expression[i + 1] == '?') {
      for (size_t k = i + 2; k < expression.size() && expression[k] != ':' && expression[k] != ')'; ++k) {
        const char flag = expression[k];
        if (flag != 'i' && flag != 's' && flag != 'x' && flag != '-') return true;
      }
    }
  }
  return false;
}

}  // namespace policycheck
