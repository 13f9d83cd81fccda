#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite
# through ctest. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure -j"$(nproc)"
# Sanitizers and fuzzing: see scripts/ci-hardening.sh.
bash scripts/ci-hardening.sh
