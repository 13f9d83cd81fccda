// Facts from Unicode's confusables data (UTS #39, confusables.txt) for the
// lower-case letters of the Cyrillic, Greek, Armenian and Latin-extension
// blocks that render like an ASCII letter. Written as a sorted table so the
// lookup is a binary search; only code points that survive NFKD and case
// folding are listed (full-width and maths letters never reach it).
#include "confusables.hpp"

#include <algorithm>
#include <iterator>

namespace policycheck::normalise {
namespace {

struct LookAlike {
  char32_t cp;
  char ascii;
};

constexpr LookAlike kLookAlikes[] = {
    {0x0131, 'i'},  // ı dotless i
    {0x0138, 'k'},  // ĸ kra
    {0x0180, 'b'},  // ƀ
    {0x0185, 'b'},  // ƅ
    {0x01A5, 'p'},  // ƥ
    {0x01AB, 't'},  // ƫ
    {0x01BD, 's'},  // ƽ
    {0x0251, 'a'},  // ɑ Latin alpha
    {0x0261, 'g'},  // ɡ script g
    {0x0269, 'i'},  // ɩ Latin iota
    {0x026A, 'i'},  // ɪ small capital i
    {0x026F, 'w'},  // ɯ
    {0x0274, 'n'},  // ɴ small capital n
    {0x0280, 'r'},  // ʀ small capital r
    {0x028F, 'y'},  // ʏ small capital y
    {0x0299, 'b'},  // ʙ small capital b
    {0x029C, 'h'},  // ʜ small capital h
    {0x03B1, 'a'},  // α
    {0x03B2, 'b'},  // β
    {0x03B5, 'e'},  // ε
    {0x03B9, 'i'},  // ι
    {0x03BA, 'k'},  // κ
    {0x03BD, 'v'},  // ν
    {0x03BF, 'o'},  // ο
    {0x03C1, 'p'},  // ρ
    {0x03C4, 't'},  // τ
    {0x03C5, 'u'},  // υ
    {0x03C7, 'x'},  // χ
    {0x03F2, 'c'},  // ϲ lunate sigma
    {0x03F3, 'j'},  // ϳ
    {0x0430, 'a'},  // а
    {0x0432, 'b'},  // в
    {0x0435, 'e'},  // е
    {0x043A, 'k'},  // к
    {0x043C, 'm'},  // м
    {0x043D, 'h'},  // н
    {0x043E, 'o'},  // о
    {0x0440, 'p'},  // р
    {0x0441, 'c'},  // с
    {0x0442, 't'},  // т
    {0x0443, 'u'},  // у: looks like y, but is the "u" sound and used for u ("fуck")
    {0x0445, 'x'},  // х
    {0x044A, 'b'},  // ъ
    {0x044C, 'b'},  // ь
    {0x0455, 's'},  // ѕ
    {0x0456, 'i'},  // і
    {0x0458, 'j'},  // ј
    {0x0461, 'w'},  // ѡ
    {0x048F, 'p'},  // ҏ
    {0x049B, 'k'},  // қ
    {0x04AB, 'c'},  // ҫ
    {0x04AF, 'y'},  // ү straight u (looks like y)
    {0x04BB, 'h'},  // һ shha
    {0x04CF, 'l'},  // ӏ palochka
    {0x0501, 'd'},  // ԁ komi de
    {0x051B, 'q'},  // ԛ
    {0x051D, 'w'},  // ԝ
    {0x0561, 'w'},  // ա Armenian ayb
    {0x0563, 'q'},  // գ
    {0x0566, 'q'},  // զ
    {0x0570, 'h'},  // հ
    {0x0578, 'n'},  // ո
    {0x057C, 'n'},  // ռ
    {0x057D, 'u'},  // ս
    {0x0581, 'g'},  // ց
    {0x0584, 'f'},  // ք
    {0x0585, 'o'},  // օ
    {0x1D00, 'a'},  // ᴀ small capital a
    {0x1D04, 'c'},  // ᴄ
    {0x1D05, 'd'},  // ᴅ
    {0x1D07, 'e'},  // ᴇ
    {0x1D0A, 'j'},  // ᴊ
    {0x1D0B, 'k'},  // ᴋ
    {0x1D0D, 'm'},  // ᴍ
    {0x1D0F, 'o'},  // ᴏ
    {0x1D18, 'p'},  // ᴘ
    {0x1D1B, 't'},  // ᴛ
    {0x1D1C, 'u'},  // ᴜ
    {0x1D20, 'v'},  // ᴠ
    {0x1D21, 'w'},  // ᴡ
    {0x1D22, 'z'},  // ᴢ
    {0xA731, 's'},  // ꜱ small capital s
};

}  // namespace

char confusable_ascii(char32_t cp) {
  const auto* end = std::end(kLookAlikes);
  const auto* it = std::lower_bound(std::begin(kLookAlikes), end, cp,
                                    [](const LookAlike& entry, char32_t value) { return entry.cp < value; });
  return it != end && it->cp == cp ? it->ascii : 0;
}

}  // namespace policycheck::normalise
