#!/usr/bin/env bash
# Builds the whole tree (programs, tests, benchmarks) with gcc and clang in
# every build type, warnings as errors: a warning any of them gives fails.
# Usage: scripts/build-matrix.sh [WORK_DIR] [COMPILERS] [TYPES]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-build-matrix}
compilers=${2:-gcc clang}
types=${3:-Debug RelWithDebInfo Release}
jobs=$(nproc)
for cc in $compilers; do
  cxx=$([[ $cc == gcc ]] && echo g++ || echo clang++)
  for type in $types; do
    dir=$work/$cc-$type
    echo "== $cc $type ($dir)"
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DCMAKE_C_COMPILER="$cc" \
      -DCMAKE_CXX_COMPILER="$cxx" -DZS_WERROR=ON >/dev/null
    cmake --build "$dir" -j "$jobs" 2>&1 | grep -E 'warning|error' || true
    cmake --build "$dir" -j "$jobs" >/dev/null # fails the script on any error
  done
done
echo "build matrix: $compilers x $types built without a warning"
