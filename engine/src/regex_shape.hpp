#pragma once
// What any match of a regex is made of, read from the regex text: the bytes
// a match may contain (its alphabet) and whether every match must contain a
// byte of a given set (a digit, '@', '*'). The scanner uses both to run a
// pattern only near such bytes (rare_byte_gate.hpp), so the answers must
// never be wrong in the unsafe direction: anything this parser does not
// understand gives `understood = false`, and the pattern is scanned
// everywhere as before.
#include <bitset>
#include <cstdint>
#include <string_view>

namespace policycheck {

using ByteSet = std::bitset<256>;

struct RegexShape {
  bool understood = false;
  ByteSet alphabet;           // every byte of every match is in here
  bool needs_gate = false;    // every match holds at least one byte of the gate set
  // The longest k such that every match holds k consecutive ASCII digits
  // ('0'-'9'; a class that also holds other bytes does not count), as far as
  // it can be proved from the regex; 0 when a match may hold no digit.
  uint32_t min_digit_run = 0;
  // The least number of ASCII digits every match holds, anywhere in it
  // (same counting rules as min_digit_run; at least min_digit_run).
  uint32_t min_digits = 0;
};

// `caseless`: the pattern is compiled case-insensitively (ASCII letters of
// either case match). `gate`: the bytes asked about.
RegexShape analyse_regex(std::string_view expression, bool caseless, const ByteSet& gate);

}  // namespace policycheck
