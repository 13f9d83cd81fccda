// Evasion resistance: compile-time expansion of terms (stretched, leet,
// spaced and masked letters) and the Unicode-folded second pass (look-alike,
// full-width and accented letters, invisible characters), with findings that
// point at the ORIGINAL text.
#include <catch2/catch.hpp>

#include "evasion/term_expansion.hpp"
#include "normalise/confusables.hpp"
#include "normalise/folded_text.hpp"
#include "normalise/letter_forms.hpp"
#include "test_support.hpp"

using namespace policycheck;
using namespace policycheck::testing;

namespace {

std::shared_ptr<const CompiledPolicy> idiot_policy(const std::string& evasion) {
  return compile_yaml(R"(pack: t
rules:
  - id: t/word
    kind: terms
    message: m
    terms: [idiot, bad egg]
    evasion: )" + evasion + "\n");
}

std::vector<std::string> matches(const std::shared_ptr<const CompiledPolicy>& policy, const std::string& text) {
  std::vector<std::string> out;
  for (const Finding& f : scan_text(policy, text)) out.push_back(f.match);
  return out;
}

}  // namespace

TEST_CASE("without evasion options a term expands to itself") {
  CHECK(expand_term("idiot", EvasionOptions{}) == std::vector<std::string>{"idiot"});
  CHECK(expand_term("bad egg", EvasionOptions{}) == std::vector<std::string>{"bad\\s+egg"});
}

TEST_CASE("stretched letters") {
  auto policy = idiot_policy("[stretch]");
  CHECK(matches(policy, "you iiidiooooot!") == std::vector<std::string>{"iiidiooooot"});
  CHECK(matches(policy, "a baaad eggg") == std::vector<std::string>{"baaad eggg"});
  CHECK(matches(policy, "idot").empty());  // a stretch never drops a letter
}

TEST_CASE("leetspeak needs a real letter among the first two") {
  auto policy = idiot_policy("[leet]");
  CHECK(matches(policy, "1d10t") == std::vector<std::string>{"1d10t"});
  CHECK(matches(policy, "!d!0t") == std::vector<std::string>{"!d!0t"});
  auto ass = compile_yaml(R"(pack: t
rules:
  - {id: t/a, kind: terms, message: m, terms: [ass], evasion: [leet]}
)");
  CHECK(matches(ass, "a$$") == std::vector<std::string>{"a$$"});
  CHECK(matches(ass, "@ss") == std::vector<std::string>{"@ss"});
  CHECK(matches(ass, "Room 455, extension 4$5").empty());
}

TEST_CASE("separators must fill every gap") {
  auto policy = idiot_policy("[separators]");
  CHECK(matches(policy, "i.d.i.o.t") == std::vector<std::string>{"i.d.i.o.t"});
  CHECK(matches(policy, "i d i o t") == std::vector<std::string>{"i d i o t"});
  CHECK(matches(policy, "i-d-i-o-t!") == std::vector<std::string>{"i-d-i-o-t"});
  CHECK(matches(policy, "idi ot").empty());  // a gap in one place only is two words
  CHECK(matches(policy, "xi.d.i.o.t").empty());  // still word-bounded on the original
}

TEST_CASE("masks: an inner vowel, or every inner letter") {
  auto policy = idiot_policy("[masks]");
  CHECK(matches(policy, "id*ot") == std::vector<std::string>{"id*ot"});
  CHECK(matches(policy, "id**t") == std::vector<std::string>{"id**t"});
  CHECK(matches(policy, "i***t") == std::vector<std::string>{"i***t"});
  CHECK(matches(policy, "*diot").empty());
  CHECK(matches(policy, "i**ot").empty());  // a starred consonant with letters left: too ambiguous
}

TEST_CASE("look-alike, full-width, accented and invisible characters map back to the original text") {
  auto policy = idiot_policy("[unicode]");
  const std::string cyrillic = "you \xD1\x96\x64\xD1\x96\xD0\xBEt";  // і d і о t
  auto found = scan_text(policy, cyrillic);
  REQUIRE(found.size() == 1);
  CHECK(found[0].match == "\xD1\x96\x64\xD1\x96\xD0\xBEt");
  CHECK(found[0].byte_start == 4);
  CHECK(found[0].column == 5);
  CHECK(found[0].end_column == 10);

  const std::string zero_width = "id\xE2\x80\x8Biot here";
  found = scan_text(policy, zero_width);
  REQUIRE(found.size() == 1);
  CHECK(found[0].match == "id\xE2\x80\x8Biot");

  const std::string full_width = "\xEF\xBD\x89\xEF\xBD\x84\xEF\xBD\x89\xEF\xBD\x8F\xEF\xBD\x94";  // ｉｄｉｏｔ
  CHECK(matches(policy, full_width) == std::vector<std::string>{full_width});

  const std::string combining = "idio\xCC\x88t\xCC\x81 now";  // ö and t́ as combining marks
  CHECK(matches(policy, combining) == std::vector<std::string>{"idio\xCC\x88t\xCC\x81"});

  CHECK(matches(policy, "\xC3\xAF\x64\xC3\xAF\x6F\x74") == std::vector<std::string>{"\xC3\xAF\x64\xC3\xAF\x6F\x74"});
  // boundaries are checked on the original: a look-alike word glued to letters stays clean
  CHECK(matches(policy, "xx\xD1\x96\x64\xD1\x96\xD0\xBEt").empty());
}

TEST_CASE("a term matched on both passes is reported once") {
  auto policy = idiot_policy("all");
  CHECK(matches(policy, "caf\xC3\xA9 idiot") == std::vector<std::string>{"idiot"});
}

TEST_CASE("worth_folding lets plain text and punctuation through untouched") {
  using normalise::worth_folding;
  CHECK_FALSE(worth_folding("plain ASCII text"));
  CHECK_FALSE(worth_folding("It\xE2\x80\x99s \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x94 \xC2\xA3" "5"));
  CHECK_FALSE(worth_folding("great day \xF0\x9F\x98\x80\xE2\x80\x8D\xF0\x9F\x91\x8D"));  // emoji with a joiner
  CHECK(worth_folding("Zo\xC3\xAB"));
  CHECK(worth_folding("f\xE2\x80\x8Buck"));  // zero-width space after a letter
}

TEST_CASE("FoldedText keeps a map to original offsets") {
  normalise::FoldedText folded;
  folded.fold("a\xE2\x80\x8B\xD0\xB0\xEF\xBD\x82!");  // a, ZWSP, Cyrillic а, full-width ｂ, !
  CHECK(folded.text() == "aab!");
  CHECK(folded.original_start(0) == 0);
  CHECK(folded.original_start(1) == 4);  // the Cyrillic а after the 3-byte ZWSP
  CHECK(folded.original_start(2) == 6);
  CHECK(folded.original_end(1) == 4);  // the end after "a" runs over the dropped ZWSP
  CHECK(folded.original_end(4) == 10);
}

TEST_CASE("confusables table") {
  CHECK(normalise::confusable_ascii(0x0443) == 'u');  // Cyrillic у, as in "fуck"
  CHECK(normalise::confusable_ascii(0x03BF) == 'o');  // Greek omicron
  CHECK(normalise::confusable_ascii(0x4E00) == 0);
}

TEST_CASE("letter forms table: styled and framed Latin letters") {
  using normalise::letter_form_ascii;
  CHECK(letter_form_ascii(0x24D5) == 'f');   // ⓕ circled small f
  CHECK(letter_form_ascii(0x24BB) == 'f');   // Ⓕ circled capital F
  CHECK(letter_form_ascii(0x24A1) == 'f');   // ⒡ parenthesized f (NFKD gives "(f)")
  CHECK(letter_form_ascii(0x1F135) == 'f');  // 🄵 squared F
  CHECK(letter_form_ascii(0x1F155) == 'f');  // 🅕 negative circled F
  CHECK(letter_form_ascii(0x1F175) == 'f');  // 🅵 negative squared F
  CHECK(letter_form_ascii(0x1F1EB) == 'f');  // 🇫 regional indicator F
  CHECK(letter_form_ascii(0x1D41F) == 'f');  // 𝐟 maths bold f
  CHECK(letter_form_ascii(0x1D68F) == 'f');  // 𝚏 maths monospace f
  CHECK(letter_form_ascii(0x210E) == 'h');   // ℎ Planck constant, the hole in maths italic
  CHECK(letter_form_ascii(0xA730) == 'f');   // ꜰ small capital F
  CHECK(letter_form_ascii(0x1DA0) == 'f');   // ᶠ modifier small f
  CHECK(letter_form_ascii(0xFF46) == 'f');   // ｆ full-width f
  CHECK(letter_form_ascii('f') == 0);
  CHECK(letter_form_ascii(0x00E9) == 0);   // é: an accented letter, folded by NFKD + mark stripping
  CHECK(letter_form_ascii(0x2460) == 0);   // ① a circled digit
  CHECK(letter_form_ascii(0x1F600) == 0);  // 😀
  CHECK(letter_form_ascii(0x10FFFF) == 0);
}

TEST_CASE("enclosed letters are folded to their letters, offsets kept") {
  CHECK(normalise::worth_folding("\xE2\x93\x95\xE2\x93\xA4"));  // ⓕⓤ: symbols (So), not letters
  CHECK(normalise::worth_folding("\xF0\x9F\x87\xAB\xF0\x9F\x87\xBA"));  // 🇫🇺
  normalise::FoldedText folded;
  folded.fold("a \xE2\x92\xA1\xE2\x92\xB0!");  // a, space, ⒡, ⒰, !
  CHECK(folded.text() == "a fu!");
  CHECK(folded.original_start(2) == 2);
  CHECK(folded.original_start(3) == 5);
  CHECK(folded.original_end(4) == 8);
  auto policy = idiot_policy("all");
  CHECK(matches(policy, "you \xE2\x93\x98\xE2\x93\x93\xE2\x93\x98\xE2\x93\x9E\xE2\x93\xA3!") ==
        std::vector<std::string>{"\xE2\x93\x98\xE2\x93\x93\xE2\x93\x98\xE2\x93\x9E\xE2\x93\xA3"});  // ⓘⓓⓘⓞⓣ
}

TEST_CASE("unknown evasion names are policy errors") {
  CHECK_THROWS_WITH(compile_yaml(R"(pack: t
rules:
  - {id: t/a, kind: terms, message: m, terms: [x], evasion: [strech]}
)"),
                    Catch::Contains("unknown evasion 'strech'"));
}
