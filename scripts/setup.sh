#!/usr/bin/env bash
# Installs everything policycheck needs to build and test on Debian 12.
# Idempotent: packages already present are left alone, so a second run is quick.
# Run as root (CI and fresh machines); with sudo available it is used otherwise.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libvectorscan-dev libre2-dev libcli11-dev libyaml-cpp-dev libfmt-dev catch2
  libssl-dev libutf8proc-dev libphonenumber-dev
  libsimdjson-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libgumbo-dev libzip-dev libpugixml-dev
  libpoppler-cpp-dev parallel
  clang libclang-rt-14-dev time
  python3-jsonschema
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# libhyperscan-dev (Intel) provides the same pkg-config module as libvectorscan-dev
# and the two conflict: accept whichever one is already installed.
if dpkg-query -W -f='${Status}' libhyperscan-dev 2>/dev/null | grep -q "install ok installed"; then
  missing=("${missing[@]/libvectorscan-dev}")
fi

want=()
for p in "${missing[@]}"; do [ -n "$p" ] && want+=("$p"); done
if [ ${#want[@]} -eq 0 ]; then
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup.sh: run as root to install: ${want[*]}" >&2; exit 2; }
  as_root=(sudo)
fi
echo "setup.sh: installing ${want[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${want[@]}"
