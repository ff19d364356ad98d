#!/usr/bin/env bash
# Installs the Debian packages zhsearch needs to build and test, when missing.
# As root it runs apt-get; otherwise it prints the one command to run and fails.
set -euo pipefail

packages=(cmake make pkg-config gcc g++ libxapian-dev libicu-dev libcmocka-dev python3-jieba
  libjson-c-dev
  # OpenCC, for the build-time traditional->simplified table (t2s.json and the
  # TS*.ocd2 it reads are in libopencc-data, a dependency named here too).
  libopencc-dev libopencc-data)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
((${#missing[@]} == 0)) && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "zhsearch needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
