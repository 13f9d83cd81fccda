#!/usr/bin/env bash
# Every sample in corpus/samples through the CLI: format detection, record
# ids, file:line:column and byte offsets, compared with golden output; the
# same output whatever --jobs says; damaged archives reported with file and
# line while the rest is scanned; .policycheckignore and binary files.
source "$(dirname "$0")/lib.sh" "$@"

POLICY=(--no-default-policy --policy "$SRC/tests/cli/readers/policy.yaml")
SAMPLES=corpus/samples

# Golden: findings of every sample, as JSON Lines (relative paths, fixed key).
expect_exit 1 "samples" -- "$PC" "${POLICY[@]}" --format jsonl -j 2 "$SAMPLES"
cp "$TMP/out" "$TMP/samples.jsonl"
expect_golden readers-samples.jsonl "$TMP/samples.jsonl"

# Deterministic order: one thread gives the same bytes as four.
expect_exit 1 "samples -j1" -- "$PC" "${POLICY[@]}" --format jsonl -j 1 "$SAMPLES"
cmp -s "$TMP/out" "$TMP/samples.jsonl" || fail "output with -j 1 differs from -j 2"
expect_exit 1 "samples -j4" -- "$PC" "${POLICY[@]}" --format jsonl -j 4 "$SAMPLES"
cmp -s "$TMP/out" "$TMP/samples.jsonl" || fail "output with -j 4 differs from -j 2"

# Text output names file:line:column and the record, and ends with the breakdown.
expect_exit 1 "text" -- "$PC" "${POLICY[@]}" "$SAMPLES/whatsapp/android-class-parents.txt"
expect_contains "$TMP/out" "corpus/samples/whatsapp/android-class-parents.txt:5:12: error t/phone: phone"
expect_contains "$TMP/out" "record: message 3 by +44 7700 900876 at 2024-03-21T08:15"
expect_contains "$TMP/out" "By rule: t/phone 1"

# --input-format overrides detection: the Markdown file read as plain text
# keeps the phone number inside the code block.
expect_exit 1 "markdown" -- "$PC" "${POLICY[@]}" --format jsonl "$SAMPLES/newsletters/spring-newsletter.md"
expect_not_contains "$TMP/out" '"line":12'
expect_exit 1 "markdown as text" -- "$PC" "${POLICY[@]}" --format jsonl --input-format text \
  "$SAMPLES/newsletters/spring-newsletter.md"
expect_contains "$TMP/out" '"line":12'

# CSV column and JSON field options.
printf 'ref,notes\nA1,"call 07700 900123"\n' >"$TMP/c.csv"
expect_exit 2 "csv without a text column" -- "$PC" "${POLICY[@]}" "$TMP/c.csv"
expect_contains "$TMP/err" "c.csv:1: error: no column named text, comment, message or body"
expect_exit 1 "csv --text-column" -- "$PC" "${POLICY[@]}" --format jsonl --text-column notes --id-field ref "$TMP/c.csv"
expect_contains "$TMP/out" '"record":{"id":"A1","field":"notes"},"line":2,"column":10'

# A truncated archive: the error names file and line, earlier records are
# scanned, and a good file after it in the batch still is.
head -c 700 "$SAMPLES/facebook/comments.json" >"$TMP/truncated.json"
printf 'ring 07700 900123\n' >"$TMP/z-good.txt"
expect_exit 2 "truncated facebook" -- "$PC" "${POLICY[@]}" --format jsonl "$TMP/truncated.json" "$TMP/z-good.txt"
expect_contains "$TMP/err" "truncated.json:"
expect_contains "$TMP/err" "invalid JSON"
expect_contains "$TMP/out" '"id":"comments_v2[0]"'
expect_contains "$TMP/out" 'z-good.txt'

# A damaged entry in the middle of a streamed export: the error names file,
# line and record; entries before and after it are scanned.
{ printf '{\n  "comments_v2": [\n'
  for i in 1 2 3; do
    [ "$i" = 1 ] || printf ',\n'
    text="entry $i ring 07700 90012$i\""
    [ "$i" = 2 ] && text="entry 2 ring 07700 900122"  # its closing quote is lost
    printf '    {\n      "data": [{"comment": {"comment": "%s}}],\n      "title": "t"\n    }' "$text"
  done
  printf '\n  ]\n}\n'; } >"$TMP/damaged.json"
expect_exit 2 "damaged facebook entry" -- "$PC" "${POLICY[@]}" --input-format facebook "$TMP/damaged.json"
expect_contains "$TMP/err" "damaged.json:8: error: invalid JSON: unterminated string"
expect_contains "$TMP/err" "in record 1 of \"comments_v2\", which starts on line 7"
expect_contains "$TMP/out" "damaged.json:4:"
expect_contains "$TMP/out" "damaged.json:12:"
expect_not_contains "$TMP/out" "damaged.json:8:"

# An iOS WhatsApp export as its ZIP: located inside _chat.txt, attachments noted.
expect_exit 1 "whatsapp zip" -- "$PC" "${POLICY[@]}" "$SAMPLES/whatsapp/ios-export.zip"
expect_contains "$TMP/out" "corpus/samples/whatsapp/ios-export.zip:2:60: error t/phone: phone"
expect_contains "$TMP/out" "record: _chat.txt message 2 by Idris Mum"
expect_contains "$TMP/err" "1 attachment (media) in the ZIP was not screened"

# Folders: .policycheckignore (gitignore syntax) and binary files.
mkdir -p "$TMP/tree/drafts" "$TMP/tree/keep" "$TMP/tree/sub"
printf 'ring 07700 900111\n' >"$TMP/tree/drafts/a.txt"
printf 'ring 07700 900222\n' >"$TMP/tree/keep/b.md"
printf 'ring 07700 900333\n' >"$TMP/tree/keep/c.log"
printf 'ring 07700 900444\n' >"$TMP/tree/keep/important.log"
printf 'ring 07700 900555\n' >"$TMP/tree/sub/d.txt"
printf '\x00\x01\x02binary 07700 900666' >"$TMP/tree/keep/e.bin"
printf '# drafts are not published\ndrafts/\n*.log\n!important.log\n' >"$TMP/tree/.policycheckignore"
printf '/d.txt\n' >"$TMP/tree/sub/.policycheckignore"
expect_exit 1 "ignore files" -- "$PC" "${POLICY[@]}" --format jsonl "$TMP/tree"
expect_not_contains "$TMP/out" "900111"
expect_not_contains "$TMP/out" "c.log"
expect_contains "$TMP/out" "important.log"
expect_contains "$TMP/out" "b.md"
expect_not_contains "$TMP/out" "d.txt"
expect_contains "$TMP/err" "e.bin: notice: binary file skipped"
expect_exit 1 "--no-ignore" -- "$PC" "${POLICY[@]}" --format jsonl --no-ignore "$TMP/tree"
expect_contains "$TMP/out" "drafts/a.txt"
expect_contains "$TMP/out" "sub/d.txt"

finish
