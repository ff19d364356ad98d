#!/usr/bin/env bash
# Usage: fuzz/run.sh BUILD SECONDS. Runs each libFuzzer target of BUILD/fuzz for
# SECONDS on seeds made from corpus/, prints a line per target, fails on findings.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
seconds=${2:-60}

seeds=$build/fuzz-seeds      # made afresh each run
work=$build/fuzz-corpus      # what the fuzzer learns; kept between local runs
artifacts=$build/fuzz-artifacts
logs=$build/fuzz-logs
mkdir -p "$work" "$artifacts" "$logs"
python3 fuzz/seeds.py --corpus corpus --queries bench/queries.txt \
  --queries tests/e2e/malformed_queries.txt --out "$seeds" >/dev/null

targets=()
for exe in "$build"/fuzz/fuzz_*; do
  [[ -f $exe && -x $exe ]] && targets+=("${exe##*/fuzz_}")
done
((${#targets[@]} > 0)) || { echo "fuzz: no targets in $build/fuzz" >&2; exit 1; }

passed=0 failed=0
for t in "${targets[@]}"; do
  dict=()
  case $t in
    qparse | qbuild) dict=(-dict=fuzz/query.dict) ;;
    keywords) dict=(-dict=fuzz/keywords.dict) ;;
    search) dict=(-dict=fuzz/search.dict) ;;
  esac
  seed_dir=$seeds/$t
  [[ -d $seed_dir ]] || seed_dir=$seeds/clean # a target seeds.py does not know: documents
  mkdir -p "$work/$t"
  log=$logs/$t.log
  status=0
  # -timeout: an input that takes 10 s is a hang (real ones take milliseconds).
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/$t-" \
    "${dict[@]}" "$work/$t" "$seed_dir" >"$log" 2>&1 || status=$?
  # libFuzzer's last status line: "#N DONE cov: C ft: F corp: K/S ... exec/s: E".
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  runs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")
  rate=$(sed -nE 's/.* exec\/s: ([0-9]+).*/\1/p' <<<"$last")
  if ((status == 0)) && grep -q 'DONE' <<<"$last"; then
    passed=$((passed + 1))
    printf 'fuzz: %-16s %10s runs in %s s (%s/s), cov %s, corpus %s: no finding\n' \
      "fuzz_$t" "${runs:-?}" "$seconds" "${rate:-?}" "${cov:-?}" "${corp:-?}"
  else
    failed=$((failed + 1))
    unit=$(sed -nE 's/.*Test unit written to (.*)/\1/p' "$log" | tail -1)
    printf 'fuzz: %-16s FINDING after %s runs (exit %d): %s; log %s\n' \
      "fuzz_$t" "${runs:-?}" "$status" "${unit:-no input saved}" "$log"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*check failed)' "$log" | head -5 | sed 's/^/  /'
  fi
done
echo "fuzz: $passed passed, $failed failed"
((failed == 0))
