#pragma once
// The roster's pupils as people a near rule can be about (`${roster_names}`
// in `a:`, defamation/allegation): each forename and preferred forename,
// alone and with the surname, as written. Kept as a hash table keyed by each
// form's first word instead of one database literal per form: a near rule
// looks for them only around its `b:` hits (accusations are rare), so the
// roster's size costs neither compile time nor scan time.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../record_scan.hpp"

namespace policycheck {

struct RosterPeople {
  bool case_sensitive = true;
  // First word of a form (case-folded to ASCII lower case unless
  // case_sensitive) -> the forms starting with it, longest first. A space in
  // a form stands for any run of white space, as in a term.
  std::unordered_map<std::string, std::vector<std::string>> by_first_word;

  // Appends to `out` the roster people in `text` that start in [from, to):
  // at a word start, the longest form that matches and is not glued to a
  // word character after it.
  void find(std::string_view text, size_t from, size_t to, uint32_t pattern, std::vector<Span>& out) const;
};

}  // namespace policycheck
