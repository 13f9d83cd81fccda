# Helpers for the CLI tests. Each test script is run by ctest as
#   bash tests/cli/test_X.sh <policycheck-binary> <source-dir>
# with the source dir as working directory. Set UPDATE_GOLDEN=1 to rewrite
# golden files after an intended change (then review the diff).
set -u
PC="$1"
SRC="$2"
GOLDEN="$SRC/tests/cli/golden"
export NO_COLOR=1
export POLICYCHECK_FINGERPRINT_KEY="policycheck-test-key"
failures=0
checks=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_exit CODE DESCRIPTION -- COMMAND...
expect_exit() {
  local want="$1" what="$2"; shift 3
  checks=$((checks + 1))
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  [ "$got" -eq "$want" ] || { fail "$what: exit $got, want $want"; sed 's/^/  stderr: /' "$TMP/err" | head -5; }
}

# expect_golden NAME FILE: compare FILE with tests/cli/golden/NAME
expect_golden() {
  checks=$((checks + 1))
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$2" "$GOLDEN/$1"; return; fi
  diff -u "$GOLDEN/$1" "$2" >"$TMP/diff" || { fail "golden $1 differs"; head -40 "$TMP/diff"; }
}

expect_contains() {  # FILE TEXT
  checks=$((checks + 1))
  grep -qF -- "$2" "$1" || { fail "$1 does not contain: $2"; head -20 "$1" | sed 's/^/  /'; }
}

expect_not_contains() {  # FILE TEXT
  checks=$((checks + 1))
  ! grep -qF -- "$2" "$1" || fail "$1 contains: $2"
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
}
