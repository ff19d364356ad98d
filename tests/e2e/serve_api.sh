#!/usr/bin/env bash
# End to end: every endpoint of zhquery serve with curl — answers equal to the
# command line's (--json, audit, similar, --docs), malformed and oversized
# requests, markup in a query and in a document, the index left untouched,
# a vanished index (503) and its return, new commits seen, a clean stop.
source "$(dirname "$0")/serve_lib.sh"
IDX="$WORK/index"
make_serve_index "$IDX"
snapshot() { find "$IDX" -printf '%P %s %T@\n' | sort; }
before=$(snapshot)
start_server "$IDX" --refresh 1

# req METHOD PATH [CURL ARGS...]: sets code, body (also in $WORK/body) and
# headers (lower-cased, in $WORK/headers).
req() {
  local method=$1 path=$2
  shift 2
  local how=(-X "$method")
  [[ $method == HEAD ]] && how=(--head) # curl would wait for the body HEAD never gets
  : >"$WORK/body"
  code=$(curl -sS --max-time 30 -o "$WORK/body" -D "$WORK/headers.raw" -w '%{http_code}' \
    "${how[@]}" "$@" "$URL$path")
  body=$(cat "$WORK/body")
  [[ $method == HEAD ]] && body=$(sed -n '/^\r$/,$p' "$WORK/body" | tail -n +2)
  tr -d '\r' <"$WORK/headers.raw" >"$WORK/headers"
}
expect_code() { [[ $code == "$1" ]] && pass || fail "$2: HTTP $code (want $1): ${body:0:300}"; }
header() { grep -i "^$1:" "$WORK/headers" | head -n 1 | cut -d' ' -f2-; }
# py EXPR: EXPR evaluated with j = the JSON body (and cli, when $WORK/cli holds JSON Lines).
py() {
  python3 - "$1" "$WORK/body" "$WORK/cli" <<'EOF'
import json, sys, os
expr, body, cli = sys.argv[1:]
j = json.load(open(body, encoding="utf-8"))
cli = [json.loads(l) for l in open(cli, encoding="utf-8")] if os.path.exists(cli) else []
print(eval(expr))
EOF
}
expect_py() { # EXPR WHAT: EXPR must print True
  local got
  got=$(py "$1" 2>&1)
  [[ $got == True ]] && pass || fail "$2: $1 -> ${got:0:300}"
}
# expect_error STATUS WHAT PART: a JSON {"error": ...} containing PART
expect_error() {
  expect_code "$1" "$2"
  [[ $(header content-type) == "application/json; charset=utf-8" ]] && pass ||
    fail "$2: content type '$(header content-type)'"
  expect_py 'isinstance(j["error"], str) and len(j) in (1, 2)' "$2: a JSON error"
  expect_contains "$body" "$3" "$2"
}
cli() { "$ZHQUERY" --index "$IDX" "$@" >"$WORK/cli"; }
u() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# ---- the page ----
req GET /
expect_code 200 "GET /"
[[ $(header content-type) == "text/html; charset=utf-8" ]] && pass || fail "page content type"
expect_contains "$(header content-security-policy)" "default-src 'self'" "CSP"
expect_contains "$(header content-security-policy)" "script-src 'self';" "CSP scripts"
[[ $(header x-content-type-options) == nosniff ]] && pass || fail "nosniff"
expect_contains "$body" '<script src="/app.js" defer></script>' "the page loads app.js"
expect_not_contains "$body" '<script>' "no inline script"
req GET /app.js
expect_code 200 "GET /app.js"
[[ $(header content-type) == "text/javascript; charset=utf-8" ]] && pass || fail "app.js type"
expect_not_contains "$body" "innerHTML" "app.js builds the page with textContent only"
expect_not_contains "$body" "http://" "app.js fetches nothing from elsewhere"
req GET /app.css
[[ $code == 200 && $(header content-type) == "text/css; charset=utf-8" ]] && pass || fail "app.css"
req GET /favicon.svg
[[ $code == 200 && $(header content-type) == image/svg+xml* ]] && pass || fail "favicon"
req HEAD /
[[ $code == 200 && -z $body ]] && pass || fail "HEAD /: $code '${body:0:50}'"

# ---- health and documents ----
req GET /api/health
expect_code 200 "health"
cli --docs --json
expect_py 'j["status"] == "ok" and j["documents"] == len(cli) == 6 and j["passages"] == sum(d["passages"] for d in cli)' "health counts"
[[ $(header cache-control) == no-store ]] && pass || fail "API answers are not cached"
req GET /api/docs
expect_code 200 "docs"
expect_py 'j["docs"] == cli' "docs equal zhquery --docs --json"
req GET "/api/docs?x=1"
expect_error 400 "docs with a parameter" "未知参数“x”"

# ---- search ----
q=$(u 青春健康)
req GET "/api/search?q=$q"
expect_code 200 "search"
cli --json 青春健康
expect_py 'j["hits"] == cli[:-1] and j["total"] == cli[-1]["total"] and j["returned"] == 10 and j["offset"] == 0' "search equals zhquery --json"
expect_py 'j["query"] == "青春健康" and j["q"] == "青春健康" and j["filters"] == {} and "facets" not in j' "search summary"
req GET "/api/search?q=$q&offset=10&n=5"
cli --json -n 5 --offset 10 青春健康
expect_py 'j["hits"] == cli[:-1] and [h["rank"] for h in j["hits"]] == [11, 12, 13, 14, 15]' "second page"
req GET "/api/search?q=$q&facets=1&n=0"
cli --json --facets -n 0 青春健康
expect_py 'all([(v["value"], v["count"]) for v in j["facets"][f]] == list(cli[-1]["facets"][f].items()) for f in ("province", "year", "type", "doc"))' "facets equal zhquery --facets"
expect_py 'j["hits"] == [] and j["exact"] is True and j["total"] == cli[-1]["total"]' "facets: exact total"
req GET "/api/search?q=$q&province=$(u 湖南)&facets=true"
cli --json --facets '青春健康 province:湖南'
expect_py 'j["total"] == cli[-1]["total"] > 0 and j["query"] == "(青春健康) province:湖南" and j["filters"] == {"province": "湖南"}' "province filter"
expect_py '[v["value"] for v in j["facets"]["province"]] == ["湖南"]' "filtered facets"
req GET "/api/search?year=2022&type=$(u 简报)"
cli --json 'year:2022 type:简报'
expect_py 'j["total"] == cli[-1]["total"] > 0 and j["query"] == "year:2022 type:简报"' "filters alone"
req GET "/api/search?q=$(u '唇腭裂 OR 嫣然')&province=$(u 湖南)"
cli --json '(唇腭裂 OR 嫣然) province:湖南'
expect_py 'j["hits"] == cli[:-1] and j["total"] == cli[-1]["total"]' "OR keeps its filter (parenthesised)"
req GET "/api/search?q=$(u '"计生协"')&n=50"
cli --json -n 50 '"计生协"'
expect_py 'j["hits"] == cli[:-1] and len(j["hits"]) == 50' "exact string, 50 hits"
req GET "/api/search?q=qzxqzxqzx"
expect_py 'j["total"] == 0 and j["hits"] == []' "no match is 200 with no hits"
# partial matches after the full ones, as zhquery lists them; strict=1 and per_doc
req GET "/api/search?q=$(u 新媒体宣传)&n=20"
cli --json -n 20 新媒体宣传
expect_py 'j["hits"] == cli[:-1] and j["partial_total"] == cli[-1]["partial_total"] > 0 and any(h.get("partial") for h in j["hits"])' "partial matches"
req GET "/api/search?q=$(u 新媒体宣传)&n=20&strict=1"
expect_py 'not any(h.get("partial") for h in j["hits"]) and j["partial_total"] == 0' "strict=1"
# per_doc=1: each of the five reports once before any is repeated
req GET "/api/search?q=$(u 计生协)&n=5&per_doc=1"
cli --json -n 5 --per-doc 1 计生协
expect_py 'j["hits"] == cli[:-1] and len({h["file"] for h in j["hits"]}) == 5' "per_doc=1"
req GET "/api/search?q=$(u 计生协)&n=5&per_doc=0"
expect_py 'len({h["file"] for h in j["hits"]}) < 5' "per_doc=0: rank order"
req GET "/api/search?q=$q&per_doc=11"
expect_error 400 "per_doc too large" "per_doc"

# malformed searches: 400 with the parser's message (columns of q as typed)
req GET "/api/search?q=$(u '"abc')"
expect_error 400 "unterminated quote" "第 1 列的引号没有闭合"
req GET "/api/search?q=$(u '育儿 (托育')&province=$(u 湖南)"
expect_error 400 "unclosed parenthesis" "第 4 列的左括号没有闭合"
req GET "/api/search?q=$(u '育儿 foo:bar')"
expect_error 400 "unknown field" "第 4 列：未知字段“foo”"
req GET "/api/search?q=$(u '育儿 year:20x')"
expect_error 400 "bad year" "列"
req GET "/api/search?q=$(u 育儿)&province=$(u 火星)"
expect_error 400 "unknown province filter" "未知的 province“火星”"
expect_not_contains "$body" "column" "a filter's message has no column"
req GET "/api/search?q=$(u 育儿)&province=$(u '河南 OR x')"
expect_error 400 "filter with a space" "province 筛选条件"
req GET "/api/search?q=$(u 育儿)&year=$(u '2020)')"
expect_error 400 "filter with a parenthesis" "year 筛选条件"
req GET "/api/search"
expect_error 400 "nothing to search" "没有要检索的内容"
req GET "/api/search?q=%20%20"
expect_error 400 "blank query" "没有要检索的内容"
req GET "/api/search?q=$q&n=51"
expect_error 400 "n over the limit" "n 须为 0 到 50 的整数"
req GET "/api/search?q=$q&n=abc"
expect_error 400 "n not a number" "n 须为"
req GET "/api/search?q=$q&offset=-1"
expect_error 400 "negative offset" "offset 须为 0 到 10000 的整数"
req GET "/api/search?q=$q&offset=10001"
expect_error 400 "offset over the limit" "offset 须为"
req GET "/api/search?q=$q&facets=maybe"
expect_error 400 "facets not a boolean" "facets 须为 1 或 0"
req GET "/api/search?q=$q&color=red"
expect_error 400 "unknown parameter" "未知参数“color”"
req GET "/api/search?q=$q&q=x"
expect_error 400 "repeated parameter" "参数“q”给了两次"
req GET "/api/search?q=%FF%FE"
expect_error 400 "bad UTF-8" "q 不是有效的 UTF-8"
req GET "/api/search?q=a%00b"
expect_error 400 "NUL byte" "q 含有 NUL 字节"
req GET "/api/search?q=$(printf 'a%.0s' $(seq 1001))"
expect_error 400 "long query" "q 过长：1001 字节（最多 1000）"
req GET "/api/search?$(for i in $(seq 17); do printf 'p%d=1&' "$i"; done)"
expect_error 400 "too many parameters" "参数过多"

# markup in the query: JSON-escaped, never raw in the answer
req GET "/api/search?q=$(u '<script>alert(1)</script>')"
expect_code 200 "markup query"
expect_not_contains "$body" "<script>" "query echo"
expect_contains "$body" '"q":"\u003cscript\u003ealert(1)\u003c/script\u003e"' "query echo escaped"
expect_py 'j["q"] == "<script>alert(1)</script>"' "query echo decodes to the query"
req GET "/api/search?q=$(u '"><img src=x onerror=alert(1)>')"
expect_error 400 "markup in a malformed query" "引号没有闭合"
expect_not_contains "$body" "<img" "error message escaped"
# markup in an indexed document: its title, heading and text
req GET "/api/search?q=$(u 注入测试)"
expect_code 200 "markup document"
expect_not_contains "$body" "<script>" "document text escaped"
expect_not_contains "$body" "<img" "document text escaped"
expect_contains "$body" '\u003cscript\u003ealert(1)\u003c/script\u003e安徽省' "title escaped"
expect_py 'j["hits"][0]["title"].startswith("<script>alert(1)</script>") and "\"><img src=x onerror=alert(2)>" in j["hits"][0]["heading"] and "\"><img src=x onerror=alert(4)>" in j["hits"][0]["text"]' "markup kept as text"
[[ $(header content-type) == "application/json; charset=utf-8" ]] && pass || fail "JSON type"

# ---- similar ----
draft=$(sed -n 60p "$WORK/docs/henan-2026-work-points.txt")
"$ZHQUERY" similar --index "$IDX" --json -n 5 "$draft" >"$WORK/cli"
req POST "/api/similar?n=5" -H 'Content-Type: text/plain; charset=utf-8' --data-binary "$draft"
expect_code 200 "similar (POST)"
expect_py '[(i["kind"], i["file"], i["lines"], i["text"], i["terms"], i["also_in"]) for i in j["items"]] == [(c["kind"], c["file"], c["lines"], c["text"], c["terms"], c["also_in"]) for c in cli]' "similar equals zhquery similar --json"
expect_py 'j["items"][0]["kind"] == "source" and all(i["highlights"] for i in j["items"]) and len(j["words"]) > 3' "similar: source first, highlights, words"
req GET "/api/similar?n=5&text=$(u "$draft")"
expect_py '[(i["kind"], i["file"], i["lines"]) for i in j["items"]] == [(c["kind"], c["file"], c["lines"]) for c in cli]' "similar (GET) equals POST"
"$ZHQUERY" similar --index "$IDX" --json -n 3 --per-doc 1 --where '-province:河南' "$draft" >"$WORK/cli"
req POST "/api/similar?n=3&per_doc=1&where=$(u '-province:河南')" -H 'Content-Type: text/plain' --data-binary "$draft"
expect_py '[(i["file"], i["lines"]) for i in j["items"]] == [(c["file"], c["lines"]) for c in cli] and all(i["province"] != "河南" for i in j["items"])' "similar with where and per_doc"
req POST "/api/similar" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "text=$draft"
expect_error 415 "similar as a form" "text/plain"
req POST "/api/similar" -H 'Content-Type: text/plain' --data-binary ""
expect_error 400 "empty draft" "草稿为空"
req POST "/api/similar?text=x" -H 'Content-Type: text/plain' --data-binary "$draft"
expect_error 400 "draft twice" "不能两者都给"
req POST "/api/similar?n=0" -H 'Content-Type: text/plain' --data-binary "$draft"
expect_error 400 "n = 0" "n 须为 1 到 50 的整数"
req POST "/api/similar?where=$(u 'province:')" -H 'Content-Type: text/plain' --data-binary "$draft"
expect_error 400 "malformed where" "没有值"
req POST "/api/similar" -H 'Content-Type: text/plain' --data-binary "qqqq zzzz xxxx"
expect_code 400 "a draft of unknown words"
head -c 40000 /dev/zero | tr '\0' 'a' >"$WORK/draft-40k"
req POST "/api/similar" -H 'Content-Type: text/plain' --data-binary @"$WORK/draft-40k"
expect_error 413 "draft over 32 KB" "草稿过长"
head -c 100000 /dev/zero | tr '\0' 'a' >"$WORK/body-100k"
req POST "/api/similar" -H 'Content-Type: text/plain' --data-binary @"$WORK/body-100k"
expect_error 413 "body over 64 KB" "请求正文过大"
req POST "/api/similar" -H 'Content-Type: text/plain' -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/body-100k"
expect_error 413 "chunked body over 64 KB" "请求正文过大"
req POST "/api/similar" -H 'Content-Type: text/plain' --data-binary $'\xff\xfe'
expect_error 400 "draft not UTF-8" "不是有效的 UTF-8"

# ---- audit ----
printf '# keywords\n育儿补贴|育儿津贴\n+计生协\n青春健康\n<b>注入测试</b>\n' >"$WORK/keywords.txt"
for by in doc province; do
  "$ZHQUERY" audit --index "$IDX" --by $by --format json "$WORK/keywords.txt" >"$WORK/cli"
  req POST "/api/audit?by=$by" -H 'Content-Type: text/plain' --data-binary @"$WORK/keywords.txt"
  expect_code 200 "audit by $by"
  expect_py 'j == cli[0]' "audit by $by equals zhquery audit --format json"
done
expect_not_contains "$body" "<b>" "keyword names escaped"
"$ZHQUERY" audit --index "$IDX" --format csv "$WORK/keywords.txt" >"$WORK/audit.csv"
req POST "/api/audit?format=csv" -H 'Content-Type: text/plain' --data-binary @"$WORK/keywords.txt"
expect_code 200 "audit CSV"
cmp -s "$WORK/body" "$WORK/audit.csv" && pass || fail "audit CSV differs from zhquery audit --format csv"
[[ $(header content-type) == "text/csv; charset=utf-8" ]] && pass || fail "CSV type"
expect_contains "$(header content-disposition)" 'attachment; filename="zhsearch-audit.csv"' "CSV download"
printf '育儿 补贴\n\n育儿补贴\n育儿补贴\n' >"$WORK/bad-keywords.txt"
req POST /api/audit -H 'Content-Type: text/plain' --data-binary @"$WORK/bad-keywords.txt"
expect_error 400 "keyword problems" "关键词列表有 2 处问题；第 1 行："
expect_py '[p["line"] for p in j["problems"]] == [1, 4]' "problems name their lines"
req POST /api/audit -H 'Content-Type: text/plain' --data-binary $'# only a comment\n'
expect_error 400 "no keywords" "关键词列表为空"
seq 1 201 | sed 's/^/关键词/' >"$WORK/many-keywords.txt"
req POST /api/audit -H 'Content-Type: text/plain' --data-binary @"$WORK/many-keywords.txt"
expect_error 400 "too many keywords" "关键词过多：201 个（最多 200 个）"
req POST "/api/audit?by=county" -H 'Content-Type: text/plain' --data-binary @"$WORK/keywords.txt"
expect_error 400 "bad grouping" "by 只能是 doc、year、province 或 type"
req POST "/api/audit?format=xml" -H 'Content-Type: text/plain' --data-binary @"$WORK/keywords.txt"
expect_error 400 "bad format" "format 只能是 json、csv 或 xlsx"
req GET /api/audit
expect_error 405 "GET /api/audit" "/api/audit 不接受 GET 请求（请用 POST）"
[[ $(header allow) == POST ]] && pass || fail "Allow: POST"

# ---- paths, methods, hosts, sizes ----
req GET /api/nothing
expect_error 404 "unknown endpoint" "没有这个页面或接口：/api/nothing"
req GET "/$(u '<script>')"
expect_error 404 "unknown path with markup" "没有这个页面"
expect_not_contains "$body" "<script>" "path escaped"
req POST "/api/search?q=$q"
expect_error 405 "POST /api/search" "/api/search 不接受 POST 请求"
[[ $(header allow) == "GET, HEAD" ]] && pass || fail "Allow: GET, HEAD"
req DELETE /
expect_error 405 "DELETE /" "/ 不接受 DELETE 请求"
req GET /api/health -H 'Host: attacker.example'
expect_error 403 "a foreign Host (DNS rebinding)" "不是本机"
req GET /api/health -H 'Host: localhost:1234'
expect_code 200 "Host: localhost"
req POST /api/audit -H 'Content-Type: text/plain' -H 'Content-Length: 999999' --data-binary 'x'
expect_code 413 "a Content-Length over the limit"
# a burst of parallel requests, all answered
pids=()
for i in $(seq 20); do
  curl -s --max-time 30 -o /dev/null -w '%{http_code}\n' "$URL/api/search?q=$q&offset=$i" \
    >>"$WORK/burst" &
  pids+=($!)
done
wait "${pids[@]}"
[[ $(grep -c '^200$' "$WORK/burst") == 20 ]] && pass || fail "burst: $(sort "$WORK/burst" | uniq -c)"

# ---- read-only, and an index that changes under the server ----
[[ "$(snapshot)" == "$before" ]] && pass || fail "the server changed the index directory"
mv "$IDX" "$WORK/index-away"
sleep 1.2 # --refresh 1: searchers are reopened after a second
req GET "/api/search?q=$q"
expect_error 503 "index gone" "索引无法使用："
req GET /api/health
expect_code 503 "health without an index"
mv "$WORK/index-away" "$IDX"
sleep 1.2
req GET /api/health
expect_code 200 "health after the index is back"
printf '河南省计划生育协会\n\n新增测试文档：托育服务新添加的段落。\n' >"$WORK/docs/henan-2027-new.txt"
"$ZHINDEX" --quiet --index "$IDX" "$WORK/docs" || fail "zhindex again"
sleep 1.2
req GET "/api/search?q=$(u 新添加的段落)"
expect_py 'j["total"] == 1 and j["hits"][0]["file"].endswith("henan-2027-new.txt")' "a new commit is seen"

# ---- the document view: a hit's document whole, and its file as indexed ----
req GET "/api/search?q=$(u 新添加的段落)"
id=$(py 'j["hits"][0]["doc_id"]')
no=$(py 'j["hits"][0]["passage"]')
req GET "/api/doc?id=$id"
expect_code 200 "/api/doc"
expect_py 'j["kind"] == "document" and j["file"].endswith("henan-2027-new.txt") and '\
'[p["no"] for p in j["passages"]] == sorted(p["no"] for p in j["passages"]) and '\
'any(p["no"] == '"$no"' and "新添加的段落" in p["text"] for p in j["passages"]) and '\
'j["original"] == "/api/file?id='"$id"'" and j["passages"][0]["cite"].startswith("《")' \
  "the document's passages in order, the hit's among them"
req GET "/api/file?id=$id"
expect_code 200 "/api/file"
cmp -s "$WORK/body" "$WORK/docs/henan-2027-new.txt" && pass || fail "/api/file: the file as indexed"
expect_eq "$(header content-security-policy)" "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:" \
  "a file of the archive is shown sandboxed"
req GET "/api/doc?id=99999"
expect_error 404 "unknown document" "没有编号为 99999 的文档"
req GET "/api/file?id=99999"
expect_error 404 "unknown file" "没有编号为 99999 的文档"
req GET "/api/file?path=/etc/passwd"
expect_error 400 "a path is no parameter" "未知参数“path”"
req GET "/api/file?id=..%2F..%2Fetc%2Fpasswd"
expect_error 400 "a path as id" "id 须为"
req GET "/api/file"
expect_error 400 "no id" "请用 id 参数"
# changed since it was indexed: not served (the index no longer says what it is)
printf '改过的内容\n' >>"$WORK/docs/henan-2027-new.txt"
req GET "/api/file?id=$id"
expect_error 410 "a file changed since indexing" "已与建立索引时不同"
rm "$WORK/docs/henan-2027-new.txt"
ln -s /etc/passwd "$WORK/docs/henan-2027-new.txt"
req GET "/api/file?id=$id"
expect_error 410 "a file swapped for a link" "已与建立索引时不同"
rm "$WORK/docs/henan-2027-new.txt"

# ---- a clean stop ----
kill -0 "$SERVER_PID" 2>/dev/null && pass || fail "the server died"
stop_server
[[ $SERVER_STATUS == 0 ]] && pass || fail "exit status $SERVER_STATUS after SIGTERM: $(tail -5 "$WORK/server.err")"
expect_contains "$(cat "$WORK/server.err")" "收到 SIGTERM，正在停止" "stop message"
# Ctrl-C's signal stops it too, even as a background job (started ignoring SIGINT)
start_server "$IDX"
stop_server INT
[[ $SERVER_STATUS == 0 ]] && pass || fail "exit status $SERVER_STATUS after SIGINT"
expect_contains "$(cat "$WORK/server.err")" "收到 SIGINT，正在停止" "SIGINT message"
# bad usage and an unusable index
expect_status 2 "$ZHQUERY" serve --index "$IDX" --listen nowhere
expect_contains "$err" "expected HOST:PORT" "--listen message"
expect_status 3 "$ZHQUERY" serve --index "$WORK/no-index" --listen 127.0.0.1:0
expect_contains "$err" "no index at" "missing index message"
finish
