// The glue check of the stretched/leet terms' literal hits
// (engine/src/evasion/glued_runs.hpp), on the runs a hit covers: dropped
// only when no start (end) in the run can pass the confirmer's edge check.
// That the scanner's findings stay those of the straightforward engine is
// test_engine_equivalence's job; this pins the edge cases one by one.
#include <catch2/catch.hpp>

#include "evasion/glued_runs.hpp"

using namespace policycheck;

TEST_CASE("every start in the run glued: word bytes all through, a word before it") {
  CHECK(every_start_glued("their", 1, 2));       // "h" after "t"
  CHECK(every_start_glued("class", 3, 5));       // "ss" after "a"
  CHECK(every_start_glued("x55hit", 1, 3));      // "55": digits are word bytes
  CHECK(every_start_glued("\xC3\xA9shit", 2, 3));  // after é, a letter
}

TEST_CASE("a clean start anywhere in the run keeps the hit") {
  CHECK_FALSE(every_start_glued("shit", 0, 1));             // the text's first byte
  CHECK_FALSE(every_start_glued("a shit", 2, 3));           // after a space
  CHECK_FALSE(every_start_glued("x5$hit", 1, 3));           // "$hit" starts at the '$'
  CHECK_FALSE(every_start_glued("a$$hit", 1, 3));           // '$' is no word byte
  CHECK_FALSE(every_start_glued("abc\nshit", 4, 5));        // a record's edge in a block
  CHECK_FALSE(every_start_glued("\xE2\x80\x94shit", 3, 4));  // after an em dash
  CHECK_FALSE(every_start_glued("\xC3shit", 1, 2));         // after an invalid byte
  CHECK_FALSE(every_start_glued("x\xE2\x80\x99s", 1, 4));   // a run of U+2019
}

TEST_CASE("every end in the run glued: word bytes all through, a word after it") {
  CHECK(every_end_glued("hello", 1, 2));        // "hei" of "hell" ends inside "hello"
  CHECK(every_end_glued("shiT7x", 3, 5));       // "T7" then "x"
  CHECK(every_end_glued("shit\xC3\xA9", 3, 4));  // before é
}

TEST_CASE("a clean end anywhere in the run keeps the hit") {
  CHECK_FALSE(every_end_glued("shit", 3, 4));        // the text's last byte
  CHECK_FALSE(every_end_glued("shit+7x", 3, 6));     // "shit" ends before the '+'
  CHECK_FALSE(every_end_glued("shit\nabc", 3, 4));   // a record's edge in a block
  CHECK_FALSE(every_end_glued("shit!", 3, 4));
  CHECK_FALSE(every_end_glued("shit\xE2\x80", 3, 4));  // before a cut sequence
}
