#!/usr/bin/env bash
# Starting from the cache (issue 8): a start that loads the policy and its
# databases from the cache reports exactly what a cold start reports, and
# every input that shapes the policy (a lexicon, a variable, the roster, a
# user pack, the project config's rule settings) changes the cache key or
# is checked against the file, so a changed input is never served a stale
# policy. The cache holds two kinds of file: db-*.hsdb (the databases,
# keyed by the patterns) and policy-*.pcpol (the loaded policy, keyed by the
# loader's inputs).
source "$(dirname "$0")/lib.sh" "$@"

# The sample corpus (every reader, the PDF too) with the whole built-in
# policy and a roster: cold (compiles and fills an empty cache), then warm.
roster="$SRC/corpus/labelled/names/roster.csv"
scan_samples() {
  "$PC" --no-config --cache-dir "$TMP/cache" --fail-on never --format jsonl --roster "$roster" \
    "$SRC/corpus/samples" >"$1" 2>"$TMP/err"
}
scan_samples "$TMP/cold.jsonl"
checks=$((checks + 1))
[ "$(ls "$TMP/cache" | wc -l)" -eq 2 ] || fail "the cold start left $(ls "$TMP/cache" | wc -l) cache files, want 2"
# Both files hold the roster's names (the databases as literals, the policy
# file as the roster itself): private files in a private folder, as
# DESIGN.md asks of the roster and compiled caches.
checks=$((checks + 1))
[ "$(stat -c %a "$TMP/cache")" = 700 ] || fail "the cache folder is $(stat -c %a "$TMP/cache"), want 700"
for f in "$TMP"/cache/*; do
  checks=$((checks + 1))
  [ "$(stat -c %a "$f")" = 600 ] || fail "$(basename "$f") is mode $(stat -c %a "$f"), want 600"
done
inodes() { stat -c %i "$TMP"/cache/*; }
inodes >"$TMP/inodes"
scan_samples "$TMP/warm.jsonl"
checks=$((checks + 1))
# Stored files are renamed into place: the same inodes mean the warm start
# read both files instead of parsing, compiling and storing again.
inodes | cmp -s - "$TMP/inodes" || fail "the warm start did not load the cached policy and database"
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
files() { ls "$TMP/pack-cache" | grep -c '^db-.*\.hsdb$'; }
policy_files() { ls "$TMP/pack-cache" | grep -c '^policy-.*\.pcpol$'; }
found() { grep -c "\"rule\":\"$1\"" "$2"; }
scan_pack "$TMP/p1" --roster "$TMP/roster1.csv"
scan_pack "$TMP/p1again" --roster "$TMP/roster1.csv"
checks=$((checks + 1))
[ "$(files)" -eq 1 ] && [ "$(policy_files)" -eq 1 ] ||
  fail "the same inputs twice gave $(files) database and $(policy_files) policy files, want 1 and 1"
checks=$((checks + 1))
cmp -s "$TMP/p1" "$TMP/p1again" || fail "the pack's cached start differs from its cold one"
checks=$((checks + 1))
[ "$(grep -c '"rule":"t/word"' "$TMP/p1")" -eq 1 ] || fail "want one word found before the lexicon changes"

# The lexicon is read by the loader, not named on the command line: the
# policy file records its hash, and a change makes the start parse again
# (and store the policy anew under the same key).
policy_inode=$(stat -c %i "$TMP"/pack-cache/policy-*.pcpol)
printf 'zorbly\nplinth\n' >"$TMP/pack/words.txt"
scan_pack "$TMP/p2" --roster "$TMP/roster1.csv"
checks=$((checks + 1))
[ "$(files)" -eq 2 ] || fail "a changed lexicon did not change the database cache key ($(files) files)"
checks=$((checks + 1))
[ "$(stat -c %i "$TMP"/pack-cache/policy-*.pcpol)" != "$policy_inode" ] || fail "a changed lexicon did not reload the policy"
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
checks=$((checks + 1))
[ "$(policy_files)" -eq 3 ] || fail "want a policy file per set of inputs (3), got $(policy_files)"

# The same roster path with other pupils in it: the file's hash is checked.
printf 'Forename,Surname\nWilberforce,Zebedee\n' >"$TMP/roster2.csv"
scan_pack "$TMP/p5" --roster "$TMP/roster2.csv" --var staff=Jones
checks=$((checks + 1))
[ "$(found t/pupil "$TMP/p5")" -eq 0 ] || fail "a pupil taken out of the roster was still found"
printf 'zorbly and plinth; Hale and Jones; Tamsin and Orlaith and Wilberforce Zebedee.\n' >"$TMP/text.txt"
scan_pack "$TMP/p5" --roster "$TMP/roster2.csv" --var staff=Jones
checks=$((checks + 1))
[ "$(found t/pupil "$TMP/p5")" -ge 1 ] || fail "the changed roster's pupil was not found"

# A changed user pack: its new rule is found; then a mistake in it is
# reported with file:line:column, cache or no cache.
sed -i 's/message: a word/message: a changed word/' "$TMP/pack/t.yaml"
scan_pack "$TMP/p6" --roster "$TMP/roster2.csv" --var staff=Jones
checks=$((checks + 1))
grep -q '"message":"a changed word"' "$TMP/p6" || fail "a changed pack was served from the cache"
cp "$TMP/pack/t.yaml" "$TMP/pack/good.yaml"
sed -i '0,/    kind: terms$/s//    kind: termz/' "$TMP/pack/t.yaml"
expect_exit 2 "a pack with a mistake after cached starts" -- \
  "$PC" --no-config --no-default-policy --policy "$TMP/pack/t.yaml" --cache-dir "$TMP/pack-cache" "$TMP/text.txt"
expect_contains "$TMP/err" "t.yaml:9:11: rule t/word: unknown kind 'termz'"
cp "$TMP/pack/good.yaml" "$TMP/pack/t.yaml"

# The project config's choice of built-in packs shapes the policy too
# (its rule settings are applied again to each finding).
mkdir -p "$TMP/project"
printf 'email me at tamsin.q@gmail.com, you twat\n' >"$TMP/project/text.txt"
scan_project() {  # OUT
  "$PC" --cache-dir "$TMP/cache" --fail-on never --format jsonl "$TMP/project/text.txt" >"$1" 2>"$TMP/err"
}
printf 'builtin: [personal-data]\n' >"$TMP/project/.policycheck.yaml"
scan_project "$TMP/c1"
scan_project "$TMP/c1again"
printf 'builtin: [abuse]\n' >"$TMP/project/.policycheck.yaml"
scan_project "$TMP/c2"
checks=$((checks + 1))
[ "$(found personal-data/email "$TMP/c1")" -eq 1 ] && cmp -s "$TMP/c1" "$TMP/c1again" ||
  fail "the config's packs were not kept by the cached start"
checks=$((checks + 1))
[ "$(found personal-data/email "$TMP/c2")" -eq 0 ] && [ "$(grep -c '"rule":"abuse/' "$TMP/c2")" -ge 1 ] ||
  fail "the changed config's packs were not used"

# A corrupt or cut-short policy file is ignored and replaced.
for f in "$TMP"/pack-cache/policy-*.pcpol; do head -c 100 "$f" >"$f.tmp" && mv "$f.tmp" "$f"; done
scan_pack "$TMP/p7" --roster "$TMP/roster2.csv" --var staff=Jones
scan_pack "$TMP/p7again" --roster "$TMP/roster2.csv" --var staff=Jones
checks=$((checks + 1))
cmp -s "$TMP/p6" "$TMP/p7" && cmp -s "$TMP/p6" "$TMP/p7again" || fail "a cut-short policy file changed the findings"
finish
