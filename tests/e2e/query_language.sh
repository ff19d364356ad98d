#!/usr/bin/env bash
# End to end: every field, operator, facet and output form of zhquery on the real
# corpus, with the passages expected by file:line; folding, synonyms, the sidecar.
source "$(dirname "$0")/lib.sh"
export LC_ALL=C # sort and comm order bytes
IDX="$WORK/index"
expect_status 0 "$ZHINDEX" --quiet --index "$IDX" "$CORPUS"

q() { "$ZHQUERY" --index "$IDX" "$@"; }
# cites ARGS...: the hits of a search as sorted "file:line" (file name only):
# the full matches (--strict leaves out those holding only some of the words).
cites() {
  q -n 100000 --strict "$@" | sed -nE 's|^   (.*/)?([^/ ]+\.txt:[0-9]+).*|\2|p' | sort
}
# files ARGS...: the distinct files of the hits.
files() { cites "$@" | sed 's/:.*//' | sort -u | tr '\n' ' ' | sed 's/ $//'; }
# total ARGS...: the count in the header line ("… N matching passages").
total() {
  q -n 0 "$@" | head -1 | grep -oE '[0-9]+ matching' | grep -oE '[0-9]+' || echo "no count: $*"
}
HN21=hunan-2021-council-report.txt HN22=hunan-2022-bulletin-19.txt
GZ=guizhou-2025-work-review.txt HE=henan-2026-work-points.txt FJ=fujian-2022-work-review.txt

# ---- fields ----
expect_eq "$(files year:2025)" "$GZ" "year:2025"
expect_eq "$(total year:2025)" "$(total doc:guizhou)" "year:2025 has all of guizhou"
expect_eq "$(files year:2020..2021)" "$HN21" "year:2020..2021"
expect_eq "$(total year:2020..2021)" "$(total doc:hunan-2021)" "year:2020..2021 has all of hunan-2021"
expect_eq "$(files year:2026..)" "$HE" "year:2026.."
expect_eq "$(files year:..2021)" "$HN21" "year:..2021"
expect_eq "$(files year:2022)" "$FJ $HN22" "year:2022"
expect_eq "$(files year:2023..2024)" "" "year:2023..2024"
expect_status 1 q year:2023..2024
expect_eq "$(files province:湖南)" "$HN21 $HN22" "province:湖南"
expect_eq "$(total province:湖南)" "$(($(total doc:hunan-2021) + $(total doc:hunan-2022)))" \
  "province:湖南 has both hunan reports"
expect_eq "$(files province:贵州省)" "$GZ" "province:贵州省 (long form)"
expect_eq "$(cites province:贵州省)" "$(cites province:贵州)" "province long and short forms"
expect_eq "$(files type:工作要点)" "$HE" "type:工作要点"
expect_eq "$(files type:简报)" "$HN22" "type:简报"
expect_eq "$(files type:工作综述)" "$FJ $GZ" "type:工作综述"
expect_eq "$(cites type:要点)" "$(cites type:工作要点)" "type:要点 is an alias"
expect_eq "$(files doc:henan)" "$HE" "doc:henan"
expect_eq "$(total doc:henan)" 27 "doc:henan passages" # title, 文号 and headings included
expect_eq "$(files doc:hunan)" "$HN21 $HN22" "doc:hunan"
expect_status 1 q doc:不存在
expect_contains "$out" "0 matching passages" "doc:不存在"
# the guizhou passage under "服务群众健康 促进健康贵州建设作出新贡献"
expect_eq "$(cites heading:服务群众健康)" "$GZ:45" "heading:服务群众健康"
expect_status 0 q heading:服务群众健康
expect_contains "$out" "$GZ:45 (lines 45–47)" "heading:服务群众健康 cites lines 45–47"
# an outer heading labels the passages of its sub-sections (十一)…(十四)
expect_eq "$(cites heading:统筹做好其他重点工作 | tr '\n' ' ')" "$HE:56 $HE:58 $HE:60 $HE:64 " \
  "heading:统筹做好其他重点工作"
expect_eq "$(cites 'heading:"服务群众健康 促进健康贵州建设"')" "$GZ:45" "quoted heading value"
expect_eq "$(cites 'heading:“服务群众健康 促进健康贵州建设”')" "$GZ:45" "curly-quoted heading value"
expect_status 1 q 'heading:"服务群众健康 统筹做好"'

# ---- operators: AND, OR, NOT as set operations, and named passages ----
set_and() { comm -12 <(cites "$1") <(cites "$2"); }
set_or() { sort -u <(cites "$1") <(cites "$2"); }
set_minus() { comm -23 <(cites "$1") <(cites "$2"); }
expect_eq "$(cites '唇腭裂 嫣然')" "$GZ:57" "AND by space"
expect_eq "$(cites '唇腭裂 OR 嫣然' | tr '\n' ' ')" "$GZ:57 $GZ:7 " "OR"
expect_eq "$(cites '唇腭裂 -嫣然')" "$GZ:7" "-word"
expect_eq "$(cites '唇腭裂 NOT 嫣然')" "$GZ:7" "NOT word"
expect_eq "$(cites '"暖心家园" "保险"')" "$(set_and '"暖心家园"' '"保险"')" "AND is the intersection"
expect_eq "$(cites '"暖心家园" OR "唇腭裂"')" "$(set_or '"暖心家园"' '"唇腭裂"')" "OR is the union"
expect_eq "$(cites '"暖心家园" -"保险"')" "$(set_minus '"暖心家园"' '"保险"')" "-\"…\" is the difference"
expect_eq "$(cites '暖心家园 -"保险"')" "$(set_minus '"暖心家园"' '"保险"')" "暖心家园 -\"保险\""
expect_contains "$(cites '暖心家园 -"保险"')" "$HN22:160" "暖心家园 -\"保险\" keeps a passage without 保险"
expect_not_contains "$(cites '暖心家园 -"保险"')" "$HE:42" "暖心家园 -\"保险\" drops $HE:42"
expect_status 0 q -n 100 暖心家园 -'"保险"'
expect_not_contains "$(tail -n +2 <<<"$out")" "保险" "暖心家园 -\"保险\" shows no 保险"
# parentheses: (A OR B) C differs from A OR B C, which is A OR (B C)
expect_eq "$(cites '("唇腭裂" OR "暖心家园") year:2025' | tr '\n' ' ')" "$GZ:57 $GZ:7 " "parentheses"
expect_eq "$(cites '"唇腭裂" OR "暖心家园" year:2025')" \
  "$(set_or '"唇腭裂"' '"暖心家园" year:2025')" "without parentheses AND binds first"
expect_eq "$(cites 'doc:guizhou -("唇腭裂" OR "暖心家园")')" \
  "$(set_minus doc:guizhou '"唇腭裂" OR "暖心家园"')" "excluding a group"
# fields only: all of henan
expect_eq "$(cites 'province:河南 type:工作要点')" "$(cites doc:henan)" "fields only"
expect_contains "$(cites 'province:河南 type:工作要点')" "$HE:9" "fields only: first henan passage"
expect_contains "$(cites 'province:河南 type:工作要点')" "$HE:64" "fields only: last henan passage"
expect_eq "$(cites 'province:河南 OR province:贵州' | sed 's/:.*//' | sort -u | tr '\n' ' ')" \
  "$GZ $HE " "OR of fields"
expect_eq "$(cites '"育儿补贴" province:河南 year:2025..')" "$HE:60" "育儿补贴 in Henan from 2025"

# ---- facets, --count, --group-by-doc ----
expect_status 0 q --facets -n 0 '"暖心家园"'
expect_contains "$out" "province  湖南 (10) 河南 (2) 福建 (1) 贵州 (1)" "province facet"
expect_contains "$out" "year      2022 (7) 2021 (4) 2026 (2) 2025 (1)" "year facet"
expect_contains "$out" "type      简报 (6) 工作报告 (4) 工作综述 (2) 工作要点 (2)" "type facet"
expect_contains "$out" "doc       $HN22 (6) $HN21 (4) $HE (2) $FJ (1) $GZ (1)" "doc facet"
for query in '"暖心家园"' 计生协 '"计生特殊家庭" OR 托育' year:2022 青春健康 新媒体宣传; do
  facets=$(q --facets -n 0 "$query")
  want=$(total "$query")
  for f in province year type doc; do
    sum=$(grep "^$f " <<<"$facets" | grep -oE '\([0-9]+\)' | tr -d '()' | awk '{s += $1} END {print s}')
    expect_eq "$sum" "$want" "$f facet of $query adds up to the total"
  done
  # per-document counts are the hits' own files
  expect_eq "$(grep '^doc ' <<<"$facets" | grep -oE '[^ ]+\.txt \([0-9]+\)' | tr -d '()' |
    awk '{print $2, $1}' | sort -k2)" \
    "$(cites "$query" | sed 's/:.*//' | uniq -c | awk '{print $1, $2}' | sort -k2)" \
    "doc facet of $query counts its hits"
  expect_eq "$(q --count "$query")" "$want" "--count of $query"
done
expect_status 1 q --count '"量子计算机"'
expect_eq "$out" "0" "--count of nothing"
for query in 计生协 '"暖心家园"' year:2022; do
  grouped=$(q --group-by-doc -n 100 "$query" | sed -nE 's|^   (.*/)?([^/ ]+\.txt):[0-9]+.*|\2|p')
  expect_eq "$(sort <<<"$grouped" | uniq -d)" "" "--group-by-doc: one passage per document ($query)"
  expect_eq "$(sort <<<"$grouped" | tr '\n' ' ')" "$(files "$query") " \
    "--group-by-doc: every document once ($query)"
  # the header counts documents, not passages (it said "about 5 matching passages")
  ndocs=$(files "$query" | wc -w)
  for facets in "" --facets; do
    expect_eq "$(q --group-by-doc $facets -n 1 "$query" | head -1)" \
      "$query: $ndocs matching document$([[ $ndocs -eq 1 ]] || echo s), showing 1–1" \
      "--group-by-doc $facets header ($query)"
  done
  [[ $(q --group-by-doc -n 1 "$query") != *"province  "* ]] && pass ||
    fail "--group-by-doc shows facets unasked ($query)"
  expect_eq "$(q --group-by-doc --count "$query")" "$ndocs" "--group-by-doc --count ($query)"
done

# ---- --json ----
expect_status 0 q --json -n 5 '"暖心家园" OR "暖心家園"'
python3 - "$out" "$CORPUS" <<'EOF' && pass || fail "--json hits"
import json, sys
lines = sys.argv[1].split("\n")
objs = [json.loads(l) for l in lines]
hits, summary = objs[:-1], objs[-1]
assert len(hits) == 5, len(hits)
for i, h in enumerate(hits):
    assert h["kind"] == "hit"
    for k in ("rank", "score", "file", "lines", "title", "heading", "province", "year", "type",
              "text", "highlights"):
        assert k in h, k
    assert h["rank"] == i + 1 and isinstance(h["score"], float)
    assert h["file"].startswith(sys.argv[2] + "/"), h["file"]
    assert h["lines"][0] <= h["lines"][1]
    assert h["highlights"], h
    for a, b in h["highlights"]:
        assert h["text"][a:b] == "暖心家园", (h["text"][a:b], a, b)
    assert isinstance(h["year"], int) and h["province"] and h["type"]
assert hits[0]["score"] >= hits[-1]["score"]
assert summary["kind"] == "summary" and summary["total"] == 14 and summary["exact"] is True
assert summary["returned"] == 5 and summary["first"] == 1
EOF
expect_status 0 q --json -n 1 heading:服务群众健康
python3 - "$out" <<'EOF' && pass || fail "--json fields of a named passage"
import json, sys
h, s = [json.loads(l) for l in sys.argv[1].split("\n")]
assert h["file"].endswith("/guizhou-2025-work-review.txt") and h["lines"] == [45, 47], h
assert h["heading"] == "服务群众健康 促进健康贵州建设作出新贡献", h["heading"]
assert h["province"] == "贵州" and h["year"] == 2025 and h["type"] == "工作综述"
assert h["title"].startswith("凝心聚力谋发展")
assert s == {**s, "kind": "summary", "total": 1, "returned": 1}
EOF
# highlights are code point offsets also past full-width and ASCII text
expect_status 0 q --json -n 3 '"１０．６万人"'
python3 - "$out" <<'EOF' && pass || fail "--json highlights of a folded query"
import json, sys
objs = [json.loads(l) for l in sys.argv[1].split("\n")]
assert objs[-1]["total"] == 2
for h in objs[:-1]:
    assert [h["text"][a:b] for a, b in h["highlights"]] == ["10.6万人"], h["highlights"]
EOF
expect_status 0 q --json --facets -n 0 '"暖心家园"'
python3 - "$out" <<'EOF' && pass || fail "--json facets"
import json, sys
(s,) = [json.loads(l) for l in sys.argv[1].split("\n")]
assert s["facets"]["province"] == {"湖南": 10, "河南": 2, "福建": 1, "贵州": 1}, s
assert sum(s["facets"]["doc"].values()) == s["total"] == 14
EOF

# ---- --docs ----
expect_status 0 q --docs
docs=$(paste -d' ' - - - <<<"$out")
expect_eq "$(wc -l <<<"$docs")" 5 "--docs lists 5 documents"
expect_contains "$(grep "$HN21" <<<"$docs")" "· 湖南 · 2021 · 工作报告 ·" "--docs $HN21"
expect_contains "$(grep "$HN22" <<<"$docs")" "· 湖南 · 2022 · 简报 ·" "--docs $HN22"
expect_contains "$(grep "$GZ" <<<"$docs")" "· 贵州 · 2025 · 工作综述 ·" "--docs $GZ"
expect_contains "$(grep "$HE" <<<"$docs")" "· 河南 · 2026 · 工作要点 ·" "--docs $HE"
expect_contains "$(grep "$FJ" <<<"$docs")" "· 福建 · 2022 · 工作综述 ·" "--docs $FJ"
expect_status 0 q --docs --json
python3 - "$out" <<'EOF' && pass || fail "--docs --json"
import json, sys
docs = {d["file"].rsplit("/", 1)[1]: d for d in map(json.loads, sys.argv[1].split("\n"))}
want = {"hunan-2021-council-report.txt": ("湖南", 2021, "工作报告"),
        "hunan-2022-bulletin-19.txt": ("湖南", 2022, "简报"),
        "guizhou-2025-work-review.txt": ("贵州", 2025, "工作综述"),
        "henan-2026-work-points.txt": ("河南", 2026, "工作要点"),
        "fujian-2022-work-review.txt": ("福建", 2022, "工作综述")}
assert set(docs) == set(want), docs.keys()
for name, (province, year, type_) in want.items():
    d = docs[name]
    assert d["kind"] == "doc" and (d["province"], d["year"], d["type"]) == (province, year, type_), d
    assert d["passages"] > 0 and d["title"] and d["org"]
assert sum(d["passages"] for d in docs.values()) == 193
EOF

# ---- free text: every part of a word, then the partial matches, marked ----
# 青春健康 matched 71 passages by 健康 alone; now those holding 青春 and 健康
[[ $(total 青春健康) -le 20 && $(total 青春健康) -ge $(total '"青春健康"') ]] && pass ||
  fail "青春健康 counts its full matches only: $(total 青春健康)"
expect_status 0 q -n 100 新媒体宣传
expect_contains "$out" "-- passages holding only some of the words --" "partial matches are marked"
expect_contains "$(head -1 <<<"$out")" "holding only some of the words)" "the header counts them apart"
expect_status 0 q -n 100 --strict 新媒体宣传
expect_not_contains "$out" "holding only some" "--strict leaves them out"
expect_status 0 q --json -n 100 新媒体宣传
python3 - "$out" <<'EOF' && pass || fail "--json: partial hits follow the full ones and are counted"
import json, sys
lines = [json.loads(l) for l in sys.argv[1].splitlines()]
hits = [l for l in lines if l["kind"] == "hit"]
summary = lines[-1]
flags = [bool(h.get("partial")) for h in hits]
assert flags == sorted(flags), flags  # full matches first
assert sum(flags) == summary["partial_total"] > 0, summary
assert len(flags) - sum(flags) == summary["total"], summary
EOF
# two words typed apart: both in a full match, either in a partial one
expect_eq "$(cites '唇腭裂 嫣然')" "$GZ:57" "唇腭裂 嫣然: full match"
expect_status 0 q -n 10 '唇腭裂 嫣然'
expect_contains "$out" "$GZ:7" "唇腭裂 嫣然: 唇腭裂 alone follows as partial"

# ---- folding and synonyms ----
# the same hits, whatever the form of the query (the header repeats the query)
same_hits() { # A B
  expect_eq "$(q -n 1000 "$1" | tail -n +2)" "$(q -n 1000 "$2" | tail -n +2)" "$1 = $2"
  expect_eq "$(total "$1")" "$(total "$2")" "count of $1 = $2"
}
same_hits 計生協 计生协
same_hits '"計生協"' '"计生协"'
same_hits 育兒補貼 育儿补贴
same_hits '"１０．６万人"' '"10.6万人"'
same_hits '"（十一）"' '"(十一)"'
same_hits '"ＤＯＣＸ" OR "１２３２０"' '"docx" OR "12320"'
expect_eq "$(total 計生協)" "$(total 计生协)" "traditional count"
[[ $(total 计生协) -gt 50 ]] && pass || fail "计生协 finds many passages"
# a synonym finds a passage that has only the other form: 计生协, not 计划生育协会
expect_status 0 q -n 1000 计划生育协会
expect_contains "$out" "$HN22:19" "计划生育协会 finds the 计生协-only passage"
expect_contains "$out" "洞口县：扎实推进[计生协]改革发展取得新成效" "the 计生协 passage is highlighted"
expect_not_contains "$(grep -A2 "$HN22:19 " <<<"$out")" "计划生育协会" "that passage has no 计划生育协会"
expect_contains "$(cites 计划生育协会)" "$HN21:11" "another 计生协-only passage"
expect_status 0 q -n 1000 --no-synonyms 计划生育协会
expect_not_contains "$out" "$HN22:19 " "--no-synonyms drops the 计生协-only passage"
expect_not_contains "$out" "$HN21:11 " "--no-synonyms drops the other too"
[[ $(total --no-synonyms 计划生育协会) -lt $(total 计划生育协会) ]] && pass ||
  fail "--no-synonyms finds fewer"
# a word said with a synonym of a shorter word inside it: 托育服务 finds
# 婴幼儿照护服务 (托育 = 婴幼儿照护), a full match; not without synonyms
expect_contains "$(cites 托育服务)" "$HN21:648" "托育服务 finds 婴幼儿照护服务"
expect_not_contains "$(cites --no-synonyms 托育服务)" "$HN21:648" "… by the synonym only"
# the user's synonyms
printf '# mine\n暖心家园 = 嫣然天使\n' >"$WORK/syn.txt"
expect_eq "$(cites 嫣然天使)" "$GZ:57" "嫣然天使 without the user's synonyms"
expect_contains "$(cites --synonyms "$WORK/syn.txt" 嫣然天使)" "$HN22:160" \
  "--synonyms: 嫣然天使 finds 暖心家园"
expect_eq "$(total --synonyms "$WORK/syn.txt" 嫣然天使)" "$(total 暖心家园)" \
  "--synonyms: 嫣然天使 finds as much as 暖心家园"
printf '暖心家園 = 嫣然天使\n' >"$WORK/syn-t.txt" # rule terms are folded too
expect_eq "$(cites --synonyms "$WORK/syn-t.txt" 嫣然天使)" "$(cites --synonyms "$WORK/syn.txt" 嫣然天使)" \
  "--synonyms: traditional rule terms"
printf '# mine\n暖心家园 = 嫣然天使\n好 =\n' >"$WORK/bad-syn.txt"
expect_status 2 q --synonyms "$WORK/bad-syn.txt" 暖心家园
expect_eq "$err" "zhquery: $WORK/bad-syn.txt: line 3: a group needs two terms or more" \
  "malformed synonyms message"
expect_status 2 q --synonyms "$WORK/missing.txt" 暖心家园
expect_contains "$err" "zhquery: synonyms $WORK/missing.txt: " "missing synonyms file"
expect_status 0 q --analyze 计生协
expect_contains "$out" "synonyms: 计生协 → 计划生育协会 计生协会" "--analyze synonyms line"
expect_status 0 q --analyze 計生協
expect_contains "$out" "synonyms: 计生协 → 计划生育协会 计生协会" "--analyze folds first"
expect_status 0 q --synonyms "$WORK/syn.txt" --analyze 暖心家园
expect_contains "$out" "synonyms: 暖心家园 → 嫣然天使" "--analyze shows the user's synonyms"
expect_status 0 q --no-synonyms --analyze 计生协
expect_contains "$out" "synonyms: (off)" "--analyze with --no-synonyms"

# ---- the sidecar ----
D="$WORK/side"
mkdir -p "$D"
cp "$CORPUS/$HE" "$CORPUS/$FJ" "$D/"
printf '# file\tfield=value\n%s\tyear=2019\tprovince=云南省\ttype=简报\ttitle=改过的标题\n%s\tcolour=red\tyear=19x\torg=某协会\n' \
  "$HE" "$FJ" >"$D/zhsearch-meta.tsv"
expect_status 0 "$ZHINDEX" --index "$WORK/side-index" "$D"
expect_contains "$out" "2 files indexed" "sidecar: both files indexed"
expect_contains "$err" "zhindex: $D/zhsearch-meta.tsv: line 3: unknown field" "sidecar: unknown field"
expect_contains "$err" "zhindex: $D/zhsearch-meta.tsv: line 3: year must be a number from 1949 to 2099" \
  "sidecar: bad year"
expect_eq "$(grep -c 'zhsearch-meta.tsv' <<<"$err")" 2 "sidecar: two bad cells, reported once"
S=(--index "$WORK/side-index")
q() { "$ZHQUERY" "$@"; } # from here S names the index (--index repeated would add one)
expect_status 0 "$ZHQUERY" "${S[@]}" --docs
docs=$(paste -d' ' - - - <<<"$out")
expect_contains "$(grep "$HE" <<<"$docs")" "改过的标题    河南省计划生育协会 · 豫计生协〔2026〕2号 · 2026-02-27 · 云南 · 2019 · 简报 ·" "sidecar overrides"
expect_contains "$(grep "$FJ" <<<"$docs")" "某协会 · - · - · 福建 · 2022 · 工作综述 ·" "sidecar: good cell of a bad line"
expect_eq "$(cites "${S[@]}" year:2019 | sed 's/:.*//' | sort -u)" "$HE" "sidecar year:2019"
expect_eq "$(cites "${S[@]}" province:云南 | sed 's/:.*//' | sort -u)" "$HE" "sidecar province:云南"
expect_eq "$(cites "${S[@]}" type:简报 | sed 's/:.*//' | sort -u)" "$HE" "sidecar type:简报"
expect_status 1 "$ZHQUERY" "${S[@]}" year:2026
expect_status 1 "$ZHQUERY" "${S[@]}" province:河南
expect_eq "$(cites "${S[@]}" year:2022 | sed 's/:.*//' | sort -u)" "$FJ" "sidecar: the other file keeps its year"
expect_status 0 "$ZHQUERY" "${S[@]}" -n 1 育儿补贴 doc:henan
expect_contains "$out" "1. 改过的标题" "sidecar title in hits"
# Ranking parameters are options of each search (zs_rank.h), not the environment.
score1() { "$ZHQUERY" --index "$IDX" -n 1 "$@" | sed -nE '4s/.*score ([0-9.]+).*/\1/p'; }
base=$(score1 青春健康教育)
[[ $(score1 --weights 1,2,0.5 青春健康教育) != "$base" ]] ||
  fail "--weights: a heavier sub-word weight changes the score"
[[ $(score1 --bm25 1,0.75 青春健康教育) != "$base" ]] || fail "--bm25: b = 0.75 changes the score"
[[ -n $base ]] || fail "a score for 青春健康教育"
expect_eq "$(ZHSEARCH_WEIGHTS=9,9,9 ZHSEARCH_BM25=3,1 score1 青春健康教育)" "$base" \
  "ranking ignores the old environment variables"
expect_status 2 "$ZHQUERY" --index "$IDX" --weights 1,0.5 青春健康
expect_status 2 "$ZHQUERY" --index "$IDX" --bm25 1,2 青春健康
finish
