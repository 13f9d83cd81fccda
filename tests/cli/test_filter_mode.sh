#!/usr/bin/env bash
# Filter mode: JSON Lines records on stdin, findings as JSON Lines on stdout,
# each carrying its record's id; the README's GNU parallel recipe gives the
# same findings as one process; a record's findings come out before the
# input ends (flushed per record), so the filter works in a long-lived pipe.
source "$(dirname "$0")/lib.sh" "$@"

POLICY=(--no-default-policy --policy "$SRC/tests/cli/readers/policy.yaml")
FILTER=("$PC" "${POLICY[@]}" --input-format jsonl --format jsonl --fail-on never -)

# 3000 records, every 100th with a phone number.
for i in $(seq 1 3000); do
  if [ $((i % 100)) -eq 0 ]; then
    printf '{"id":"r%d","text":"Lost coat, ring 07700 9%05d"}\n' "$i" "$i"
  else
    printf '{"id":"r%d","text":"Lovely photos from sports day number %d"}\n' "$i" "$i"
  fi
done >"$TMP/records.jsonl"

expect_exit 0 "filter" -- "${FILTER[@]}" <"$TMP/records.jsonl"
cp "$TMP/out" "$TMP/single.jsonl"
[ "$(wc -l <"$TMP/single.jsonl")" -eq 30 ] || fail "filter: want 30 findings, got $(wc -l <"$TMP/single.jsonl")"
expect_contains "$TMP/single.jsonl" '"path":"<stdin>","record":{"id":"r100","field":"text"}'
expect_contains "$TMP/single.jsonl" '"record":{"id":"r3000"'

# The README recipe: GNU parallel splits stdin on record (line) boundaries.
if command -v parallel >/dev/null 2>&1; then
  checks=$((checks + 1))
  parallel --will-cite --pipe --block 20k -j 4 "${FILTER[@]}" <"$TMP/records.jsonl" >"$TMP/parallel.jsonl" 2>"$TMP/err" \
    || fail "parallel exited $?: $(head -3 "$TMP/err")"
  # Chunks finish in any order: compare the findings' record ids, sorted.
  ids() { grep -o '"record":{"id":"[^"]*"' "$1" | sort; }
  [ "$(ids "$TMP/parallel.jsonl")" = "$(ids "$TMP/single.jsonl")" ] || fail "parallel findings differ from one process"
else
  fail "GNU parallel is not installed (scripts/setup.sh installs it)"
fi

# Flushed per record: the first finding is on stdout while stdin is still open.
checks=$((checks + 1))
fifo="$TMP/in.fifo"
mkfifo "$fifo"
"${FILTER[@]}" <"$fifo" >"$TMP/live.jsonl" 2>"$TMP/live.err" &
pid=$!
exec 3>"$fifo"
printf '{"id":"first","text":"ring 07700 900123"}\n' >&3
seen=0
for _ in $(seq 1 100); do
  if grep -q '"id":"first"' "$TMP/live.jsonl" 2>/dev/null; then seen=1; break; fi
  sleep 0.1
done
exec 3>&-
wait "$pid"
[ "$seen" = 1 ] || fail "filter mode did not answer the first record before its input ended"

finish
