#!/usr/bin/env bash
# End to end: messages in the user's language: Chinese when the locale is
# Chinese (also when that locale is not generated on the machine, as on a
# fresh Debian), English otherwise; errors keep their file, line and column.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
zh() { env -u LC_ALL LANG=zh_CN.UTF-8 "$@"; }
en() { env -u LC_ALL LANG=en_US.UTF-8 "$@"; }

expect_status 0 zh "$ZHINDEX" --index "$IDX" "$CORPUS"
expect_contains "$out" "zhindex：已索引 5 个文件" "zhindex summary in Chinese"
expect_status 0 en "$ZHINDEX" --index "$IDX" "$CORPUS"
expect_contains "$out" "zhindex: 0 files indexed" "zhindex summary in English"

# the search output
expect_status 0 zh "$ZHQUERY" --index "$IDX" -n 20 '唇腭裂 嫣然'
expect_contains "$(head -1 <<<"$out")" "唇腭裂 嫣然：共 1 段匹配（另有 1 段只含部分检索词），显示第 1–2 段" "header"
expect_contains "$out" "—— 以下段落只含部分检索词 ——" "partial matches"
expect_contains "$out" "（第 57–59 行）  得分" "lines and score"
expect_status 0 en "$ZHQUERY" --index "$IDX" -n 20 '唇腭裂 嫣然'
expect_contains "$(head -1 <<<"$out")" "唇腭裂 嫣然: 1 matching passage (then 1 holding only some of the words)" "English header"
expect_status 0 zh "$ZHQUERY" --index "$IDX" --facets -n 0 托育
expect_contains "$out" "省份      湖南" "facet names"
# a Chinese locale that is generated too, and LC_ALL over LANG
expect_status 0 env LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8 "$ZHQUERY" --index "$IDX" -n 0 托育
expect_contains "$out" "matching passages" "LC_ALL=C.UTF-8 wins over LANG"
expect_status 0 env -u LC_ALL LANG=C.UTF-8 LC_MESSAGES=zh_CN.UTF-8 "$ZHQUERY" --index "$IDX" -n 0 托育
expect_contains "$out" "段匹配" "LC_MESSAGES=zh_CN"
expect_status 0 env -u LC_ALL LANG=zh_TW.UTF-8 "$ZHQUERY" --index "$IDX" -n 0 托育
expect_contains "$out" "段匹配" "any zh_* locale"

# a file in no encoding zhindex reads: the whole message in Chinese
mkdir -p "$WORK/bad"
printf '\xd6\xd0\xce\xc4\xb1\xa8\xb8\xe6\x80\x80%.0s' {1..40} >"$WORK/bad/bad.txt"
expect_status 1 zh "$ZHINDEX" --index "$WORK/bad-index" "$WORK/bad"
expect_contains "$err" "不是有效的 GB18030" "bad encoding in Chinese"
expect_contains "$err" "，也不是 UTF-8" "the encodings tried, in Chinese"
expect_not_contains "$err" "nor UTF-8" "no English left in the Chinese message"

# errors: the same structure in both languages
expect_status 2 zh "$ZHQUERY" --index "$IDX" 'year:2023..2020 托育'
expect_contains "$err" "zhquery：检索式有误：" "query error prefix"
expect_contains "$err" "第 1 列的年份：范围 2023..2020 前后颠倒了" "query error with its column"
expect_status 2 en "$ZHQUERY" --index "$IDX" 'year:2023..2020 托育'
expect_contains "$err" "bad query: year at column 1: the range 2023..2020 is backwards" "the same in English"
expect_status 2 zh "$ZHQUERY" --index "$IDX" '托育 "abc'
expect_contains "$err" "第 4 列的引号没有闭合" "unterminated quote"
expect_status 3 zh "$ZHQUERY" --index "$WORK/none" 托育
expect_contains "$err" "$WORK/none 处没有索引；请建立索引：zhindex --index $WORK/none 文件夹" "no index"
expect_status 2 zh "$ZHQUERY" --index "$IDX" 托育 --frobnicate
expect_contains "$err" "未知选项“--frobnicate”" "unknown option"
mkdir -p "$WORK/bad"
printf '\xff\xfe\x00bad' >"$WORK/bad/broken.pdf"
expect_status 1 zh "$ZHINDEX" --index "$IDX" "$WORK/bad"
expect_contains "$err" "$WORK/bad/broken.pdf：" "a file's problem names the file"
printf '托育\n计生协|计划生育协会\n+\n' >"$WORK/kw.txt"
expect_status 2 zh "$ZHQUERY" --index "$IDX" audit "$WORK/kw.txt"
expect_contains "$err" "kw.txt:3: 关键词为空" "a keywords file's problem names its line"

# help in Chinese
expect_status 0 zh "$ZHQUERY" --help
expect_contains "$out" "用法：zhquery [选项] 检索词..." "usage"
expect_status 0 zh "$ZHQUERY" help audit
expect_contains "$out" "精确统计关键词文件" "help audit"
expect_status 0 zh "$ZHINDEX" --help
expect_contains "$out" "用法：zhindex" "zhindex usage"
finish
