#!/usr/bin/env bash
# The bad-input matrix: inputs, policies, configs and rosters that are broken,
# hostile or just enormous. Each must get a clear message naming the file and
# the cause, exit 2 where it is an error, never crash or hang, stay within
# bounded time and memory, and leave the rest of the batch scanned: a good
# file named after the bad one must still show its finding.
#
# Everything big is generated here at run time under $TMP (never committed).
source "$(dirname "$0")/lib.sh" "$@"

GOOD="$TMP/good.txt"
printf 'Please ring me on 07700 900123 after school.\n' >"$GOOD"
GOOD_FINDING="$GOOD:1:19: error personal-data/phone-uk"

# An ASan/UBSan build (scripts/ci-hardening.sh) uses more memory and time for
# the same work: the bounds below are for a normal build and are relaxed there.
# ctest sets POLICYCHECK_SANITIZED in such a tree (clang links the ASan
# runtime statically, so ldd cannot tell); ldd catches a gcc one run by hand.
if [ "${POLICYCHECK_SANITIZED:-0}" = 1 ] || ldd "$PC" 2>/dev/null | grep -q libasan; then SANITIZED=1; else SANITIZED=0; fi
SECONDS_LIMIT=60
[ "$SANITIZED" = 1 ] && SECONDS_LIMIT=300

# run_limited COMMAND...: like running it, but killed after SECONDS_LIMIT
# (exit 124, which no expectation accepts) and with its peak RSS in KiB left
# in $TMP/rss.
run_limited() {
  /usr/bin/time -f %M -o "$TMP/rss" timeout -k 5 "$SECONDS_LIMIT" "$@"
}

# expect_rss_below MIB WHAT: the last run_limited command's peak memory.
expect_rss_below() {
  checks=$((checks + 1))
  [ "$SANITIZED" = 1 ] && return  # shadow memory makes the figure meaningless
  local kib
  kib=$(tail -1 "$TMP/rss")
  [ "$kib" -lt $(($1 * 1024)) ] || fail "$2: peak RSS $((kib / 1024)) MiB, want < $1 MiB"
}

# expect_batch CODE WHAT BAD CAUSE [OPTIONS...]: screens BAD then the good
# file; wants exit CODE, a message naming BAD with CAUSE, and the good file's
# finding (the batch went on).
expect_batch() {
  local want="$1" what="$2" bad="$3" cause="$4"
  shift 4
  expect_exit "$want" "$what" -- run_limited "$PC" "$@" "$bad" "$GOOD"
  expect_contains "$TMP/err" "policycheck: "
  expect_contains "$TMP/err" "$bad"
  expect_contains "$TMP/err" "$cause"
  expect_contains "$TMP/out" "$GOOD_FINDING"
}

# --- Bytes that are not clean text -------------------------------------------

# Invalid UTF-8 is repaired for scanning, with a notice; findings still point
# at the right column of the original bytes.
printf 'caf\xe9 \xff ring 07700 900123\n' >"$TMP/latin1.txt"
expect_batch 1 "invalid UTF-8" "$TMP/latin1.txt" "invalid UTF-8 replaced by U+FFFD"
expect_contains "$TMP/out" "$TMP/latin1.txt:1:13: error personal-data/phone-uk"

# NUL bytes mark a binary file: skipped with a notice, not an error.
printf 'ring 07700 900123\0\0\0\n' >"$TMP/nul.txt"
expect_batch 1 "NUL bytes" "$TMP/nul.txt" "binary file skipped"
# ...also inside a JSON Lines archive, where the first line is clean.
{ printf '{"id":"1","text":"hello"}\n'; printf '{"id":"2","text":"a\0b"}\n'; } >"$TMP/nul.jsonl"
expect_exit 1 "NUL byte in JSON Lines" -- run_limited "$PC" "$TMP/nul.jsonl" "$GOOD"
expect_contains "$TMP/out" "$GOOD_FINDING"

# Empty files: nothing to report, in every input format; an archive format
# that needs content says so.
: >"$TMP/empty"
expect_exit 1 "0-byte file" -- run_limited "$PC" "$TMP/empty" "$GOOD"
expect_contains "$TMP/out" "$GOOD_FINDING"
# --input-format applies to every file named, so each format gets the empty
# file alone: nothing found (exit 0) or an error naming it (exit 2).
for format in $("$PC" check --help | sed -n 's/.*--input-format[^{]*{\([^}]*\)}.*/\1/p' | tr ',' ' '); do
  run_limited "$PC" --input-format "$format" "$TMP/empty" >"$TMP/out" 2>"$TMP/err"
  code=$?
  checks=$((checks + 1))
  case "$code" in
    0) ;;
    2) grep -qF "$TMP/empty" "$TMP/err" || fail "empty file as $format: exit 2 without naming the file" ;;
    *) fail "empty file as $format: exit $code"; head -3 "$TMP/err" ;;
  esac
done

# --- Size ----------------------------------------------------------------------

# A 200 MB single line: as plain text and as JSON Lines a line longer than
# a record may be (--max-record-size): skipped, and the records after it
# are read. Both in bounded memory.
head -c 200000000 /dev/zero | tr '\0' 'a' >"$TMP/line.txt"
expect_batch 2 "200 MB single line (text)" "$TMP/line.txt" "--max-record-size"
expect_rss_below 150 "200 MB single line (text)"
{ printf '{"text":"'; cat "$TMP/line.txt"; printf '"}\n{"text":"ring 07700 900123"}\n'; } >"$TMP/line.jsonl"
rm -f "$TMP/line.txt"
expect_batch 2 "200 MB single line (JSON Lines)" "$TMP/line.jsonl" "line longer than"
expect_rss_below 300 "200 MB single line (JSON Lines)"
expect_contains "$TMP/out" "$TMP/line.jsonl:2:"
rm -f "$TMP/line.jsonl"
# The same line through a pipe: stdin is measured as it is read.
expect_exit 2 "200 MB line on stdin" -- run_limited bash -c \
  "head -c 200000000 /dev/zero | tr '\\0' 'a' | '$PC' - '$GOOD'"
expect_contains "$TMP/err" "<stdin>"
expect_contains "$TMP/err" "--max-record-size"
expect_contains "$TMP/out" "$GOOD_FINDING"
expect_rss_below 300 "200 MB line on stdin"

# --max-file-size refuses a document read whole before reading it (the good
# file is smaller, and plain text streams anyway).
{ printf '<p>'; head -c 1000 /dev/zero | tr '\0' 'x'; printf '</p>\n'; } >"$TMP/kilobyte.html"
expect_batch 2 "--max-file-size" "$TMP/kilobyte.html" "--max-file-size" --max-file-size 100

# Many findings in one file stop at --max-findings-per-file, with a notice;
# the exit code still reflects them.
for i in $(seq 1 300); do echo "ring 07700 900123 or 07700 900456"; done >"$TMP/many.txt"
expect_exit 1 "--max-findings-per-file" -- run_limited "$PC" --format jsonl --max-findings-per-file 100 \
  "$TMP/many.txt" "$GOOD"
checks=$((checks + 1))
[ "$(grep -c "many.txt" "$TMP/out")" -eq 100 ] || fail "--max-findings-per-file 100 kept $(grep -c many.txt "$TMP/out")"
expect_contains "$TMP/err" "$TMP/many.txt"
expect_contains "$TMP/err" "--max-findings-per-file"
expect_contains "$TMP/out" "\"path\":\"$GOOD\""

# --- Structure -------------------------------------------------------------------

# Deeply nested JSON: a parse error naming the line, not a stack overflow.
{ printf '{"text":"fine"}\n'; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'
  printf '\n{"text":"ring 07700 900123"}\n'; } >"$TMP/deep.jsonl"
expect_batch 2 "deeply nested JSON Lines" "$TMP/deep.jsonl" "$TMP/deep.jsonl:2:"
expect_contains "$TMP/out" "$TMP/deep.jsonl:3:"
{ printf '{"comments_v2":'; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'
  printf '}\n'; } >"$TMP/deep.json"
expect_batch 2 "deeply nested JSON archive" "$TMP/deep.json" "$TMP/deep.json"
{ printf '{"a":'; for i in $(seq 1 5000); do printf '{"a":'; done; printf '1'
  for i in $(seq 1 5001); do printf '}'; done; printf '\n'; } >"$TMP/deep-objects.jsonl"
# (The text field is found without descending into the nesting: no error.)
expect_exit 1 "deeply nested JSON objects" -- run_limited "$PC" "$TMP/deep-objects.jsonl" "$GOOD"
expect_contains "$TMP/out" "$GOOD_FINDING"

# Deeply nested HTML and Markdown: parsed without recursion trouble.
{ for i in $(seq 1 20000); do printf '<div>'; done; printf 'ring 07700 900123'; } >"$TMP/deep.html"
expect_exit 1 "deeply nested HTML" -- run_limited "$PC" "$TMP/deep.html" "$GOOD"
expect_contains "$TMP/out" "$TMP/deep.html:1:"
expect_contains "$TMP/out" "$GOOD_FINDING"
{ for i in $(seq 1 20000); do printf '> '; done; printf 'ring 07700 900123\n'; } >"$TMP/deep.md"
expect_exit 1 "deeply nested Markdown" -- run_limited "$PC" "$TMP/deep.md" "$GOOD"
expect_contains "$TMP/out" "$GOOD_FINDING"

# --- Policies and configs ------------------------------------------------------

# "Billion laughs": aliases that expand a few KiB of YAML into gigabytes.
laughs() {  # laughs KEY-PREFIX: nine levels of ten aliases each
  printf '%slol0: &l0 "%s"\n' "$1" "$(head -c 1000 /dev/zero | tr '\0' 'l')"
  for i in $(seq 1 9); do
    printf '%slol%d: &l%d [' "$1" "$i" "$i"
    for j in $(seq 1 10); do printf '*l%d, ' $((i - 1)); done
    printf '*l%d]\n' $((i - 1))
  done
}
{ printf 'pack: bomb\nvariables:\n'; laughs '  '; printf 'rules:\n  - id: bomb/a\n    kind: terms\n    message: m\n    terms: *l9\n'; } >"$TMP/bomb.yaml"
expect_exit 2 "YAML alias bomb in a policy" -- run_limited "$PC" --policy "$TMP/bomb.yaml" "$GOOD"
expect_contains "$TMP/err" "$TMP/bomb.yaml"
expect_contains "$TMP/err" "YAML aliases"
expect_rss_below 200 "YAML alias bomb in a policy"
# A long anchored string referenced many times: quadratic rather than
# exponential, and just as deadly.
{ printf 'pack: wide\nvariables:\n  big: &big "%s"\n  many: [' "$(head -c 100000 /dev/zero | tr '\0' 'w')"
  for i in $(seq 1 20000); do printf '*big, '; done; printf '*big]\nrules: []\n'; } >"$TMP/wide.yaml"
expect_exit 2 "YAML alias fan-out in a policy" -- run_limited "$PC" --policy "$TMP/wide.yaml" "$GOOD"
expect_contains "$TMP/err" "$TMP/wide.yaml"
expect_contains "$TMP/err" "YAML aliases"
expect_rss_below 200 "YAML alias fan-out in a policy"
# A cycle: an anchor used inside itself.
printf 'pack: loop\nvariables:\n  a: &a [x, *a]\nrules: []\n' >"$TMP/cycle.yaml"
expect_exit 2 "YAML alias cycle in a policy" -- run_limited "$PC" --policy "$TMP/cycle.yaml" "$GOOD"
expect_contains "$TMP/err" "$TMP/cycle.yaml"
# The same bomb in a project config.
mkdir -p "$TMP/project"
{ laughs ''; printf 'variables:\n  school_names: *l9\n'; } >"$TMP/project/.policycheck.yaml"
cp "$GOOD" "$TMP/project/good.txt"
expect_exit 2 "YAML alias bomb in .policycheck.yaml" -- run_limited "$PC" "$TMP/project/good.txt"
expect_contains "$TMP/err" "$TMP/project/.policycheck.yaml"
expect_contains "$TMP/err" "YAML aliases"
expect_rss_below 200 "YAML alias bomb in .policycheck.yaml"
expect_exit 2 "YAML alias bomb via --config" -- run_limited "$PC" --config "$TMP/project/.policycheck.yaml" "$GOOD"
expect_contains "$TMP/err" "YAML aliases"
rm -rf "$TMP/project"

# Huge YAML: refused by size before it is parsed; a big but legal pack loads.
{ printf 'pack: huge\ndescription: "'; head -c 20000000 /dev/zero | tr '\0' 'd'; printf '"\nrules: []\n'; } >"$TMP/huge.yaml"
expect_exit 2 "20 MB policy" -- run_limited "$PC" --policy "$TMP/huge.yaml" "$GOOD"
expect_contains "$TMP/err" "$TMP/huge.yaml"
expect_contains "$TMP/err" "larger than the limit"
expect_rss_below 200 "20 MB policy"
{ printf 'pack: big\nrules:\n  - id: big/terms\n    kind: terms\n    message: m\n    terms:\n'
  for i in $(seq 1 20000); do printf '      - zqxterm%d\n' "$i"; done
  printf '      - ring\n'; } >"$TMP/big.yaml"
expect_exit 1 "big legal policy" -- run_limited "$PC" --no-cache --no-default-policy --policy "$TMP/big.yaml" "$GOOD"
expect_contains "$TMP/out" "$GOOD:1:8: error big/terms"
expect_exit 2 "policy from /dev/zero" -- run_limited "$PC" --policy /dev/zero "$GOOD"
expect_contains "$TMP/err" "/dev/zero"

# Patterns that keep Hyperscan's compiler busy (400 wide bounded repeats
# take some 20 s): refused at --compile-timeout, with the reason.
{ printf 'pack: slow\nrules:\n  - id: slow/a\n    kind: pattern\n    message: m\n    patterns:\n'
  for i in $(seq 1 400); do printf "      - '[a-z]{0,900}x%d[a-z]{0,900}y'\n" "$i"; done; } >"$TMP/slow.yaml"
SECONDS=0
expect_exit 2 "Hyperscan compile blow-up" -- run_limited "$PC" --no-cache --no-default-policy --compile-timeout 3 \
  --policy "$TMP/slow.yaml" "$GOOD"
expect_contains "$TMP/err" "--compile-timeout"
checks=$((checks + 1))
[ "$SECONDS" -lt 30 ] || fail "Hyperscan compile blow-up: took ${SECONDS}s with --compile-timeout 3"

# A roster with a million rows: a clear refusal in bounded time and memory,
# never a pupil's name in the message.
# (Names of letters only: digits would make every row an error instead.)
{ printf 'Forename,Surname\n'
  awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "Zqxpupil%d,Zqxsurname%d\n", i, i }' | tr '0-9' 'a-j'; } >"$TMP/roster.csv"
SECONDS=0
expect_exit 2 "roster with a million rows" -- run_limited "$PC" --no-cache --compile-timeout 20 \
  --roster "$TMP/roster.csv" "$GOOD"
expect_contains "$TMP/err" "$TMP/roster.csv"
expect_contains "$TMP/err" "more than 100000 pupils"
expect_not_contains "$TMP/err" "Zqxpupil"
checks=$((checks + 1))
[ "$SECONDS" -lt 30 ] || fail "roster with a million rows: refused after ${SECONDS}s"
expect_rss_below 1500 "roster with a million rows"
rm -f "$TMP/roster.csv"
expect_exit 2 "roster from /dev/zero" -- run_limited "$PC" --roster /dev/zero "$GOOD"
expect_contains "$TMP/err" "/dev/zero"

# --- Paths that are not files ----------------------------------------------------

expect_batch 2 "missing path" "$TMP/no-such-file.txt" "no such file or folder"
ln -s "$TMP/nowhere.txt" "$TMP/dangling.txt"
expect_batch 2 "broken symlink" "$TMP/dangling.txt" "broken symbolic link"
ln -s "$TMP/loop-b" "$TMP/loop-a"
ln -s "$TMP/loop-a" "$TMP/loop-b"
expect_batch 2 "symlink loop" "$TMP/loop-a" "symbolic link loop"
# A folder holding a symlink to itself and a broken link: no endless
# recursion, the real file once.
mkdir -p "$TMP/tree/sub"
cp "$GOOD" "$TMP/tree/sub/inner.txt"
ln -s .. "$TMP/tree/sub/up"
ln -s "$TMP/nowhere.txt" "$TMP/tree/sub/dangling.txt"
expect_exit 1 "folder with a symlink loop" -- run_limited "$PC" "$TMP/tree"
checks=$((checks + 1))
[ "$(grep -c "inner.txt" "$TMP/out")" -eq 1 ] || fail "folder with a symlink loop: inner.txt reported $(grep -c inner.txt "$TMP/out") times"

# A FIFO is read as a stream; one with no writer is an empty input.
mkfifo "$TMP/fifo"
(printf 'ring 07700 900123\n' >"$TMP/fifo") &
expect_exit 1 "FIFO with a writer" -- run_limited "$PC" "$TMP/fifo" "$GOOD"
expect_contains "$TMP/out" "$TMP/fifo:1:6: error personal-data/phone-uk"
expect_contains "$TMP/out" "$GOOD_FINDING"
wait
rm -f "$TMP/fifo"
mkfifo "$TMP/fifo"
expect_exit 1 "FIFO with no writer" -- run_limited "$PC" "$TMP/fifo" "$GOOD"
expect_contains "$TMP/out" "$GOOD_FINDING"

# Devices are refused, never read: /dev/zero would never end.
expect_batch 2 "/dev/zero" /dev/zero "not a regular file"
expect_batch 2 "/dev/urandom" /dev/urandom "not a regular file"
expect_exit 2 "a folder as --policy" -- run_limited "$PC" --policy "$TMP/tree" "$GOOD"
# stdin that keeps coming is streamed: plain text is cut into records
# between paragraphs, so memory stays flat however much arrives. (A line
# that never ends is cut at the record limit: "200 MB line on stdin" above.)
expect_exit 0 "100 MB of text on stdin" -- run_limited bash -c \
  "yes 'Lovely photos from sports day, thank you all.' | head -c 100000000 | '$PC' --max-record-size 1000000 -"
expect_rss_below 150 "100 MB of text on stdin"

# --- Files that change while they are read ----------------------------------------

# A file that keeps growing: read as it was when opened, with a notice.
printf 'ring 07700 900123\n' >"$TMP/growing.txt"
(for i in $(seq 1 200000); do echo "more text 07700 900456" || break; done >>"$TMP/growing.txt") &
writer=$!
run_limited "$PC" "$TMP/growing.txt" "$GOOD" >"$TMP/out" 2>"$TMP/err"
code=$?
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
checks=$((checks + 1))
case "$code" in 1|2) ;; *) fail "growing file: exit $code" ;; esac
expect_contains "$TMP/out" "$TMP/growing.txt:1:6: error personal-data/phone-uk"
expect_contains "$TMP/out" "$GOOD_FINDING"
# A file truncated while it is read (a log being rotated) still ends cleanly.
for i in $(seq 1 100000); do echo '{"text":"ring 07700 900123"}'; done >"$TMP/shrinking.jsonl"
(sleep 0.05; : >"$TMP/shrinking.jsonl") &
run_limited "$PC" --format jsonl "$TMP/shrinking.jsonl" "$GOOD" >"$TMP/out" 2>"$TMP/err"
code=$?
wait
checks=$((checks + 1))
case "$code" in 0|1|2) ;; *) fail "truncated file: exit $code" ;; esac
expect_contains "$TMP/out" "\"path\":\"$GOOD\""

finish
