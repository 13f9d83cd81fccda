#!/usr/bin/env bash
# Hardening checks, run by CI after the normal test suite (scripts/test.sh):
#
# Both steps share ONE clang tree, build-fuzz, configured with AddressSanitizer
# + UndefinedBehaviorSanitizer (-DPOLICYCHECK_SANITIZE=ON) and libFuzzer
# coverage (-DPOLICYCHECK_BUILD_FUZZERS=ON): the engine is compiled once for
# the tests and the fuzzers, which saves a whole sanitized build of the engine
# in CI. (The coverage hooks cost the tests little; the sanitizer runtime
# provides them outside the fuzzers.) -O1 -g1: fast to compile, still gives
# file:line stack traces.
#
# 1. asan: the whole test suite, run by ctest in that tree.
# 2. fuzz: every libFuzzer target: first the inputs that once crashed or hung
#    a target (tests/fuzz/regressions/<target>/) are replayed, then each
#    target fuzzes for POLICYCHECK_FUZZ_SECONDS (default 60) from its seed
#    corpus (tests/fuzz/corpus/<target>/ and the samples tests/fuzz/seeds.txt
#    lists), two at a time on two cores. New
#    corpus entries stay in build-fuzz/corpus; a crash or hang is saved to
#    build-fuzz/artifacts/ and fails the run (copy it into
#    tests/fuzz/regressions/<target>/ once fixed).
#
# Usage: scripts/ci-hardening.sh [asan|fuzz]...   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."

fuzz_seconds="${POLICYCHECK_FUZZ_SECONDS:-60}"
jobs="$(nproc)"
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(asan fuzz)

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

configure_hardening_tree() {
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DPOLICYCHECK_SANITIZE=ON -DPOLICYCHECK_BUILD_FUZZERS=ON \
    -DPOLICYCHECK_BUILD_TESTS=ON -DPOLICYCHECK_BUILD_BENCHMARKS=ON >/dev/null
}

run_asan() {
  echo "== ci-hardening: test suite under ASan + UBSan (build-fuzz, clang)"
  configure_hardening_tree
  cmake --build build-fuzz
  ctest --test-dir build-fuzz --output-on-failure -j"$jobs"
}

# fuzz_one TARGET: replay its regressions, then fuzz. Prints one summary line.
fuzz_one() {
  local target="$1" name="${1#fuzz_}"
  local binary="build-fuzz/tests/fuzz/$target"
  local seeds="tests/fuzz/corpus/$name" regressions="tests/fuzz/regressions/$name"
  local work="build-fuzz/corpus/$name" log="build-fuzz/logs/$target.log"
  mkdir -p "$work" build-fuzz/artifacts build-fuzz/logs
  local limits=(-timeout=25 -rss_limit_mb=2560 -malloc_limit_mb=2048)
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    if ! "$binary" "${limits[@]}" "$regressions"/* >"$log" 2>&1; then
      echo "FAIL $target: a regression input fails again (see $log)"
      tail -30 "$log"
      return 1
    fi
  fi
  # Samples listed in tests/fuzz/seeds.txt seed the working corpus too.
  local listed_target sample
  while read -r listed_target sample; do
    [ "$listed_target" = "$name" ] && cp -n "$sample" "$work/seed-${sample//\//-}" || true
  done < <(grep -v '^#' tests/fuzz/seeds.txt)
  local dirs=("$work")
  [ -d "$seeds" ] && dirs+=("$seeds")
  if ! "$binary" "${limits[@]}" -max_total_time="$fuzz_seconds" -print_final_stats=1 \
      -artifact_prefix="build-fuzz/artifacts/$target-" "${dirs[@]}" >>"$log" 2>&1; then
    echo "FAIL $target: see $log and build-fuzz/artifacts/$target-*"
    grep -m1 -A20 "ERROR\|==ERROR\|runtime error\|deadly signal\|timeout" "$log" || tail -30 "$log"
    return 1
  fi
  local runs
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  echo "ok   $target: ${runs:-?} executions in ${fuzz_seconds}s"
}

run_fuzz() {
  echo "== ci-hardening: libFuzzer targets, ${fuzz_seconds}s each (build-fuzz)"
  configure_hardening_tree
  cmake --build build-fuzz --target fuzzers
  local failed=0 running=0 target
  local -a pids=()
  mapfile -t targets <build-fuzz/tests/fuzz/fuzzers.txt
  for target in "${targets[@]}"; do
    [ -n "$target" ] || continue
    fuzz_one "$target" &
    pids+=($!)
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
      wait -n || failed=1
      running=$((running - 1))
    fi
  done
  while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
  done
  return "$failed"
}

for step in "${steps[@]}"; do
  case "$step" in
    asan) run_asan ;;
    fuzz) run_fuzz ;;
    *) echo "ci-hardening.sh: unknown step '$step' (asan, fuzz)" >&2; exit 2 ;;
  esac
done
