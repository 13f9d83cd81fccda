#include "rare_byte_gate.hpp"

#include <algorithm>
#include <stdexcept>

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

#if defined(__SSE2__)
// Bit i set when p[i] is a separator, 64 bytes at a time: one compare per
// separator byte against vectors made once per text, not once per block.
class SeparatorMask {
 public:
  SeparatorMask() {
    const std::string_view bytes = separator_bytes();
    if (bytes.empty() || bytes.size() > kMaxSeparators) throw std::logic_error("SeparatorMask: too many separators");
    // Unused slots repeat the first separator, so every block makes the
    // same compares with no branch.
    for (size_t k = 0; k < kMaxSeparators; ++k) wanted_[k] = _mm_set1_epi8(bytes[k < bytes.size() ? k : 0]);
  }
  uint64_t operator()(const unsigned char* p) const {
    uint64_t mask = 0;
    for (int part = 0; part < 4; ++part) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * part));
      __m128i any = _mm_setzero_si128();
      for (const __m128i& wanted : wanted_) any = _mm_or_si128(any, _mm_cmpeq_epi8(v, wanted));
      mask |= static_cast<uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(any))) << (16 * part);
    }
    return mask;
  }

 private:
  static constexpr size_t kMaxSeparators = 12;
  __m128i wanted_[kMaxSeparators];
};
#endif

}  // namespace

void spaced_letter_windows(std::string_view text, const ByteSet& alphabet, std::vector<GateWindow>& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const ByteSet& sep = separators();
  auto lone = [&](size_t i) { return i > 0 && i + 1 < n && !sep[p[i]] && sep[p[i - 1]] && sep[p[i + 1]]; };
  // The letters either side of the pair: the nearest byte that is not a
  // separator must be one a match can hold ("3-2." before a line break is
  // a score, not a word: '\n' is in no letter class).
  auto letter_before = [&](size_t i) {
    while (i > 0 && sep[p[i - 1]]) --i;
    return i > 0 && alphabet[p[i - 1]];
  };
  auto letter_after = [&](size_t j) {
    ++j;
    while (j < n && sep[p[j]]) ++j;
    return j < n && alphabet[p[j]];
  };
  uint64_t covered = 0;
  auto consider = [&](size_t i) {
    // A lone byte i; is the next non-separator byte lone too?
    if (i < covered || !lone(i) || !alphabet[p[i]]) return;
    size_t j = i + 1;
    while (j < n && sep[p[j]]) ++j;
    if (j >= n || !lone(j) || !alphabet[p[j]] || !letter_before(i) || !letter_after(j)) return;
    size_t begin = i, end = j + 1;
    while (begin > 0 && (sep[p[begin - 1]] || lone(begin - 1))) --begin;
    while (end < n && (sep[p[end]] || lone(end))) ++end;
    // The first and last letter need not be lone; one more byte of context.
    begin = begin >= 2 ? begin - 2 : 0;
    end = std::min(n, end + 2);
    covered = end;
    append_window(begin, end, out);
  };
  size_t i = 0;
#if defined(__SSE2__)
  // Lone byte candidates: a non-separator with separators on both sides.
  const SeparatorMask separator_mask;
  uint64_t previous_top = 0;  // separator bit of the byte before this block
  for (; i + 65 <= n; i += 64) {
    const uint64_t sep_here = separator_mask(p + i);
    const uint64_t before = (sep_here << 1) | previous_top;
    const uint64_t after = (sep_here >> 1) | (static_cast<uint64_t>(sep[p[i + 64]]) << 63);
    uint64_t candidates = ~sep_here & before & after;
    if (i == 0) candidates &= ~uint64_t{1};  // byte 0 has nothing before it
    previous_top = sep_here >> 63;
    while (candidates) {
      consider(i + static_cast<size_t>(__builtin_ctzll(candidates)));
      candidates &= candidates - 1;
    }
  }
#endif
  for (; i < n; ++i) consider(i);
}

}  // namespace policycheck
