// likely-full-names: with no roster, a given name from the lexicon followed
// by a capitalised, surname-like word is probably a person's full name.
// Confidence starts at the rule's and moves with the evidence:
//   + child context nearby (Year 6, class, well done, birthday, ...)
//   - an adult title before it (Mrs Sarah Jones)      - enough to drop it
//   - every part an everyday word (Grace Hope, Will Power)
//   - part of a longer run of capitals (a heading, an organisation)
// and a known non-name (Harvest Festival, Natural History Museum, St Mary's
// Church, Jack Petchey Award) drops it outright.
#include <array>

#include "names_eval.hpp"
#include "names_text.hpp"

namespace policycheck::names {
namespace {

constexpr double kContextBoost = 0.3;
constexpr double kTitlePenalty = 0.45;
constexpr double kOrdinaryPenalty = 0.2;  // for each part that is an everyday word
constexpr double kCapitalRunPenalty = 0.25;
constexpr double kHandlePenalty = 0.1;    // a hashtag has no spacing or case to go on

// Lower-case particles inside surnames: van der Berg, de la Cruz, bin Laden.
constexpr std::array<std::string_view, 16> kParticles = {"van", "von", "der", "den", "de", "la", "le", "du",
                                                         "da", "di", "del", "della", "ter", "ten", "bin", "ibn"};

bool is_particle(std::string_view word) {
  for (std::string_view p : kParticles) {
    if (word == p) return true;
  }
  return false;
}

bool has_lower(std::string_view word) {
  for (char c : word) {
    if (c >= 'a' && c <= 'z') return true;
  }
  return static_cast<unsigned char>(word.size() > 1 ? word[1] : 0) >= 0x80;  // accented second letter
}

// A surname-like word: capitalised, with lower case after (not an acronym).
bool surname_like(std::string_view word) {
  return word.size() >= 2 && starts_upper(word) && has_lower(word.substr(1));
}

bool starts_context_phrase(const RecordScan& scan, uint32_t rule_index, const std::string& key) {
  for (const auto& phrase : scan.data.rules[rule_index].context_phrases) {
    if (!phrase.empty() && fold_key(phrase.front()) == key) return true;
  }
  return false;
}

// Words around the candidate, as folded keys, to compare with not-name
// phrases that may start up to three words before the given name.
bool inside_not_name(std::string_view text, const NamesMatcher& m, size_t given_start, size_t given_end) {
  if (m.not_names.empty()) return false;
  std::vector<std::string> keys;
  size_t pos = given_start;
  for (int i = 0; i < 3; ++i) {
    TextWord w;
    if (!word_before(text, pos, w, 0)) break;
    keys.insert(keys.begin(), fold_key(bare(text, w)));
    pos = w.start;
  }
  const size_t given_index = keys.size();
  keys.push_back(fold_key(text.substr(given_start, given_end - given_start)));
  pos = given_end;
  for (int i = 0; i < 5; ++i) {
    TextWord w;
    if (!word_after(text, pos, w, 0)) break;
    keys.push_back(fold_key(bare(text, w)));
    pos = w.end;
  }
  for (size_t start = 0; start <= given_index; ++start) {
    const auto it = m.not_names.find(keys[start]);
    if (it == m.not_names.end()) continue;
    for (const std::vector<std::string>& phrase : it->second) {
      if (start + phrase.size() <= given_index || start + phrase.size() > keys.size()) continue;
      if (std::equal(phrase.begin(), phrase.end(), keys.begin() + static_cast<long>(start))) return true;
    }
  }
  return false;
}

void likely_from_given_name(RecordScan& scan, uint32_t rule_index, const Span& span) {
  const Rule& rule = scan.data.policy.rules[rule_index];
  const NamesMatcher& m = matcher_of(scan, rule_index);
  const std::string_view text = scan.text();
  const std::string given_key = fold_key(text.substr(span.start, span.end - span.start));
  if (is_particle(given_key)) return;  // the "Van" of Jacob Van Der Merwe
  std::vector<std::string> reasons;
  double confidence = rule.confidence;

  // What comes after: [initial] [particles] Surname [Surname].
  TextWord w;
  if (!word_after(text, span.end, w, 1)) return;
  // "Alex K." is the allowed form, and what follows it may start a new
  // sentence, so a middle initial is not read through (a roster is needed
  // for "Alex J. Kowalski").
  if (is_initial(text, w)) return;
  // Particles, in either case, lead to the surname proper when one follows.
  while (is_particle(fold_key(bare(text, w)))) {
    TextWord after;
    if (!word_after(text, w.end, after, 0)) break;
    w = after;
  }
  std::string_view surname = bare(text, w);
  if (w.dotted && surname.size() <= 3) return;  // "Mr." style abbreviations
  std::string surname_key = fold_key(surname);
  if (!surname_like(surname) || m.not_surnames.count(surname_key) || m.titles.count(surname_key)) return;
  size_t end = w.start + surname.size();
  // Alex James Kowalski: a second given name is a middle name.
  TextWord next;
  bool has_next = !w.dotted && word_after(text, w.end, next, 0);
  if (has_next && m.given_names.count(surname_key) && surname_like(bare(text, next))) {
    const std::string next_key = fold_key(bare(text, next));
    if (!m.not_surnames.count(next_key) && !starts_context_phrase(scan, rule_index, next_key)) {
      w = next;
      surname = bare(text, w);
      surname_key = next_key;
      end = w.start + surname.size();
      has_next = !w.dotted && word_after(text, w.end, next, 0);
    }
  }
  if (has_next && starts_upper(bare(text, next))) {
    const std::string next_key = fold_key(bare(text, next));
    if (m.not_surnames.count(next_key)) return;  // Florence Nightingale Hospital
    if (!starts_context_phrase(scan, rule_index, next_key)) {
      confidence -= kCapitalRunPenalty;
      reasons.push_back("part of a longer run of capitalised words");
    }
  }
  if (inside_not_name(text, m, span.start, span.end)) return;

  TextWord before;
  if (word_before(text, span.start, before, 0)) {
    const std::string before_key = fold_key(bare(text, before));
    if (before_key == "st" || before_key == "saint") return;  // St John Ambulance
    if (m.titles.count(before_key)) {
      confidence -= kTitlePenalty;
      reasons.push_back("after an adult title");
    } else if (starts_upper(bare(text, before)) && !sentence_start(text, before.start) && !before.dotted &&
               !starts_context_phrase(scan, rule_index, before_key)) {
      confidence -= kCapitalRunPenalty;
      reasons.push_back("part of a longer run of capitalised words");
    }
  }
  if (m.is_ordinary(given_key)) {
    confidence -= kOrdinaryPenalty;
    reasons.push_back("the given name is also an everyday word");
  }
  if (m.is_ordinary(surname_key)) {
    confidence -= kOrdinaryPenalty;
    reasons.push_back("the surname is also an everyday word");
  }
  if (cancelled(scan, rule_index, span.start, end)) return;
  if (const std::string* context = context_near(scan, rule_index, span.start, end)) {
    confidence += kContextBoost;
    reasons.insert(reasons.begin(), "context: " + *context);
  }
  reasons.insert(reasons.begin(), "given name followed by a surname-like word");
  NameFinding f;
  f.start = span.start;
  f.end = end;
  f.confidence = confidence;
  f.severity = rule.severity;
  f.reasons = std::move(reasons);
  f.replacement = std::string(text.substr(span.start, span.end - span.start)) + " " + upper_initial(surname) + ".";
  emit_name(scan, rule_index, std::move(f));
}

// #AlexKowalski: exactly two capitalised words, a given name then a
// surname-like word.
void likely_in_hashtag(RecordScan& scan, uint32_t rule_index, const Span& span) {
  const Rule& rule = scan.data.policy.rules[rule_index];
  const NamesMatcher& m = matcher_of(scan, rule_index);
  const std::string_view text = scan.text();
  const std::string_view body = text.substr(span.start + 1, span.end - span.start - 1);
  size_t second = 0;
  for (size_t i = 1; i < body.size(); ++i) {
    if (body[i] < 'A' || body[i] > 'Z') continue;
    if (second == 0) {
      second = i;
      continue;
    }
    // McAllister, MacLeod, OBrien keep their inner capital; any other
    // third capital means three or more words: #StarOfTheWeek.
    const std::string_view prefix = body.substr(second, i - second);
    if (prefix != "Mc" && prefix != "Mac" && prefix != "O") return;
  }
  if (second == 0) return;
  const std::string given = fold_key(body.substr(0, second));
  const std::string surname = fold_key(body.substr(second));
  if (!m.given_names.count(given) || m.not_surnames.count(surname) || m.titles.count(surname)) return;
  if (m.is_ordinary(given) || m.is_ordinary(surname)) return;
  const size_t start = span.start + 1;
  if (cancelled(scan, rule_index, start, span.end)) return;
  NameFinding f;
  f.start = start;
  f.end = span.end;
  f.confidence = rule.confidence - kHandlePenalty;
  f.severity = rule.severity;
  f.reasons.push_back("hashtag of a given name and a surname-like word");
  if (const std::string* context = context_near(scan, rule_index, start, span.end)) {
    f.confidence += kContextBoost;
    f.reasons.push_back("context: " + *context);
  }
  f.replacement = std::string(body.substr(0, second)) + std::string(1, body[second]);
  emit_name(scan, rule_index, std::move(f));
}

}  // namespace

void evaluate_likely_full_names(RecordScan& scan, uint32_t rule_index, const std::vector<Span>& spans) {
  const std::string_view text = scan.text();
  const size_t first = scan.out.size();
  for (const Span& span : spans) {
    // A given name inside a name already reported (Alex James Kowalski) is
    // not a second finding.
    if (scan.out.size() > first && span.start < scan.out.back().text_end) continue;
    if (text[span.start] == '#') likely_in_hashtag(scan, rule_index, span);
    else likely_from_given_name(scan, rule_index, span);
  }
}

}  // namespace policycheck::names
