#include "roster_people.hpp"

#include <algorithm>
#include <set>

#include "../utf8.hpp"
#include "rule_kinds.hpp"

namespace policycheck {
namespace {

char fold(char c, bool case_sensitive) {
  return (!case_sensitive && c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The run of word characters starting at `pos`.
size_t word_end(std::string_view text, size_t pos) {
  while (pos < text.size() && utf8::word_at(text, pos)) pos += utf8::sequence_length(text, pos);
  return pos;
}

// The end of `form` matched at text[pos], or 0 when it does not match there.
size_t match_form(std::string_view text, size_t pos, std::string_view form, bool case_sensitive) {
  size_t at = pos;
  for (size_t i = 0; i < form.size(); ++i) {
    if (form[i] == ' ') {
      if (at >= text.size() || !is_space(text[at])) return 0;
      while (at < text.size() && is_space(text[at])) ++at;
      continue;
    }
    if (at >= text.size() || fold(text[at], case_sensitive) != fold(form[i], case_sensitive)) return 0;
    ++at;
  }
  return at;
}

// A form as a term matches it: trimmed, runs of white space as one space.
std::string normalised_form(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

void RosterPeople::find(std::string_view text, size_t from, size_t to, uint32_t pattern,
                        std::vector<Span>& out) const {
  to = std::min(to, text.size());
  std::string key;
  for (size_t pos = from; pos < to;) {
    if (!utf8::word_at(text, pos) || utf8::word_before(text, pos)) {
      pos += utf8::sequence_length(text, pos);
      continue;
    }
    const size_t end_of_word = word_end(text, pos);
    key.assign(text.substr(pos, end_of_word - pos));
    for (char& c : key) c = fold(c, case_sensitive);
    if (const auto it = by_first_word.find(key); it != by_first_word.end()) {
      for (const std::string& form : it->second) {  // longest first
        const size_t end = match_form(text, pos, form, case_sensitive);
        if (end > pos && !utf8::glued(text, pos, end)) {
          out.push_back({pos, end, pattern});
          break;
        }
      }
    }
    pos = end_of_word;
  }
}

std::shared_ptr<const RosterPeople> build_roster_people(const Rule& rule) {
  auto people = std::make_shared<RosterPeople>();
  people->case_sensitive = rule.match.case_sensitive;
  std::set<std::string> forms;
  for (const Pupil& pupil : rule.near.roster->pupils) {
    for (const std::string& forename : {pupil.forename, pupil.preferred}) {
      if (forename.empty()) continue;
      forms.insert(normalised_form(forename));
      if (!pupil.surname.empty()) forms.insert(normalised_form(forename + " " + pupil.surname));
    }
  }
  for (const std::string& form : forms) {
    if (form.empty() || !utf8::word_at(form, 0)) continue;  // a term starting with punctuation: never a name
    std::string key = form.substr(0, word_end(form, 0));
    for (char& c : key) c = fold(c, people->case_sensitive);
    people->by_first_word[key].push_back(form);
  }
  for (auto& [key, list] : people->by_first_word) {
    std::stable_sort(list.begin(), list.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }
  return people;
}

}  // namespace policycheck
