#pragma once
// Letters from other scripts that look like (or, for Cyrillic у, sound like)
// a Latin letter, used in place of it to slip a word past a filter: "fуck"
// with Cyrillic у. NFKD already folds full-width, mathematical and accented
// letters; this table covers what NFKD leaves alone.
namespace policycheck::normalise {

// The lower-case ASCII letter `cp` stands in for, or 0 when it is not a
// known look-alike. `cp` is expected to be case-folded already.
char confusable_ascii(char32_t cp);

}  // namespace policycheck::normalise
