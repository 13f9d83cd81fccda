#include "folded_scan.hpp"

#include <algorithm>
#include <climits>
#include <stdexcept>
#include <string>

#include "../span_confirmer.hpp"
#include "../utf8.hpp"

namespace policycheck {
namespace {

int on_folded_match(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
                    void* context) {
  static_cast<std::vector<std::pair<uint32_t, uint64_t>>*>(context)->emplace_back(id, to);
  return 0;
}

bool edges_ok(const PatternEntry& entry, std::string_view original, uint64_t start, uint64_t end) {
  return !entry.word_boundary || !utf8::glued(original, start, end);
}

}  // namespace

FoldedScanner::FoldedScanner(const CompiledPolicyData& data) {
  enabled_ = std::any_of(data.patterns.begin(), data.patterns.end(),
                         [](const PatternEntry& p) { return p.fold_unicode; });
}

void FoldedScanner::scan(const CompiledPolicyData& data, hs_scratch_t* scratch, std::string_view text,
                         std::vector<Span>& out) {
  if (!enabled_ || !data.has_database() || !normalise::worth_folding(text)) return;
  folded_.fold(text);
  const std::string_view folded = folded_.text();
  if (folded.empty() || folded.size() > UINT_MAX) return;

  // Every group's database over the whole folded copy: folding is rare, so
  // the gated ones need no windows here.
  hits_.clear();
  std::vector<const hs_database_t*> databases;
  for (const auto& group : data.groups) databases.push_back(group.database);
  for (const auto& gated : data.literal_gate.subgroups) databases.push_back(gated.database);  // literal-gated, per rule
  for (const hs_database_t* database : databases) {
    if (!database) continue;
    const hs_error_t rc = hs_scan(database, folded.data(), static_cast<unsigned>(folded.size()), 0, scratch,
                                  on_folded_match, &hits_);
    if (rc != HS_SUCCESS) throw std::runtime_error("Hyperscan scan failed (error " + std::to_string(rc) + ")");
  }
  // In (pattern, end) order, each pair once, as the scanner's own hits.
  std::sort(hits_.begin(), hits_.end());
  hits_.erase(std::unique(hits_.begin(), hits_.end()), hits_.end());

  for (const auto& [id, end] : hits_) {
    const PatternEntry& entry = data.patterns[id];
    if (!entry.fold_unicode) continue;  // everything else was judged on the original text
    const RE2& re = data.confirmers[id]->get(entry);
    if (!re.ok()) continue;
    const uint64_t width = entry.max_width == kUnboundedWidth ? kMaxConfirmWidth
                                                              : std::min<uint32_t>(entry.max_width, kMaxConfirmWidth);
    uint64_t lo = end > width ? end - width : 0;
    // As in confirm_span: when the leftmost start is glued to a word in the
    // original, a later start may still be a clean match.
    while (lo < end) {
      const std::string_view window = folded.substr(lo, end - lo);
      re2::StringPiece match;
      if (!re.Match(window, 0, window.size(), RE2::UNANCHORED, &match, 1) || match.empty()) break;
      const uint64_t folded_start = lo + static_cast<uint64_t>(match.data() - window.data());
      const uint64_t start = folded_.original_start(folded_start);
      uint64_t original_end = folded_.original_end(end);
      // A match ending inside one character's expansion ("ﬀ" -> "ff") still
      // covers that whole character.
      if (original_end <= start) original_end = start + utf8::sequence_length(text, start);
      if (edges_ok(entry, text, start, original_end)) {
        out.push_back({start, original_end, id});
        break;
      }
      lo = folded_start + 1;
    }
  }
}

}  // namespace policycheck
