#!/usr/bin/env bash
# Every report format against golden files, --fail-on semantics, config,
# suppressions, baselines, init and fix, on a small fixed policy so that the
# expected outputs do not move when the built-in packs improve.
# Usage: test_formats.sh POLICYCHECK SOURCE_DIR   (UPDATE_GOLDEN=1 rewrites them)
set -uo pipefail
bin=$1
src=$2
dir=$src/tests/cli/formats
export POLICYCHECK_FINGERPRINT_KEY=policycheck-golden-test-key
unset GITHUB_STEP_SUMMARY
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
policy=(--no-config --no-default-policy --policy "$dir/policy.yaml")

# Output that differs between machines or runs, made stable for comparison.
normalise() {
  sed -e "s|file://$dir/|file:///SOURCE/|" \
      -e 's|policycheck-[0-9a-f]\{32\}|policycheck-TOKEN|g' \
      -e 's|"version": "[^"]*"|"version": "VERSION"|' \
      -e 's|checkstyle version="policycheck [^"]*"|checkstyle version="policycheck VERSION"|' \
      -e 's|policycheck [0-9][0-9.]* \xC2\xB7|policycheck VERSION \xC2\xB7|'
}

compare() {  # name actual-file
  local golden=$dir/golden/$1
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    mkdir -p "$dir/golden"
    cp "$2" "$golden"
    return
  fi
  diff -u "$golden" "$2" >&2 || fail "$1 differs from its golden file"
}

cd "$dir" || exit 2
for format in text json sarif github junit gitlab checkstyle html; do
  "$bin" check "${policy[@]}" --format "$format" --fail-on never input/newsletter.md input/second.txt \
    > "$work/raw.$format" 2> "$work/err.$format"
  rc=$?
  [ $rc -eq 0 ] || fail "--format $format --fail-on never exited $rc: $(cat "$work/err.$format")"
  normalise < "$work/raw.$format" > "$work/report.$format"
  compare "report.$format" "$work/report.$format"
  # Redaction: no matched phone number or email may appear in any report.
  if grep -q -e '900123' -e 'jo.bloggs@' "$work/raw.$format" && [ "$format" != text ]; then
    fail "--format $format shows a match without --show-matches"
  fi
done

# --fail-on: 1 only for findings at or above the threshold, 0 otherwise.
expect_exit() {  # expected description args...
  local expected=$1 what=$2
  shift 2
  "$bin" "$@" > /dev/null 2>&1
  local rc=$?
  [ $rc -eq "$expected" ] || fail "$what: expected exit $expected, got $rc"
}
expect_exit 1 "error finding, default fail-on" check "${policy[@]}" input/second.txt
expect_exit 0 "error finding, fail-on never" check "${policy[@]}" --fail-on never input/second.txt
printf 'just email jo@example.com\n' > "$work/warning.txt"
expect_exit 0 "warning finding, default fail-on error" check "${policy[@]}" "$work/warning.txt"
expect_exit 1 "warning finding, fail-on warning" check "${policy[@]}" --fail-on warning "$work/warning.txt"
printf 'what rubbish\n' > "$work/info.txt"
expect_exit 0 "info finding, fail-on warning" check "${policy[@]}" --fail-on warning "$work/info.txt"
expect_exit 1 "info finding, fail-on info" check "${policy[@]}" --fail-on info "$work/info.txt"
expect_exit 2 "missing input beats findings" check "${policy[@]}" input/second.txt "$work/missing.txt"

# GitHub step summary.
GITHUB_STEP_SUMMARY=$work/summary.md "$bin" check "${policy[@]}" -f github --fail-on never input/second.txt > /dev/null
grep -q '^| error | `demo/phone` | input/second.txt:1:6 |' "$work/summary.md" || fail "no step summary table"

# Baselines: create, then only new findings are reported and fail.
"$bin" baseline create "${policy[@]}" -o "$work/baseline.json" input/newsletter.md input/second.txt 2> /dev/null \
  || fail "baseline create failed"
"$bin" baseline create "${policy[@]}" -o "$work/baseline2.json" input/second.txt input/newsletter.md 2> /dev/null
cmp -s "$work/baseline.json" "$work/baseline2.json" || fail "baseline bytes depend on the order of paths"
grep -q '"policycheck_baseline": 1' "$work/baseline.json" || fail "baseline has no version"
grep -q -e 900123 -e time "$work/baseline.json" && fail "baseline holds text or timestamps"
expect_exit 0 "baselined findings do not fail" check "${policy[@]}" --baseline "$work/baseline.json" \
  input/newsletter.md input/second.txt
cp input/second.txt "$work/second.txt"
printf 'New: 07700 900555\n' >> "$work/second.txt"
"$bin" baseline create "${policy[@]}" -o "$work/baseline3.json" "$work/second.txt" 2> /dev/null
printf 'Another: 07700 900666\n' >> "$work/second.txt"
out=$("$bin" check "${policy[@]}" --format jsonl --baseline "$work/baseline3.json" "$work/second.txt" 2> /dev/null)
rc=$?
[ $rc -eq 1 ] || fail "a new finding beyond the baseline should exit 1, got $rc"
[ "$(printf '%s\n' "$out" | grep -c '"rule"')" -eq 1 ] || fail "expected exactly the one new finding: $out"
printf '{"policycheck_baseline": 1, "fingerprints": []}' > "$work/bad.json"
expect_exit 2 "a malformed baseline is an error" check "${policy[@]}" --baseline "$work/bad.json" input/second.txt

# Config: found upward, turns rules off, sets fail_on, ignores paths.
mkdir -p "$work/proj/news/old"
cp "$dir/policy.yaml" "$work/proj/policy.yaml"
printf 'builtin: false\npacks: [policy.yaml]\nfail_on: info\nrules:\n  demo/phone: off\nignore: ["old/"]\n' \
  > "$work/proj/.policycheck.yaml"
printf 'Ring 07700 900123, rubbish\n' > "$work/proj/news/a.txt"
cp "$work/proj/news/a.txt" "$work/proj/news/old/b.txt"
out=$(cd "$work/proj" && "$bin" check --format jsonl news 2> /dev/null)
rc=$?
[ $rc -eq 1 ] || fail "config fail_on info should make an info finding exit 1, got $rc"
printf '%s\n' "$out" | grep -q demo/phone && fail "config did not turn demo/phone off"
printf '%s\n' "$out" | grep -q old/b.txt && fail "config ignore did not skip old/"
printf '%s\n' "$out" | grep -q '"demo/rude"' || fail "config lost demo/rude: $out"
printf 'builtin: false\npacks: [../policy.yaml]\nrules:\n  demo/fone: off\n' > "$work/proj/news/.policycheck.yaml"
err=$(cd "$work/proj" && "$bin" check news/a.txt 2>&1 > /dev/null)
[ $? -eq 2 ] || fail "a config naming an unknown rule should exit 2"
printf '%s' "$err" | grep -q "news/.policycheck.yaml:4:3: 'demo/fone' is not a rule" || fail "bad config message: $err"

# init writes a starter config once and never overwrites it.
mkdir -p "$work/fresh"
"$bin" init "$work/fresh" 2> /dev/null || fail "init failed"
grep -q '^fail_on: error' "$work/fresh/.policycheck.yaml" || fail "init wrote no starter config"
echo "# mine" > "$work/fresh/.policycheck.yaml"
expect_exit 2 "init must not overwrite" init "$work/fresh"
[ "$(cat "$work/fresh/.policycheck.yaml")" = "# mine" ] || fail "init overwrote an existing config"

# fix: a copy by default, a diff with --dry-run, the original only with --in-place.
cp input/second.txt "$work/fixme.txt"
chmod 640 "$work/fixme.txt"
"$bin" fix "${policy[@]}" "$work/fixme.txt" > "$work/fixed.txt" 2> /dev/null
[ $? -eq 1 ] || fail "fix should exit 1 when a finding needs a person (demo/rude)"
[ "$(cat "$work/fixed.txt")" = "Text [phone number removed] about rubbish collection." ] \
  || fail "fix output: $(cat "$work/fixed.txt")"
cmp -s input/second.txt "$work/fixme.txt" || fail "fix touched the original without --in-place"
"$bin" fix "${policy[@]}" --dry-run "$work/fixme.txt" 2> /dev/null | sed "s|$work|WORK|g" > "$work/fix.diff"
compare fix.diff "$work/fix.diff"
"$bin" fix "${policy[@]}" --in-place "$work/fixme.txt" 2> /dev/null
cmp -s "$work/fixed.txt" "$work/fixme.txt" || fail "--in-place result differs from the copy"
[ "$(stat -c %a "$work/fixme.txt")" = 640 ] || fail "--in-place changed the file mode"
expect_exit 2 "fix -o onto the input itself" fix "${policy[@]}" -o "$work/fixme.txt" "$work/fixme.txt"

[ $failures -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "all format checks passed"
