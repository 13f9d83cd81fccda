#!/usr/bin/env bash
# The foundation's promises, tried as a user would.
source "$(dirname "$0")/lib.sh" "$@"

# A draft with a phone number, a personal email and a swear word: exit 1,
# each reported at the right line:column.
expect_exit 1 "draft with findings" -- "$PC" corpus/drafts/trip-reminder.txt
expect_golden trip-reminder.text "$TMP/out"
expect_contains "$TMP/out" "corpus/drafts/trip-reminder.txt:4:27: error personal-data/phone-uk"
expect_contains "$TMP/out" "corpus/drafts/trip-reminder.txt:4:49: error personal-data/email"
expect_contains "$TMP/out" "corpus/drafts/trip-reminder.txt:5:65: warning abuse/profanity"

# The same through the explicit sub-command and in JSON Lines.
expect_exit 1 "jsonl output" -- "$PC" check --format jsonl corpus/drafts/trip-reminder.txt
expect_golden trip-reminder.jsonl "$TMP/out"
expect_not_contains "$TMP/out" "900123\""  # matches are redacted without --show-matches
expect_exit 1 "json output" -- "$PC" --format json corpus/drafts/trip-reminder.txt
expect_golden trip-reminder.json "$TMP/out"

# A clean draft exits 0.
expect_exit 0 "clean draft" -- "$PC" corpus/drafts/clean-newsletter.txt
expect_contains "$TMP/out" "0 findings (0 errors, 0 warnings, 0 info) in 1 file scanned"

# A personal post naming the school without a disclaimer is flagged.
expect_exit 0 "personal post (warning, below --fail-on error)" -- "$PC" corpus/drafts/personal-post.txt
expect_contains "$TMP/out" "warning disclaimer/missing"
expect_exit 1 "personal post fails with --fail-on warning" -- "$PC" --fail-on warning corpus/drafts/personal-post.txt
expect_exit 0 "--fail-on never" -- "$PC" --fail-on never corpus/drafts/trip-reminder.txt

# stdin.
expect_exit 1 "stdin" -- bash -c "echo 'ring 07700 900123' | '$PC' -"
expect_contains "$TMP/out" "<stdin>:1:6: error personal-data/phone-uk"

# A policy with a syntax error: one line naming file:line, exit 2, nothing scanned.
printf 'pack: x\nrules:\n  - id: x/a\n    kind: terms\n   terms: [a]\n' >"$TMP/bad.yaml"
expect_exit 2 "policy syntax error" -- "$PC" --policy "$TMP/bad.yaml" corpus/drafts/trip-reminder.txt
expect_contains "$TMP/err" "$TMP/bad.yaml:5:4: YAML syntax error"
checks=$((checks + 1)); [ ! -s "$TMP/out" ] || fail "nothing may be scanned after a policy error"
checks=$((checks + 1)); [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "policy error should be one line"

# A custom policy adds to the built-in one; --no-default-policy leaves it out.
printf 'pack: mine\nrules:\n  - id: mine/fizzy\n    kind: terms\n    severity: info\n    message: no fizzy\n    terms: [fizzy drinks]\n' >"$TMP/mine.yaml"
expect_exit 1 "custom policy" -- "$PC" --policy "$TMP/mine.yaml" corpus/drafts/trip-reminder.txt
expect_contains "$TMP/out" "info mine/fizzy"
expect_contains "$TMP/out" "personal-data/phone-uk"
expect_exit 0 "only the custom policy" -- "$PC" --no-default-policy --policy "$TMP/mine.yaml" corpus/drafts/trip-reminder.txt
expect_not_contains "$TMP/out" "personal-data/phone-uk"

# Variables: the school's own address is allowed.
expect_exit 0 "official email domain allowed" -- bash -c "echo 'office@stjude.sch.uk' | '$PC' --var official_email_domains=stjude.sch.uk -"

# Folders are scanned recursively; a missing path is an error (exit 2) but the rest still runs;
# binary files are skipped with a notice.
mkdir -p "$TMP/dir/sub"
cp corpus/drafts/trip-reminder.txt "$TMP/dir/sub/"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000binary' >"$TMP/dir/image.png"
expect_exit 2 "missing path" -- "$PC" "$TMP/dir" "$TMP/does-not-exist.txt"
expect_contains "$TMP/err" "does-not-exist.txt: error: no such file or folder"
expect_contains "$TMP/err" "image.png: notice: binary file skipped"
expect_contains "$TMP/out" "sub/trip-reminder.txt:4:27"
expect_contains "$TMP/out" "1 skipped"

# Usage errors exit 2.
expect_exit 2 "unknown option" -- "$PC" --no-such-option x
expect_exit 2 "bad --fail-on" -- "$PC" --fail-on sometimes x
expect_exit 0 "--version" -- "$PC" --version
expect_contains "$TMP/out" "policycheck "

# Output order does not depend on the number of threads.
expect_exit 1 "jobs 1" -- "$PC" --jobs 1 --format jsonl corpus/drafts "$TMP/dir"
cp "$TMP/out" "$TMP/jobs1"
expect_exit 1 "jobs 4" -- "$PC" --jobs 4 --format jsonl corpus/drafts "$TMP/dir"
checks=$((checks + 1)); cmp -s "$TMP/out" "$TMP/jobs1" || fail "--jobs changed the output"

finish
