#!/usr/bin/env bash
# Starting from the database cache (issue 8): a start that loads the compiled
# policy from the cache reports exactly what a cold start reports, and every
# input that shapes the databases (a lexicon, a variable, the roster) changes
# the cache key, so a changed input is never served a stale file.
source "$(dirname "$0")/lib.sh" "$@"

# The sample corpus (every reader, the PDF too) with the whole built-in
# policy and a roster: cold (compiles and fills an empty cache), then warm.
roster="$SRC/corpus/labelled/names/roster.csv"
scan_samples() {
  "$PC" --no-config --cache-dir "$TMP/cache" --fail-on never --format jsonl --roster "$roster" \
    "$SRC/corpus/samples" >"$1" 2>"$TMP/err"
}
scan_samples "$TMP/cold.jsonl"
cached=$(ls "$TMP/cache")
checks=$((checks + 1))
[ "$(echo "$cached" | wc -l)" -eq 1 ] || fail "the cold start left $(ls "$TMP/cache" | wc -l) cache files, want 1"
inode=$(stat -c %i "$TMP/cache/$cached")
scan_samples "$TMP/warm.jsonl"
checks=$((checks + 1))
# Stored files are renamed into place: the same inode means the warm start
# read the file instead of compiling and storing again.
[ "$(stat -c %i "$TMP/cache/$cached")" = "$inode" ] || fail "the warm start did not load the cached database"
checks=$((checks + 1))
[ -s "$TMP/cold.jsonl" ] || fail "the samples gave no findings"
checks=$((checks + 1))
cmp -s "$TMP/cold.jsonl" "$TMP/warm.jsonl" || { fail "cached start differs from the cold one"; diff "$TMP/cold.jsonl" "$TMP/warm.jsonl" | head -10; }

# A small pack whose patterns come from a lexicon file, a variable and the
# roster: each change must give a new cache file and the new findings.
mkdir -p "$TMP/pack"
cat >"$TMP/pack/t.yaml" <<'YAML'
pack: t
lexicons:
  words: words.txt
variables:
  staff: [Hale]
  roster_names: []
rules:
  - id: t/word
    kind: terms
    message: a word
    terms: ['${words}']
  - id: t/staff
    kind: terms
    message: a member of staff
    terms: ['${staff}']
  - id: t/pupil
    kind: terms
    message: a pupil
    terms: ['${roster_names}']
YAML
printf 'zorbly\n' >"$TMP/pack/words.txt"
printf 'Forename,Surname\nTamsin,Quigleymarsh\n' >"$TMP/roster1.csv"
printf 'Forename,Surname\nOrlaith,Fennimore\n' >"$TMP/roster2.csv"
printf 'zorbly and plinth; Hale and Jones; Tamsin and Orlaith.\n' >"$TMP/text.txt"
scan_pack() {  # OUT ARGS...
  local out="$1"; shift
  "$PC" --no-config --no-default-policy --policy "$TMP/pack/t.yaml" --cache-dir "$TMP/pack-cache" \
    --fail-on never --format jsonl "$@" "$TMP/text.txt" >"$out" 2>"$TMP/err"
}
files() { ls "$TMP/pack-cache" | wc -l; }
scan_pack "$TMP/p1" --roster "$TMP/roster1.csv"
scan_pack "$TMP/p1again" --roster "$TMP/roster1.csv"
checks=$((checks + 1))
[ "$(files)" -eq 1 ] || fail "the same inputs twice gave $(files) cache files, want 1"
checks=$((checks + 1))
cmp -s "$TMP/p1" "$TMP/p1again" || fail "the pack's cached start differs from its cold one"
checks=$((checks + 1))
[ "$(grep -c '"rule":"t/word"' "$TMP/p1")" -eq 1 ] || fail "want one word found before the lexicon changes"

printf 'zorbly\nplinth\n' >"$TMP/pack/words.txt"
scan_pack "$TMP/p2" --roster "$TMP/roster1.csv"
checks=$((checks + 1))
[ "$(files)" -eq 2 ] || fail "a changed lexicon did not change the cache key ($(files) files)"
checks=$((checks + 1))
[ "$(grep -c '"rule":"t/word"' "$TMP/p2")" -eq 2 ] || fail "the lexicon's new word was not found"

scan_pack "$TMP/p3" --roster "$TMP/roster1.csv" --var staff=Jones
checks=$((checks + 1))
[ "$(files)" -eq 3 ] || fail "a changed variable did not change the cache key ($(files) files)"
checks=$((checks + 1))
[ "$(grep -c '"rule":"t/staff"' "$TMP/p3")" -eq 1 ] || fail "the variable's new value was not used"

scan_pack "$TMP/p4" --roster "$TMP/roster2.csv" --var staff=Jones
checks=$((checks + 1))
[ "$(files)" -eq 4 ] || fail "a changed roster did not change the cache key ($(files) files)"
checks=$((checks + 1))
[ "$(grep -c '"rule":"t/pupil"' "$TMP/p4")" -eq 1 ] || fail "the new roster's pupil was not found"
finish
