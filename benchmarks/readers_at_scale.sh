#!/usr/bin/env bash
# Readers at scale: peak memory and CPU time of `policycheck` with the
# built-in policy over a large synthetic archive in each streamed format.
#
#   benchmarks/readers_at_scale.sh BUILD_DIR SIZE FORMAT...
#   e.g. benchmarks/readers_at_scale.sh build 5G facebook jsonl csv whatsapp
#
# FORMAT is one of corpus/generate_archive's (jsonl csv whatsapp mbox text
# facebook instagram twitter) or whatsapp-zip (the WhatsApp archive stored as
# _chat.txt inside an iOS-style ZIP). Each archive is generated (seed 7),
# scanned once under nice with --jobs 2, and deleted again; one line per
# format goes to stdout as a Markdown table row. Needs SIZE x 1 of free disk
# under ${TMPDIR:-/tmp} (x 2 briefly for whatsapp-zip).
set -euo pipefail
build="$1" size="$2"
shift 2
dir="$(mktemp -d "${TMPDIR:-/tmp}/policycheck-scale.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
for format in "$@"; do
  case "$format" in
    twitter) file="$dir/tweets.js" ;;
    whatsapp-zip) file="$dir/export.zip" ;;
    *) file="$dir/archive.$format" ;;
  esac
  if [ "$format" = whatsapp-zip ]; then
    "$build/corpus/generate_archive" --format whatsapp --size "$size" --seed 7 -o "$dir/_chat.txt" 2>/dev/null
    (cd "$dir" && zip -q -1 export.zip _chat.txt && rm _chat.txt)
    input=(--input-format whatsapp "$file")
  else
    "$build/corpus/generate_archive" --format "$format" --size "$size" --seed 7 -o "$file" 2>/dev/null
    input=(--input-format "$format" "$file")
  fi
  bytes=$(stat -c %s "$file")
  nice /usr/bin/time -f '%e %U %S %M' -o "$dir/time" \
    "$build/cli/policycheck" --format jsonl --fail-on never -j 2 "${input[@]}" >"$dir/findings" 2>"$dir/err" || true
  read -r wall user sys rss <"$dir/time"
  findings=$(wc -l <"$dir/findings")
  errors=$(grep -c ': error' "$dir/err" || true)
  awk -v f="$format" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v n="$findings" -v e="$errors" \
    'BEGIN { cpu = u + s; printf "| %s | %.2f GB | %.1f MB | %.0f s | %.0f s | %.3f GB/s | %d | %d |\n", f, b / 1e9, r / 1024, cpu, w, b / 1e9 / cpu, n, e }'
  rm -f "$file" "$dir/findings"
done
