// Windows copied into one buffer (engine/src/compacted_windows.hpp): every
// hit inside a window comes back at its place in the text; a hit whose last
// byte is a separator, or that ends too few bytes into its window for the
// pattern's shortest match, does not come back.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "compacted_windows.hpp"

using namespace policycheck;

namespace {

// "0123456789abcdefghij": windows [2, 6) and [10, 15) give "2345\nabcde\n".
const std::string kText = "0123456789abcdefghij";
const std::vector<GateWindow> kWindows = {{2, 6}, {10, 15}};

}  // namespace

TEST_CASE("the windows are copied one after another, each followed by a separator") {
  CompactedWindows compacted;
  CHECK(compacted.fill(kText, kWindows, 0, 1 << 20) == 2);
  CHECK(compacted.text() == "2345\nabcde\n");
}

TEST_CASE("a hit inside a window maps back to its end in the text") {
  CompactedWindows compacted;
  compacted.fill(kText, kWindows, 0, 1 << 20);
  uint64_t real = 0;
  REQUIRE(compacted.real_end(4, 1, &real));  // "2345" ends at 6
  CHECK(real == 6);
  REQUIRE(compacted.real_end(1, 1, &real));  // "2"
  CHECK(real == 3);
  REQUIRE(compacted.real_end(10, 5, &real));  // "abcde": the whole second window
  CHECK(real == 15);
  REQUIRE(compacted.real_end(6, 1, &real));  // "a"
  CHECK(real == 11);
}

TEST_CASE("a hit whose last byte is a separator is dropped") {
  CompactedWindows compacted;
  compacted.fill(kText, kWindows, 0, 1 << 20);
  uint64_t real = 0;
  CHECK_FALSE(compacted.real_end(5, 1, &real));   // "...5\n"
  CHECK_FALSE(compacted.real_end(11, 1, &real));  // "...e\n", the last byte of the buffer
  CHECK_FALSE(compacted.real_end(0, 0, &real));
}

TEST_CASE("a hit too close to its window's start for the pattern's shortest match is dropped") {
  CompactedWindows compacted;
  compacted.fill(kText, kWindows, 0, 1 << 20);
  uint64_t real = 0;
  // Ends 2 bytes into "abcde": a match of at least 3 bytes would have begun
  // in "2345\n", which is not the text before it.
  CHECK_FALSE(compacted.real_end(7, 3, &real));
  REQUIRE(compacted.real_end(7, 2, &real));
  CHECK(real == 12);
  CHECK_FALSE(compacted.real_end(3, 4, &real));
  REQUIRE(compacted.real_end(4, 4, &real));
  CHECK(real == 6);
}

TEST_CASE("a big text's windows are copied a buffer's worth at a time") {
  CompactedWindows compacted;
  // "2345\n" is 5 bytes: the second window does not fit in 8, the first
  // always goes in, however big.
  CHECK(compacted.fill(kText, kWindows, 0, 8) == 1);
  CHECK(compacted.text() == "2345\n");
  CHECK(compacted.fill(kText, kWindows, 1, 8) == 2);
  CHECK(compacted.text() == "abcde\n");
  uint64_t real = 0;
  REQUIRE(compacted.real_end(5, 5, &real));
  CHECK(real == 15);
  CHECK(compacted.fill(kText, kWindows, 0, 2) == 1);
}
