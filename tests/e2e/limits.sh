#!/usr/bin/env bash
# End to end: a 1 MB paragraph, 10,000 tiny files, odd file names, NUL bytes,
# binary files, unreadable folders and files over the size limit.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
D="$WORK/docs"
mkdir -p "$D/para" "$D/tiny" "$D/names/a b" "$D/odd/locked" "$D/big"

# The corpus as one line, n bytes of it (iconv -c drops a character cut short).
one_line() { for _ in $(seq 14); do cat "$CORPUS"/*.txt; done | tr -d '\r\n' | head -c "$1" | iconv -c -f UTF-8 -t UTF-8 2>/dev/null; }

# A 1 MB paragraph, and a 1 MB run without a sentence end (cut hard).
{ one_line 524288; printf '建设蓝莓种植示范园区。'; one_line 524288; echo; } >"$D/para/paragraph.txt"
{ one_line 524288; printf '扶持猕猴桃种植合作社'; one_line 524288; echo; } |
  sed -e 's/。//g' -e 's/，//g' -e 's/；//g' -e 's/：//g' -e 's/！//g' -e 's/？//g' >"$D/para/run.txt"
expect_status 0 "$ZHINDEX" --index "$IDX" "$D/para"
expect_contains "$out" "2 files indexed" "1 MB paragraphs indexed"
expect_status 0 "$ZHQUERY" --index "$IDX" '"建设蓝莓种植示范园区"'
expect_contains "$out" "paragraph.txt:1" "phrase in the 1 MB paragraph"
expect_status 0 "$ZHQUERY" --index "$IDX" '"扶持猕猴桃种植合作社"'
expect_contains "$out" "run.txt:1" "phrase in the 1 MB run without sentences"

# 10,000 tiny files.
for i in $(seq 10000); do printf '第%d号通知：加强安全生产工作。\n' "$i" >"$D/tiny/n$i.txt"; done
start=$SECONDS
expect_status 0 "$ZHINDEX" --index "$IDX" "$D/tiny"
expect_contains "$out" "10000 files indexed (10000 new" "10,000 tiny files"
(( SECONDS - start < 60 )) && pass || fail "10,000 tiny files took $((SECONDS - start)) s"
expect_status 0 "$ZHQUERY" --index "$IDX" '"第9999号通知"'
expect_contains "$out" "n9999.txt:1" "a tiny file cited"

# File names with spaces and Chinese characters.
printf '关于开展评估的通知\n\n各地要做好青春健康教育示范基地的年度评估。\n' >"$D/names/a b/省计生协 通知 2024.txt"
printf '公示\n\n全省暖心家园项目资金分配方案现予公示。\n' >"$D/names/湖南 暖心家园.md"
expect_status 0 "$ZHINDEX" --index "$IDX" "$D/names"
expect_status 0 "$ZHQUERY" --index "$IDX" '"示范基地的年度评估"'
expect_contains "$out" "a b/省计生协 通知 2024.txt:3" "name with spaces and Chinese"
expect_status 0 "$ZHQUERY" --index "$IDX" '"项目资金分配方案现予公示"'
expect_contains "$out" "names/湖南 暖心家园.md:3" "Chinese name with a space"

# NUL bytes in text are blanked; a binary file is skipped; an unreadable
# folder is reported; the rest is indexed.
{ head -n 20 "$CORPUS/guizhou-2025-work-review.txt"; printf '杨梅采摘节\0\0\0活动顺利举办。\n'
  tail -n +21 "$CORPUS/guizhou-2025-work-review.txt"; } >"$D/odd/nul.txt"
head -c 20000 "$ZHINDEX" >"$D/odd/program.txt"
echo '锁定目录里的文件' >"$D/odd/locked/hidden.txt"
chmod 000 "$D/odd/locked"
if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null; then
  # root reads any folder: run as nobody so that chmod 000 means unreadable
  chmod -R a+rwX "$WORK" 2>/dev/null; chmod 000 "$D/odd/locked"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
else
  as_user=()
fi
expect_status 1 "${as_user[@]}" "$ZHINDEX" --index "$IDX" "$D/odd"
expect_contains "$err" "$D/odd/program.txt: binary file, skipped" "binary file"
if [[ $(id -u) -ne 0 || ${#as_user[@]} -gt 0 ]]; then
  expect_contains "$err" "$D/odd/locked: folder cannot be read (Permission denied)" "unreadable folder"
fi
expect_contains "$out" "1 file indexed" "the file with NULs indexed"
expect_status 0 "$ZHQUERY" --index "$IDX" '"活动顺利举办"'
expect_contains "$out" "odd/nul.txt:21" "text after the NULs searchable"
chmod 755 "$D/odd/locked"

# A folder that cannot be read this time is not a folder whose files vanished:
# its indexed files keep their passages until they are seen to be gone.
if [[ $(id -u) -ne 0 || ${#as_user[@]} -gt 0 ]]; then
  # (exit 1 throughout: the folder holds the binary file)
  expect_status 1 "${as_user[@]}" "$ZHINDEX" --index "$IDX" "$D/odd"
  expect_contains "$out" "1 new" "the file of the folder, readable again, indexed"
  chmod 000 "$D/odd/locked"
  expect_status 1 "${as_user[@]}" "$ZHINDEX" --index "$IDX" "$D/odd"
  expect_contains "$out" "0 removed" "an unreadable folder removes nothing"
  expect_contains "$err" "$D/odd/locked: folder cannot be read (Permission denied); files indexed from it are kept" \
    "the unreadable folder named, and what happens to its files"
  expect_status 0 "$ZHQUERY" --index "$IDX" '"锁定目录里的文件"'
  expect_contains "$out" "odd/locked/hidden.txt:1" "the unreadable folder's file still found"
  chmod 755 "$D/odd/locked"
  rm "$D/odd/locked/hidden.txt"
  expect_status 1 "${as_user[@]}" "$ZHINDEX" --index "$IDX" "$D/odd"
  expect_contains "$out" "1 removed" "a file seen to be gone is removed"
  expect_status 1 "$ZHQUERY" --index "$IDX" '"锁定目录里的文件"'
fi

# Over the size limit: the default (64 MB; a sparse file costs nothing), a
# lower one, and many short lines that count toward it.
truncate -s 65M "$D/big/huge.txt"
one_line 1200000 >"$D/big/long.txt"
for i in $(seq 60000); do echo "第${i}行"; done >"$D/big/lines.txt"
expect_status 1 "$ZHINDEX" --index "$IDX" --max-file-mb 1 "$D/big"
expect_contains "$err" "$D/big/long.txt: file larger than 1 MB, skipped" "--max-file-mb"
expect_contains "$err" "$D/big/lines.txt: file too large to index at once" "many lines"
expect_contains "$out" "3 failed" "files over the limit count as failed"
expect_status 1 "$ZHINDEX" --index "$IDX" "$D/big"
expect_contains "$err" "$D/big/huge.txt: file larger than 64 MB, skipped (split it" "default limit"
expect_contains "$out" "2 files indexed" "under the default limit"
expect_status 2 "$ZHINDEX" --index "$IDX" --max-file-mb 0 "$D/big"
finish
