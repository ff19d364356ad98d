#!/usr/bin/env bash
# End to end: zhquery's command line forgives order: options before or after
# the subcommand and the query, "--" ends them, "-word" after a word excludes
# it, an unknown option is an error naming it; help for every subcommand.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
expect_status 0 "$ZHINDEX" --quiet --index "$IDX" "$CORPUS"
q() { "$ZHQUERY" "$@"; }
printf '全面推进育儿补贴制度，开展托育服务。\n' >"$WORK/draft.txt"
printf '托育\n计生协\n' >"$WORK/kw.txt"

# the README's own commands: options before the subcommand
expect_status 0 q --index "$IDX" similar --from "$WORK/draft.txt" -n 2
expect_contains "$out" "distinctive words of the draft" "--index before similar"
expect_not_contains "$out" "matching passages" "similar is not searched for"
expect_status 0 q similar --index "$IDX" --from "$WORK/draft.txt" -n 2
same_similar=$out
expect_status 0 q --from "$WORK/draft.txt" similar -n 2 --index "$IDX"
expect_eq "$out" "$same_similar" "similar: options before, after and around it"
expect_status 0 q --index "$IDX" audit "$WORK/kw.txt"
expect_contains "$(head -1 <<<"$out")" "托育" "--index before audit"
expect_status 0 q audit "$WORK/kw.txt" --index "$IDX" --format csv
expect_contains "$(head -1 <<<"$out")" "托育" "audit: options after the file"
expect_status 2 q --index "$IDX" serve --threads 0
expect_contains "$err" "zhquery serve: --threads" "--index before serve"

# options after the query
expect_status 0 q --index "$IDX" 托育 type:工作要点 --facets
expect_contains "$(head -1 <<<"$out")" "托育 type:工作要点:" "--facets is no part of the query"
expect_contains "$out" "province" "--facets after the query"
expect_status 0 q --index "$IDX" '"计生协"' --count
count_after=$out
expect_status 0 q --index "$IDX" --count '"计生协"'
expect_eq "$count_after" "$out" "--count after the query"
[[ $count_after -gt 50 ]] && pass || fail "--count after the query counts: $count_after"
expect_status 0 q 托育 -n 1 --index "$IDX" --json
expect_eq "$(grep -c '"kind":"hit"' <<<"$out")" 1 "-n and --json after the query"

# "-word": an exclusion after a word, and also first when it cannot be an option
expect_status 0 q --index "$IDX" --count 托育
all=$out
expect_status 0 q --index "$IDX" --count 托育 -province:湖南
without=$out
expect_status 0 q --index "$IDX" --count -province:湖南 托育
expect_eq "$out" "$without" "-province:湖南 first is an exclusion"
[[ $without -lt $all ]] && pass || fail "-province:湖南 excludes: $without of $all"
expect_status 0 q --index "$IDX" --count 计生协 -湖南
[[ $out -lt $(q --index "$IDX" --count 计生协) ]] && pass || fail "-湖南 after a word excludes"

# "--" ends the options: a word that names a subcommand or looks like an option
expect_status 1 q --index "$IDX" -- help -n 1
expect_contains "$out" "help -n 1:" "after --, help and -n are words"
# unknown options are errors naming them, never part of the query
expect_status 2 q --index "$IDX" 托育 --frobnicate
expect_contains "$err" "'--frobnicate'" "an unknown long option is named"
expect_status 2 q --index "$IDX" -x 托育
expect_contains "$err" "'-x'" "an unknown short option is named"
expect_status 2 q --index "$IDX" 托育 -n
expect_contains "$err" "'-n' needs a value" "a missing value is named"
expect_status 2 q --index "$IDX" --json=yes 托育
expect_contains "$err" "'--json' takes no value" "a value for a flag is named"
expect_status 2 q --index "$IDX" similar --facets 托育
expect_contains "$err" "'--facets'" "an option of another subcommand is named"

# help: every subcommand and its options
expect_status 0 q --help
for sub in similar audit serve; do
  expect_contains "$out" "  $sub " "--help lists $sub"
done
for opt in --index --json -n --count --facets --group-by-doc --per-doc --strict --offset --docs \
  --analyze --synonyms --no-synonyms --all-copies; do
  expect_contains "$out" "  $opt" "--help lists $opt"
done
expect_status 0 q help
expect_contains "$out" "help SUBCOMMAND" "help alone is --help"
for sub in similar audit serve; do
  expect_status 0 q help $sub
  expect_contains "$out" "usage: zhquery $sub" "help $sub"
done
expect_status 2 q help nope

# --analyze without an index: the built-in lexicon and synonyms, said so
expect_status 0 q --index "$WORK/no-such-index" --analyze 计生协
expect_status 3 q --index "$WORK/no-such-index" 计生协
expect_status 0 env HOME="$WORK/no-home" XDG_DATA_HOME= ZHSEARCH_INDEX= "$ZHQUERY" --analyze 计生协
expect_contains "$out" "built-in" "--analyze says which lexicon"
expect_contains "$out" "synonyms: 计生协 → 计划生育协会" "--analyze: built-in synonyms without an index"
expect_status 0 q --index "$IDX" --analyze 计生协
expect_contains "$out" "the index's" "--analyze with an index says so"
# --cite: the citation a drafter pastes, from the document's metadata
expect_status 0 q --index "$IDX" -n 1 --cite 托育 doc:henan
expect_contains "$out" "   cite: 《关于印发〈河南省计划生育协会2026年工作要点〉的通知》（豫计生协〔2026〕2号），河南省计划生育协会，2026年2月27日，第" "--cite"
expect_contains "$out" "henan-2026-work-points.txt:" "file:line stays for tools"
expect_status 0 q --index "$IDX" -n 1 --json 托育 doc:henan
expect_contains "$out" '"cite":"《关于印发〈河南省计划生育协会2026年工作要点〉的通知》（豫计生协〔2026〕2号）' "cite in JSON"
expect_status 0 q --index "$IDX" similar --cite -n 1 --from "$WORK/draft.txt"
expect_contains "$out" "   cite: 《" "similar --cite"
expect_status 0 env -u LC_ALL LANG=zh_CN.UTF-8 "$ZHQUERY" --index "$IDX" -n 1 --cite 托育 doc:henan
expect_contains "$out" "   引用：《关于印发" "--cite in Chinese"
# --format: the passages as a spreadsheet (CSV with a byte order mark, XLSX), or TSV for tools
expect_status 0 q --index "$IDX" -n 5 --format csv 托育
expect_contains "$(head -1 <<<"$out")" $'\xef\xbb\xbf序号,标题,发文字号,发文机关,成文日期,省份,年份,类型,所在标题,段落,引用,文件,行,页,得分,匹配\r' "CSV header"
expect_eq "$(grep -c $'\r$' <<<"$out")" 6 "a CSV record per passage"
expect_status 0 q --index "$IDX" -n 5 --format tsv 托育
expect_contains "$(head -1 <<<"$out")" $'rank\ttitle\tdocno' "TSV header for tools"
python3 - "$ZHQUERY" "$IDX" <<'PY' && pass || fail "--format xlsx: a workbook with the hits"
import subprocess, sys, zipfile, io
for args in (["-n", "5", "托育"], ["similar", "-n", "3", "全面推进育儿补贴制度"]):
    data = subprocess.run([sys.argv[1], "--index", sys.argv[2], "--format", "xlsx"] + args,
                          capture_output=True, check=True).stdout
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<t>标题</t>" in sheet and "<t>引用</t>" in sheet and "《" in sheet, sheet[:300]
PY
expect_status 0 q --index "$IDX" similar -n 2 --format csv --from "$WORK/draft.txt"
expect_contains "$(head -1 <<<"$out")" "类别" "similar --format csv"
expect_status 2 q --index "$IDX" --format pdf 托育
expect_contains "$err" "--format needs tsv, csv or xlsx" "an unknown format is named"
finish
