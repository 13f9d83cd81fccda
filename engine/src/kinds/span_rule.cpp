// terms and pattern rules: each confirmed span is judged on its own.
// Order matters for cost: cheap text checks (exceptions, unless) run before
// validators, and context only adjusts confidence.
#include "../text_window.hpp"
#include "rule_kinds.hpp"

namespace policycheck {

namespace {
constexpr double kValidatorBoost = 0.1;
constexpr double kContextBoost = 0.3;

bool allowed(const RuleRuntime& runtime, std::string_view match) {
  for (const auto& re : runtime.allow) {
    if (RE2::FullMatch(match, *re)) return true;
  }
  return false;
}
}  // namespace

void evaluate_span_rule(RecordScan& scan, uint32_t rule_index, const std::vector<Span>& spans,
                        const std::vector<Span>* context_hits) {
  const Rule& rule = scan.data.policy.rules[rule_index];
  // Required context that occurs nowhere in the record: nothing can pass
  // (only when the phrases were put in the database, see has_context_gate).
  if (rule.context.required && context_hits && context_hits->empty() && has_context_gate(rule)) return;
  const RuleRuntime& runtime = scan.data.rules[rule_index];
  const std::string_view text = scan.text();
  for (const Span& span : spans) {
    if (covered_by_exception(text, span.start, span.end, runtime.exceptions)) continue;
    if (allowed(runtime, text.substr(span.start, span.end - span.start))) continue;
    // Required context is checked first: most candidates fail it.
    constexpr int kNotLooked = -2;
    int context = kNotLooked;
    if (rule.context.required) {
      context = find_phrase_near(text, span.start, span.end, rule.context, runtime.context_phrases);
      if (context < 0) continue;
    }
    if (find_phrase_near(text, span.start, span.end, rule.unless, runtime.unless_phrases) >= 0) continue;
    if (context == kNotLooked) context = find_phrase_near(text, span.start, span.end, rule.context, runtime.context_phrases);
    double confidence = rule.confidence;
    std::vector<std::string> reasons;
    if (runtime.validator) {
      const Validation v = runtime.validator(text.substr(span.start, span.end - span.start));
      if (v.verdict == Verdict::fail) continue;
      if (v.verdict == Verdict::pass) {
        confidence += kValidatorBoost;
        reasons.push_back("validator " + rule.validator + ": " + v.reason);
      }
    }
    if (context >= 0) {
      confidence += kContextBoost;
      reasons.push_back("context: " + rule.context.words[static_cast<size_t>(context)]);
    }
    scan.emit(rule_index, span.start, span.end, confidence, std::move(reasons));
  }
}

}  // namespace policycheck
