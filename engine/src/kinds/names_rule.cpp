// names rules with a roster. A hit is a name token (a pupil's surname, or
// for the consent check a forename); the words around it decide:
//   First Last, Preferred Last, First Middle Last, First M. Last,
//   "Last, First", LAST First, #FirstLast and @first_last
// are full names; a forename alone, "Alex K." and "A.K." never reach here
// (no surname token), and a surname alone has no forename beside it.
#include "../text_window.hpp"
#include "../utf8.hpp"
#include "names_eval.hpp"
#include "names_text.hpp"
#include "rule_kinds.hpp"

namespace policycheck {
namespace names {

const NamesMatcher& matcher_of(const RecordScan& scan, uint32_t rule_index) {
  return *scan.data.rules[rule_index].names;
}

bool cancelled(const RecordScan& scan, uint32_t rule_index, size_t start, size_t end) {
  const Rule& rule = scan.data.policy.rules[rule_index];
  const RuleRuntime& runtime = scan.data.rules[rule_index];
  if (covered_by_exception(scan.text(), start, end, runtime.exceptions)) return true;
  return find_phrase_near(scan.text(), start, end, rule.unless, runtime.unless_phrases) >= 0;
}

const std::string* context_near(const RecordScan& scan, uint32_t rule_index, size_t start, size_t end) {
  const Rule& rule = scan.data.policy.rules[rule_index];
  const int found = find_phrase_near(scan.text(), start, end, rule.context, scan.data.rules[rule_index].context_phrases);
  return found >= 0 ? &rule.context.words[static_cast<size_t>(found)] : nullptr;
}

// The allowed form goes in `replacement` only: it is made from the match
// (a pupil's forename), so it must not travel in `suggestion`, which
// machine-readable reports print even when they redact the match.
void emit_name(RecordScan& scan, uint32_t rule_index, NameFinding finding) {
  const size_t before = scan.out.size();
  scan.emit(rule_index, finding.start, finding.end, finding.confidence, std::move(finding.reasons));
  if (scan.out.size() == before) return;
  Finding& f = scan.out.back();
  f.severity = finding.severity;
  f.replacement = std::move(finding.replacement);
}

HandleLetters handle_letters(std::string_view text, size_t start, size_t end) {
  HandleLetters h;
  bool after_separator = true;
  for (size_t i = start; i < end;) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(text, i, &len);
    if (is_name_char(cp)) {
      const std::string key = fold_key(text.substr(i, len));
      const bool capital = starts_upper(text.substr(i, len));
      for (size_t k = 0; k < key.size(); ++k) {
        h.folded += key[k];
        h.source.push_back(i);
        h.boundary.push_back(k == 0 && (after_separator || capital));
        h.upper.push_back(k == 0 && capital);
      }
      h.any_upper = h.any_upper || capital;
      h.text_end = i + len;
      after_separator = false;
    } else {
      after_separator = true;
    }
    i += len;
  }
  h.boundary.push_back(true);
  return h;
}

}  // namespace names

namespace {

using names::NameFinding;
using names::TextWord;

constexpr double kOrdinaryPenalty = 0.25;  // every part of the name is an everyday word
constexpr double kTitlePenalty = 0.3;      // "Mrs Alex Kowalski": likely a parent of the same name
constexpr double kContextBoost = 0.1;

struct FullName {
  size_t start = 0, end = 0;
  std::vector<TextWord> forename_words;
  TextWord surname;
};

std::string forename_key(std::string_view text, const std::vector<TextWord>& words) {
  std::string key;
  for (const TextWord& w : words) key += names::fold_key(names::bare(text, w));
  return key;
}

bool middle_words_fit(std::string_view text, const NamesMatcher& m, const std::vector<uint32_t>& pupils,
                      const std::vector<TextWord>& middle) {
  for (const TextWord& w : middle) {
    const std::string key = names::fold_key(names::bare(text, w));
    const bool initial = names::is_initial(text, w);
    if (!initial && w.dotted) return false;
    // An initial must be one of the pupil's middle names' when the roster
    // has them; a whole word must be one of the middle names.
    bool fits = false;
    for (uint32_t id : pupils) {
      const auto& middles = m.pupils[id].middle;
      if (initial && middles.empty()) fits = true;
      for (const std::string& middle_key : middles) {
        fits = fits || (initial ? middle_key.compare(0, key.size(), key) == 0 : middle_key == key);
      }
    }
    if (!fits) return false;
  }
  return true;
}

// First [Middle|M.]{0,2} Last: the longest reading wins.
bool forename_before(std::string_view text, const NamesMatcher& m, const std::string& surname, size_t start,
                     FullName& found) {
  std::vector<TextWord> before;  // nearest first
  size_t pos = start;
  for (int i = 0; i < 4; ++i) {
    TextWord w;
    if (!names::word_before(text, pos, w)) break;
    before.push_back(w);
    pos = w.start;
  }
  for (int middle = std::min<int>(2, static_cast<int>(before.size()) - 1); middle >= 0; --middle) {
    for (int parts = 2; parts >= 1; --parts) {
      if (middle + parts > static_cast<int>(before.size())) continue;
      std::vector<TextWord> forename(before.begin() + middle, before.begin() + middle + parts);
      bool dotted = false;
      for (const TextWord& w : forename) dotted = dotted || w.dotted;
      if (dotted) continue;
      std::reverse(forename.begin(), forename.end());
      const auto it = m.by_full_name.find(NamesMatcher::full_key(surname, forename_key(text, forename)));
      if (it == m.by_full_name.end()) continue;
      if (!middle_words_fit(text, m, it->second, std::vector<TextWord>(before.begin(), before.begin() + middle))) {
        continue;
      }
      found.start = forename.front().start;
      found.forename_words = std::move(forename);
      return true;
    }
  }
  return false;
}

// "Kowalski, Alex" and register style "KOWALSKI Alex".
bool forename_after(std::string_view text, const NamesMatcher& m, const std::string& surname, size_t end,
                    bool surname_in_capitals, FullName& found) {
  size_t pos = end;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  const bool comma = pos < text.size() && text[pos] == ',';
  if (!comma && !surname_in_capitals) return false;
  if (comma) ++pos;
  else pos = end;
  std::vector<TextWord> after;
  for (int i = 0; i < 2; ++i) {
    TextWord w;
    if (!names::word_after(text, pos, w, 0) || w.dotted) break;
    after.push_back(w);
    pos = w.end;
  }
  for (int parts = static_cast<int>(after.size()); parts >= 1; --parts) {
    std::vector<TextWord> forename(after.begin(), after.begin() + parts);
    if (m.by_full_name.count(NamesMatcher::full_key(surname, forename_key(text, forename))) == 0) continue;
    const TextWord& last = forename.back();
    found.end = last.start + names::bare(text, last).size();
    found.forename_words = std::move(forename);
    return true;
  }
  return false;
}

// An everyday word used as a name ("grace", "will") counts only when
// capitalised; a name made only of such words is downgraded.
enum class Ordinary { none, some, all, lower_case };

Ordinary ordinary_parts(std::string_view text, const NamesMatcher& m, const std::vector<std::string_view>& parts) {
  size_t ordinary = 0;
  for (std::string_view part : parts) {
    if (!m.is_ordinary(names::fold_key(part))) continue;
    if (!names::starts_upper(part)) return Ordinary::lower_case;
    ++ordinary;
  }
  (void)text;
  if (ordinary == 0) return Ordinary::none;
  return ordinary == parts.size() ? Ordinary::all : Ordinary::some;
}

bool after_title(std::string_view text, const NamesMatcher& m, size_t start) {
  TextWord w;
  return names::word_before(text, start, w, 0) && m.titles.count(names::fold_key(names::bare(text, w))) > 0;
}

void report_full_name(RecordScan& scan, uint32_t rule_index, const FullName& name) {
  const Rule& rule = scan.data.policy.rules[rule_index];
  const NamesMatcher& m = names::matcher_of(scan, rule_index);
  const std::string_view text = scan.text();
  if (names::cancelled(scan, rule_index, name.start, name.end)) return;
  std::vector<std::string_view> parts;
  for (const TextWord& w : name.forename_words) parts.push_back(names::bare(text, w));
  parts.push_back(text.substr(name.surname.start, name.surname.end - name.surname.start));
  const Ordinary ordinary = ordinary_parts(text, m, parts);
  if (ordinary == Ordinary::lower_case) return;

  NameFinding f;
  f.start = name.start;
  f.end = name.end;
  f.confidence = rule.confidence;
  f.severity = rule.severity;
  f.reasons.push_back("roster: a pupil's forename with their surname");
  const std::string* context = names::context_near(scan, rule_index, name.start, name.end);
  if (context) {
    f.confidence += kContextBoost;
    f.reasons.push_back("context: " + *context);
  }
  if (ordinary == Ordinary::all && !context) {
    // "Summer Rose", "Will Power": capitalised, but could be a title or a
    // heading; still worth a look, not a failure.
    f.confidence -= kOrdinaryPenalty;
    f.severity = Severity::warning;
    f.reasons.push_back("every part of the name is also an everyday word");
  }
  if (after_title(text, m, name.start)) {
    f.confidence -= kTitlePenalty;
    f.reasons.push_back("after an adult title");
  }
  std::string forename;
  for (const TextWord& w : name.forename_words) forename += (forename.empty() ? "" : " ") + std::string(names::bare(text, w));
  f.replacement = forename + " " + names::upper_initial(parts.back()) + ".";
  names::emit_name(scan, rule_index, std::move(f));
}

void full_name_from_surname(RecordScan& scan, uint32_t rule_index, const Span& span) {
  const NamesMatcher& m = names::matcher_of(scan, rule_index);
  const std::string_view text = scan.text();
  // The hit may be the last part of a longer surname (Berg of van der Berg).
  for (const size_t start : names::name_starts(text, span.start, span.end, m.surnames)) {
    const std::string_view written = text.substr(start, span.end - start);
    const std::string surname = names::fold_key(written);
    FullName name;
    name.surname = {start, span.end, false};
    name.end = span.end;
    if (forename_before(text, m, surname, start, name)) {
      report_full_name(scan, rule_index, name);
      return;
    }
    name.start = start;
    if (forename_after(text, m, surname, span.end, names::all_upper(written), name)) {
      report_full_name(scan, rule_index, name);
      return;
    }
  }
}

// #AlexKowalski, @alex_kowalski, @alexkowalski: a forename then a surname
// of the same pupil, each starting where a word may start (or anywhere in
// a handle written all in lower case).
void full_name_in_handle(RecordScan& scan, uint32_t rule_index, const Span& span) {
  const Rule& rule = scan.data.policy.rules[rule_index];
  const NamesMatcher& m = names::matcher_of(scan, rule_index);
  const std::string_view text = scan.text();
  const names::HandleLetters h = names::handle_letters(text, span.start + 1, span.end);
  const size_t n = h.folded.size();
  const bool anywhere = !h.any_upper;
  for (size_t split = 1; split < n && split <= m.longest_forename; ++split) {
    if (!anywhere && !h.boundary[split]) continue;
    const std::string forename = h.folded.substr(0, split);
    if (m.forenames.count(forename) == 0) continue;
    for (size_t end = n; end > split; --end) {
      if (!h.boundary[end]) continue;
      const std::string surname = h.folded.substr(split, end - split);
      if (m.by_full_name.count(NamesMatcher::full_key(surname, forename)) == 0) continue;
      const size_t start = h.source[0];
      const size_t stop = end < n ? h.source[end] : h.text_end;
      if (names::cancelled(scan, rule_index, start, stop)) return;
      NameFinding f;
      f.start = start;
      f.end = stop;
      f.confidence = rule.confidence;
      f.severity = rule.severity;
      f.reasons.push_back("roster: a pupil's forename and surname joined in a hashtag or handle");
      const std::string_view written = text.substr(start, h.source[split] - start);
      f.replacement = std::string(written) + names::upper_initial(text.substr(h.source[split]));
      names::emit_name(scan, rule_index, std::move(f));
      return;
    }
  }
}

// Any mention of a pupil whose consent must be checked, forename included.
// The finding never says why beyond "check consent": the consent status is
// itself personal data and must not reach machine-readable reports.
void consent_mention(RecordScan& scan, uint32_t rule_index, const Span& span) {
  const Rule& rule = scan.data.policy.rules[rule_index];
  const NamesMatcher& m = names::matcher_of(scan, rule_index);
  const std::string_view text = scan.text();
  size_t start = span.start, end = span.end;
  std::string_view written = text.substr(start, end - start);
  if (written[0] == '#' || written[0] == '@') {
    const names::HandleLetters h = names::handle_letters(text, start + 1, end);
    size_t split = 0;
    for (size_t i = std::min(h.folded.size(), m.longest_forename); i >= 1 && split == 0; --i) {
      if (h.boundary[i] && m.forenames.count(h.folded.substr(0, i))) split = i;
    }
    if (split == 0) return;
    start = h.source[0];
    end = split < h.folded.size() ? h.source[split] : h.text_end;
    written = text.substr(start, end - start);
  } else {
    const std::vector<size_t> starts = names::name_starts(text, start, end, m.forenames);
    if (starts.empty()) return;  // the last part of someone else's name
    start = starts.front();      // Mary-Jane, Mary Jane
    written = text.substr(start, end - start);
    if (m.is_ordinary(names::fold_key(written)) && !names::starts_upper(written)) return;
  }
  if (names::cancelled(scan, rule_index, start, end)) return;
  NameFinding f;
  f.start = start;
  f.end = end;
  f.confidence = rule.confidence;
  f.severity = rule.severity;
  f.reasons.push_back("roster: a pupil's name");
  if (m.is_ordinary(names::fold_key(written)) && names::sentence_start(text, start)) {
    f.confidence -= kOrdinaryPenalty;  // "Will you join us?"
    f.reasons.push_back("an everyday word at the start of a sentence");
  }
  names::emit_name(scan, rule_index, std::move(f));
}

}  // namespace

void evaluate_names_rule(RecordScan& scan, uint32_t rule_index, const std::vector<Span>& spans) {
  const NamesMatcher& m = names::matcher_of(scan, rule_index);
  if (m.detect == NamesDetect::likely_full_names) {
    names::evaluate_likely_full_names(scan, rule_index, spans);
    return;
  }
  const std::string_view text = scan.text();
  for (const Span& span : spans) {
    const bool handle = text[span.start] == '#' || text[span.start] == '@';
    if (m.detect == NamesDetect::roster_consent) consent_mention(scan, rule_index, span);
    else if (handle) full_name_in_handle(scan, rule_index, span);
    else full_name_from_surname(scan, rule_index, span);
  }
}

}  // namespace policycheck
