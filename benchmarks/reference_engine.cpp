#include "reference_engine.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <chrono>
#include <climits>
#include <stdexcept>
#include <string>

#include "compiled_policy_data.hpp"
#include "kinds/rule_kinds.hpp"
#include "locator.hpp"
#include "normalise/folded_text.hpp"
#include "record_scan.hpp"
#include "utf8.hpp"

namespace policycheck::reference {

namespace {

bool compiles_with_som(const PatternEntry& entry) {
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  const bool ok = hs_compile(entry.expression.c_str(), entry.hs_flags() | HS_FLAG_SOM_LEFTMOST, HS_MODE_BLOCK,
                             nullptr, &db, &error) == HS_SUCCESS;
  hs_free_database(db);
  hs_free_compile_error(error);
  return ok;
}

constexpr char kMagic[10] = {'P', 'C', 'R', 'E', 'F', 'S', 'O', 'M', '1', '\n'};

std::filesystem::path cache_file(const std::filesystem::path& dir, const std::string& key) {
  return dir / ("reference-som-" + key + ".hsdb");
}

// File: magic, pattern count (u64), one byte per pattern (1 = without SOM),
// then the serialised database. Private (0600) like the engine's cache: a
// roster's names are in it.
bool load_cached(const std::filesystem::path& file, std::vector<bool>& without_som, hs_database_t** db) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  uint64_t count = 0;
  const size_t header = sizeof kMagic + sizeof count;
  if (bytes.size() < header || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return false;
  std::memcpy(&count, bytes.data() + sizeof kMagic, sizeof count);
  if (count != without_som.size() || bytes.size() < header + count) return false;
  for (size_t i = 0; i < count; ++i) without_som[i] = bytes[header + i] == 1;
  return hs_deserialize_database(bytes.data() + header + count, bytes.size() - header - count, db) == HS_SUCCESS;
}

void store_cached(const std::filesystem::path& file, const std::vector<bool>& without_som, const hs_database_t* db) {
  char* serialized = nullptr;
  size_t length = 0;
  if (hs_serialize_database(db, &serialized, &length) != HS_SUCCESS) return;
  std::string bytes(kMagic, sizeof kMagic);
  const uint64_t count = without_som.size();
  bytes.append(reinterpret_cast<const char*>(&count), sizeof count);
  for (bool flag : without_som) bytes.push_back(flag ? 1 : 0);
  bytes.append(serialized, length);
  std::free(serialized);
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::string temp = file.string() + ".XXXXXX";
  const int fd = ::mkstemp(temp.data());  // mode 0600
  if (fd < 0) return;
  bool ok = true;
  for (size_t written = 0; ok && written < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    ok = n > 0;
    if (ok) written += static_cast<size_t>(n);
  }
  ::close(fd);
  if (!ok || std::rename(temp.c_str(), file.c_str()) != 0) ::unlink(temp.c_str());
}

// Only a pattern with repeats can be too large for start-of-match tracking.
bool may_refuse_som(const std::string& expression) {
  return expression.find_first_of("{*+") != std::string::npos;
}

}  // namespace

ReferenceDatabase::ReferenceDatabase(std::shared_ptr<const CompiledPolicy> policy,
                                     const std::filesystem::path& cache_dir)
    : policy_(std::move(policy)) {
  const auto started = std::chrono::steady_clock::now();
  const std::vector<PatternEntry>& patterns = policy_->data().patterns;
  without_som_.assign(patterns.size(), false);
  if (patterns.empty()) return;
  const std::string& key = policy_->stats().cache_key;
  const bool cached = !cache_dir.empty() && !key.empty();
  if (cached && load_cached(cache_file(cache_dir, key), without_som_, &database_)) {
    compile_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return;
  }
  std::fill(without_som_.begin(), without_som_.end(), false);
  for (size_t i = 0; i < patterns.size(); ++i) {
    if (may_refuse_som(patterns[i].expression) && !compiles_with_som(patterns[i])) without_som_[i] = true;
  }
  for (;;) {
    std::vector<const char*> expressions;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
    for (size_t i = 0; i < patterns.size(); ++i) {
      expressions.push_back(patterns[i].expression.c_str());
      flags.push_back(patterns[i].hs_flags() | (without_som_[i] ? 0u : HS_FLAG_SOM_LEFTMOST));
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_compile_error_t* error = nullptr;
    if (hs_compile_multi(expressions.data(), flags.data(), ids.data(), static_cast<unsigned>(expressions.size()),
                         HS_MODE_BLOCK, nullptr, &database_, &error) == HS_SUCCESS) {
      break;
    }
    // Refused in company though accepted alone: drop SOM for that one too.
    const int culprit = error ? error->expression : -1;
    std::string message = error ? error->message : "unknown error";
    hs_free_compile_error(error);
    if (culprit < 0 || without_som_[static_cast<size_t>(culprit)]) {
      throw std::runtime_error("reference engine: Hyperscan cannot compile the policy: " + message);
    }
    without_som_[static_cast<size_t>(culprit)] = true;
  }
  if (cached) store_cached(cache_file(cache_dir, key), without_som_, database_);
  compile_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

size_t ReferenceDatabase::patterns_without_som() const {
  return static_cast<size_t>(std::count(without_som_.begin(), without_som_.end(), true));
}

ReferenceDatabase::~ReferenceDatabase() { hs_free_database(database_); }

size_t ReferenceDatabase::database_bytes() const {
  size_t size = 0;
  if (database_) hs_database_size(database_, &size);
  return size;
}

namespace {

struct SomHit {
  uint32_t pattern;
  uint64_t start;
  uint64_t end;
};

int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int /*flags*/,
             void* context) {
  static_cast<std::vector<SomHit>*>(context)->push_back({id, from, to});
  return 0;
}

bool glued_before(std::string_view text, uint64_t pos) {
  return pos > 0 && pos < text.size() && utf8::word_at(text, pos) && utf8::word_before(text, pos);
}

// Leftmost first, then longest; a span overlapping one already kept goes.
void keep_leftmost_longest(std::vector<Span>& spans) {
  std::stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<Span> kept;
  for (const Span& span : spans) {
    if (!kept.empty() && span.start < kept.back().end) continue;
    kept.push_back(span);
  }
  spans = std::move(kept);
}

}  // namespace

struct ReferenceScanner::Impl {
  std::shared_ptr<const ReferenceDatabase> db;
  ScanOptions options;
  hs_scratch_t* scratch = nullptr;
  std::vector<SomHit> hits;
  std::vector<std::unique_ptr<RE2>> start_finders;  // per pattern, built on first use
  normalise::FoldedText folded;
  bool any_folding = false;
  std::vector<std::vector<Span>> primary, others;  // per rule
  std::vector<Span> spans;                          // every confirmed span of the record
  std::vector<uint32_t> rules;                      // rules with spans

  ~Impl() { hs_free_scratch(scratch); }

  // The leftmost start of a match of `pattern` ending at `end`, for the
  // few patterns Hyperscan cannot track the start of (see the header).
  bool leftmost_start(uint32_t pattern, std::string_view text, uint64_t end, uint64_t* start) {
    if (end == 0) return false;
    return search_start(pattern, text, 0, end, start);
  }

  // The leftmost start after `after` of a match of `pattern` ending exactly
  // at `end` in `text`; false when there is none.
  bool next_start(uint32_t pattern, std::string_view text, uint64_t after, uint64_t end, uint64_t* start) {
    if (after + 1 >= end) return false;
    return search_start(pattern, text, after + 1, end, start);
  }

  // The leftmost start at or after `from` of a match ending exactly at `end`.
  bool search_start(uint32_t pattern, std::string_view text, uint64_t from, uint64_t end, uint64_t* start) {
    std::unique_ptr<RE2>& re = start_finders[pattern];
    const PatternEntry& entry = db->policy().data().patterns[pattern];
    if (!re) re = std::make_unique<RE2>("(?:" + entry.expression + ")\\z", confirm_options(entry.caseless));
    if (!re->ok()) return false;
    const std::string_view window = text.substr(from, end - from);
    re2::StringPiece match;
    if (!re->Match(window, 0, window.size(), RE2::UNANCHORED, &match, 1) || match.empty()) return false;
    *start = from + static_cast<uint64_t>(match.data() - window.data());
    return true;
  }

  // Hits on the record text itself: both edges checked on that text.
  void confirm_direct(std::string_view text, const SomHit& hit, std::vector<Span>& out) {
    const PatternEntry& entry = db->policy().data().patterns[hit.pattern];
    if (entry.word_boundary && glued_before(text, hit.end)) return;
    uint64_t start = hit.start;
    if (db->without_som(hit.pattern) && !leftmost_start(hit.pattern, text, hit.end, &start)) return;
    while (entry.word_boundary && glued_before(text, start)) {
      if (!next_start(hit.pattern, text, start, hit.end, &start)) return;
    }
    out.push_back({start, hit.end, hit.pattern});
  }

  // Hits on the folded copy: mapped back, edges checked on the original.
  void confirm_folded(std::string_view text, const SomHit& hit, std::vector<Span>& out) {
    const PatternEntry& entry = db->policy().data().patterns[hit.pattern];
    if (!entry.fold_unicode) return;
    const std::string_view folded_text = folded.text();
    uint64_t folded_start = hit.start;
    if (db->without_som(hit.pattern) && !leftmost_start(hit.pattern, folded_text, hit.end, &folded_start)) return;
    for (;;) {
      const uint64_t start = folded.original_start(folded_start);
      uint64_t end = folded.original_end(hit.end);
      if (end <= start) end = start + utf8::sequence_length(text, start);
      if (!entry.word_boundary || !utf8::glued(text, start, end)) {
        out.push_back({start, end, hit.pattern});
        return;
      }
      if (!next_start(hit.pattern, folded_text, folded_start, hit.end, &folded_start)) return;
    }
  }

  void run(std::string_view text) {
    hits.clear();
    const hs_error_t rc = hs_scan(db->database(), text.data(), static_cast<unsigned>(text.size()), 0, scratch,
                                  on_match, &hits);
    if (rc != HS_SUCCESS) throw std::runtime_error("reference engine: hs_scan failed (" + std::to_string(rc) + ")");
  }
};

ReferenceScanner::ReferenceScanner(std::shared_ptr<const ReferenceDatabase> database, ScanOptions options)
    : impl_(new Impl) {
  Impl& s = *impl_;
  s.db = std::move(database);
  s.options = options;
  const CompiledPolicyData& data = s.db->policy().data();
  if (s.db->database() && hs_alloc_scratch(s.db->database(), &s.scratch) != HS_SUCCESS) {
    throw std::runtime_error("reference engine: cannot allocate scratch");
  }
  s.start_finders.resize(data.patterns.size());
  s.any_folding = std::any_of(data.patterns.begin(), data.patterns.end(),
                              [](const PatternEntry& p) { return p.fold_unicode; });
  s.primary.resize(data.policy.rules.size());
  s.others.resize(data.policy.rules.size());
}

ReferenceScanner::~ReferenceScanner() = default;
ReferenceScanner::ReferenceScanner(ReferenceScanner&&) noexcept = default;
ReferenceScanner& ReferenceScanner::operator=(ReferenceScanner&&) noexcept = default;

void ReferenceScanner::scan(const Record& record, std::vector<Finding>& out) {
  Impl& s = *impl_;
  const CompiledPolicyData& data = s.db->policy().data();
  const std::string_view text = record.text;
  if (!s.db->database() || text.empty()) return;
  if (text.size() > UINT_MAX) throw std::length_error("record larger than 4 GiB");

  // Spans of every pattern, in pattern order then end order: the order in
  // which the scanner hands them to the rule kinds.
  std::vector<Span>& spans = s.spans;
  spans.clear();
  s.run(text);
  std::sort(s.hits.begin(), s.hits.end(), [](const SomHit& a, const SomHit& b) {
    return a.pattern != b.pattern ? a.pattern < b.pattern : a.end < b.end;
  });
  for (const SomHit& hit : s.hits) s.confirm_direct(text, hit, spans);
  if (s.any_folding && normalise::worth_folding(text)) {
    s.folded.fold(text);
    const std::string_view folded = s.folded.text();
    if (!folded.empty() && folded.size() <= UINT_MAX) {
      s.run(folded);
      for (const SomHit& hit : s.hits) s.confirm_folded(text, hit, spans);
    }
  }
  if (spans.empty()) return;

  std::vector<uint32_t>& rules = s.rules;
  rules.clear();
  for (const Span& span : spans) {
    const PatternEntry& entry = data.patterns[span.pattern];
    rules.push_back(entry.rule);
    (entry.role == PatternRole::primary ? s.primary : s.others)[entry.rule].push_back(span);
  }
  std::sort(rules.begin(), rules.end());
  rules.erase(std::unique(rules.begin(), rules.end()), rules.end());

  Locator locator(record);
  RecordScan scan{data, record, s.options, locator, out};
  const size_t first = out.size();
  for (uint32_t rule : rules) {
    std::vector<Span>& primary = s.primary[rule];
    reference::keep_leftmost_longest(primary);  // its own (the engine's, in record_scan.hpp, is found by ADL)
    switch (data.policy.rules[rule].kind) {
      case RuleKind::terms:
      case RuleKind::pattern:
        evaluate_span_rule(scan, rule, primary);
        break;
      case RuleKind::require:
        evaluate_require_rule(scan, rule, primary, s.others[rule]);
        break;
      case RuleKind::names:
        evaluate_names_rule(scan, rule, primary);
        break;
      case RuleKind::near:
        evaluate_near_rule(scan, rule, primary, s.others[rule]);
        break;
    }
    primary.clear();
    s.others[rule].clear();
  }
  std::sort(out.begin() + static_cast<long>(first), out.end(), [](const Finding& a, const Finding& b) {
    if (a.text_start != b.text_start) return a.text_start < b.text_start;
    if (a.text_end != b.text_end) return a.text_end > b.text_end;
    return a.rule < b.rule;
  });
}

}  // namespace policycheck::reference
