#pragma once
// What a names rule needs at scan time, built once per compile: the roster's
// names as folded keys in hash tables (a hit costs a few lookups, whatever
// the roster's size), and the rule's word lists.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "policycheck/policy.hpp"

namespace policycheck {

struct NamesMatcher {
  NamesDetect detect = NamesDetect::roster_full_names;

  struct PupilKeys {
    std::vector<std::string> middle;  // folded middle names
  };
  std::vector<PupilKeys> pupils;
  // "surname\x1fforename" (legal or preferred, folded) -> pupils.
  std::unordered_map<std::string, std::vector<uint32_t>> by_full_name;
  std::unordered_set<std::string> surnames;   // folded surnames of the pupils the rule is about
  std::unordered_set<std::string> forenames;  // folded forenames (legal and preferred) of the same
  size_t longest_forename = 0;                // in key bytes, bounds hashtag splitting

  // Word lists, folded (lower case, letters only).
  std::unordered_set<std::string> given_names;
  std::unordered_set<std::string> ordinary_words;
  std::unordered_set<std::string> not_surnames;
  std::unordered_set<std::string> titles;
  // Not-name phrases by their first word: each a list of folded words.
  std::unordered_map<std::string, std::vector<std::vector<std::string>>> not_names;

  static std::string full_key(std::string_view surname, std::string_view forename) {
    std::string key(surname);
    key += '\x1f';
    key += forename;
    return key;
  }
  bool is_ordinary(const std::string& key) const { return ordinary_words.count(key) > 0; }
};

}  // namespace policycheck
