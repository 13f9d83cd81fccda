#!/usr/bin/env bash
# rules list / explain / test.
source "$(dirname "$0")/lib.sh" "$@"

expect_exit 0 "rules list" -- "$PC" rules list
expect_contains "$TMP/out" "personal-data/phone-uk"
expect_contains "$TMP/out" "disclaimer/missing"
expect_exit 0 "rules explain" -- "$PC" rules explain personal-data/email
expect_contains "$TMP/out" "policy clause:"
expect_contains "$TMP/out" "examples that must match"
expect_exit 2 "explain unknown" -- "$PC" rules explain no/such-rule
expect_contains "$TMP/err" "no rule 'no/such-rule'"
expect_exit 0 "rules test" -- "$PC" rules test
expect_contains "$TMP/out" " 0 failed"
expect_exit 0 "rules test one pack" -- "$PC" rules test abuse
expect_exit 2 "rules test unknown pack" -- "$PC" rules test nosuchpack

# A failing example is reported and exits 1.
printf 'pack: p\nrules:\n  - id: p/w\n    kind: terms\n    message: m\n    terms: [apple]\n    tests:\n      match: ["pear"]\n      no_match: ["apple pie"]\n' >"$TMP/p.yaml"
expect_exit 1 "failing rule tests" -- "$PC" rules test --no-default-policy --policy "$TMP/p.yaml"
expect_contains "$TMP/out" "FAIL p/w: match example \"pear\""
expect_contains "$TMP/out" "FAIL p/w: no_match example \"apple pie\""
expect_contains "$TMP/out" "0 passed, 2 failed"

finish
