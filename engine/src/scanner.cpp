// The scan path: one pass of each scan group's database (scan_groups.hpp)
// over a record, or over a block of joined short records (record_block.hpp),
// finds candidate hits for every rule at once, the gated groups only in
// windows where their patterns can match; only those hits pay for
// confirmation (start offset, word boundaries) and for the rule kinds' checks.
#include "policycheck/scanner.hpp"

#include <algorithm>
#include <climits>
#include <cstring>
#include <stdexcept>

#include "compacted_windows.hpp"
#include "digit_windows.hpp"
#include "evasion/folded_scan.hpp"
#include "evasion/folded_term_windows.hpp"
#include "kinds/rule_kinds.hpp"
#include "locator.hpp"
#include "rare_byte_gate.hpp"
#include "record_block.hpp"
#include "record_scan.hpp"
#include "scan_groups.hpp"
#include "span_confirmer.hpp"
#include "utf8.hpp"

namespace policycheck {

// Longest line copied whole into a finding's snippet (see RecordScan::emit).
constexpr size_t kMaxSnippetLine = 16 * 1024;
// Records are joined into blocks of about this size for one database pass;
// a record at least kOwnPassBytes long gets a pass of its own (joining it
// would only copy it).
constexpr size_t kBlockBytes = 1 << 20;
constexpr size_t kOwnPassBytes = 64 << 10;

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
  // Per rule: its primary spans count only beside a span of its other side
  // (sides_needed), and it has patterns of that side to find one.
  std::vector<uint8_t> primary_needs_other;
  // Per rule: the record whose hits held one of its other side's (an epoch).
  std::vector<uint32_t> other_side_seen;
  uint32_t record_epoch = 0;
  std::unique_ptr<FoldedScanner> folded;  // evasion `unicode`: look-alike letters, invisible characters
  std::vector<Span> folded_spans;
  RecordBlock block;
  std::vector<Hit> block_hits;
  std::vector<uint32_t> gates;      // gate byte positions in the text being scanned
  FoldedTermWindows folded_term_windows;  // stretched/leet terms
  std::vector<uint32_t> run_gates;  // those the runs group's patterns need
  std::vector<GateWindow> windows;  // where a gated group's database runs
  std::vector<std::pair<uint32_t, uint64_t>> atom_hits;  // literal gate: atom id, end
  std::vector<uint32_t> atoms_seen;                     // literal gate: atoms in the current record
  LiteralGate::Marks gate_marks;
  std::vector<std::vector<GateWindow>> subgroup_windows;  // literal gate: per database, the records to scan
  std::vector<Finding> batch_findings;
  DigitLayout digit_layout;          // the digits of the text being scanned, for the digit groups
  DigitWindowScratch digit_scratch;  // the digit groups' windows before they are intersected
  CompactedWindows compacted;     // the digit/@ groups' windows, copied into one buffer
  std::vector<Hit> compacted_hits;  // ends in `compacted`

  ~Impl() { hs_free_scratch(scratch); }

  // Runs every group's database over `text` (the gated ones in windows
  // around gate bytes), appending (pattern, end) hits; ends are offsets in
  // `text`, not necessarily in order. `block`: the records `text` joins
  // (null: `text` is one record).
  void run_databases(std::string_view text, std::vector<Hit>& out, const RecordBlock* block = nullptr);
  // The literal-gated group: over the records where a gate formula holds.
  void run_literal_gated(std::string_view text, std::vector<Hit>& out, const RecordBlock* block);
  void run(const hs_database_t* database, std::string_view text, uint64_t offset, std::vector<Hit>& out);
  // `database` over `windows` of `text`: one call over them copied
  // together (compacted_windows.hpp) when the policy allows it.
  void run_in_gate_windows(const hs_database_t* database, std::string_view text, std::vector<Hit>& out);
  // Turns the database hits of `record` (in `hits`, ends relative to the
  // record) into findings.
  void screen(const Record& record, std::vector<Finding>& out);
};

namespace {

// Hits of a database run over a window that starts `offset` bytes into the text.
struct HitSink {
  std::vector<Hit>* hits;
  uint64_t offset;
};

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
             void* context) {
  HitSink* sink = static_cast<HitSink*>(context);
  sink->hits->push_back({id, sink->offset + to});
  return 0;  // keep scanning
}

}  // namespace

void keep_leftmost_longest(std::vector<Span>& spans) {
  if (spans.size() < 2) return;  // nothing to sort or merge
  std::stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
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

Scanner::Scanner(std::shared_ptr<const CompiledPolicy> policy, ScanOptions options) : impl_(new Impl) {
  impl_->policy = std::move(policy);
  impl_->options = options;
  const CompiledPolicyData& data = impl_->policy->data();
  for (const auto& group : data.groups) {  // one scratch big enough for every group's database
    if (group.database && hs_alloc_scratch(group.database, &impl_->scratch) != HS_SUCCESS) {
      throw std::runtime_error("cannot allocate Hyperscan scratch space");
    }
  }
  std::vector<const hs_database_t*> more{data.folded_literal_database, data.literal_gate.database};
  for (const auto& g : data.literal_gate.subgroups) more.push_back(g.database);
  for (const hs_database_t* db : more) {
    if (db && hs_alloc_scratch(db, &impl_->scratch) != HS_SUCCESS) {
      throw std::runtime_error("cannot allocate Hyperscan scratch space");
    }
  }
  impl_->primary.resize(data.policy.rules.size());
  impl_->required.resize(data.policy.rules.size());
  impl_->primary_needs_other.assign(data.policy.rules.size(), 0);
  impl_->other_side_seen.assign(data.policy.rules.size(), 0);
  for (const PatternEntry& p : data.patterns) {
    const Rule& rule = data.policy.rules[p.rule];
    if (p.role != PatternRole::primary && (sides_needed(rule, PatternRole::primary) & 2u)) {
      impl_->primary_needs_other[p.rule] = 1;
    }
  }
  impl_->folded = std::make_unique<FoldedScanner>(data);
}

Scanner::~Scanner() = default;
Scanner::Scanner(Scanner&&) noexcept = default;
Scanner& Scanner::operator=(Scanner&&) noexcept = default;

void Scanner::Impl::run(const hs_database_t* database, std::string_view text, uint64_t offset, std::vector<Hit>& out) {
  HitSink sink{&out, offset};
  const hs_error_t rc = hs_scan(database, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_match, &sink);
  if (rc != HS_SUCCESS) throw std::runtime_error("Hyperscan scan failed (error " + std::to_string(rc) + ")");
}

static int on_literal(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
               void* context) {
  static_cast<std::vector<std::pair<uint32_t, uint64_t>>*>(context)->emplace_back(id, to);
  return 0;
}

// Which records hold the atoms their gate formulas need: the atom
// database runs over the whole text (so no atom is cut by a window), an
// atom counts for the record holding its last byte (one running over a
// separator counts too: more records scanned, never fewer), and the gated
// database runs over those records with a byte of real context either side,
// as the other gated groups' windows do. A hit of a gated pattern belongs
// to the record holding its last byte, and is confirmed on that record's
// text alone, so only matches inside a record count: each holds the atoms
// its formula needs, in that record.
void Scanner::Impl::run_literal_gated(std::string_view text, std::vector<Hit>& out, const RecordBlock* block) {
  const CompiledPolicyData& data = policy->data();
  const LiteralGate& gate = data.literal_gate;
  if (gate.subgroups.empty()) return;
  if (!gate.database) {  // no atoms: cannot happen (a gated pattern has a formula), but never skip text
    for (const auto& g : gate.subgroups) run(g.database, text, 0, out);
    return;
  }
  atom_hits.clear();
  const hs_error_t rc =
      hs_scan(gate.database, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_literal, &atom_hits);
  if (rc != HS_SUCCESS) throw std::runtime_error("Hyperscan scan failed (error " + std::to_string(rc) + ")");
  if (atom_hits.empty()) return;
  if (!std::is_sorted(atom_hits.begin(), atom_hits.end(), [](const auto& a, const auto& b) { return a.second < b.second; })) {
    std::stable_sort(atom_hits.begin(), atom_hits.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  }
  subgroup_windows.resize(gate.subgroups.size());
  for (auto& w : subgroup_windows) w.clear();
  const size_t records = block ? block->size() : 1;
  size_t h = 0;
  for (size_t i = 0; i < records && h < atom_hits.size(); ++i) {
    const uint64_t begin = block ? block->start(i) : 0, end = block ? block->end(i) : text.size();
    while (h < atom_hits.size() && atom_hits[h].second <= begin) ++h;
    atoms_seen.clear();
    for (; h < atom_hits.size() && atom_hits[h].second <= end; ++h) {
      if (gate.counts(atom_hits[h].first, text, atom_hits[h].second)) atoms_seen.push_back(atom_hits[h].first);
    }
    if (atoms_seen.empty()) continue;
    // The record, with a byte of real context either side, for each
    // database with a pattern whose formula holds here.
    const GateWindow window{begin > 0 ? begin - 1 : 0, std::min<uint64_t>(text.size(), end + 1)};
    gate.find_holding(atoms_seen, gate_marks, [&](uint32_t formula) {
      for (uint32_t sub : gate.subgroups_of_formula[formula]) {
        auto& list = subgroup_windows[sub];
        if (list.empty() || list.back().begin != window.begin) list.push_back(window);
      }
      return false;
    });
  }
  for (size_t sub = 0; sub < gate.subgroups.size(); ++sub) {
    auto& list = subgroup_windows[sub];
    if (list.empty()) continue;
    merge_windows(list);
    for (const GateWindow& w : list) run(gate.subgroups[sub].database, text.substr(w.begin, w.end - w.begin), w.begin, out);
  }
}

void Scanner::Impl::run_in_gate_windows(const hs_database_t* database, std::string_view text, std::vector<Hit>& out) {
  const CompiledPolicyData& data = policy->data();
  if (!data.joinable || windows.size() < 2) {  // an edge-asserting pattern must see the window alone
    for (const GateWindow& w : windows) run(database, text.substr(w.begin, w.end - w.begin), w.begin, out);
    return;
  }
  for (size_t next = 0; next < windows.size();) {
    const GateWindow& w = windows[next];
    if (w.end - w.begin >= kBlockBytes) {  // big enough for a call of its own: not copied
      run(database, text.substr(w.begin, w.end - w.begin), w.begin, out);
      ++next;
      continue;
    }
    next = compacted.fill(text, windows, next, kBlockBytes);
    compacted_hits.clear();
    run(database, compacted.text(), 0, compacted_hits);
    for (const Hit& hit : compacted_hits) {
      uint64_t end = 0;
      if (compacted.real_end(hit.end, data.patterns[hit.pattern].min_width, &end)) out.push_back({hit.pattern, end});
    }
  }
}

void Scanner::Impl::run_databases(std::string_view text, std::vector<Hit>& out, const RecordBlock* block) {
  const CompiledPolicyData& data = policy->data();
  if (data.groups[kEverywhere].database) run(data.groups[kEverywhere].database, text, 0, out);
  run_literal_gated(text, out, block);
  auto run_in_windows = [&](const hs_database_t* database) {
    for (const GateWindow& w : windows) run(database, text.substr(w.begin, w.end - w.begin), w.begin, out);
  };

  // Spelled-out words: around two lone letters between separators.
  if (const hs_database_t* spaced = data.groups[kNearSpacedLetters].database) {
    windows.clear();
    spaced_letter_windows(text, data.groups[kNearSpacedLetters].alphabet, windows);
    run_in_windows(spaced);
  }

  // Stretched and leet terms: their regexes over the original bytes behind
  // the hits of their literals in the folded-letters copy.
  if (const hs_database_t* folded_terms = data.groups[kFoldedTerms].database) {
    folded_term_windows.find(data, scratch, text, windows);
    run_in_windows(folded_terms);
  }

  // Masked words: within the run of their bytes around each '*'.
  if (const hs_database_t* stars = data.groups[kNearStars].database) {
    gates.clear();
    for (const char* p = text.data(), *end = text.data() + text.size();
         (p = static_cast<const char*>(std::memchr(p, '*', static_cast<size_t>(end - p)))) != nullptr; ++p) {
      gates.push_back(static_cast<uint32_t>(p - text.data()));
    }
    if (!gates.empty()) {
      windows.clear();
      run_windows(text, gates, data.groups[kNearStars].alphabet, windows);
      run_in_windows(stars);
    }
  }

  // Patterns that need a digit, '@' or '*': around those bytes.
  const auto& bounded = data.groups[kNearGateBounded];
  const auto& runs = data.groups[kNearGateRuns];
  const bool any_digit_group = std::any_of(data.groups.begin() + kNearDigitsFirst, data.groups.end(),
                                          [](const auto& g) { return g.database != nullptr; });
  if (!bounded.database && !runs.database && !any_digit_group) return;
  gates.clear();
  find_gate_bytes(text, gates);
  if (gates.empty()) return;
  // Windows copied together are merged only when they touch (rare_byte_gate.hpp).
  const uint64_t gap = data.joinable ? kMergeGapCompacted : kMergeGapPerCall;
  if (bounded.database) {
    windows.clear();
    bounded_windows(gates, text.size(), bounded.max_width, windows, gap);
    run_in_gate_windows(bounded.database, text, out);
  }
  if (runs.database) {
    // Only around the gate bytes its patterns need (GroupDatabase::needed).
    run_gates.clear();
    for (uint32_t g : gates) {
      if (runs.needed.test(static_cast<unsigned char>(text[g]))) run_gates.push_back(g);
    }
    windows.clear();
    run_windows(text, run_gates, runs.alphabet, windows, gap);
    run_in_gate_windows(runs.database, text, out);
  }
  // Patterns that need digits, in a row and in all: around such digits (digit_windows.hpp).
  if (!any_digit_group) return;
  digit_layout.find(text, gates);
  for (size_t g = kNearDigitsFirst; g < kScanGroups; ++g) {
    const auto& group = data.groups[g];
    if (!group.database) continue;
    digit_windows(digit_layout, group.min_digit_run, group.min_digits, group.max_width, windows, digit_scratch, gap);
    run_in_gate_windows(group.database, text, out);
  }
}

void Scanner::scan(const Record& record, std::vector<Finding>& out) {
  Impl& s = *impl_;
  const CompiledPolicyData& data = s.policy->data();
  if (!data.has_database() || record.text.empty()) return;
  if (record.text.size() > UINT_MAX) throw std::length_error("record larger than 4 GiB");
  s.hits.clear();
  s.run_databases(record.text, s.hits);
  s.screen(record, out);
}

void Scanner::scan_batch(std::span<const Record> records, const RecordFindings& on_record) {
  Impl& s = *impl_;
  const CompiledPolicyData& data = s.policy->data();
  std::vector<Finding>& found = s.batch_findings;
  size_t next = 0;
  while (next < records.size()) {
    if (!data.has_database() || !data.joinable || records[next].text.size() >= kOwnPassBytes) {
      found.clear();
      scan(records[next], found);
      on_record(next, found);
      ++next;
      continue;
    }
    // Only records short enough to be worth joining go into the block.
    size_t last = next;
    while (last < records.size() && records[last].text.size() < kOwnPassBytes) ++last;
    const size_t first = next;
    next = s.block.fill(records.first(last), first, kBlockBytes);
    s.block_hits.clear();
    s.run_databases(s.block.text(), s.block_hits, &s.block);
    if (!std::is_sorted(s.block_hits.begin(), s.block_hits.end(), [](const Hit& a, const Hit& b) { return a.end < b.end; })) {
      std::stable_sort(s.block_hits.begin(), s.block_hits.end(), [](const Hit& a, const Hit& b) { return a.end < b.end; });
    }
    size_t h = 0;
    for (size_t i = 0; i < s.block.size(); ++i) {
      const uint64_t begin = s.block.start(i), end = s.block.end(i);
      // A hit belongs to the record holding its last byte: end in (begin, end].
      while (h < s.block_hits.size() && s.block_hits[h].end <= begin) ++h;
      s.hits.clear();
      for (; h < s.block_hits.size() && s.block_hits[h].end <= end; ++h) {
        s.hits.push_back({s.block_hits[h].pattern, s.block_hits[h].end - begin});
      }
      found.clear();
      if (end > begin) s.screen(records[first + i], found);
      on_record(first + i, found);
    }
  }
}

void Scanner::Impl::screen(const Record& record, std::vector<Finding>& out) {
  Impl& s = *this;
  const CompiledPolicyData& data = policy->data();
  s.folded_spans.clear();
  s.folded->scan(data, s.scratch, record.text, s.folded_spans);
  if (s.hits.empty() && s.folded_spans.empty()) return;

  std::sort(s.hits.begin(), s.hits.end(),
            [](const Hit& a, const Hit& b) { return a.pattern != b.pattern ? a.pattern < b.pattern : a.end < b.end; });
  // Groups hold disjoint patterns and windows do not overlap, so a (pattern,
  // end) pair arrives once; kept unique all the same, as confirmation and
  // the rule kinds expect.
  s.hits.erase(std::unique(s.hits.begin(), s.hits.end(),
                           [](const Hit& a, const Hit& b) { return a.pattern == b.pattern && a.end == b.end; }),
               s.hits.end());
  auto add = [&](std::vector<Span>& bucket, uint32_t rule, const Span& span) {
    if (s.primary[rule].empty() && s.required[rule].empty()) s.touched.push_back(rule);
    bucket.push_back(span);
  };
  // A rule whose primary spans need a span of its other side: where that
  // side has no hit, not even an unconfirmed one, its evaluate_* returns
  // early (sides_needed), so its primary hits are not worth confirming.
  if (++s.record_epoch == 0) {
    std::fill(s.other_side_seen.begin(), s.other_side_seen.end(), 0);
    s.record_epoch = 1;
  }
  for (const Hit& hit : s.hits) {
    const PatternEntry& entry = data.patterns[hit.pattern];
    if (entry.role != PatternRole::primary) s.other_side_seen[entry.rule] = s.record_epoch;
  }
  for (const Span& span : s.folded_spans) {
    const PatternEntry& entry = data.patterns[span.pattern];
    if (entry.role != PatternRole::primary) s.other_side_seen[entry.rule] = s.record_epoch;
  }
  auto primary_can_count = [&](uint32_t rule) {
    return !s.primary_needs_other[rule] || s.other_side_seen[rule] == s.record_epoch;
  };
  // Primary spans first: whether a rule has one decides how much of its
  // other side is worth confirming (other_spans_read). Each side keeps the
  // order it always had, database hits before folded spans, as near rules
  // pick the first of equally close partners.
  for (const Hit& hit : s.hits) {
    const PatternEntry& entry = data.patterns[hit.pattern];
    if (entry.role != PatternRole::primary || !primary_can_count(entry.rule)) continue;
    uint64_t start = 0;
    if (!confirm_span(entry, *data.confirmers[hit.pattern], record.text, hit.end, &start)) continue;
    add(s.primary[entry.rule], entry.rule, {start, hit.end, hit.pattern});
  }
  for (const Span& span : s.folded_spans) {
    const PatternEntry& entry = data.patterns[span.pattern];
    if (entry.role == PatternRole::primary) add(s.primary[entry.rule], entry.rule, span);
  }
  auto other_side_wanted = [&](uint32_t rule) {
    switch (other_spans_read(data.policy.rules[rule], !s.primary[rule].empty())) {
      case OtherSpansRead::none: return false;
      case OtherSpansRead::any: return s.required[rule].empty();
      case OtherSpansRead::all: return true;
    }
    return true;
  };
  for (const Hit& hit : s.hits) {
    const PatternEntry& entry = data.patterns[hit.pattern];
    if (entry.role == PatternRole::primary || !other_side_wanted(entry.rule)) continue;
    uint64_t start = 0;
    if (!confirm_span(entry, *data.confirmers[hit.pattern], record.text, hit.end, &start)) continue;
    add(s.required[entry.rule], entry.rule, {start, hit.end, hit.pattern});
  }
  for (const Span& span : s.folded_spans) {
    const PatternEntry& entry = data.patterns[span.pattern];
    if (entry.role != PatternRole::primary && other_side_wanted(entry.rule)) add(s.required[entry.rule], entry.rule, span);
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
  const auto [from, to] = locator.locate_span(start, end);
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
