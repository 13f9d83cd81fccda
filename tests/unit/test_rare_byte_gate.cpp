// Rare-byte anchoring (engine/src/regex_shape.hpp, rare_byte_gate.hpp): the
// shape reader must never claim a pattern needs a gate byte when some match
// has none, and windows must cover every match that holds a gate byte.
#include <catch2/catch.hpp>

#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "digit_windows.hpp"
#include "evasion/term_expansion.hpp"
#include "rare_byte_gate.hpp"
#include "regex_shape.hpp"

using namespace policycheck;

namespace {
bool needs_gate(const std::string& expression, bool caseless = true) {
  const RegexShape shape = analyse_regex(expression, caseless, gate_bytes());
  return shape.understood && shape.needs_gate;
}
}  // namespace

TEST_CASE("patterns that cannot match without a digit, '@' or '*' are recognised") {
  for (const char* expression : {
           R"(\d{3})",
           R"((?:(?:\+|00)44[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)7\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{3})",
           R"([A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9]+\.[A-Za-z]{2,24})",
           R"(f\*{2}k)",
           R"(GIR ?0AA|[A-PR-UWYZ](?:[A-HK-Y]?\d{1,2}|\d[A-HJKPSTUW]) ?\d[ABD-HJLNP-UW-Z]{2})",
           R"((?i:year\s+\d{1,2}))",
       }) {
    INFO(expression);
    CHECK(needs_gate(expression));
  }
}

TEST_CASE("patterns with a match free of gate bytes are not gated") {
  for (const char* expression : {
           "shit",
           R"(\d*)",
           R"(\d{0,3}x)",
           R"(\d|x)",
           R"([0-9a])",
           R"(\w+)",
           R"([^a])",
           R"((?:sh|[s$5]h)[1!|i]+t)",
           R"(s(?:h|\*)it)",
       }) {
    INFO(expression);
    CHECK_FALSE(needs_gate(expression));
  }
}

TEST_CASE("constructs the shape reader does not model are never gated") {
  for (const char* expression : {
           R"(\p{L}\d)",
           R"(^\d)",
           R"(\d\B)",
           R"([[:digit:]])",
           R"((\d)\1)",
           R"((?m)\d)",
       }) {
    INFO(expression);
    CHECK_FALSE(analyse_regex(expression, true, gate_bytes()).understood);
  }
}

TEST_CASE("the alphabet holds every byte a match can contain") {
  const RegexShape email = analyse_regex(R"([a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z]{2,})+)", true, gate_bytes());
  REQUIRE(email.understood);
  CHECK(email.alphabet.test('Q'));  // caseless
  CHECK(email.alphabet.test('@'));
  CHECK(email.alphabet.test('.'));
  CHECK_FALSE(email.alphabet.test(' '));
  const RegexShape quote = analyse_regex("(?:'|\\xE2\\x80\\x99)s", false, gate_bytes());
  REQUIRE(quote.understood);
  CHECK(quote.alphabet.test(0xE2));
  CHECK(quote.alphabet.test(0x99));
  CHECK_FALSE(quote.alphabet.test('S'));
}

TEST_CASE("gate bytes are found at every position, vector and tail alike") {
  const std::string text = "abc 1 def@ghi*jkl mnopqrstuvwxyz 0123456789 tail 7";
  std::vector<uint32_t> gates;
  find_gate_bytes(text, gates);
  std::vector<uint32_t> expected;
  for (uint32_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= '0' && c <= '9') || c == '@' || c == '*') expected.push_back(i);
  }
  CHECK(gates == expected);
}

TEST_CASE("windows cover every match holding a gate byte, with a byte of context each side") {
  std::vector<GateWindow> windows;
  bounded_windows({10, 11, 500}, 1000, 5, windows);
  REQUIRE(windows.size() == 2);
  CHECK(windows[0].begin == 5);
  CHECK(windows[0].end == 17);
  CHECK(windows[1].begin == 495);
  CHECK(windows[1].end == 506);

  ByteSet alphabet;
  for (char c : std::string("abcdefghijklmnopqrstuvwxyz.@")) alphabet.set(static_cast<unsigned char>(c));
  const std::string text = "write to jo.smith@example.org today";
  std::vector<uint32_t> gates;
  find_gate_bytes(text, gates);
  windows.clear();
  run_windows(text, gates, alphabet, windows);
  REQUIRE(windows.size() == 1);
  CHECK(text.substr(windows[0].begin, windows[0].end - windows[0].begin) == " jo.smith@example.org ");
}

namespace {
// The spelled-out regexes of a few terms, as the packs expand them
// (evasion: all), and the alphabet the scanner gives the gate.
struct SpelledOut {
  std::vector<std::unique_ptr<RE2>> regexes;
  ByteSet alphabet;
};
const SpelledOut& spelled_out() {
  static const SpelledOut terms = [] {
    SpelledOut out;
    EvasionOptions all;
    all.stretch = all.leet = all.separators = all.masks = true;
    for (const char* term : {"fuck", "shit", "blowjob", "idiot", "half-breed", "wank"}) {
      for (const ExpandedTerm& e : expand_term_for_scanning(term, all)) {
        if (!e.spaced_letters) continue;
        const RegexShape shape = analyse_regex(e.expression, true, ByteSet());
        REQUIRE(shape.understood);
        out.alphabet |= shape.alphabet;
        RE2::Options options(RE2::Latin1);
        options.set_case_sensitive(false);
        out.regexes.push_back(std::make_unique<RE2>(e.expression, options));
        REQUIRE(out.regexes.back()->ok());
      }
    }
    REQUIRE(out.regexes.size() == 6);
    return out;
  }();
  return terms;
}
std::vector<GateWindow> spaced_windows(std::string_view text) {
  std::vector<GateWindow> windows;
  spaced_letter_windows(text, spelled_out().alphabet, windows);
  return windows;
}
}  // namespace

TEST_CASE("spelled-out words get a window, ordinary prose none") {
  CHECK(spaced_windows("I am a cat and you are a dog, Q and A").empty());
  const std::string text = "well you are a total f . u . c . k ing idiot and s-h-i-t";
  std::vector<GateWindow> windows = spaced_windows(text);
  REQUIRE(windows.size() == 1);  // the two are close enough to be scanned as one
  const std::string covered = text.substr(windows[0].begin, windows[0].end - windows[0].begin);
  CHECK(covered.find("f . u . c . k") != std::string::npos);
  CHECK(covered.find("s-h-i-t") != std::string::npos);
  CHECK(windows[0].begin > 0);
  // Longer than one SIMD block, lone letters across a block edge.
  for (size_t pad = 0; pad < 130; ++pad) {
    const std::string padded = std::string(pad, 'x') + " b.l.o.w.j.o.b " + std::string(70, 'y');
    windows = spaced_windows(padded);
    REQUIRE(windows.size() == 1);
    CHECK(padded.substr(windows[0].begin, windows[0].end - windows[0].begin).find("b.l.o.w.j.o.b") !=
          std::string::npos);
  }
}

TEST_CASE("two lone bytes give a window only with a match's letters either side") {
  // A score at a line's end: '\n' is in no letter class, so no spelled-out
  // word can hold "3-2" here.
  CHECK(spaced_windows("What a match, final score 3-2.\nWell done all").empty());
  CHECK(spaced_windows("(3-2) on Friday").empty());
  // The same bytes between letters could be the middle of one ("e.3-2.t").
  CHECK(spaced_windows("What a match, final score 3-1 today").size() == 1);
  CHECK(spaced_windows("sh 1.7 ok").size() == 1);
}

TEST_CASE("every spelled-out match lies inside a window (random texts)") {
  // Pieces that make and break spelled-out words: letters and their leet
  // stand-ins, every separator, bytes in no letter class, whole words.
  const std::vector<std::string> pieces = {"f", "u", "c", "k", "s", "h", "i", "t", "$", "1", "!", "7", "+", "3", "2",
                                           "0", "@", "b", "l", "o", "w", "j", "d", "a", "n", "r", "e", " ", "  ",
                                           ".", ",", ":", ";", "_", "~", "/", "\\", "'", "-", "\t", "\n", "(", ")",
                                           "\"", "?", "#", "score", "half", "breed", "\xC3\xA9", "ok"};
  const std::vector<std::string> words = {"fuck", "shit", "blowjob", "idiot", "half-breed", "wank"};
  std::mt19937 random(20261122);
  auto separator = [&] { return pieces[27 + random() % 12]; };
  // A word spelled out with leet stand-ins now and then.
  auto spelled = [&](const std::string& word) {
    std::string out;
    for (char c : word) {
      if (!out.empty()) out += separator() + (random() % 4 == 0 ? separator() : "");
      const std::string leet = c == 'i' ? "1!|" : c == 's' ? "$5" : c == 't' ? "7+" : c == 'o' ? "0" : "";
      const char letter = random() % 5 == 0 ? static_cast<char>(c - 'a' + 'A') : c;
      out += !leet.empty() && random() % 3 == 0 ? leet[random() % leet.size()] : c >= 'a' && c <= 'z' ? letter : c;
    }
    return out;
  };
  size_t matches = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const size_t count = 4 + random() % 60;
    for (size_t k = 0; k < count; ++k) {
      text += random() % 8 == 0 ? spelled(words[random() % words.size()]) : pieces[random() % pieces.size()];
      if (random() % 3 == 0) text += separator();  // a separator between pieces, often
    }
    const std::vector<GateWindow> windows = spaced_windows(text);
    for (const auto& regex : spelled_out().regexes) {
      for (size_t start = 0; start < text.size(); ++start) {
        re2::StringPiece match;
        if (!regex->Match(text, start, text.size(), RE2::ANCHOR_START, &match, 1)) continue;
        ++matches;
        const size_t end = start + match.size();
        bool inside = false;
        for (const GateWindow& w : windows) inside = inside || (w.begin <= start && end <= w.end);
        INFO("text: " << text << " match: " << match.as_string());
        REQUIRE(inside);
      }
    }
  }
  CHECK(matches > 200);  // the texts do hold spelled-out words
}

namespace {
// -1: not understood.
int digit_run(const std::string& expression, bool caseless = true) {
  const RegexShape shape = analyse_regex(expression, caseless, gate_bytes());
  return shape.understood ? static_cast<int>(shape.min_digit_run) : -1;
}
}  // namespace

TEST_CASE("the shortest digit run every match holds is proved from the regex") {
  // Each pattern, read caseless, and the run it proves (-1: not understood).
  const std::pair<const char*, int> cases[] = {
      {R"(\d{6})", 6},
      {R"([0-9]{3}-[0-9]{4})", 4},
      {R"(\d\d\d)", 3},
      {R"(\x30\d)", 2},  // '0' written as an escape is a digit
      // NI number with optional spaces: only the pairs are sure.
      {R"([A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D])", 2},
      // Without the spaces the pairs join.
      {R"([A-Z]{2}\d{2}\d{2}\d{2}[A-D])", 6},
      // Repeats: bounded, unbounded, and their joins.
      {R"(\d{2,})", 2},
      {R"(\d+)", 1},
      {R"(\d{2}\d*)", 2},
      {R"((?:\d{2}){3})", 6},
      {R"((?:a\d{2}){3})", 2},
      {R"((?:\d{2}a\d){2})", 3},  // the copies join: d a dd a d
      {R"((?:\d{2}a\d){1,4})", 2},  // one copy may be all
      {R"((?:[ -]?\d{2,4}){2,5})", 2},
      {R"((?:\d[ -]?){9})", 1},
      // Optional parts give nothing, and take nothing away.
      {R"(\d{3}?)", 3},  // lazy, not optional
      {R"((?:\d{3})?)", 0},
      {R"(\d{2}(?:\d{3})?)", 2},
      {R"(\d{2}(?:\d{3})?\d)", 3},
      {R"(\d{0,5}x)", 0},
      {R"(\d*\d{4})", 4},
      // Alternation: the smallest branch, joined with what follows.
      {R"(\d{6}|\d{2} \d{2} \d{2})", 2},
      {R"(\d{8}|\d{4} \d{4})", 4},
      {R"((?:\d|\d{3})\d{2})", 3},
      {R"((?:\d|)\d{2})", 2},  // an empty branch
      {R"((?:\d{3}|abc))", 0},
      {R"((?:0|\(0\))7\d{3})", 4},  // "(0)7123": the bracket splits
      // Classes mixing digits and other bytes are not digits.
      {R"([0-9A-Z]{6})", 0},
      {R"(\w{6})", 0},
      {R"([^a-z]{6})", 0},
      {R"(.{6})", 0},
      {R"([A-Z]\d{11}[0-9A-Z])", 11},
      // Zero-width parts and flags do not break a run.
      {R"(\b\d{2}\b)", 2},
      {R"(\d(?i)\d)", 2},
      {R"(\d(?i:\d))", 2},
      {"no digits here", 0},
      {R"(\p{L}\d{4})", -1},
  };
  for (const auto& [expression, run] : cases) {
    INFO(expression);
    CHECK(digit_run(expression) == run);
  }
  // Case folding does not touch digits.
  CHECK(digit_run(R"((?i)[a-f0-9]{4}\d{2})", false) == 2);
  // Large repeats are capped, not overflowed.
  CHECK(digit_run(R"((?:\d{1000}){1000})") > 1000);
}

TEST_CASE("digit-run windows cover every match holding the run, with a byte of context each side") {
  //                        0         1         2         3         4
  //                        01234567890123456789012345678901234567890123
  const std::string text = "ab 12 x 345 y 6-78 @ 9012 zz";
  std::vector<uint32_t> gates;
  find_gate_bytes(text, gates);
  std::vector<GateWindow> windows;
  auto spans = [&](uint32_t min_run, uint32_t width) {
    windows.clear();
    DigitLayout layout;
    layout.find(text, gates);
    digit_run_windows(layout, min_run, width, windows);
    std::vector<std::pair<uint64_t, uint64_t>> out;
    for (const GateWindow& w : windows) out.emplace_back(w.begin, w.end);
    return out;
  };
  // Runs: [3,5) "12", [8,11) "345", [14,15) "6", [16,18) "78", [21,25) "9012"; '@' is not a digit.
  using V = std::vector<std::pair<uint64_t, uint64_t>>;
  // Run of exactly k digits, and runs split by a separator ("6-78": 1 and 2).
  CHECK(spans(4, 2) == V{{19, 27}});
  CHECK(spans(3, 2) == V{{6, 27}});  // 345 and 9012, merged (gap < 64)
  CHECK(spans(5, 2).empty());
  // At the edges of the text the windows are clipped.
  CHECK(spans(4, 10) == V{{11, 28}});
  CHECK(spans(2, 100) == V{{0, 28}});
  // min_run 1 gives bounded_windows() around the digits only.
  std::vector<uint32_t> digits_only;
  for (uint32_t g : gates) {
    if (text[g] >= '0' && text[g] <= '9') digits_only.push_back(g);
  }
  std::vector<GateWindow> bounded;
  bounded_windows(digits_only, text.size(), 3, bounded);
  windows.clear();
  DigitLayout layout;
  layout.find(text, gates);
  digit_run_windows(layout, 1, 3, windows);
  REQUIRE(windows.size() == bounded.size());
  for (size_t i = 0; i < windows.size(); ++i) {
    CHECK(windows[i].begin == bounded[i].begin);
    CHECK(windows[i].end == bounded[i].end);
  }
  // Far apart runs get windows of their own; a run at the very start and end.
  const std::string far = "123" + std::string(200, 'x') + "4567";
  gates.clear();
  find_gate_bytes(far, gates);
  windows.clear();
  layout.find(far, gates);
  digit_run_windows(layout, 3, 5, windows);
  REQUIRE(windows.size() == 2);
  CHECK(windows[0].begin == 0);
  CHECK(windows[0].end == 8);
  CHECK(windows[1].begin == 203 - 5);
  CHECK(windows[1].end == far.size());
}

namespace {
// -1: not understood.
int digit_count(const std::string& expression, bool caseless = true) {
  const RegexShape shape = analyse_regex(expression, caseless, gate_bytes());
  return shape.understood ? static_cast<int>(shape.min_digits) : -1;
}
}  // namespace

TEST_CASE("the least number of digits every match holds is proved from the regex") {
  // Each pattern, read caseless, and the count it proves (-1: not understood).
  const std::pair<const char*, int> cases[] = {
      {R"(\d{6})", 6},
      {R"([0-9]{3}-[0-9]{4})", 7},  // a separator does not stop the count
      {R"(\x30\d)", 2},
      {R"([A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D])", 6},  // NI number: the pairs add up
      {R"(\d{2,})", 2},
      {R"(\d+)", 1},
      {R"((?:\d{2}){3})", 6},
      {R"((?:a\d{2}){3})", 6},
      {R"((?:\d{2}a\d){1,4})", 3},
      {R"((?:[ -]?\d{2,4}){2,5})", 4},
      {R"((?:\d[ -]?){9})", 9},
      {R"(\d{3}?)", 3},  // lazy, not optional
      {R"((?:\d{3})?)", 0},
      {R"(\d{2}(?:\d{3})?\d)", 3},
      {R"(\d{0,5}x)", 0},
      {R"(\d*\d{4})", 4},
      // Alternation: the fewest of the branches.
      {R"(\d{6}|\d{2} \d{2} \d{2})", 6},
      {R"(\d{8}|\d{4} \d{4})", 8},
      {R"(\d{3} ?\d{3} ?\d{3}|[A-Z]{2} ?\d{7})", 7},
      {R"((?:\d|\d{3})\d{2})", 3},
      {R"((?:\d|)\d{2})", 2},
      {R"((?:\d{3}|abc))", 0},
      {R"((?:0|\(0\))7\d{3})", 5},
      // A UK mobile: "+44" or "(0"/"0", then 7 and nine more.
      {R"((?:(?:\+|00)44[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)7\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{3})", 11},
      // Classes mixing digits and other bytes are not digits.
      {R"([0-9A-Z]{6})", 0},
      {R"(\w{6})", 0},
      {R"([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7})", 2},
      {R"(\b\d{2}\b)", 2},
      {R"(\d(?i)\d)", 2},
      {"no digits here", 0},
      {R"(\p{L}\d{4})", -1},
  };
  for (const auto& [expression, count] : cases) {
    INFO(expression);
    CHECK(digit_count(expression) == count);
    // A run of k digits is k digits.
    CHECK(digit_count(expression) >= digit_run(expression));
  }
  CHECK(digit_count(R"((?:\d{1000}){1000})") > 1000);  // capped, not overflowed
}

namespace {

bool is_digit_byte(char c) { return c >= '0' && c <= '9'; }

// Every stretch of `text` at most `width` bytes long holding `min_digits`
// digits in all and `min_run` in a row lies inside one window with a byte of
// context either side (or the text's edge); windows are sorted and apart.
void check_digit_windows_cover(const std::string& text, uint32_t min_run, uint32_t min_digits, uint32_t width) {
  std::vector<uint32_t> gates;
  find_gate_bytes(text, gates);
  std::vector<GateWindow> windows;
  DigitLayout layout;
  layout.find(text, gates);
  DigitWindowScratch scratch;
  digit_windows(layout, min_run, min_digits, width, windows, scratch, kMergeGapCompacted);
  for (size_t k = 1; k < windows.size(); ++k) REQUIRE(windows[k - 1].end < windows[k].begin);
  for (size_t s = 0; s < text.size(); ++s) {
    uint32_t digits = 0, run = 0, longest = 0;
    for (size_t e = s + 1; e <= text.size() && e - s <= width; ++e) {
      const bool digit = is_digit_byte(text[e - 1]);
      digits += digit;
      run = digit ? run + 1 : 0;
      longest = std::max(longest, run);
      if (digits < min_digits || longest < min_run) continue;
      const uint64_t want_begin = s > 0 ? s - 1 : 0, want_end = std::min(text.size(), e + 1);
      const bool covered = std::any_of(windows.begin(), windows.end(), [&](const GateWindow& w) {
        return w.begin <= want_begin && w.end >= want_end;
      });
      INFO("run " << min_run << ", digits " << min_digits << ", width " << width << ": '" << text.substr(s, e - s)
                  << "' at " << s << " in '" << text << "'");
      REQUIRE(covered);
    }
  }
}

}  // namespace

TEST_CASE("digit-count windows cover every stretch holding the count, at exactly the width") {
  //                        0         1         2
  //                        0123456789012345678901234567
  const std::string text = "ab 12 x 345 y 6-78 @ 9012 zz";
  std::vector<uint32_t> gates;
  find_gate_bytes(text, gates);
  DigitLayout layout;
  layout.find(text, gates);
  std::vector<GateWindow> windows;
  auto spans = [&](uint32_t min_digits, uint32_t width) {
    windows.clear();
    digit_count_windows(layout, min_digits, width, windows, kMergeGapCompacted);
    std::vector<std::pair<uint64_t, uint64_t>> out;
    for (const GateWindow& w : windows) out.emplace_back(w.begin, w.end);
    return out;
  };
  using V = std::vector<std::pair<uint64_t, uint64_t>>;
  // Digits: 3 4, 8 9 10, 14, 16 17, 21 22 23 24 ('@' is not one).
  CHECK(spans(3, 3) == V{{7, 12}, {20, 26}});  // "345", "901", "012"
  CHECK(spans(3, 4) == V{{6, 27}});            // and "6-78", split by a separator, 4 wide
  CHECK(spans(4, 3).empty());
  CHECK(spans(4, 4) == V{{20, 26}});
  CHECK(spans(5, 8) == V{{2, 12}, {15, 26}});   // "12 x 345": 8 wide; "78 @ 901", "8 @ 9012"
  CHECK(spans(6, 100) == V{{0, 28}});           // clipped at both edges
  // One digit: bounded_windows() around the digits.
  std::vector<uint32_t> digits_only;
  for (uint32_t g : gates) {
    if (is_digit_byte(text[g])) digits_only.push_back(g);
  }
  std::vector<GateWindow> bounded;
  bounded_windows(digits_only, text.size(), 3, bounded, kMergeGapCompacted);
  windows.clear();
  digit_count_windows(layout, 1, 3, windows, kMergeGapCompacted);
  REQUIRE(windows.size() == bounded.size());
  for (size_t i = 0; i < windows.size(); ++i) {
    CHECK(windows[i].begin == bounded[i].begin);
    CHECK(windows[i].end == bounded[i].end);
  }
  // Exhaustively: every stretch with the digits, at every width up to it.
  // (Counting one digit too many, or a width one too small, fails here.)
  const std::vector<std::string> texts = {
      text, "1", "12", "1 2", "x1-2-3y", "12-34-56", "123456", "0 7 7 0 0 9 0 0 4 6 1", "a1b2c3d4e5f6g7h8i9j0",
      "07700 900461 and 12/05/2019 or 1-2-3-4-5", "9" + std::string(30, ' ') + "99" + std::string(7, 'x') + "999",
  };
  for (const std::string& t : texts) {
    for (uint32_t run = 0; run <= 3; ++run) {
      for (uint32_t count = 1; count <= 7; ++count) {
        for (uint32_t width = 1; width <= 14; ++width) check_digit_windows_cover(t, run, count, width);
      }
    }
  }
}

TEST_CASE("windows intersect into the stretches both cover") {
  using W = std::vector<GateWindow>;
  W out;
  intersect_windows(W{{0, 10}, {20, 30}, {40, 50}}, W{{5, 25}, {45, 60}}, out);
  REQUIRE(out.size() == 3);
  CHECK((out[0].begin == 5 && out[0].end == 10));
  CHECK((out[1].begin == 20 && out[1].end == 25));
  CHECK((out[2].begin == 45 && out[2].end == 50));
  out.clear();
  intersect_windows(W{{0, 10}}, W{{10, 20}}, out);
  CHECK(out.empty());
}
