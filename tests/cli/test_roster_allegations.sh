#!/usr/bin/env bash
# Roster pupils as people an allegation can be about (defamation/allegation,
# `${roster_names}` in its `a:`) with a roster far above the 5,000 pupils the
# loader once stopped at: every pupil counts, in bounded time and memory
# (rules/README.md, "Rosters").
source "$(dirname "$0")/lib.sh" "$@"

# 12,000 invented pupils, letters only (names with digits are refused); the
# pupil the test talks about is the last row, far past 5,000.
{
  echo "Forename,Preferred name,Surname"
  awk 'BEGIN { for (i = 0; i < 11999; i++) printf "Zqxpupil%d,,Zqxsurname%d\n", i, i }' | tr '0-9' 'a-j'
  echo "Tamsin,Tam,Quigleymarsh"
} >"$TMP/roster.csv"
printf 'Tamsin Quigleymarsh stole from the tuck shop.\n' >"$TMP/full.txt"
printf 'Everyone knows Tam is a liar.\n' >"$TMP/preferred.txt"
printf 'Zqxpupiljihg bullies the younger ones.\n' >"$TMP/middle.txt"
printf 'Tamsin Quigleymarsh won the spelling bee.\n' >"$TMP/clean.txt"
printf 'Sam is a liar.\n' >"$TMP/nobody.txt"

/usr/bin/time -f %M -o "$TMP/rss" "$PC" --no-config --no-cache --format jsonl --roster "$TMP/roster.csv" \
  "$TMP/full.txt" >"$TMP/out" 2>"$TMP/err"
rc=$?
checks=$((checks + 1))
# exit 1: pupil-names also reports the full name as an error
[ "$rc" -le 1 ] || fail "roster of 12,000: exit $rc"
expect_contains "$TMP/out" '"rule":"defamation/allegation"'
checks=$((checks + 1))
kib=$(tail -1 "$TMP/rss")
if [ "${POLICYCHECK_SANITIZED:-0}" != 1 ] && ! ldd "$PC" 2>/dev/null | grep -q libasan; then
  [ "$kib" -lt $((1024 * 1024)) ] || fail "roster of 12,000: peak RSS $((kib / 1024)) MiB, want < 1024 MiB"
fi

for f in preferred middle; do
  "$PC" --no-config --format jsonl --roster "$TMP/roster.csv" "$TMP/$f.txt" >"$TMP/out" 2>"$TMP/err"
  expect_contains "$TMP/out" '"rule":"defamation/allegation"'
done
for f in clean nobody; do
  "$PC" --no-config --format jsonl --roster "$TMP/roster.csv" "$TMP/$f.txt" >"$TMP/out" 2>"$TMP/err"
  expect_not_contains "$TMP/out" '"rule":"defamation/allegation"'
done
expect_not_contains "$TMP/err" 'notice'

# A school's own terms rule with `${roster_names}` is one literal per name:
# above 5,000 pupils it is left empty, and the user is told which roster.
cat >"$TMP/mentions.yaml" <<'YAML'
pack: school
variables:
  roster_names: []
rules:
  - id: school/pupil-mentioned
    kind: terms
    severity: info
    message: a pupil is mentioned
    case_sensitive: true
    terms: ['${roster_names}', 'Zzzplaceholder']
YAML
"$PC" --no-config --policy "$TMP/mentions.yaml" --format jsonl --roster "$TMP/roster.csv" "$TMP/clean.txt" \
  >"$TMP/out" 2>"$TMP/err"
expect_contains "$TMP/err" "notice: roster $TMP/roster.csv has 12000 pupils"

finish
