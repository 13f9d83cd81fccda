// near rules: something (`a:`, e.g. a named person) within a few words of
// something else (`b:`, e.g. an accusation), by default in the same
// sentence. Each `a` span pairs with its closest `b` span; the finding covers
// both. Words between the two can cancel it ("Mr Hale is NOT a thief"),
// hedges in the sentence lower confidence without clearing it ("allegedly"),
// and a question lowers it too: a question can still insinuate.
#include <algorithm>
#include <cstdint>
#include <utility>
#include <cstdlib>
#include <string>

#include "../text_window.hpp"
#include "../utf8.hpp"
#include "roster_people.hpp"
#include "rule_kinds.hpp"

namespace policycheck {
namespace {

constexpr double kHedgePenalty = 0.2;
constexpr double kQuestionPenalty = 0.2;
constexpr double kContextBoost = 0.1;
constexpr size_t kMaxSentenceBytes = 600;  // how far to look for a sentence's ends

// Words that end with a full stop without ending a sentence ("Mr. Hale").
bool is_abbreviation(std::string_view word) {
  static constexpr std::string_view kAbbreviations[] = {"mr", "mrs", "ms", "mx", "dr", "prof", "rev", "st", "sr",
                                                        "jr", "eg", "e.g", "ie", "i.e", "etc", "no", "vs", "cllr"};
  std::string lower;
  for (char c : word) lower += static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  if (lower.size() == 1) return true;  // an initial: "J. Hale"
  return std::find(std::begin(kAbbreviations), std::end(kAbbreviations), lower) != std::end(kAbbreviations);
}

// The ASCII word that ends just before `pos`.
std::string_view word_ending_at(std::string_view text, size_t pos) {
  size_t begin = pos;
  while (begin > 0) {
    const char c = text[begin - 1];
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
    if (!word) break;
    --begin;
  }
  return text.substr(begin, pos - begin);
}

// True when a sentence ends at text[pos]: '.', '!' or '?' followed by space
// or the end of the text (but not after an abbreviation), or a blank line.
bool sentence_ends_at(std::string_view text, size_t pos) {
  const char c = text[pos];
  if (c == '\n') {
    size_t next = pos + 1;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\t' || text[next] == '\r')) ++next;
    return next < text.size() && text[next] == '\n';
  }
  if (c != '.' && c != '!' && c != '?') return false;
  if (pos + 1 < text.size() && !(text[pos + 1] == ' ' || text[pos + 1] == '\n' || text[pos + 1] == '\r' ||
                                 text[pos + 1] == '\t' || text[pos + 1] == '"' || text[pos + 1] == '\'')) {
    return false;
  }
  return c != '.' || !is_abbreviation(word_ending_at(text, pos));
}

bool sentence_break_between(std::string_view text, size_t from, size_t to) {
  for (size_t pos = from; pos < to; ++pos) {
    if (sentence_ends_at(text, pos)) return true;
  }
  return false;
}

struct Sentence {
  size_t begin = 0;
  size_t end = 0;
  bool question = false;
};

Sentence sentence_around(std::string_view text, size_t start, size_t end) {
  Sentence s;
  const size_t low = start > kMaxSentenceBytes ? start - kMaxSentenceBytes : 0;
  s.begin = start;
  while (s.begin > low && !sentence_ends_at(text, s.begin - 1)) --s.begin;
  const size_t high = std::min(text.size(), end + kMaxSentenceBytes);
  s.end = end;
  while (s.end < high && !sentence_ends_at(text, s.end)) ++s.end;
  s.question = s.end < text.size() && text[s.end] == '?';
  return s;
}

bool contains_phrase(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  if (phrase.empty() || phrase.size() > words.size()) return false;
  for (size_t i = 0; i + phrase.size() <= words.size(); ++i) {
    if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(i))) return true;
  }
  return false;
}

int find_phrase(const std::vector<std::string>& words, const std::vector<std::vector<std::string>>& phrases) {
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (contains_phrase(words, phrases[i])) return static_cast<int>(i);
  }
  return -1;
}

struct Pairing {
  const Span* b = nullptr;
  size_t gap_words = 0;
};

// The closest `b` span to `a` that qualifies: not overlapping it, within
// the distance, in the same sentence, with no cancelling word between.
Pairing closest_partner(std::string_view text, const Span& a, const std::vector<Span>& b_spans, const Rule& rule,
                        const RuleRuntime& runtime) {
  Pairing best;
  for (const Span& b : b_spans) {
    if (b.start < a.end && a.start < b.end) continue;  // the same words cannot be both
    const size_t gap_begin = b.start >= a.end ? a.end : b.end;
    const size_t gap_end = b.start >= a.end ? b.start : a.start;
    if (gap_end - gap_begin > kMaxSentenceBytes) continue;
    const std::vector<std::string> gap = split_words(text.substr(gap_begin, gap_end - gap_begin));
    if (gap.size() > static_cast<size_t>(rule.near.distance)) continue;
    if (rule.near.same_sentence && sentence_break_between(text, gap_begin, gap_end)) continue;
    if (find_phrase(gap, runtime.not_between_phrases) >= 0) continue;
    if (!best.b || gap.size() < best.gap_words) best = {&b, gap.size()};
  }
  return best;
}

// Marks the spans of roster people (they come from no database pattern).
constexpr uint32_t kRosterPattern = UINT32_MAX;
// Room before a `b` span for a whole name that ends within reach of it.
constexpr size_t kLongestNameBytes = 256;

// `a_spans` with the roster's people found around each `b` span (only
// there: a person farther away could never pair), leftmost-longest as the
// scanner leaves a rule's spans.
void add_roster_people(std::string_view text, const RosterPeople& people, const std::vector<Span>& b_spans,
                       std::vector<Span>& spans) {
  std::vector<std::pair<size_t, size_t>> windows;
  for (const Span& b : b_spans) {
    const size_t reach = kMaxSentenceBytes + kLongestNameBytes;
    windows.emplace_back(b.start > reach ? b.start - reach : 0, std::min<size_t>(text.size(), b.end + kMaxSentenceBytes));
  }
  std::sort(windows.begin(), windows.end());
  std::vector<Span> found;
  size_t scanned_to = 0;
  for (const auto& [window_from, to] : windows) {
    const size_t from = std::max(scanned_to, window_from);
    if (from < to) people.find(text, from, to, kRosterPattern, found);
    scanned_to = std::max(scanned_to, to);
  }
  if (found.empty()) return;
  spans.insert(spans.end(), found.begin(), found.end());
  keep_leftmost_longest(spans);
}

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

}  // namespace

void evaluate_near_rule(RecordScan& scan, uint32_t rule_index, const std::vector<Span>& database_a_spans,
                        const std::vector<Span>& b_spans) {
  if (b_spans.empty()) return;
  const Rule& rule = scan.data.policy.rules[rule_index];
  const RuleRuntime& runtime = scan.data.rules[rule_index];
  const std::string_view text = scan.text();
  std::vector<Span> with_roster;
  const std::vector<Span>* a_pointer = &database_a_spans;
  if (runtime.roster_people) {
    with_roster = database_a_spans;
    add_roster_people(text, *runtime.roster_people, b_spans, with_roster);
    a_pointer = &with_roster;
  }
  const std::vector<Span>& a_spans = *a_pointer;
  if (a_spans.empty()) return;
  uint64_t covered_to = 0;  // one finding per stretch of text: "Mr A and Mrs B are thieves" is one
  for (const Span& a : a_spans) {
    const Pairing pairing = closest_partner(text, a, b_spans, rule, runtime);
    if (!pairing.b) continue;
    const Span& b = *pairing.b;
    const uint64_t start = std::min(a.start, b.start);
    const uint64_t end = std::max(a.end, b.end);
    if (start < covered_to) continue;
    if (covered_by_exception(text, b.start, b.end, runtime.exceptions) ||
        covered_by_exception(text, a.start, a.end, runtime.exceptions)) {
      continue;
    }
    if (find_phrase_near(text, start, end, rule.unless, runtime.unless_phrases) >= 0) continue;

    double confidence = rule.confidence;
    std::vector<std::string> reasons;
    const Sentence sentence = sentence_around(text, start, end);
    const int hedge = find_phrase(split_words(text.substr(sentence.begin, sentence.end - sentence.begin)),
                                  runtime.hedge_phrases);
    if (hedge >= 0) {
      confidence -= kHedgePenalty;
      reasons.push_back("hedged (\"" + rule.near.hedges[static_cast<size_t>(hedge)] +
                        "\"): repeating an allegation can still be defamatory");
    }
    if (sentence.question) {
      confidence -= kQuestionPenalty;
      reasons.push_back("put as a question");
    }
    const int context = find_phrase_near(text, start, end, rule.context, runtime.context_phrases);
    if (context >= 0) {
      confidence += kContextBoost;
      reasons.push_back("context: " + rule.context.words[static_cast<size_t>(context)]);
    }
    const std::string accusation = lowered(text.substr(b.start, b.end - b.start));
    const size_t before = scan.out.size();
    scan.emit(rule_index, start, end, confidence, std::move(reasons));
    if (scan.out.size() == before) continue;
    covered_to = end;
    // "%s" in the message names what `b` matched (the accusation, never the
    // person, so the message carries no personal data).
    std::string& message = scan.out.back().message;
    if (const size_t at = message.find("%s"); at != std::string::npos) message.replace(at, 2, accusation);
  }
}

}  // namespace policycheck
