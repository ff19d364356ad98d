#!/usr/bin/env bash
# End to end: HTML, PDF and DOCX files written at test time by mkformats.py
# (python3's standard library, no fonts) are indexed; Chinese phrases in them
# are found with their page (PDF) and heading (DOCX, HTML).
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
D="$WORK/docs"
if ! python3 "$(dirname "$0")/mkformats.py" "$D"; then
  fail "mkformats.py could not write the documents"
  finish
  exit 1
fi

# The PDF reads as intended with poppler's own tool too (poppler-utils), so a
# failure below is zhsearch's, not the generator's.
if command -v pdftotext >/dev/null; then
  expect_contains "$(pdftotext -f 3 -l 3 "$D/report.pdf" - 2>&1)" "数字乡村示范工程" "pdftotext, page 3"
  expect_contains "$(pdftotext -f 2 -l 2 "$D/report.pdf" - 2>&1)" "心理健康服务站" "pdftotext, page 2 (UniGB-UCS2-H)"
fi

# Broken documents fail alone with a message; other formats are skipped.
printf 'not a pdf at all' >"$D/fake.pdf"
printf 'PK\003\004 truncated' >"$D/broken.docx"
printf 'x' >"$D/notes.odt"
expect_status 1 "$ZHINDEX" --verbose --index "$IDX" "$D"
expect_contains "$out" "3 files indexed (3 new, 0 changed)" "the three documents are indexed"
expect_contains "$out" "2 failed, 1 skipped" "two broken, one skipped"
expect_contains "$err" "$D/fake.pdf: not a PDF file" "fake PDF"
expect_contains "$err" "$D/broken.docx: " "broken DOCX named"
expect_contains "$err" "DOCX" "broken DOCX message"
expect_contains "$err" "$D/notes.odt: skipped" "unsupported format, --verbose"

# PDF: a phrase on page 3, cited with its page, under its heading, in the
# document's title.
expect_status 0 "$ZHQUERY" --index "$IDX" '"数字乡村示范工程"'
expect_contains "$out" "1 matching passage" "one PDF passage"
[[ $out =~ report\.pdf:[0-9]+\ \(p\.3[,\)] ]] && pass || fail "page 3 cited as report.pdf:N (p.3…): $out"
expect_contains "$out" "某省2024年政府工作报告 › 三、2025年工作安排" "PDF title and heading"
# page 2 is drawn with a predefined CMap font (poppler-data), page 1 with an identity one
expect_status 0 "$ZHQUERY" --index "$IDX" '"心理健康服务站"'
[[ $out =~ report\.pdf:[0-9]+\ \(p\.2[,\)] ]] && pass || fail "page 2 cited: $out"
expect_status 0 "$ZHQUERY" --index "$IDX" '"地区生产总值"'
[[ $out =~ report\.pdf:[0-9]+\ \(p\.1[,\)] ]] && pass || fail "page 1 cited: $out"

# --json carries the page (null where a format has none) and the headings.
json_field() { # JSON-LINES FIELD: the field of the first hit, as JSON
  python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1].split("\n")[0])[sys.argv[2]], ensure_ascii=False))' "$1" "$2"
}
expect_status 0 "$ZHQUERY" --index "$IDX" --json '"数字乡村示范工程"'
expect_contains "$(json_field "$out" page)" "3" "JSON page of the PDF hit"
expect_status 0 "$ZHQUERY" --index "$IDX" --json '"续贷周转"'
expect_contains "$(json_field "$out" page)" "null" "JSON page of a DOCX hit"
expect_contains "$(json_field "$out" headings)" '["一、主要成效", "（二）强化要素保障"]' "DOCX heading levels"
expect_contains "$(json_field "$out" title)" "某市2024年营商环境工作总结" "DOCX title (Title style)"

# DOCX: the heading of the paragraph is shown.
expect_status 0 "$ZHQUERY" --index "$IDX" '"制度性交易成本"'
expect_contains "$out" "某市2024年营商环境工作总结 › 二、下一步打算" "DOCX title and heading"
expect_not_contains "$out" "(p." "no page for DOCX"

# HTML: heading, the source line of the paragraph, no script text.
expect_status 0 "$ZHQUERY" --index "$IDX" '"生活垃圾收运"'
expect_contains "$out" "某县2024年乡村振兴工作报告 › 二、人居环境" "HTML title and heading"
expect_contains "$out" "page.html:15" "HTML source line"
expect_status 0 "$ZHQUERY" --index "$IDX" '"土特产"'
expect_contains "$out" "“[土特产]”品牌" "HTML entities decoded"
expect_status 1 "$ZHQUERY" --index "$IDX" 不应被索引的脚本内容
expect_contains "$out" "0 matching passages" "script text is not indexed"

# A second run finds the documents unchanged.
expect_status 1 "$ZHINDEX" --index "$IDX" "$D"
expect_contains "$out" "0 files indexed (0 new, 0 changed), 3 unchanged" "second run"
finish
