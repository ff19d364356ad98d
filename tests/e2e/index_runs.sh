#!/usr/bin/env bash
# End to end: parallel shards give the same index as one writer; the writer
# lock names the holder; interrupted runs leave nothing behind.
source "$(dirname "$0")/lib.sh"

# The same corpus indexed by one writer and by two shards answers alike.
expect_status 0 "$ZHINDEX" --index "$WORK/one" --jobs 1 "$CORPUS"
expect_contains "$out" ", 1 worker)" "one worker"
expect_status 0 "$ZHINDEX" --index "$WORK/two" --jobs 2 "$CORPUS"
expect_contains "$out" ", 2 workers)" "two workers"
# hits as a set: citation and score (ties may come in another order)
hits() { "$ZHQUERY" --index "$1" -n 1000 "$2" | grep -E '^(   /|[^ ].*: [0-9]+ matching)' | sort; }
for q in 计生协 青春健康 '"10.6万人"' '暖心家园 -保险' '"的"' 'a'; do
  [[ "$(hits "$WORK/one" "$q")" == "$(hits "$WORK/two" "$q")" ]] && pass ||
    fail "one writer and two shards differ on $q"
done

# The index is a stub naming one generation; old generations and shards go.
[[ $(ls -d "$WORK/two"/gen-* | wc -l) -eq 1 ]] && pass || fail "one generation left"
[[ -z $(ls -d "$WORK/two"/shard-* 2>/dev/null) ]] && pass || fail "no shard left"
grep -q '^auto gen-' "$WORK/two/XAPIANDB" && pass || fail "stub names the generation"

# Indexing again into the sharded index replaces, never duplicates.
before=$("$ZHQUERY" --index "$WORK/two" '"计生协"' | head -1)
expect_status 0 "$ZHINDEX" --index "$WORK/two" --jobs 2 "$CORPUS"
after=$("$ZHQUERY" --index "$WORK/two" '"计生协"' | head -1)
[[ "$before" == "$after" ]] && pass || fail "re-index with shards keeps counts ($before / $after)"

# A second writer is turned away with the holder's pid; readers still answer.
flock "$WORK/one/lock" sleep 3 &
holder=$!
sleep 0.5
expect_status 3 "$ZHINDEX" --index "$WORK/one" "$CORPUS" # the index, not a file, is the problem
expect_contains "$err" "is locked by another zhindex (pid" "lock message"
expect_status 0 "$ZHQUERY" --index "$WORK/one" 计生协
wait $holder

# Leftovers of an interrupted run (a shard, a stale generation) are cleaned up.
mkdir -p "$WORK/one/shard-1" "$WORK/one/gen-999999"
expect_status 0 "$ZHINDEX" --index "$WORK/one" "$CORPUS/henan-2026-work-points.txt"
[[ ! -e "$WORK/one/shard-1" && ! -e "$WORK/one/gen-999999" ]] && pass || fail "leftovers removed"

# --rebuild starts over: only the files indexed now remain.
expect_status 0 "$ZHINDEX" --index "$WORK/one" --rebuild "$CORPUS/henan-2026-work-points.txt"
expect_status 1 "$ZHQUERY" --index "$WORK/one" '"唇腭裂"'
expect_status 0 "$ZHQUERY" --index "$WORK/one" '"育儿补贴"'
finish
