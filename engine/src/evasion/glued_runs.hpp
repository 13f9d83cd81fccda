#pragma once
// Which literal hits of the stretched/leet terms can still become findings.
// A hit of a folded literal (letter_fold.hpp) covers whole runs of the
// original text: a match of a term regex folding to it may start at any byte
// of the run behind the literal's first folded byte and end after any byte
// of the run behind its last ("a$$hit": "$$hit" or "$hit"; "shit+7x":
// "shit", "shit+" or "shit+7"). The confirmer (span_confirmer.hpp) drops a
// match of a word-bounded term whose start, or end, is glued: the byte there
// and the code point before it are both word characters (utf8::glued). When
// every possible start is glued, or every possible end, no match behind the
// hit can be confirmed, and the scanner need not run the regexes there.
//
// Offsets are in the text the confirmer reads, or in a block of records
// joined by '\n' (record_block.hpp): a record's edge then sees the '\n', not
// a word character, so a hit at a record's edge is always kept.
#include <cstdint>
#include <string_view>

namespace policycheck {

// True when every start in the run [run_begin, run_end) of `text` is glued
// to the word before it. Any byte that is not an ASCII word byte inside the
// run counts as a clean start (U+2019 is not a word character anyway).
bool every_start_glued(std::string_view text, uint64_t run_begin, uint64_t run_end);

// True when every end after a byte of the run [run_begin, run_end) of `text`
// is glued to the word after it.
bool every_end_glued(std::string_view text, uint64_t run_begin, uint64_t run_end);

}  // namespace policycheck
