// Rare-byte anchoring (engine/src/regex_shape.hpp, rare_byte_gate.hpp): the
// shape reader must never claim a pattern needs a gate byte when some match
// has none, and windows must cover every match that holds a gate byte.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

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
  CHECK(needs_gate(R"(\d{3})"));
  CHECK(needs_gate(R"((?:(?:\+|00)44[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)7\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{3})"));
  CHECK(needs_gate(R"([A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9]+\.[A-Za-z]{2,24})"));
  CHECK(needs_gate(R"(f\*{2}k)"));
  CHECK(needs_gate(R"(GIR ?0AA|[A-PR-UWYZ](?:[A-HK-Y]?\d{1,2}|\d[A-HJKPSTUW]) ?\d[ABD-HJLNP-UW-Z]{2})"));
  CHECK(needs_gate(R"((?i:year\s+\d{1,2}))"));
}

TEST_CASE("patterns with a match free of gate bytes are not gated") {
  CHECK_FALSE(needs_gate("shit"));
  CHECK_FALSE(needs_gate(R"(\d*)"));
  CHECK_FALSE(needs_gate(R"(\d{0,3}x)"));
  CHECK_FALSE(needs_gate(R"(\d|x)"));
  CHECK_FALSE(needs_gate(R"([0-9a])"));
  CHECK_FALSE(needs_gate(R"(\w+)"));
  CHECK_FALSE(needs_gate(R"([^a])"));
  CHECK_FALSE(needs_gate(R"((?:sh|[s$5]h)[1!|i]+t)"));
  CHECK_FALSE(needs_gate(R"(s(?:h|\*)it)"));
}

TEST_CASE("constructs the shape reader does not model are never gated") {
  CHECK_FALSE(analyse_regex(R"(\p{L}\d)", true, gate_bytes()).understood);
  CHECK_FALSE(analyse_regex(R"(^\d)", true, gate_bytes()).understood);
  CHECK_FALSE(analyse_regex(R"(\d\B)", true, gate_bytes()).understood);
  CHECK_FALSE(analyse_regex(R"([[:digit:]])", true, gate_bytes()).understood);
  CHECK_FALSE(analyse_regex(R"((\d)\1)", true, gate_bytes()).understood);
  CHECK_FALSE(analyse_regex(R"((?m)\d)", true, gate_bytes()).understood);
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

TEST_CASE("spelled-out words get a window, ordinary prose none") {
  std::vector<GateWindow> windows;
  spaced_letter_windows("I am a cat and you are a dog, Q and A", windows);
  CHECK(windows.empty());
  const std::string text = "well you are a total f . u . c . k ing idiot and s-h-i-t";
  spaced_letter_windows(text, windows);
  REQUIRE(windows.size() == 1);  // the two are close enough to be scanned as one
  const std::string covered = text.substr(windows[0].begin, windows[0].end - windows[0].begin);
  CHECK(covered.find("f . u . c . k") != std::string::npos);
  CHECK(covered.find("s-h-i-t") != std::string::npos);
  CHECK(windows[0].begin > 0);
  // Longer than one SSE2 block, lone letters across a block edge.
  const std::string padded = std::string(13, 'x') + " b.l.o.w.j.o.b " + std::string(40, 'y');
  windows.clear();
  spaced_letter_windows(padded, windows);
  REQUIRE(windows.size() == 1);
  CHECK(padded.substr(windows[0].begin, windows[0].end - windows[0].begin).find("b.l.o.w.j.o.b") != std::string::npos);
}
