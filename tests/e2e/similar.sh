#!/usr/bin/env bash
# End to end: zhquery similar finds precedents on the draft's theme in other
# documents, marks the draft's own source, limits passages per document,
# honours filters and folds near-identical copies together.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
expect_status 0 "$ZHINDEX" --index "$IDX" "$CORPUS"

# "file:line" of each JSON object, one per line, in order, with its kind.
cites() { python3 -c '
import json, sys, os
for line in sys.stdin:
    o = json.loads(line)
    print(o["kind"], os.path.basename(o["file"]) + ":" + str(o["lines"][0]))'; }

# case DRAFT_FILE LINE OWN_DOC EXPECTED...: with the draft's own document left
# out, the best precedent is one of the expected passages on the same theme.
case_() {
  local file=$1 line=$2 own=$3; shift 3
  local draft top
  draft=$(sed -n "${line}p" "$CORPUS/$file")
  top=$("$ZHQUERY" similar --index "$IDX" -n 3 --where "-doc:$own" --json "$draft" | cites |
        awk '$1 == "precedent" {print $2; exit}')
  for want in "$@"; do [[ "$top" == "$want" ]] && { pass; return; }; done
  fail "precedent for $file:$line is $top, not one of: $*"
}
# youth and reproductive health
case_ henan-2026-work-points.txt 38 henan guizhou-2025-work-review.txt:45 \
  hunan-2021-council-report.txt:299 hunan-2021-council-report.txt:617 hunan-2022-bulletin-19.txt:56
# help for special families
case_ guizhou-2025-work-review.txt 57 guizhou hunan-2021-council-report.txt:593 \
  hunan-2022-bulletin-19.txt:70 henan-2026-work-points.txt:42 fujian-2022-work-review.txt:21
# the floating population
case_ henan-2026-work-points.txt 48 henan hunan-2021-council-report.txt:666 \
  hunan-2021-council-report.txt:409
# family health promotion
case_ henan-2026-work-points.txt 50 henan hunan-2022-bulletin-19.txt:108 \
  hunan-2022-bulletin-19.txt:54 hunan-2021-council-report.txt:631 hunan-2021-council-report.txt:368
# new marriage and childbearing culture
case_ henan-2026-work-points.txt 36 henan hunan-2022-bulletin-19.txt:46 \
  guizhou-2025-work-review.txt:51 hunan-2022-bulletin-19.txt:44 fujian-2022-work-review.txt:23
# eugenics guidance, parent-child rooms, childcare
case_ henan-2026-work-points.txt 40 henan guizhou-2025-work-review.txt:27 \
  hunan-2021-council-report.txt:648 hunan-2022-bulletin-19.txt:60 fujian-2022-work-review.txt:23
# foundation fund-raising and charity projects
case_ guizhou-2025-work-review.txt 33 guizhou fujian-2022-work-review.txt:41 \
  hunan-2021-council-report.txt:97 hunan-2022-bulletin-19.txt:112 hunan-2021-council-report.txt:262
# subsidies and insurance for family-planning households
case_ hunan-2021-council-report.txt 237 hunan-2021 hunan-2022-bulletin-19.txt:68 \
  hunan-2022-bulletin-19.txt:124 fujian-2022-work-review.txt:41 henan-2026-work-points.txt:42
# organisation building and reform
case_ henan-2026-work-points.txt 58 henan hunan-2021-council-report.txt:566 \
  hunan-2021-council-report.txt:542 hunan-2021-council-report.txt:211 \
  hunan-2022-bulletin-19.txt:136 hunan-2022-bulletin-19.txt:140 fujian-2022-work-review.txt:51
# epidemic prevention
case_ hunan-2022-bulletin-19.txt 76 hunan-2022 hunan-2021-council-report.txt:691 \
  hunan-2021-council-report.txt:97

# A draft that is already in the archive: its passage is the source, listed
# first and not offered as a precedent.
draft=$(sed -n 60p "$CORPUS/henan-2026-work-points.txt")
out=$("$ZHQUERY" similar --index "$IDX" --json "$draft" | cites)
[[ $(head -1 <<<"$out") == "source henan-2026-work-points.txt:60" ]] && pass || fail "source first: $out"
[[ $(grep -c "precedent henan-2026-work-points.txt:60" <<<"$out") -eq 0 ]] && pass ||
  fail "the source is no precedent"
expect_status 0 "$ZHQUERY" similar --index "$IDX" "$draft"
expect_contains "$out" "source" "text output marks the source"

# A single sentence and a whole page both work; at most --per-doc per document.
expect_status 0 "$ZHQUERY" similar --index "$IDX" -n 5 "开展青春健康教育进校园活动。"
expect_status 0 "$ZHQUERY" similar --index "$IDX" -n 10 --per-doc 2 --json \
  --from "$CORPUS/guizhou-2025-work-review.txt"
per_doc=$(cites <<<"$out" | awk '$1 == "precedent" {sub(/:.*/, "", $2); print $2}' | sort | uniq -c |
          awk '$1 > 2')
[[ -z "$per_doc" ]] && pass || fail "more than 2 passages of one document: $per_doc"
printf '%s\n' "$draft" | "$ZHQUERY" similar --index "$IDX" - >/dev/null && pass ||
  fail "draft from standard input"

# Drafts as staff save them: GBK text (a file, or standard input), a Word
# file; each finds the page it came from as its source. (They were refused as
# "not valid UTF-8".)
page="$CORPUS/guizhou-2025-work-review.txt"
iconv -f UTF-8 -t GB18030 "$page" >"$WORK/draft-gbk.txt"
expect_status 0 "$ZHQUERY" similar --index "$IDX" -n 3 --json --from "$WORK/draft-gbk.txt"
expect_contains "$out" '"kind":"source"' "a GBK draft file finds its source"
out=$("$ZHQUERY" similar --index "$IDX" -n 3 --json - <"$WORK/draft-gbk.txt") ||
  fail "a GBK draft on standard input: exit $?"
expect_contains "$out" "guizhou-2025-work-review.txt" "a GBK draft on standard input"
python3 - "$page" "$WORK/draft.docx" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
paras = "".join("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % escape(l.strip())
                for l in open(sys.argv[1], encoding="utf-8") if l.strip())
ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
with zipfile.ZipFile(sys.argv[2], "w") as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("word/document.xml", '<?xml version="1.0"?><w:document %s><w:body>%s</w:body></w:document>' % (ns, paras))
PY
expect_status 0 "$ZHQUERY" similar --index "$IDX" -n 3 --json --from "$WORK/draft.docx"
expect_contains "$out" "guizhou-2025-work-review.txt" "a Word draft finds its source"
head -c 4096 /dev/urandom >"$WORK/draft.bin"
expect_status 2 "$ZHQUERY" similar --index "$IDX" --from "$WORK/draft.bin"
expect_contains "$err" "draft.bin" "a draft that is no text is named"

# Filters: precedents from Hunan only; from other provinces only.
out=$("$ZHQUERY" similar --index "$IDX" --where province:湖南 --json "$draft")
[[ -n "$out" && -z $(grep -v '"province":"湖南"' <<<"$out") ]] && pass || fail "province filter"
out=$("$ZHQUERY" similar --index "$IDX" --where -province:河南 --json "$draft")
[[ -n "$out" && -z $(grep '"province":"河南"' <<<"$out") ]] && pass || fail "excluding a province"
expect_status 2 "$ZHQUERY" similar --index "$IDX" --where 'year:20xx' "$draft"
expect_contains "$err" "year" "bad filter named"
expect_status 2 "$ZHQUERY" similar --index "$IDX" "的了是"
expect_contains "$err" "no distinctive word" "a draft of nothing"

# The same reports filed twice: each shows once, naming its copy.
mkdir -p "$WORK/twice/a" "$WORK/twice/b"
cp "$CORPUS"/*.txt "$WORK/twice/a/" && cp "$CORPUS"/*.txt "$WORK/twice/b/"
expect_status 0 "$ZHINDEX" --index "$WORK/index2" "$WORK/twice"
out=$("$ZHQUERY" similar --index "$WORK/index2" -n 5 --json "$draft")
[[ $(grep -c '"kind":"source"' <<<"$out") -eq 1 ]] && pass || fail "one source for two copies"
grep '"kind":"source"' <<<"$out" | grep -q '"copies":\["' && pass || fail "source lists its copy"
texts=$(python3 -c 'import json,sys; [print(json.loads(l)["text"][:60]) for l in sys.stdin]' <<<"$out")
[[ $(sort <<<"$texts" | uniq -d | wc -l) -eq 0 ]] && pass || fail "near-identical passages shown twice"
finish
