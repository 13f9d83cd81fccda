#!/usr/bin/env bash
# Throughput and peak memory of the built-in policy on synthetic comment-like
# text. Usage: benchmarks/run.sh [MEGABYTES=200]
# Builds a Release tree in build-bench/, generates the corpus once (seeded, so
# every run scans the same bytes) and prints the figures recorded in
# benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-200}"
bash scripts/setup.sh
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPOLICYCHECK_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench --target policycheck bench_scan generate_comments >/dev/null
mkdir -p corpus/generated
corpus="corpus/generated/comments-${mb}MB.txt"
[ -f "$corpus" ] || ./build-bench/corpus/generate_comments $((mb * 1000000)) 42 >"$corpus"

echo "## engine, records = lines (bench_scan)"
./build-bench/benchmarks/bench_scan "$corpus"

echo
echo "## whole CLI, one file (policycheck --format jsonl --fail-on never)"
/usr/bin/time -f "wall %e s, user %U s, peak RSS %M KB" \
  ./build-bench/cli/policycheck --format jsonl --fail-on never --max-file-size 4000000000 "$corpus" >/dev/null
