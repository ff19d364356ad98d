#!/usr/bin/env bash
# End to end: index corpus/ with the real zhindex, search it with the real zhquery.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"

expect_status 0 "$ZHINDEX" --index "$IDX" "$CORPUS"
expect_contains "$out" "5 files indexed (5 new, 0 changed), 0 unchanged, 0 removed, 0 failed" "summary"
expect_contains "$out" "MB/s" "summary speed"

# Theme queries: the first hit contains the theme.
for theme in 青春健康 育儿补贴 暖心家园 向日葵亲子小屋 唇腭裂; do
  expect_status 0 "$ZHQUERY" --index "$IDX" "$theme"
  expect_contains "$(first_hit_text "$out")" "$theme" "first hit of $theme"
  expect_contains "$out" "[$theme]" "highlight of $theme"
done

# The header counts matches; every hit cites path:line.
expect_status 0 "$ZHQUERY" --index "$IDX" -n 3 计生协
expect_contains "$out" "matching passage" "count line"
[[ $(grep -c '^   .*\.txt:[0-9]' <<<"$out") -eq 3 ]] && pass || fail "-n 3 shows 3 cited hits"
expect_status 0 "$ZHQUERY" --index "$IDX" -n 3 --offset 3 计生协
expect_contains "$out" "showing 4–6" "paging with --offset"

# A sentence broken over many PDF lines is found verbatim, cited at its first line.
expect_status 0 "$ZHQUERY" --index "$IDX" '"全省各级计生协以习近平新时代中国特色社会主义思想为指导"'
expect_contains "$out" "hunan-2021-council-report.txt:17" "cited line of the rejoined sentence"
expect_contains "$out" "1 matching passage" "exactly one passage has it"

# Section headings and titles are shown.
expect_status 0 "$ZHQUERY" --index "$IDX" '"建立家庭健康指导员队伍10.6万人"'
expect_contains "$out" "服务群众健康 促进健康贵州建设作出新贡献" "nearest heading"
expect_contains "$out" "贵州省计划生育协会2025年工作综述" "document title"

# Exclusion and OR.
expect_status 0 "$ZHQUERY" --index "$IDX" -n 100 暖心家园 -保险
expect_not_contains "$(tail -n +2 <<<"$out")" "保险" "暖心家园 -保险 shows no 保险"
expect_contains "$out" "[暖心家园]" "暖心家园 -保险 still finds 暖心家园"
expect_status 0 "$ZHQUERY" --index "$IDX" -n 100 '"唇腭裂" OR "嫣然"'
expect_contains "$out" "[嫣然]" "OR matches the second alternative"

# A string in no passage: exit status 1, zero matches.
expect_status 1 "$ZHQUERY" --index "$IDX" '"量子计算机"'
expect_contains "$out" "0 matching passages" "no match count"

# Piped output marks matches with brackets; a terminal gets bold unless NO_COLOR.
tty_out=$(script -qec "'$ZHQUERY' --index '$IDX' -n 1 唇腭裂" /dev/null 2>/dev/null)
expect_contains "$tty_out" $'\e[1m' "bold on a terminal"
tty_out=$(NO_COLOR=1 script -qec "'$ZHQUERY' --index '$IDX' -n 1 唇腭裂" /dev/null 2>/dev/null)
expect_not_contains "$tty_out" $'\e[1m' "NO_COLOR turns bold off"

# Re-indexing a file replaces its passages rather than adding copies.
"$ZHQUERY" --index "$IDX" '"唇腭裂"' >"$WORK/before"
expect_status 0 "$ZHINDEX" --index "$IDX" "$CORPUS/guizhou-2025-work-review.txt"
"$ZHQUERY" --index "$IDX" '"唇腭裂"' >"$WORK/after"
[[ $(head -1 "$WORK/before") == $(head -1 "$WORK/after") ]] && pass || fail "re-index keeps counts"

# Malformed queries: exit status 2 and a message pointing at the problem.
expect_status 2 "$ZHQUERY" --index "$IDX" '"育儿补贴'
expect_contains "$err" "unterminated quote at column 1" "quote message"
expect_status 2 "$ZHQUERY" --index "$IDX" '(育儿 OR'
expect_contains "$err" "column" "OR message"

# --analyze shows words and n-grams; '-' gives one line of words per input line.
expect_status 0 "$ZHQUERY" --index "$IDX" --analyze 全面推进育儿补贴制度
expect_contains "$out" "育儿补贴" "analyze words"
expect_contains "$out" "bigrams:" "analyze bigrams"
out=$(printf '计生协开展青春健康教育。\n\n育儿补贴，ＡＢＣ１２３\n' | "$ZHQUERY" --index "$IDX" --analyze -)
[[ $(wc -l <<<"$out") -eq 3 ]] && pass || fail "--analyze - keeps one line per input line"
expect_contains "$(sed -n 3p <<<"$out")" "ＡＢＣ１２３" "--analyze - prints input characters"
expect_contains "$(sed -n 1p <<<"$out")" "计生协 " "--analyze - words separated by spaces"

finish
