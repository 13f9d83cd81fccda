#include "rare_byte_gate.hpp"

#include <algorithm>

#include "evasion/term_expansion.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace policycheck {
namespace {

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_gate(unsigned char c) { return is_digit(c) || c == '@' || c == '*'; }

}  // namespace

void append_window(uint64_t begin, uint64_t end, std::vector<GateWindow>& out, uint64_t merge_gap) {
  if (!out.empty() && begin <= out.back().end + merge_gap) {
    if (end > out.back().end) out.back().end = end;
    return;
  }
  out.push_back({begin, end});
}

const ByteSet& gate_bytes() {
  static const ByteSet gate = [] {
    ByteSet s;
    for (unsigned c = 0; c < 256; ++c) s[c] = is_gate(static_cast<unsigned char>(c));
    return s;
  }();
  return gate;
}


void find_gate_bytes(std::string_view text, std::vector<uint32_t>& gates) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i zero_char = _mm_set1_epi8('0');
  const __m128i nine_span = _mm_set1_epi8(9);
  const __m128i at = _mm_set1_epi8('@');
  const __m128i star = _mm_set1_epi8('*');
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // digit: (v - '0') <= 9 as unsigned bytes, i.e. min(v - '0', 9) == v - '0'
    const __m128i shifted = _mm_sub_epi8(v, zero_char);
    const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(shifted, nine_span), shifted);
    const __m128i hit = _mm_or_si128(digit, _mm_or_si128(_mm_cmpeq_epi8(v, at), _mm_cmpeq_epi8(v, star)));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    while (mask) {
      gates.push_back(static_cast<uint32_t>(i + static_cast<size_t>(__builtin_ctz(mask))));
      mask &= mask - 1;
    }
  }
#endif
  for (; i < n; ++i) {
    if (is_gate(p[i])) gates.push_back(static_cast<uint32_t>(i));
  }
}

void merge_windows(std::vector<GateWindow>& windows) {
  std::sort(windows.begin(), windows.end(), [](const GateWindow& a, const GateWindow& b) { return a.begin < b.begin; });
  std::vector<GateWindow> merged;
  merged.reserve(windows.size());
  for (const GateWindow& w : windows) append_window(w.begin, w.end, merged);
  windows.swap(merged);
}

void bounded_windows(const std::vector<uint32_t>& gates, uint64_t text_size, uint32_t max_width,
                     std::vector<GateWindow>& out, uint64_t merge_gap) {
  for (uint32_t g : gates) {
    const uint64_t begin = g >= max_width ? g - max_width : 0;
    const uint64_t end = std::min<uint64_t>(text_size, uint64_t{g} + max_width + 1);
    append_window(begin, end, out, merge_gap);
  }
}

void run_windows(std::string_view text, const std::vector<uint32_t>& gates, const ByteSet& alphabet,
                 std::vector<GateWindow>& out, uint64_t merge_gap) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  uint64_t covered = 0;  // gates before this lie in a run already added
  bool any = false;
  for (uint32_t g : gates) {
    if (any && g < covered) continue;
    if (!alphabet.test(p[g])) continue;  // no match of the group can hold it
    uint64_t begin = g, end = uint64_t{g} + 1;
    while (begin > 0 && alphabet.test(p[begin - 1])) --begin;
    while (end < text.size() && alphabet.test(p[end])) ++end;
    covered = end;
    any = true;
    append_window(begin > 0 ? begin - 1 : 0, std::min<uint64_t>(text.size(), end + 1), out, merge_gap);
  }
}

namespace {

const ByteSet& separators() {
  static const ByteSet set = [] {
    ByteSet s;
    for (char c : separator_bytes()) s.set(static_cast<unsigned char>(c));
    return s;
  }();
  return set;
}

// Bit i set when text[i] is a separator, 16 bytes at a time.
#if defined(__SSE2__)
unsigned separator_mask16(const unsigned char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i any = _mm_setzero_si128();
  for (char c : separator_bytes()) any = _mm_or_si128(any, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
  return static_cast<unsigned>(_mm_movemask_epi8(any));
}
#endif

}  // namespace

void spaced_letter_windows(std::string_view text, std::vector<GateWindow>& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const ByteSet& sep = separators();
  auto lone = [&](size_t i) { return i > 0 && i + 1 < n && !sep.test(p[i]) && sep.test(p[i - 1]) && sep.test(p[i + 1]); };
  uint64_t covered = 0;
  auto consider = [&](size_t i) {
    // A lone byte i; is the next non-separator byte lone too?
    if (i < covered || !lone(i)) return;
    size_t j = i + 1;
    while (j < n && sep.test(p[j])) ++j;
    if (j >= n || !lone(j)) return;
    size_t begin = i, end = j + 1;
    while (begin > 0 && (sep.test(p[begin - 1]) || lone(begin - 1))) --begin;
    while (end < n && (sep.test(p[end]) || lone(end))) ++end;
    // The first and last letter need not be lone; one more byte of context.
    begin = begin >= 2 ? begin - 2 : 0;
    end = std::min(n, end + 2);
    covered = end;
    append_window(begin, end, out);
  };
  size_t i = 0;
#if defined(__SSE2__)
  // Lone byte candidates: a non-separator with separators on both sides.
  unsigned previous_top = 0;  // separator bit of the byte before this block
  for (; i + 17 <= n; i += 16) {
    const unsigned sep_here = separator_mask16(p + i);
    const unsigned next_first = sep.test(p[i + 16]) ? 1u : 0u;
    const unsigned before = ((sep_here << 1) | previous_top) & 0xFFFF;
    const unsigned after = (sep_here >> 1) | (next_first << 15);
    unsigned candidates = ~sep_here & before & after & 0xFFFF;
    if (i == 0) candidates &= ~1u;  // byte 0 has nothing before it
    previous_top = (sep_here >> 15) & 1u;
    while (candidates) {
      consider(i + static_cast<size_t>(__builtin_ctz(candidates)));
      candidates &= candidates - 1;
    }
  }
#endif
  for (; i < n; ++i) consider(i);
}

}  // namespace policycheck
