#pragma once
// Shared by the names rule evaluators (names_rule.cpp, names_heuristic.cpp).
#include <string>
#include <vector>

#include "../record_scan.hpp"
#include "names_matcher.hpp"

namespace policycheck::names {

const NamesMatcher& matcher_of(const RecordScan& scan, uint32_t rule_index);

// The rule's `exceptions` cover the span or an `unless` phrase is near it.
bool cancelled(const RecordScan& scan, uint32_t rule_index, size_t start, size_t end);

// The context phrase found near the span (child context: "Year 6",
// "well done"), or nullptr.
const std::string* context_near(const RecordScan& scan, uint32_t rule_index, size_t start, size_t end);

struct NameFinding {
  size_t start = 0;
  size_t end = 0;
  double confidence = 0;
  Severity severity = Severity::error;
  std::vector<std::string> reasons;
  std::string replacement;  // the allowed form: "Alex K." (empty: none)
};

// Emits the finding with its per-finding suggestion and severity.
void emit_name(RecordScan& scan, uint32_t rule_index, NameFinding finding);

// The letters of a hashtag or handle body, folded, with where each came
// from and where a new word may start (a capital, or after _ . or digits).
struct HandleLetters {
  std::string folded;
  std::vector<size_t> source;   // text offset of the letter behind folded[i]
  std::vector<bool> boundary;   // a word may start at folded[i] (size folded+1)
  std::vector<bool> upper;      // the letter at folded[i] is a capital
  bool any_upper = false;
  size_t text_end = 0;          // text offset after the last letter
};
HandleLetters handle_letters(std::string_view text, size_t start, size_t end);

void evaluate_likely_full_names(RecordScan& scan, uint32_t rule_index, const std::vector<Span>& spans);

}  // namespace policycheck::names
