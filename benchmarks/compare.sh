#!/usr/bin/env bash
# One command, one run: policycheck side by side with the alternatives on the
# same seeded comment-like corpus, and how its cost grows with input size,
# rule count and roster size. Writes benchmarks/results/ (Markdown table,
# raw measurements, PNG plots) and the results section of benchmarks/README.md.
#
#   benchmarks/compare.sh
#
# Environment (defaults give a run of a few minutes on 2 cores):
#   BENCH_MB=100             corpus of the side-by-side table, in MB
#   BENCH_SIZES="10 100 1000"  input-size axis, in MB
#   BENCH_LARGE=1            also 5000 MB (5 GB, generated in a temp dir, deleted after)
#   BENCH_AXIS_MB=20         corpus of the rule-count and roster axes, in MB
#   BENCH_SLOW_MAX_MB=1000   largest input the slow tools (reference engine, grep) run on
#   BENCH_SLOW_MAX_PUPILS=10000  largest roster the reference engine compiles (its SOM database)
#   BENCH_JOBS               N of the N-thread runs (default: all cores)
#   BUILD_DIR=build-bench    CMake build tree (Release)
#   TMPDIR                   where large corpora are generated
#
# Tools it needs beyond the build (ripgrep, ugrep, gnuplot, Node.js, GNU time)
# are installed here with apt-get/npm when missing and possible; a tool that
# is still missing is left out of the table with a note. CI never runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
main_mb=${BENCH_MB:-100}
sizes=${BENCH_SIZES:-"10 100 1000"}
[ "${BENCH_LARGE:-0}" = 1 ] && sizes="$sizes 5000"
axis_mb=${BENCH_AXIS_MB:-20}
slow_max_mb=${BENCH_SLOW_MAX_MB:-1000}
slow_max_pupils=${BENCH_SLOW_MAX_PUPILS:-10000}
jobs=${BENCH_JOBS:-$(nproc)}
compile_timeout=3600  # big term lists compile for minutes on a busy machine
build=${BUILD_DIR:-build-bench}
results=benchmarks/results
mkdir -p "$results" corpus/generated
work=$(mktemp -d "${TMPDIR:-/tmp}/policycheck-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
log() { printf '== %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------
notes=()
ensure_tool() {  # DEBIAN-PACKAGE COMMAND
  command -v "$2" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing $1"
    apt-get install -y -q "$1" >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$1" >/dev/null 2>&1; } || true
  fi
  command -v "$2" >/dev/null 2>&1 || { notes+=("$2 is not installed (Debian package $1): its rows are missing"); return 1; }
}
ensure_tool time /usr/bin/time || { echo "compare.sh needs GNU time (/usr/bin/time)" >&2; exit 2; }
ensure_tool python3 python3 || { echo "compare.sh needs python3 to write the report" >&2; exit 2; }
have_rg=0; ensure_tool ripgrep rg && have_rg=1
have_ugrep=0; ensure_tool ugrep ugrep && have_ugrep=1
have_gnuplot=0; ensure_tool gnuplot-nox gnuplot && have_gnuplot=1
have_node=0
if ensure_tool nodejs node && ensure_tool npm npm; then
  log "npm ci (benchmarks/node)"
  if (cd benchmarks/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then have_node=1
  else notes+=("npm ci failed in benchmarks/node: the JavaScript filters are missing"); fi
fi

# --- build -----------------------------------------------------------------
# An existing build tree (BUILD_DIR=build, say) is used as it is configured:
# reconfiguring a developer's tree would rebuild everything.
if [ ! -f "$build/CMakeCache.txt" ]; then
  log "configuring $build (Release)"
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
log "building $build ($(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt"))"
targets=(policycheck bench_lines dump_terms generate_comments)
have_roster_generator=0
if [ -f corpus/generate_roster.cpp ] && grep -q generate_roster corpus/CMakeLists.txt; then
  targets+=(generate_roster); have_roster_generator=1
fi
cmake --build "$build" -j "${BUILD_JOBS:-2}" --target "${targets[@]}" >/dev/null
pc="$build/cli/policycheck"
bench_lines="$build/benchmarks/bench_lines"
export POLICYCHECK_CACHE_DIR="$work/cache"

# --- measuring -------------------------------------------------------------
tsv="$work/measurements.tsv"
printf 'axis\tlabel\tx\tbytes\twall_s\tcpu_s\trss_kb\tcount\tunit\textra\n' >"$tsv"
record() { local IFS=$'\t'; printf '%s\n' "$*" >>"$tsv"; }  # axis label x bytes wall cpu rss count unit extra

# timed OUT -- COMMAND...: runs COMMAND with stdout to OUT; sets t_wall t_cpu t_rss.
timed() {
  local out="$1"; shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$out" || true
  read -r t_wall t_user t_sys t_rss < <(tail -n 1 "$work/time")
  t_cpu=$(python3 -c "print(round($t_user + $t_sys, 3))")
}
# timed_counted OUT -- COMMAND...: as timed, counting COMMAND's output lines
# through a pipe, so grep tools must produce every match (no early exit).
timed_counted() {
  local out="$1"; shift 2
  { /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" || true; } | wc -l >"$out"
  read -r t_wall t_user t_sys t_rss < <(tail -n 1 "$work/time")
  t_cpu=$(python3 -c "print(round($t_user + $t_sys, 3))")
}
field() { tr ' ' '\n' <"$1" | sed -n "s/^$2=//p"; }  # bench_lines output

# bench_lines ENGINE AXIS LABEL X CORPUS [policy args...]
run_bench_lines() {
  local engine="$1" axis="$2" label="$3" x="$4" corpus="$5"; shift 5
  timed "$work/out" -- "$bench_lines" --engine "$engine" --compile-timeout "$compile_timeout" "$@" "$corpus"
  local o="$work/out"
  [ -s "$o" ] || { notes+=("bench_lines --engine $engine failed on $axis $x"); return; }
  local unit=findings; [ "$engine" = memchr ] && unit=records
  local count; count=$(field "$o" findings); [ "$engine" = memchr ] && count=$(field "$o" records)
  record "$axis" "$label" "$x" "$(field "$o" bytes)" "$(field "$o" wall_s)" "$(field "$o" cpu_s)" "$t_rss" \
    "$count" "$unit" "load_ms=$(field "$o" load_ms) patterns=$(field "$o" patterns) db=$(field "$o" database_bytes)"
}

# policycheck bench --lines: records its passes (read only, 1 thread, N threads).
run_policycheck_bench() {  # AXIS X CORPUS JOBS [policy args...]
  local axis="$1" x="$2" corpus="$3" n="$4"; shift 4
  timed "$work/bench.json" -- "$pc" bench --lines --format json -j "$n" --compile-timeout "$compile_timeout" "$@" "$corpus"
  [ -s "$work/bench.json" ] || { notes+=("policycheck bench failed on $axis $x"); return; }
  python3 - "$work/bench.json" "$axis" "$x" "$t_rss" >>"$tsv" <<'EOF'
import json, sys
path, axis, x, rss = sys.argv[1:5]
b = json.load(open(path))
extra = "cold_ms=%.1f cache_ms=%s patterns=%d db=%d" % (
    b["load_ms"]["cold"], b["load_ms"]["cache"], b["policy"]["patterns"], b["policy"]["database_bytes"])
for p in b["passes"]:
    if p["findings"] is None:
        label, count, unit = "policycheck bench: read only", p["records"], "records"
    else:
        label = "current engine, %d thread%s" % (p["threads"], "" if p["threads"] == 1 else "s")
        count, unit = p["findings"], "findings"
    print("\t".join(str(v) for v in (axis, label, x, p["bytes"], p["wall_s"], p["cpu_s"], rss, count, unit, extra)))
EOF
}

generate() {  # MB FILE
  "$build/corpus/generate_comments" $(($1 * 1000000)) 42 >"$2"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%MZ)

# --- side by side ------------------------------------------------------------
corpus="corpus/generated/comments-${main_mb}MB.txt"
[ -f "$corpus" ] || { log "generating $corpus"; generate "$main_mb" "$corpus"; }
"$build/benchmarks/dump_terms" >"$work/terms.txt"
cp "$work/terms.txt" "$results/terms.txt"
cat "$corpus" >/dev/null  # into the page cache: every tool then reads memory
log "side by side on $corpus ($(wc -l <"$work/terms.txt") terms for the grep tools)"
bytes=$(stat -c %s "$corpus")
timed "$work/out" -- cat "$corpus"
record main "cat > /dev/null" 1 "$bytes" "$t_wall" "$t_cpu" "$t_rss" "" "" ""
run_bench_lines memchr main "memchr line split" 1 "$corpus"
# Compiled here (load_ms is the compile) and kept for the input-size axis.
run_bench_lines reference main "straightforward engine (1 SOM database), 1 thread" 1 "$corpus" --reference-cache "$work/reference-cache"
run_bench_lines current main "current engine, same harness, 1 thread" 1 "$corpus"
run_bench_lines current-per-record main "current engine, one database pass per record, 1 thread" 1 "$corpus"
run_policycheck_bench main 1 "$corpus" "$jobs"
if [ "$have_rg" = 1 ]; then
  timed_counted "$work/out" -- rg -F -w -i -f "$work/terms.txt" "$corpus"
  record main "ripgrep $(rg --version | head -1 | cut -d' ' -f2) -F -w -i" 1 "$bytes" "$t_wall" "$t_cpu" "$t_rss" "$(cat "$work/out")" lines ""
fi
if [ "$have_ugrep" = 1 ]; then
  timed_counted "$work/out" -- ugrep -F -w -i -f "$work/terms.txt" "$corpus"
  record main "ugrep $(ugrep --version | head -1 | cut -d' ' -f2) -F -w -i" 1 "$bytes" "$t_wall" "$t_cpu" "$t_rss" "$(cat "$work/out")" lines ""
fi
if [ "$have_node" = 1 ]; then
  for filter in none obscenity 2toad; do
    timed "$work/out" -- node benchmarks/node/filter.js "$filter" "$corpus"
    case $filter in
      none) label="Node.js $(node --version) readline only" ;;
      obscenity) label="npm obscenity $(node -p "require('./benchmarks/node/node_modules/obscenity/package.json').version")" ;;
      2toad) label="npm @2toad/profanity $(node -p "require('./benchmarks/node/node_modules/@2toad/profanity/package.json').version")" ;;
    esac
    record main "$label" 1 "$bytes" "$t_wall" "$t_cpu" "$t_rss" "$(cat "$work/out")" lines ""
  done
fi

# --- input size --------------------------------------------------------------
for mb in $sizes; do
  file="$work/size-${mb}MB.txt"
  log "input size: $mb MB"
  generate "$mb" "$file"
  cat "$file" >/dev/null
  run_policycheck_bench size "$mb" "$file" "$jobs"
  if [ "$mb" -le "$slow_max_mb" ]; then
    # Its compile was measured in the side-by-side run: the database is reused here.
    run_bench_lines reference size "straightforward engine, 1 thread" "$mb" "$file" --reference-cache "$work/reference-cache"
    if [ "$have_rg" = 1 ]; then
      timed_counted "$work/out" -- rg -F -w -i -f "$work/terms.txt" "$file"
      record size "ripgrep" "$mb" "$(stat -c %s "$file")" "$t_wall" "$t_cpu" "$t_rss" "$(cat "$work/out")" lines ""
    fi
  fi
  rm -f "$file"
done

# --- rule count: synthetic term lists ----------------------------------------
axis_corpus="$work/axis.txt"
generate "$axis_mb" "$axis_corpus"
# Words: the lexicons' entries, shuffled with a fixed seed, so every size is
# a prefix of the next and the same run gives the same lists.
grep -hv '^#' rules/lexicons/*.txt | sed 's/[[:space:]]*$//' | grep -v '^$' | sort -u |
  awk 'BEGIN { srand(42) } { printf "%.8f\t%s\n", rand(), $0 }' | sort -k1,1 | cut -f2 >"$work/words.txt"
for n in 100 1000 3000 8000; do
  [ "$(wc -l <"$work/words.txt")" -ge "$n" ] || { notes+=("only $(wc -l <"$work/words.txt") lexicon words: no $n-term list"); continue; }
  dir="$work/rules-$n"; mkdir -p "$dir"
  head -n "$n" "$work/words.txt" >"$dir/words.txt"
  cat >"$dir/policy.yaml" <<EOF
pack: synthetic
description: $n case-insensitive, word-bounded terms drawn from the built-in lexicons (benchmark only).
lexicons:
  words: words.txt
rules:
  - id: synthetic/terms
    kind: terms
    severity: warning
    message: "Synthetic benchmark term"
    terms: ['\${words}']
EOF
  log "rule count: $n terms"
  run_policycheck_bench rules "$n" "$axis_corpus" 1 --no-default-policy --policy "$dir/policy.yaml"
  run_bench_lines reference rules "straightforward engine, 1 thread" "$n" "$axis_corpus" --no-default-policy --policy "$dir/policy.yaml"
  if [ "$have_rg" = 1 ]; then
    timed_counted "$work/out" -- rg -F -w -i -f "$dir/words.txt" "$axis_corpus"
    record rules "ripgrep" "$n" "$(stat -c %s "$axis_corpus")" "$t_wall" "$t_cpu" "$t_rss" "$(cat "$work/out")" lines ""
  fi
done

# --- roster size ----------------------------------------------------------------
if [ "$have_roster_generator" = 1 ]; then
  for pupils in 100 1000 10000 100000; do
    log "roster: $pupils pupils"
    "$build/corpus/generate_roster" "$pupils" 42 >"$work/roster.csv"
    run_policycheck_bench roster "$pupils" "$axis_corpus" 1 --roster "$work/roster.csv"
    if [ "$pupils" -le "$slow_max_pupils" ]; then
      run_bench_lines reference roster "straightforward engine, 1 thread" "$pupils" "$axis_corpus" --roster "$work/roster.csv"
    fi
  done
  rm -f "$work/roster.csv"
else
  notes+=("roster-size axis skipped: corpus/generate_roster.cpp (the names issue's roster generator) is not in this tree yet")
fi

# --- report ----------------------------------------------------------------------
cp "$tsv" "$results/measurements.tsv"
{
  echo "date=$started"
  echo "load_before=$load_before"
  echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1) ($(nproc) cores)"
  echo "hyperscan=$(pkg-config --modversion libhs 2>/dev/null || echo unknown)"
  echo "compiler=$(c++ --version | head -1)"
  echo "main_mb=$main_mb"
  echo "axis_mb=$axis_mb"
  echo "jobs=$jobs"
  echo "commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- engine cli rules 2>/dev/null || echo ' (with uncommitted engine changes)')"
  for n in "${notes[@]}"; do echo "note=$n"; done
} >"$results/meta.txt"
python3 benchmarks/render_results.py "$results" "$have_gnuplot"
log "done: $results/comparison.md, benchmarks/README.md"
