#!/usr/bin/env bash
# End to end: zhquery audit on an index of corpus/: matrix formats and groupings,
# passages, --require, and keywords files with errors.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
KW="$WORK/keywords.txt"
audit() { expect_status "$1" "$ZHQUERY" audit --index "$IDX" "${@:2}"; }

expect_status 0 "$ZHINDEX" --quiet --index "$IDX" "$CORPUS"
cat >"$KW" <<'EOF'
# required terms first
+计生协
+唇腭裂
育儿补贴|育儿津贴
孕
"三提三效"
2022年,省计生协会
EOF

# Default TSV: a header, one row per document, a total row and a total column.
audit 0 "$KW"
expect_contains "$(head -1 <<<"$out")" $'doc\t计生协\t唇腭裂\t育儿补贴\t孕\t"三提三效"\t2022年,省计生协会\ttotal' "TSV header"
[[ $(wc -l <<<"$out") -eq 7 ]] && pass || fail "TSV has 5 documents, a header and a total row"
# 369 is what a scan of the whole text finds: titles, 文号 and headings count too
expect_contains "$(tail -1 <<<"$out")" $'total\t369\t3\t5\t6\t' "TSV total row"
for f in "$CORPUS"/*.txt; do
  scan=$(tr -d ' \n' <"$f" | grep -o 计生协 | wc -l)
  expect_contains "$(grep "$(basename "$f")" <<<"$out")" $'\t'"$scan"$'\t' "计生协 in $(basename "$f") = a scan"
done
expect_contains "$(grep guizhou <<<"$out")" $'\t20\t3\t1\t1\t' "Guizhou row"

# CSV (RFC 4180) and JSON parse; totals add up.
check_totals() { # FORMAT: reads the output on stdin, prints "ok" or why not
  python3 -c '
import csv, io, json, sys
fmt, data = sys.argv[1], sys.stdin.read()
if fmt == "csv":  # for spreadsheets: one byte order mark, Chinese headers
    assert data.startswith("\ufeff") and not data.startswith("\ufeff\ufeff")
    rows = list(csv.reader(io.StringIO(data[1:], newline="")))
    head, body, total = rows[0], rows[1:-1], rows[-1]
    assert head[-1] == "合计" and total[0] == "合计" and "2022年,省计生协会" in head, head
    meta = 5 if head[:5] == ["文档", "标题", "省份", "年份", "类型"] else 1
    assert all(len(r) == len(head) for r in rows)
    nums = [[int(x) for x in r[meta:]] for r in body]
    assert all(sum(r[:-1]) == r[-1] for r in nums)
    assert [sum(c) for c in zip(*nums)] == [int(x) for x in total[meta:]]
else:
    d = json.loads(data)
    cols = [k["name"] for k in d["keywords"]]
    for name in cols:
        assert sum(r["counts"][name] for r in d["rows"]) == d["total"]["counts"][name]
    assert sum(r["total"] for r in d["rows"]) == d["total"]["total"]
    assert sum(r["documents"] for r in d["rows"]) == d["total"]["documents"] == 5
print("ok", len(d["rows"]) if fmt == "json" else len(body))
' "$1"
}
audit 0 --format csv "$KW"
expect_contains "$(check_totals csv <<<"$out" 2>&1)" "ok 5" "CSV parses, totals add up"
expect_contains "$out" $'\r\n' "CSV records end with CRLF"
expect_contains "$(head -1 <<<"$out")" '"""三提三效""","2022年,省计生协会"' "CSV quoting"
audit 0 --format json "$KW"
expect_contains "$(check_totals json <<<"$out" 2>&1)" "ok 5" "JSON parses, totals add up"

# Rows by year, province and type.
audit 0 --by year "$KW"
expect_contains "$(cut -f1 <<<"$out" | tr '\n' ' ')" "year 2021 2022 2025 2026 total" "rows by year"
audit 0 --by province --format json "$KW"
expect_contains "$(check_totals json <<<"$out" 2>&1)" "ok 4" "four provinces"
expect_contains "$out" '"province":"湖南","documents":2' "Hunan has two documents"
audit 0 --by type --format csv "$KW"
expect_contains "$(check_totals csv <<<"$out" 2>&1)" "ok" "rows by type add up"
expect_contains "$(head -1 <<<"$out")" "类型," "type header"
# by document, for a spreadsheet: the title, province, year and type beside the file
audit 0 --format csv "$KW"
expect_contains "$(grep guizhou <<<"$out")" "凝心聚力谋发展 砥砺奋进谱新篇 ——贵州省计划生育协会2025年工作综述,贵州,2025,工作综述,20,3,1,1," "metadata columns"
audit 0 --format xlsx "$KW"
[[ $(head -c 2 <<<"$out") == PK ]] && pass || fail "XLSX is a zip archive"
python3 - "$ZHQUERY" "$IDX" "$KW" <<'PY' && pass || fail "the XLSX sheet holds the matrix"
import subprocess, sys, zipfile, io
data = subprocess.run([sys.argv[1], "--index", sys.argv[2], "audit", "--format", "xlsx", sys.argv[3]],
                      capture_output=True, check=True).stdout
sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
assert "<t>文档</t>" in sheet and "<t>合计</t>" in sheet and "贵州" in sheet, sheet[:300]
PY

# Passages: keyword, file:line, count, text; 唇腭裂 only in the Guizhou review.
audit 0 --passages "$KW"
expect_contains "$(head -1 <<<"$out")" $'keyword\tlocation\tcount\tpassage' "passages header"
cleft=$(grep $'^唇腭裂\t' <<<"$out")
[[ $(grep -c 'guizhou-2025-work-review.txt:[0-9]*'$'\t''[0-9]' <<<"$cleft") -ge 1 ]] && pass ||
  fail "passages name file:line"
[[ $(grep -vc guizhou <<<"$cleft") -eq 0 ]] && pass || fail "唇腭裂 passages only in Guizhou"
[[ $(awk -F'\t' '{n += $3} END {print n}' <<<"$cleft") -eq 3 ]] && pass || fail "passage counts add to 3"
audit 0 --passages --format json "$KW"
expect_contains "$(python3 -c 'import json,sys; p=json.load(sys.stdin)["passages"]; print(sum(x["count"] for x in p if x["keyword"]=="孕"))' <<<"$out")" "6" "JSON passages"

# --require: documents missing a '+' keyword, exit status 1.
audit 1 --require "$KW"
for doc in fujian-2022 henan-2026 hunan-2021 hunan-2022; do
  expect_contains "$out" "$doc" "$doc misses 唇腭裂"
done
expect_not_contains "$out" "guizhou" "Guizhou has every required keyword"
expect_contains "$err" "4 of 5 documents miss a required keyword" "--require summary"
printf '+计生协\n唇腭裂\n' >"$WORK/present.txt"
audit 0 --require "$WORK/present.txt"
[[ "$out" == $'doc\tmissing' ]] && pass || fail "nothing missing: header only"
printf '计生协\n' >"$WORK/none-required.txt"
audit 2 --require "$WORK/none-required.txt"
expect_contains "$err" "marks no keyword as required" "--require without +"

# Keywords file errors: every bad line named, exit status 2.
printf '计生协\n\n育儿 补贴\n+\na||b\n%s\n计生协\n' "$(printf '健%.0s' {1..65})" >"$WORK/bad.txt"
audit 2 "$WORK/bad.txt"
expect_contains "$err" "bad.txt:3: '育儿 补贴' can never occur" "space between Chinese"
expect_contains "$err" "bad.txt:4: empty keyword" "empty keyword"
expect_contains "$err" "bad.txt:5: empty alternative" "empty alternative"
expect_contains "$err" "bad.txt:6: " "too long"
expect_contains "$err" "too long: 65 characters" "too long message"
expect_contains "$err" "bad.txt:7: '计生协' repeats line 1" "duplicate"
[[ -z "$out" ]] && pass || fail "no matrix for a bad keywords file"
audit 2 "$WORK/no-such-keywords.txt"
expect_contains "$err" "no-such-keywords.txt" "missing file named"
printf '# only a comment\n' >"$WORK/empty.txt"
audit 2 "$WORK/empty.txt"
expect_contains "$err" "has no keywords" "no keywords"

# Usage errors and an unusable index.
audit 2 --by century "$KW"
audit 2 --passages --require "$KW"
audit 2 --by year --passages "$KW"
audit 2
expect_status 3 "$ZHQUERY" audit --index "$WORK/no-index" "$KW"
expect_contains "$err" "no index at" "index message"
expect_status 0 "$ZHQUERY" audit --help
expect_contains "$out" "KEYWORDS_FILE" "help"

finish
