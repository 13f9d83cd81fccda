// The scan path: one Hyperscan pass over a record finds candidate hits for
// every rule at once; only those hits pay for confirmation (start offset,
// word boundaries) and for the rule kinds' checks.
#include "policycheck/scanner.hpp"

#include <algorithm>
#include <climits>
#include <stdexcept>

#include "evasion/folded_scan.hpp"
#include "kinds/rule_kinds.hpp"
#include "locator.hpp"
#include "record_scan.hpp"
#include "span_confirmer.hpp"
#include "utf8.hpp"

namespace policycheck {

// Longest line copied whole into a finding's snippet (see RecordScan::emit).
constexpr size_t kMaxSnippetLine = 16 * 1024;

struct Hit {
  uint32_t pattern;
  uint64_t end;
};

struct Scanner::Impl {
  std::shared_ptr<const CompiledPolicy> policy;
  ScanOptions options;
  hs_scratch_t* scratch = nullptr;
  std::vector<Hit> hits;
  // Per rule: confirmed primary and required spans of the current record.
  std::vector<std::vector<Span>> primary;
  std::vector<std::vector<Span>> required;
  std::vector<uint32_t> touched;
  std::unique_ptr<FoldedScanner> folded;  // evasion `unicode`: look-alike letters, invisible characters
  std::vector<Span> folded_spans;

  ~Impl() { hs_free_scratch(scratch); }
};

namespace {

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
             void* context) {
  static_cast<std::vector<Hit>*>(context)->push_back({id, to});
  return 0;  // keep scanning
}

// Overlapping spans of one rule (a longer phone number and its tail, say)
// become one: leftmost first, then longest.
void keep_leftmost_longest(std::vector<Span>& spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  size_t kept = 0;
  uint64_t covered_to = 0;
  for (const Span& span : spans) {
    if (kept > 0 && span.start < covered_to) continue;
    spans[kept++] = span;
    covered_to = span.end;
  }
  spans.resize(kept);
}

}  // namespace

Scanner::Scanner(std::shared_ptr<const CompiledPolicy> policy, ScanOptions options) : impl_(new Impl) {
  impl_->policy = std::move(policy);
  impl_->options = options;
  const CompiledPolicyData& data = impl_->policy->data();
  if (data.database && hs_alloc_scratch(data.database, &impl_->scratch) != HS_SUCCESS) {
    throw std::runtime_error("cannot allocate Hyperscan scratch space");
  }
  impl_->primary.resize(data.policy.rules.size());
  impl_->required.resize(data.policy.rules.size());
  impl_->folded = std::make_unique<FoldedScanner>(data);
}

Scanner::~Scanner() = default;
Scanner::Scanner(Scanner&&) noexcept = default;
Scanner& Scanner::operator=(Scanner&&) noexcept = default;

void Scanner::scan(const Record& record, std::vector<Finding>& out) {
  Impl& s = *impl_;
  const CompiledPolicyData& data = s.policy->data();
  if (!data.database || record.text.empty()) return;
  if (record.text.size() > UINT_MAX) throw std::length_error("record larger than 4 GiB");

  s.hits.clear();
  hs_error_t rc = hs_scan(data.database, record.text.data(), static_cast<unsigned>(record.text.size()), 0,
                          s.scratch, on_match, &s.hits);
  if (rc != HS_SUCCESS) throw std::runtime_error("Hyperscan scan failed (error " + std::to_string(rc) + ")");
  s.folded_spans.clear();
  s.folded->scan(data, s.scratch, record.text, s.folded_spans);
  if (s.hits.empty() && s.folded_spans.empty()) return;

  std::sort(s.hits.begin(), s.hits.end(),
            [](const Hit& a, const Hit& b) { return a.pattern != b.pattern ? a.pattern < b.pattern : a.end < b.end; });
  for (const Hit& hit : s.hits) {
    const PatternEntry& entry = data.patterns[hit.pattern];
    uint64_t start = 0;
    if (!confirm_span(entry, *data.confirmers[hit.pattern], record.text, hit.end, &start)) continue;
    auto& bucket = entry.role == PatternRole::primary ? s.primary[entry.rule] : s.required[entry.rule];
    if (s.primary[entry.rule].empty() && s.required[entry.rule].empty()) s.touched.push_back(entry.rule);
    bucket.push_back({start, hit.end, hit.pattern});
  }
  for (const Span& span : s.folded_spans) {
    const PatternEntry& entry = data.patterns[span.pattern];
    if (s.primary[entry.rule].empty() && s.required[entry.rule].empty()) s.touched.push_back(entry.rule);
    (entry.role == PatternRole::primary ? s.primary[entry.rule] : s.required[entry.rule]).push_back(span);
  }

  std::sort(s.touched.begin(), s.touched.end());
  Locator locator(record);
  RecordScan scan{data, record, s.options, locator, out};
  const size_t first = out.size();
  for (uint32_t rule_index : s.touched) {
    auto& primary = s.primary[rule_index];
    keep_leftmost_longest(primary);
    switch (data.policy.rules[rule_index].kind) {
      case RuleKind::terms:
      case RuleKind::pattern:
        evaluate_span_rule(scan, rule_index, primary, &s.required[rule_index]);
        break;
      case RuleKind::require:
        evaluate_require_rule(scan, rule_index, primary, s.required[rule_index]);
        break;
      case RuleKind::names:
        evaluate_names_rule(scan, rule_index, primary);
        break;
      case RuleKind::near:
        evaluate_near_rule(scan, rule_index, primary, s.required[rule_index]);
        break;
    }
    primary.clear();
    s.required[rule_index].clear();
  }
  s.touched.clear();
  std::sort(out.begin() + static_cast<long>(first), out.end(), [](const Finding& a, const Finding& b) {
    if (a.text_start != b.text_start) return a.text_start < b.text_start;
    if (a.text_end != b.text_end) return a.text_end > b.text_end;
    return a.rule < b.rule;
  });
}

void RecordScan::emit(uint32_t rule_index, uint64_t start, uint64_t end, double confidence,
                      std::vector<std::string> reasons) {
  if (options.max_findings && out.size() >= options.max_findings) return;
  const Rule& rule = data.policy.rules[rule_index];
  if (confidence + 1e-9 < std::max(options.min_confidence, rule.min_confidence)) return;
  Finding f;
  f.rule = rule.id;
  f.category = rule.category;
  f.severity = rule.severity;
  f.confidence = std::min(1.0, confidence);
  f.message = rule.message;
  f.suggestion = rule.suggest;
  f.policy_ref = rule.policy_ref;
  f.path = std::string(record.path);
  f.record = record.info;
  const Location from = locator.locate(start, false);
  const Location to = locator.locate(end, true);
  f.line = from.line;
  f.column = from.column;
  f.end_line = to.line;
  f.end_column = to.column;
  f.byte_start = from.byte;
  f.byte_end = to.byte;
  f.text_start = start;
  f.text_end = end;
  f.match = std::string(record.text.substr(start, end - start));
  f.personal_data = rule.personal_data;
  f.reasons = std::move(reasons);
  const std::string_view line = locator.line_text(start);
  const uint64_t line_begin = static_cast<uint64_t>(line.data() - record.text.data());
  const uint64_t clipped_end = std::min<uint64_t>(end, line_begin + line.size());
  if (line.size() <= kMaxSnippetLine) {
    f.snippet = std::string(line);
    f.snippet_start = locator.column_in_line(start);
    f.snippet_end = std::max(f.snippet_start + 1, locator.column_in_line(clipped_end));
  } else {
    // A very long line (a minified export, a hostile input) is not copied
    // into every finding on it: that is quadratic in time and memory. Its
    // snippet is the match alone, which reporters redact as usual.
    f.snippet = std::string(record.text.substr(start, clipped_end - start));
    f.snippet_start = 0;
    f.snippet_end = std::max<uint32_t>(1, static_cast<uint32_t>(utf8::count_code_points(f.snippet)));
  }
  out.push_back(std::move(f));
}

}  // namespace policycheck
