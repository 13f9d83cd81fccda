// The folded-letters copy (engine/src/evasion/letter_fold.hpp): every
// disguise the compact term regexes accept folds to the term's literal, and
// offsets map back to the whole run of original bytes.
#include <catch2/catch.hpp>

#include "evasion/letter_fold.hpp"

using namespace policycheck;

TEST_CASE("stretched, leet and mixed-case spellings fold to the term's literal") {
  CHECK(fold_term("idiot") == "idiot");
  CHECK(fold_term("kill yourself") == "ki yourseif");  // l stands for i too (1, |)
  FoldedLetters f;
  for (const char* text : {"idiot", "IDIOT", "iiidiooooot", "1d10t", "!d!0t", "|d|0t", "IdIoT"}) {
    f.fold(text);
    CHECK(f.text() == fold_term("idiot"));
  }
  f.fold("go   k1ll\tyourselfffff now");
  CHECK(f.text().find(fold_term("kill yourself")) != std::string_view::npos);
}

TEST_CASE("folded offsets map back to whole runs") {
  FoldedLetters f;
  f.fold("a fuuuck b");
  REQUIRE(f.text() == "a fuck b");
  const size_t at = f.text().find("fuck");
  CHECK(f.original_start(at) == 2);
  CHECK(f.original_end(at + 4) == 8);  // after the last 'k'
  CHECK(f.original_start(at + 2) == 6);  // 'c' after the run of u
}

TEST_CASE("both apostrophes fold alike and map back to the whole character") {
  FoldedLetters f;
  f.fold("you\xE2\x80\x99re dead");
  CHECK(f.text() == fold_term("you're dead"));
  f.fold("you're dead");
  CHECK(f.text() == fold_term("you're dead"));
  f.fold("x \xE2\x80\x99s");
  REQUIRE(f.text() == "x 's");
  CHECK(f.original_start(2) == 2);
  CHECK(f.original_end(3) == 5);
}
