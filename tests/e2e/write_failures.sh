#!/usr/bin/env bash
# End to end: the index cannot be written — the disk fills during a run, the
# folder is read-only — zhindex says so plainly, exits 3, and keeps every
# earlier commit; once the cause is gone, the next run completes the index.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
D="$WORK/docs"
mkdir -p "$D"
cp "$CORPUS"/hunan-2021-council-report.txt "$CORPUS"/guizhou-2025-work-review.txt "$D/"
expect_status 0 "$ZHINDEX" --quiet --index "$IDX" "$D"
before=$("$ZHQUERY" --index "$IDX" --count '"计生协"')

# The disk fills while three more reports are written (a simulated ENOSPC
# after 64 KB more under the index folder).
cp "$CORPUS"/henan-2026-work-points.txt "$CORPUS"/fujian-2022-work-review.txt "$D/"
cp "$CORPUS"/hunan-2022-bulletin-19.txt "$D/" 2>/dev/null || cp "$(ls "$CORPUS"/*.txt | tail -1)" "$D/more.txt"
full=(env "LD_PRELOAD=$DISK_FULL_LIB" "ZS_FULL_DIR=$IDX" ZS_FULL_AFTER_BYTES=65536
  "ASAN_OPTIONS=${ASAN_OPTIONS:-}:verify_asan_link_order=0")
expect_status 3 "${full[@]}" "$ZHINDEX" --index "$IDX" "$D"
expect_contains "$err" "the disk is full (No space left on device)" "a full disk named as such"
expect_not_contains "$err" "no transaction is open" "no message about a transaction"
expect_not_contains "$err" "(DatabaseError)" "no bare Xapian error type"
# What was committed before still answers.
expect_status 0 "$ZHQUERY" --index "$IDX" --count '"计生协"'
expect_eq "$out" "$before" "the index answers as before the full disk"
# Space again: the next run completes it, equal to a clean build.
expect_status 0 "$ZHINDEX" --quiet --index "$IDX" "$D"
expect_status 0 "$ZHINDEX" --quiet --index "$WORK/clean" "$D"
expect_eq "$("$ZHQUERY" --index "$IDX" --count '"计生协"')" \
  "$("$ZHQUERY" --index "$WORK/clean" --count '"计生协"')" "after the full disk = a clean build"
expect_eq "$("$ZHQUERY" --index "$IDX" --docs | grep -c passages)" "$(ls "$D" | wc -l)" \
  "every file indexed once"

# The same with workers (each writes a shard of its own, merged after): the
# failed write is named, not the closing of the shard it broke.
before=$("$ZHQUERY" --index "$IDX" --count '"计生协"')
for f in "$D"/*.txt; do echo "补充：计生协年度工作。" >>"$f"; done
expect_status 3 "${full[@]}" "$ZHINDEX" --index "$IDX" --jobs 2 "$D"
expect_contains "$err" "the disk is full (No space left on device)" "a full disk during a sharded run"
expect_not_contains "$err" "DatabaseClosedError" "no message about closing a shard"
# nothing of the failed round was committed: all five files are left, and said so
expect_contains "$out" "stopped: 5 files left for the next run" "the summary counts the files left"
expect_eq "$("$ZHQUERY" --index "$IDX" --count '"计生协"')" "$before" "the index answers as before"
expect_status 0 "$ZHINDEX" --quiet --index "$IDX" "$D"
expect_status 0 "$ZHINDEX" --quiet --rebuild --index "$WORK/clean" "$D"

# A first build on a full disk: said, status 3.
expect_status 3 "${full[@]/ZS_FULL_DIR=$IDX/ZS_FULL_DIR=$WORK/first}" "$ZHINDEX" --index "$WORK/first" "$D"
expect_contains "$err" "the disk is full" "a first build on a full disk"

# A read-only index folder: status 3, named; searches still work.
if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups) # root writes anywhere
  chmod -R a+rX "$WORK"
elif [[ $(id -u) -ne 0 ]]; then
  as_user=()
else
  as_user=(skip)
fi
if [[ ${as_user[0]:-} != skip ]]; then
  chmod -R a-w "$IDX"
  touch "$D/henan-2026-work-points.txt"
  expect_status 3 "${as_user[@]}" "$ZHINDEX" --index "$IDX" "$D"
  expect_contains "$err" "cannot write index $IDX: Permission denied" "a read-only index named"
  expect_status 0 "${as_user[@]}" "$ZHQUERY" --index "$IDX" --count '"计生协"'
  chmod -R u+w "$IDX"
fi
finish
