#!/usr/bin/env bash
# End to end: corpus reports converted with iconv to GBK, GB18030, Big5 and
# UTF-16 are found and cited like the UTF-8 originals; broken text needs --lossy.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
REF="$WORK/ref-index"
D="$WORK/docs"
mkdir -p "$D"

iconv -f UTF-8 -t GBK "$CORPUS/guizhou-2025-work-review.txt" >"$D/gbk.txt"
# (its "•" is not in GBK: a four-byte sequence in GB18030)
iconv -f UTF-8 -t GB18030 "$CORPUS/hunan-2021-council-report.txt" >"$D/gb18030.txt"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$CORPUS/henan-2026-work-points.txt"; } >"$D/utf16le.txt"
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$CORPUS/fujian-2022-work-review.txt"; } >"$D/utf16be.txt"
{ printf '\xef\xbb\xbf'; cat "$CORPUS/hunan-2022-bulletin-19.txt"; } >"$D/utf8-bom.txt"
iconv -f UTF-8 -t BIG5 >"$D/big5.txt" <<'EOF'
臺北市政府施政報告

過去一年，全市上下認真推動各項施政，堅持穩中求進，經濟運行持續回升向好。全年生產總值增長百分之三點二，市民收入穩步提高，就業形勢總體穩定。
我們將繼續深化改革，加強生態環境保護，推動城市高品質發展。
EOF
for f in gbk gb18030 utf16le utf16be big5; do # the files really are not UTF-8
  iconv -f UTF-8 -t UTF-8 "$D/$f.txt" >/dev/null 2>&1 && fail "$f.txt is valid UTF-8" || pass
done

expect_status 0 "$ZHINDEX" --index "$REF" "$CORPUS"
expect_status 0 "$ZHINDEX" --index "$IDX" "$D"
expect_contains "$out" "6 files indexed (6 new, 0 changed), 0 unchanged, 0 removed, 0 failed" "summary"

# cited ORIGINAL NAME QUERY: the converted file NAME is cited at the line
# where the UTF-8 original ORIGINAL is.
cited() {
  local want got
  want=$("$ZHQUERY" --index "$REF" -n 50 "$3" | grep -o "$1:[0-9]*" | head -1)
  got=$("$ZHQUERY" --index "$IDX" -n 50 "$3" | grep -o "$2:[0-9]*" | head -1)
  if [[ -n $want && ${got#*:} == "${want#*:}" ]]; then pass; else
    fail "$2: '$3' cited at '$got', the original at '$want'"; fi
}
cited guizhou-2025-work-review.txt gbk.txt '"救助唇腭裂儿童"'
cited hunan-2021-council-report.txt gb18030.txt '"全省各级计生协以习近平新时代中国特色社会主义思想为指导"'
cited hunan-2021-council-report.txt gb18030.txt '"小善举•大爱心"'
cited henan-2026-work-points.txt utf16le.txt '"扎实推进育儿补贴制度实施保障工作"'
cited fujian-2022-work-review.txt utf16be.txt '"突出暖心关怀计生特殊家庭"'
cited hunan-2022-bulletin-19.txt utf8-bom.txt '"大力开展青春健康教育"'
# Big5 text is traditional: a simplified query finds it (folding), on line 3.
expect_status 0 "$ZHQUERY" --index "$IDX" '"经济运行持续回升向好"'
expect_contains "$out" "big5.txt:3" "Big5 file cited at its line"
expect_contains "$out" "[經濟運行持續回升向好]" "Big5 text shown as it is"
expect_contains "$out" "臺北市政府施政報告" "Big5 title"

# Text that is no encoding: reported with the offset of the first bad byte,
# indexed only with --lossy (the bad byte becomes U+FFFD).
iconv -f UTF-8 -t GBK >"$D/broken.txt" <<'EOF'
关于加强基层计生协组织建设的通知
各市州计生协：为进一步加强基层组织建设，现将有关事项通知如下。
EOF
offset=$(stat -c %s "$D/broken.txt")
printf '\xff' >>"$D/broken.txt"
iconv -f UTF-8 -t GBK >>"$D/broken.txt" <<'EOF'
一、建设蓝莓种植示范园区，带动计生家庭增收致富，推动基层组织规范化建设。
EOF
expect_status 1 "$ZHINDEX" --index "$IDX" "$D"
expect_contains "$err" "$D/broken.txt: not valid GB18030 (byte 0xFF at offset $offset)" "bad byte offset"
expect_contains "$err" "--lossy" "the message names --lossy"
expect_contains "$out" "1 failed" "a broken file counts as failed"
expect_status 1 "$ZHQUERY" --index "$IDX" '"蓝莓种植示范园区"'
expect_status 0 "$ZHINDEX" --index "$IDX" --lossy "$D"
expect_contains "$out" "1 file indexed (1 new, 0 changed), 6 unchanged" "indexed with --lossy"
expect_status 0 "$ZHQUERY" --index "$IDX" '"蓝莓种植示范园区"'
expect_contains "$out" "broken.txt:3" "text after the bad byte is searchable"
expect_contains "$out" "�一、" "the bad byte shown as U+FFFD"
finish
