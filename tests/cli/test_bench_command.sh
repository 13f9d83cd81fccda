#!/usr/bin/env bash
# policycheck bench: the shape of its report and the counts in it (records,
# findings, bytes), never its timings.
source "$(dirname "$0")/lib.sh" "$@"

# A small policy and a corpus whose findings are known: 5 lines, 3 hits.
printf 'pack: p\nrules:\n  - id: p/fruit\n    kind: terms\n    message: m\n    terms: [apple, pear]\n' >"$TMP/p.yaml"
printf 'an apple a day\nnothing here\npear and apple\n\npineapple is not a word match\n' >"$TMP/corpus.txt"
bytes=$(wc -c <"$TMP/corpus.txt")

expect_exit 0 "bench --lines, text" -- "$PC" bench --lines --no-default-policy --policy "$TMP/p.yaml" -j 2 "$TMP/corpus.txt"
cp "$TMP/out" "$TMP/text.out"
expect_contains "$TMP/text.out" "corpus: 1 file, 0.0 MB, 5 records (one per line)"
expect_contains "$TMP/text.out" "policy: 1 rules, "
expect_contains "$TMP/text.out" " ms from cache, "
expect_contains "$TMP/text.out" " ms cold (parse and compile)"
for header in "pass" "wall s" "CPU s" "GB/s wall" "GB/s CPU" "findings"; do
  expect_contains "$TMP/text.out" "$header"
done
expect_contains "$TMP/text.out" "read only"
expect_contains "$TMP/text.out" "peak RSS: "
# Both scan passes report all 3 findings.
checks=$((checks + 1))
[ "$(grep -cE '^scan, (1 thread|2 threads) .* 3$' "$TMP/text.out")" -eq 2 ] ||
  { fail "scan rows with 3 findings"; cat "$TMP/text.out"; }

expect_exit 0 "bench --lines, json" -- "$PC" bench --lines --format json --no-default-policy --policy "$TMP/p.yaml" -j 2 "$TMP/corpus.txt"
cp "$TMP/out" "$TMP/json.out"
expect_contains "$TMP/json.out" "\"corpus\":{\"files\":1,\"bytes\":$bytes,\"records\":5,\"records_are\":\"lines\"}"
expect_contains "$TMP/json.out" "\"policy\":{\"rules\":1,\"patterns\":2,"
expect_contains "$TMP/json.out" "\"load_ms\":{\"cold\":"
expect_contains "$TMP/json.out" "{\"pass\":\"read only\",\"threads\":1,\"bytes\":$bytes,\"records\":5,\"findings\":null,"
expect_contains "$TMP/json.out" "{\"pass\":\"scan\",\"threads\":1,\"bytes\":$bytes,\"records\":5,\"findings\":3,"
expect_contains "$TMP/json.out" "{\"pass\":\"scan\",\"threads\":2,\"bytes\":$bytes,\"records\":5,\"findings\":3,"
expect_contains "$TMP/json.out" "\"peak_rss_kb\":"
for key in wall_s cpu_s gb_per_s_wall gb_per_s_cpu; do expect_contains "$TMP/json.out" "\"$key\":"; done
checks=$((checks + 1))
[ "$(wc -l <"$TMP/json.out")" -eq 1 ] || fail "json report is not one line"

# --repeat: the 1- and 2-thread passes run three times each; the report is
# the same shape, with the medians and the speed-up between them.
expect_exit 0 "bench --repeat 3, text" -- "$PC" bench --lines --repeat 3 --no-default-policy --policy "$TMP/p.yaml" -j 2 "$TMP/corpus.txt"
expect_contains "$TMP/out" "speed-up, 2 threads: "
expect_contains "$TMP/out" "x the 1-thread wall time (medians of 3 runs each)"
checks=$((checks + 1))
[ "$(grep -cE '^scan, (1 thread|2 threads) .* 3$' "$TMP/out")" -eq 2 ] || { fail "one median row per thread count"; cat "$TMP/out"; }
expect_exit 0 "bench --repeat 3, json" -- "$PC" bench --lines --repeat 3 --format json --no-default-policy --policy "$TMP/p.yaml" -j 2 "$TMP/corpus.txt"
expect_contains "$TMP/out" "\"repeat\":3,\"speed_up\":"
expect_not_contains "$TMP/out" "\"speed_up\":null"
expect_exit 2 "bench --repeat 0" -- "$PC" bench --lines --repeat 0 --no-default-policy --policy "$TMP/p.yaml" "$TMP/corpus.txt"

# A corpus of several MiB: the batches shrink towards its end (so two threads
# finish together) and every line must still be counted exactly once.
yes 'an apple a day, and nothing else to see in this line' | head -n 60000 >"$TMP/big.txt"
expect_exit 0 "bench --lines -j 2, 3 MB" -- "$PC" bench --lines --format json --no-default-policy --policy "$TMP/p.yaml" -j 2 "$TMP/big.txt"
expect_contains "$TMP/out" "{\"pass\":\"scan\",\"threads\":1,\"bytes\":3180000,\"records\":60000,\"findings\":60000,"
expect_contains "$TMP/out" "{\"pass\":\"scan\",\"threads\":2,\"bytes\":3180000,\"records\":60000,\"findings\":60000,"

# --no-cache: no cached load to time; one thread: no second scan pass.
expect_exit 0 "bench --no-cache -j 1" -- "$PC" bench --lines --no-cache -j 1 --format json --no-default-policy --policy "$TMP/p.yaml" "$TMP/corpus.txt"
expect_contains "$TMP/out" "\"cache\":null"
expect_not_contains "$TMP/out" "\"threads\":2"
expect_contains "$TMP/out" "\"repeat\":1,\"speed_up\":null"

# Without --lines files are read as check reads them: a pack finds in the
# sample drafts exactly what check reports there (one pack, not the whole
# built-in policy, so that bench's cold compile stays short).
pack=(--no-default-policy --policy rules/personal-data.yaml)
expect_exit 0 "bench drafts" -- "$PC" bench --format json -j 2 "${pack[@]}" corpus/drafts
cp "$TMP/out" "$TMP/drafts.json"
"$PC" check --format jsonl --fail-on never "${pack[@]}" corpus/drafts >"$TMP/check.jsonl" 2>/dev/null
findings=$(wc -l <"$TMP/check.jsonl")
checks=$((checks + 1))
[ "$findings" -gt 0 ] || fail "the drafts should hold personal data for this check to mean anything"
expect_contains "$TMP/drafts.json" "\"records_are\":\"files\""
expect_contains "$TMP/drafts.json" "\"findings\":$findings,"
expect_contains "$TMP/drafts.json" "\"corpus\":{\"files\":3,"

# Errors: stdin, a missing path, a broken policy.
expect_exit 2 "bench stdin" -- "$PC" bench -
expect_contains "$TMP/err" "not stdin"
expect_exit 2 "bench missing file" -- "$PC" bench "$TMP/no-such-file.txt"
printf 'pack: p\nrules:\n  - id: p/bad\n    kind: pattern\n    message: m\n    patterns: ["(unclosed"]\n' >"$TMP/bad.yaml"
expect_exit 2 "bench bad policy" -- "$PC" bench --no-default-policy --policy "$TMP/bad.yaml" "$TMP/corpus.txt"
expect_contains "$TMP/err" "p/bad"

finish
