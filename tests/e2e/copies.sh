#!/usr/bin/env bash
# End to end: a document saved twice shows once, naming its copy; what a copy
# holds that its shown file lacks is still found by a quoted string; documents
# written from one template are not copies, not even through a third file.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
D="$WORK/docs"
mkdir -p "$D/a" "$D/b" "$D/c"

body='现将有关事项函复如下：同意以哈尔滨市名义申办第二十四届世界大学生冬季运动会。运动会申办全部经费由黑龙江省和哈尔滨市自行筹措，中央财政不予负担。请你们按照有关规定认真做好申办工作，确保申办工作顺利进行。'
reply() { # NUMBER DATE CITY
  printf '国务院办公厅关于同意以%s名义申办运动会的复函\n\n%s\n\n%s\n\n国务院办公厅\n%s\n' "$3" "$1" \
    "${body//哈尔滨/$3}" "$4"
}
# One report saved twice (two folders), once with one more sentence.
cp "$CORPUS/henan-2026-work-points.txt" "$D/a/"
{ cat "$CORPUS/henan-2026-work-points.txt"; echo; echo '附注：本件另送省卫生健康委员会备案存档。'; } \
  >"$D/b/henan-2026-work-points-copy.txt"
# Two replies from one template, and a bare copy of the first with no number or date.
reply '国办函〔2004〕36号' 哈尔滨 哈尔滨 '二〇〇四年四月十七日' >"$D/c/reply-2004.txt"
reply '国办函〔2004〕88号' 深圳 深圳 '二〇〇四年十二月十七日' >"$D/c/reply-2011.txt"
printf '国务院办公厅关于同意以哈尔滨名义申办运动会的复函\n\n%s\n' "$body" >"$D/c/reply-bare.txt"
expect_status 0 "$ZHINDEX" --quiet --index "$IDX" "$D"

q() { "$ZHQUERY" --index "$IDX" "$@"; }
expect_status 0 q --docs --json
docs=$(grep -c '"kind":"doc"' <<<"$out")
expect_eq "$docs" 3 "--docs: the report once, the two replies (with the bare copy named)"
expect_contains "$(grep henan <<<"$out")" 'henan-2026-work-points' "the report is listed"
expect_contains "$(grep henan <<<"$out")" '"copies":["' "the report names its copy"
grep -q 'reply-2004' <<<"$out" && grep -q 'reply-2011' <<<"$out" && pass ||
  fail "two replies from one template are two documents"

# Free text: the report's passages once; every file with --all-copies.
expect_status 0 q --count 青春健康
once=$out
expect_status 0 q --all-copies --count 青春健康
[[ $out -ge $((once * 2)) ]] && pass || fail "--all-copies finds both copies: $out, not 2 × $once"
expect_status 0 q --facets -n 0 青春健康
expect_not_contains "$out" "henan-2026-work-points-copy.txt" "the copy is not a facet value"
# The sentence only one copy has is found by a quoted string, cited in that copy.
expect_status 0 q '"本件另送省卫生健康委员会备案存档"'
expect_contains "$out" "henan-2026-work-points-copy.txt" "a copy's own text is found"
# Each reply by its number.
expect_status 0 q --group-by-doc -n 1 '"国办函〔2004〕88号"'
expect_contains "$out" "reply-2011.txt" "the second reply by its number"
# An unchanged archive indexed again keeps its copies.
expect_status 0 "$ZHINDEX" --index "$IDX" "$D"
expect_status 0 q --docs --json
expect_eq "$(grep -c '"kind":"doc"' <<<"$out")" 3 "copies kept after an unchanged run"
finish
