#include "span_confirmer.hpp"

#include "utf8.hpp"

namespace policycheck {

RE2::Options confirm_options(bool caseless) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);  // bytes, as Hyperscan sees them
  options.set_case_sensitive(!caseless);
  options.set_dot_nl(true);
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return options;
}

const RE2& LazyConfirmer::get(const PatternEntry& entry) {
  std::call_once(once_, [&] {
    // \z pins the match to the hit's end; RE2 then returns the leftmost start.
    re_ = std::make_unique<RE2>("(?:" + entry.expression + ")\\z", confirm_options(entry.caseless));
  });
  return *re_;
}

namespace {

bool left_edge_ok(const PatternEntry& entry, std::string_view text, uint64_t start) {
  return !entry.word_boundary || start == 0 || !(utf8::word_at(text, start) && utf8::word_before(text, start));
}

bool right_edge_ok(const PatternEntry& entry, std::string_view text, uint64_t end) {
  return !entry.word_boundary || end >= text.size() || !(utf8::word_before(text, end) && utf8::word_at(text, end));
}

}  // namespace

bool confirm_span(const PatternEntry& entry, LazyConfirmer& confirmer, std::string_view text, uint64_t end,
                  uint64_t* start) {
  if (end > text.size() || !right_edge_ok(entry, text, end)) return false;
  if (entry.fixed_width()) {
    if (entry.max_width > end) return false;
    *start = end - entry.max_width;
    return left_edge_ok(entry, text, *start);
  }
  const RE2& re = confirmer.get(entry);
  if (!re.ok()) return false;
  const uint64_t width = entry.max_width == kUnboundedWidth ? kMaxConfirmWidth
                                                            : std::min<uint32_t>(entry.max_width, kMaxConfirmWidth);
  uint64_t lo = end > width ? end - width : 0;
  // If the leftmost start is glued to a word, a later start may still be a
  // clean match (e.g. "x1234 567" for \d{3} ?\d{3}); try again after it.
  while (lo < end) {
    const std::string_view window = text.substr(lo, end - lo);
    re2::StringPiece match;
    if (!re.Match(window, 0, window.size(), RE2::UNANCHORED, &match, 1)) return false;
    const uint64_t s = lo + static_cast<uint64_t>(match.data() - window.data());
    if (match.empty()) return false;
    if (left_edge_ok(entry, text, s)) {
      *start = s;
      return true;
    }
    lo = s + 1;
  }
  return false;
}

}  // namespace policycheck
