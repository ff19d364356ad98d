#!/usr/bin/env bash
# End to end: input made to harm the user who reads the output — escape
# sequences in documents and file names, formulas in audit cells — or to
# exhaust the machine: huge queries and keyword lists, refused with a message.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
D="$WORK/docs"
mkdir -p "$D"
ESC=$'\033' BEL=$'\a'
printf '计生协工作报告\033[31m红色文字\a响铃，\033]0;标题\a暖心家园项目。\n' >"$D/escapes.txt"
printf '育儿补贴发放工作有序推进。\n' >"$D/=cmd.txt"
printf '育儿补贴标准进一步提高。\n' >"$D/name${ESC}[2Jclear.txt"

expect_status 0 "$ZHINDEX" --index "$IDX" "$D"
# Terminal escapes: never in what zhquery prints, whatever the document holds.
for q in 红色文字 暖心家园 育儿补贴; do
  expect_status 0 "$ZHQUERY" --index "$IDX" "$q"
  [[ $out != *"$ESC"* && $out != *"$BEL"* ]] && pass || fail "$q: control characters reach the terminal"
done
expect_contains "$out" "name␛[2Jclear.txt" "a file name's escape shown as ␛"
expect_status 0 "$ZHQUERY" --index "$IDX" --docs
[[ $out != *"$ESC"* ]] && pass || fail "--docs prints an escape"
expect_status 0 "$ZHQUERY" similar --index "$IDX" '计生协工作报告红色文字响铃'
[[ $out != *"$ESC"* && $out != *"$BEL"* ]] && pass || fail "similar prints control characters"
# A file named with an escape, reported by zhindex: shown, not obeyed.
printf '\xff\xfe\xfd' >"$D/bad${ESC}[31m.txt"
expect_status 1 "$ZHINDEX" --index "$IDX" "$D"
[[ $err != *"$ESC"* ]] && pass || fail "zhindex prints a file name's escape"
expect_contains "$err" "bad␛[31m.txt" "the bad file named visibly"
rm "$D/bad${ESC}[31m.txt"

# CSV/TSV cells a spreadsheet would run (=, +, -, @) start with ' (OWASP).
KW="$WORK/kw.txt"
printf '育儿补贴\n=HYPERLINK("http://example.com","x")\n' >"$KW"
cd "$D" # paths relative to here: the file's name starts its cell
expect_status 0 "$ZHQUERY" audit --index "$IDX" --format csv "$KW"
expect_contains "$(head -1 <<<"$out")" "\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\"" \
  "a formula keyword is quoted and prefixed"
expect_contains "$out" "\"'=cmd.txt\"" "a file named =cmd.txt is prefixed"
python3 -c 'import csv,sys; rows=list(csv.reader(sys.stdin)); bad=[c for r in rows for c in r if c and c[0] in "=+-@"]; sys.exit(1 if bad else 0)' <<<"$out" \
  && pass || fail "a CSV cell starts with a formula character"
expect_status 0 "$ZHQUERY" audit --index "$IDX" "$KW"
expect_contains "$out" $'\n\'=cmd.txt\t' "TSV: the file name prefixed"
[[ $out != *"$ESC"* ]] && pass || fail "the audit prints an escape"
cd - >/dev/null

# Limits: a query of 100 KB and one that is not UTF-8 are bad queries (status 2),
# refused at once; keyword lists past 10,000 keywords or 4 MB likewise.
big=$(head -c 100000 /dev/zero | tr '\0' 'x') # (one argument holds at most 128 KB)
start=$SECONDS
expect_status 2 "$ZHQUERY" --index "$IDX" "$big"
expect_contains "$err" "the limit is 3000 bytes" "a 100 KB query is refused"
((SECONDS - start < 5)) && pass || fail "refusing a 100 KB query took $((SECONDS - start)) s"
expect_status 2 "$ZHQUERY" --index "$IDX" $'育儿\xff补贴'
expect_contains "$err" "not valid UTF-8 (byte 0xFF at offset 6)" "an invalid UTF-8 query"
expect_status 2 "$ZHQUERY" similar --index "$IDX" --where "$big" 育儿补贴
expect_contains "$err" "the limit is 3000 bytes" "a 100 KB --where is refused"
printf '计生协\xb9\xa4\xd7\xf7' >"$WORK/gbk-draft.txt" # UTF-8, then GBK: neither
expect_status 2 "$ZHQUERY" similar --index "$IDX" --from "$WORK/gbk-draft.txt"
expect_contains "$err" "is neither UTF-8 (byte 0xB9 at offset 9) nor GBK or Big5" \
  "a draft of mixed encodings"
seq -f '词%06g' 10001 >"$WORK/many.txt"
expect_status 2 "$ZHQUERY" audit --index "$IDX" "$WORK/many.txt"
expect_contains "$err" "many.txt:10001: more than 10000 keywords" "10,001 keywords are refused"
head -c 5000000 /dev/zero | tr '\0' 'x' >"$WORK/huge.txt"
expect_status 2 "$ZHQUERY" audit --index "$IDX" "$WORK/huge.txt"
expect_contains "$err" "the limit is 4 MB" "a 5 MB keywords file is refused"
finish
