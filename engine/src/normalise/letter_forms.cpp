#include "letter_forms.hpp"

#include <algorithm>
#include <iterator>

namespace policycheck::normalise {
namespace {

struct LetterRun {
  char32_t first;
  char32_t last;
  char letter;  // the letter `first` stands for; the run's letters follow it
};

constexpr LetterRun kRuns[] = {
#include "letter_forms_table.inc"
};

}  // namespace

char letter_form_ascii(char32_t cp) {
  if (cp < kRuns[0].first) return 0;
  // The last run starting at or before cp.
  const auto* it = std::upper_bound(std::begin(kRuns), std::end(kRuns), cp,
                                    [](char32_t value, const LetterRun& run) { return value < run.first; });
  --it;
  return cp <= it->last ? static_cast<char>(it->letter + (cp - it->first)) : 0;
}

}  // namespace policycheck::normalise
