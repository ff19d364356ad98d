#!/usr/bin/env bash
# End to end at archive scale: 5,000 generated files indexed, then 55 theme
# queries through every output (text, --json, --facets, --group-by-doc, similar,
# audit --passages, the search API). Hits of many files once crashed zhquery.
source "$(dirname "$0")/serve_lib.sh"
REPO=$(cd "$(dirname "$0")/../.." && pwd)
ARCHIVE="$WORK/archive"
IDX="$WORK/index"
# A sanitizer report must not pass for "no match" (exit 1).
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:exitcode=86"

python3 "$REPO/bench/mkcorpus.py" --mb 6 --files 5000 --out "$ARCHIVE" --jobs 2 >/dev/null ||
  { fail "mkcorpus failed"; finish; exit 1; }
files=$(find "$ARCHIVE" -name '*.txt' -o -name '*.md' | wc -l)
[[ $files -ge 5000 ]] && pass || fail "archive holds $files files, want 5000"
expect_status 0 "$ZHINDEX" --verbose --index "$IDX" "$ARCHIVE"
expect_not_contains "$err" "without some of its text" "every file indexed whole (every character in a passage)"

mapfile -t queries < <(grep -v '^#' "$REPO/bench/queries.txt" | grep -v '^$')
queries+=(产假 计划生育家庭奖励扶助 家庭 工作 服务 健康 协会 "\"计生\"" "\"年\"" 补贴 宣传 2025)
[[ ${#queries[@]} -ge 50 ]] && pass || fail "only ${#queries[@]} queries"

# A search may find nothing (1); anything else from a query that parses is a failure.
ok_status() { [[ $1 -eq 0 || $1 -eq 1 ]]; }
json_lines_ok() { python3 -c 'import json,sys
for l in sys.stdin: json.loads(l)' 2>/dev/null; }

for q in "${queries[@]}"; do
  for opts in "" "--json" "--facets" "--group-by-doc" "--json --facets --group-by-doc" "-n 50 --offset 30"; do
    # shellcheck disable=SC2086
    out=$("$ZHQUERY" --index "$IDX" $opts -- "$q" 2>"$WORK/stderr"); st=$?
    if ok_status $st; then pass; else fail "zhquery $opts '$q': exit $st: $(head -c 300 "$WORK/stderr")"; fi
    if [[ $opts == --json* && $st -eq 0 ]]; then
      json_lines_ok <<<"$out" && pass || fail "zhquery $opts '$q': output is not JSON Lines"
    fi
  done
done

# A word in thousands of documents: the facet lines show 30 values and say how
# many more there are (the doc line once listed every file); --count
# --group-by-doc counts the documents.
docs=$("$ZHQUERY" --index "$IDX" --count --group-by-doc 工作)
expect_status 0 "$ZHQUERY" --index "$IDX" --facets -n 1 工作
doc_line=$(grep '^doc ' <<<"$out")
expect_eq "$(grep -oE '\([0-9]+\)' <<<"$doc_line" | wc -l)" 30 "the doc facet line shows 30 documents"
expect_contains "$doc_line" "… and $((docs - 30)) more values" "the doc facet line says how many more"

# Precedents for paragraphs of several files.
for f in $(find "$ARCHIVE" -name '*.txt' | sort | awk 'NR % 700 == 1'); do
  draft=$(awk 'length($0) > 60 {print; exit}' "$f")
  [[ -n $draft ]] || continue
  for opts in "" "--json"; do
    # shellcheck disable=SC2086
    "$ZHQUERY" similar --index "$IDX" $opts -n 20 "$draft" >/dev/null 2>"$WORK/stderr"; st=$?
    ok_status $st && pass || fail "similar $opts ($f): exit $st: $(head -c 300 "$WORK/stderr")"
  done
done

# Audits: every query word as a keyword, passages listed.
printf '%s\n' "${queries[@]}" | tr -d '"' | grep -v -- '-\|OR\| ' | sort -u >"$WORK/keywords.txt"
for opts in "--passages" "--passages --format json" "--by province" "--format csv"; do
  # shellcheck disable=SC2086
  "$ZHQUERY" audit --index "$IDX" $opts "$WORK/keywords.txt" >"$WORK/audit.out" 2>"$WORK/stderr"; st=$?
  [[ $st -eq 0 ]] && pass || fail "audit $opts: exit $st: $(head -c 300 "$WORK/stderr")"
done
rows=$("$ZHQUERY" audit --index "$IDX" "$WORK/keywords.txt" | wc -l)
[[ $rows -ge 5002 ]] && pass || fail "audit matrix has $rows lines, want a row per file"

# The API: the same queries, with facets and pages.
start_server "$IDX"
for q in "${queries[@]}"; do
  enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
  for params in "facets=1" "offset=40&n=50" "facets=1&province=%E6%B9%96%E5%8D%97"; do
    code=$(curl -sS --max-time 60 -o "$WORK/body" -w '%{http_code}' "$URL/api/search?q=$enc&$params")
    [[ $code == 200 ]] && pass || fail "api/search q=$q $params: HTTP $code: $(head -c 300 "$WORK/body")"
  done
done
code=$(curl -sS --max-time 60 -o "$WORK/body" -w '%{http_code}' "$URL/api/docs")
[[ $code == 200 ]] && pass || fail "api/docs: HTTP $code"
kill -0 "$SERVER_PID" 2>/dev/null && pass || fail "the server died"
stop_server
[[ $SERVER_STATUS -eq 0 ]] && pass || fail "the server exited with $SERVER_STATUS"
finish
