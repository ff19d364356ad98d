#!/usr/bin/env bash
# End to end: zhindex killed with SIGKILL at random points leaves an index
# that opens and answers only with passages of the source files; the next run
# completes it to exactly a clean build. SIGINT commits what is done.
# Searches during indexing always answer.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
SRC="$WORK/src"

# 30 copies of the corpus (3 MB) in folders of their own (copies of one
# another: --all-copies shows every one).
for i in $(seq -w 1 30); do mkdir -p "$SRC/copy-$i" && cp "$CORPUS"/*.txt "$SRC/copy-$i/"; done
expect_status 0 "$ZHINDEX" --index "$IDX" "$SRC/copy-01"

# Every passage of the index: "path<TAB>first<TAB>last<TAB>text", sorted.
all_passages() {
  "$ZHQUERY" --index "$1" --all-copies --no-synonyms -n 100000 --json -- '-"@@@"' | python3 -c '
import json, sys
rows = []
for line in sys.stdin:
    o = json.loads(line)
    if o["kind"] == "hit":
        rows.append("%s\t%d\t%d\t%s" % (o["file"], o["lines"][0], o["lines"][1], o["text"]))
print("\n".join(sorted(rows)))'
}

# Each passage's lines exist in its file and hold its first characters.
check_sources() {
  python3 -c '
import sys, re
bad = 0
for row in sys.stdin:
    path, first, last, text = row.rstrip("\n").split("\t", 3)
    first, last = int(first), int(last)
    try:
        lines = open(path, encoding="utf-8").read().split("\n")
    except OSError:
        bad += 1; continue
    # clean-up removes whitespace and markdown markers (#, *, -)
    src = re.sub(r"[\s#*_-]", "", "".join(lines[first - 1:last]))
    head = re.sub(r"[\s#*_-]", "", text)[:6]
    if last > len(lines) or first < 1 or head not in src:
        bad += 1
sys.exit(1 if bad else 0)'
}

kill_at() { # JOBS DELAY: start zhindex, SIGKILL it after DELAY seconds
  "$ZHINDEX" --index "$IDX" --jobs "$1" --quiet "$SRC" >/dev/null 2>&1 &
  local pid=$!
  sleep "$2"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

round=0
for spec in "1 0.3" "2 0.5" "1 0.9" "2 1.2" "1 1.7"; do
  round=$((round + 1))
  # touch some files so that every run has work to do
  touch "$SRC"/copy-0"$round"/*.txt "$SRC"/copy-1"$round"/*.txt
  kill_at $spec
  expect_status 0 "$ZHQUERY" --index "$IDX" --count 计生协
  all_passages "$IDX" | check_sources && pass || fail "round $round: a passage not in its source"
done

# SIGINT: stops after the files in hand, commits them, exits 130.
"$ZHINDEX" --index "$WORK/int" --jobs 1 "$SRC" >"$WORK/int.out" 2>&1 &
pid=$!
sleep 0.5
kill -INT "$pid"
wait "$pid"
[[ $? -eq 130 ]] && pass || fail "SIGINT exit status"
grep -q "interrupted:" "$WORK/int.out" && pass || fail "SIGINT summary"
expect_status 0 "$ZHQUERY" --index "$WORK/int" --count 计生协

# Searches during a long run always answer (the last commit, never an error).
expect_status 0 "$ZHINDEX" --index "$WORK/live" "$SRC/copy-01"
"$ZHINDEX" --index "$WORK/live" --jobs 1 --quiet "$SRC" &
pid=$!
answered=0 errors=0
while kill -0 "$pid" 2>/dev/null; do
  "$ZHQUERY" --index "$WORK/live" --count 计生协 >/dev/null 2>&1
  case $? in 0 | 1) answered=$((answered + 1)) ;; 3) ;; *) errors=$((errors + 1)) ;; esac
  sleep 0.05
done
wait "$pid"
[[ $errors -eq 0 && $answered -gt 0 ]] && pass || fail "searches during indexing ($answered ok, $errors errors)"

# A large first build killed again and again keeps what each round committed
# (--commit-mb 1: a round of at least 1 MB, then as large as the index): every
# kill costs at most the round in progress, and each run gets further.
BIG="$WORK/big"
python3 "$(dirname "$0")/../../bench/mkcorpus.py" --mb 6 --files 300 --out "$BIG" >/dev/null
kept=0 kills=0
for attempt in 1 2 3 4; do
  "$ZHINDEX" --index "$WORK/first" --jobs 2 --commit-mb 1 --quiet "$BIG" >/dev/null 2>&1 &
  pid=$!
  # kill it once a round (beyond what the last run kept) has been committed
  for _ in $(seq 600); do
    now=$("$ZHQUERY" --index "$WORK/first" --docs 2>/dev/null | grep -c ' passages$')
    ((now > kept)) && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
  wait "$pid" 2>/dev/null
  now=$("$ZHQUERY" --index "$WORK/first" --docs 2>/dev/null | grep -c ' passages$')
  ((now > kept)) && pass || fail "kill $attempt of a first build: $now files kept, $kept before"
  kept=$now
  ((kept == 300)) && break
done
((kills >= 1)) && pass || fail "the first build was never killed"
echo "first build killed $kills times, ${kept} of 300 files kept by the last kill"
expect_status 0 "$ZHINDEX" --index "$WORK/first" --quiet "$BIG"
expect_status 0 "$ZHINDEX" --index "$WORK/first-clean" --quiet "$BIG"
[[ "$(all_passages "$WORK/first")" == "$(all_passages "$WORK/first-clean")" ]] && pass ||
  fail "the killed first build, completed, differs from a clean build"

# The interrupted and killed indexes, completed, equal a clean build.
expect_status 0 "$ZHINDEX" --index "$IDX" "$SRC"
expect_status 0 "$ZHINDEX" --index "$WORK/int" "$SRC"
expect_status 0 "$ZHINDEX" --index "$WORK/clean" --rebuild "$SRC"
clean=$(all_passages "$WORK/clean")
[[ $(wc -l <<<"$clean") -ge 4000 ]] && pass || fail "the clean build has its passages"
[[ "$(all_passages "$IDX")" == "$clean" ]] && pass || fail "killed runs, completed, differ from a clean build"
[[ "$(all_passages "$WORK/int")" == "$clean" ]] && pass || fail "the interrupted run, completed, differs"
finish
