#!/usr/bin/env bash
# Bounded load test of zhquery serve with wrk: 50 connections for
# SERVE_LOAD_SECONDS (10 in CTest; `make load` runs 60) on a mix of searches
# (facets, filters, pages), similar passages, audits, documents and health;
# then the same again for SERVE_LOAD_SLOW_SECONDS (as long by default) while
# slow_clients.py holds 500 connections from 127.0.0.2 that trickle a header
# byte a second (slowloris). Prints requests/s, latency percentiles and errors
# of both phases and the server's RSS before and after the first; fails on any
# error or non-200 answer, no answers beside the slow clients, a crash, or
# memory growth.
source "$(dirname "$0")/serve_lib.sh"
SECONDS_LOAD=${SERVE_LOAD_SECONDS:-10}
SECONDS_SLOW=${SERVE_LOAD_SLOW_SECONDS:-$SECONDS_LOAD}
CONNECTIONS=${SERVE_LOAD_CONNECTIONS:-50}
command -v wrk >/dev/null || { fail "wrk is missing (scripts/install-deps.sh installs it)"; finish; exit 1; }
make_serve_index "$WORK/index"
# wrk's connections all come from 127.0.0.1: past the server's 64 an address
# it needs a higher --per-address
per_address=()
[[ $CONNECTIONS -gt 60 ]] && per_address=(--per-address $((CONNECTIONS + 4)))
start_server "$WORK/index" "${per_address[@]}"

cat >"$WORK/mix.lua" <<'EOF'
-- One request after another from a fixed mix, each wrk thread from its own
-- place in it; answers other than 200 are counted per thread.
local function enc(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local mix = {}
local function get(path) mix[#mix + 1] = wrk.format("GET", path) end
local function post(path, body)
  mix[#mix + 1] = wrk.format("POST", path, {["Content-Type"] = "text/plain; charset=utf-8"}, body)
end
get("/api/search?q=" .. enc("青春健康"))
get("/api/search?q=" .. enc("育儿补贴") .. "&facets=1")
get("/api/search?q=" .. enc("计生协") .. "&offset=20&n=20")
get("/api/search?q=" .. enc("暖心家园 保险") .. "&facets=1")
get("/api/search?q=" .. enc("\"计生协\"") .. "&n=50&facets=1")
get("/api/search?q=" .. enc("(托育 OR 托幼) 服务") .. "&province=" .. enc("湖南"))
get("/api/search?q=" .. enc("青春健康") .. "&year=2022&facets=1")
get("/api/search?type=" .. enc("简报") .. "&facets=1")
get("/api/search?q=" .. enc("唇腭裂 OR 嫣然 -保险"))
get("/api/search?q=" .. enc("heading:服务群众健康 健康"))
get("/api/similar?n=5&text=" .. enc("扎实推进育儿补贴制度实施保障工作，建立常态化资金发放监督抽查机制。"))
post("/api/similar?n=10", "深入开展青春健康教育，推进青春健康进校园、进社区，培养同伴教育主持人。")
post("/api/similar?where=" .. enc("-province:河南"), "做好计生特殊家庭帮扶工作，落实暖心家园项目和家庭保险。")
post("/api/audit?by=province", "育儿补贴|育儿津贴\n+计生协\n青春健康\n")
get("/api/docs")
get("/api/health")
get("/")
get("/app.js")

local threads = {}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

-- globals, so that done() can read each thread's count with thread:get
i, bad = 0, 0
function init(args)
  i = id * 7
end
function request()
  i = i % #mix + 1
  return mix[i]
end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, t in ipairs(threads) do non200 = non200 + t:get("bad") end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format("requests %d\nseconds %.1f\nrps %.1f\np50_ms %.1f\np95_ms %.1f\n" ..
    "p99_ms %.1f\nmax_ms %.1f\nnon200 %d\nsocket_errors %d\n", summary.requests, secs,
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, non200,
    e.connect + e.read + e.write + e.timeout))
end
EOF

pid=$SERVER_PID
rss_start=$(rss_kb "$pid")
# settle: waits (30 s at most) until the server has closed the connections of
# the last run of wrk. Its requests in flight are still being answered when it
# exits, and the next run's 50 connections must not be counted, with those,
# against the server's 64 an address.
sockets() { find "/proc/$pid/fd" -lname 'socket:*' 2>/dev/null | wc -l; }
idle_sockets=$(sockets)
settle() {
  for _ in $(seq 300); do
    [[ $(sockets) -le $idle_sockets ]] && return
    sleep 0.1
  done
}
# warm-up: every worker opens its searcher and the allocator finds its size
warm=$((SECONDS_LOAD / 6 > 2 ? SECONDS_LOAD / 6 : 2))
timeout $((warm + 60)) wrk -t2 -c"$CONNECTIONS" -d"${warm}s" --timeout 10s -s "$WORK/mix.lua" "$URL" \
  >"$WORK/warm.txt" 2>&1 || fail "wrk (warm-up) failed: $(tail -3 "$WORK/warm.txt")"
rss_before=$(rss_kb "$pid")
settle
timeout $((SECONDS_LOAD + 60)) wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_LOAD}s" --timeout 10s \
  -s "$WORK/mix.lua" "$URL" >"$WORK/wrk.txt" 2>&1 || fail "wrk failed: $(tail -3 "$WORK/wrk.txt")"
rss_after=$(rss_kb "$pid")

# the same load beside 500 slow clients from another address, which start
# first and stop after wrk
settle
python3 "$(dirname "$0")/slow_clients.py" 127.0.0.1 "${URL##*:}" --source 127.0.0.2 --count 500 \
  --seconds $((SECONDS_SLOW + 4)) --report "$WORK/slow.txt" >/dev/null 2>"$WORK/slow.err" &
slow_pid=$!
sleep 2
timeout $((SECONDS_SLOW + 60)) wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_SLOW}s" --timeout 10s \
  -s "$WORK/mix.lua" "$URL" >"$WORK/wrk-slow.txt" 2>&1 ||
  fail "wrk (beside the slow clients) failed: $(tail -3 "$WORK/wrk-slow.txt")"
wait "$slow_pid" || fail "slow_clients.py failed: $(tail -3 "$WORK/slow.err")"

val() { awk -v k="$1" '$1 == k {print $2}' "$WORK/${2:-wrk}.txt"; }
report="serve_load: ${CONNECTIONS} connections for $(val seconds) s: $(val requests) requests, \
$(val rps) requests/s, latency p50 $(val p50_ms) ms, p95 $(val p95_ms) ms, p99 $(val p99_ms) ms, \
max $(val max_ms) ms; errors: $(val non200) non-200, $(val socket_errors) socket; \
RSS $((rss_start / 1024)) MB at start, $((rss_before / 1024)) MB after warm-up (before), \
$((rss_after / 1024)) MB after (growth $(((rss_after - rss_before) / 1024)) MB)
serve_load: beside 500 slow clients from 127.0.0.2, ${CONNECTIONS} connections for \
$(val seconds wrk-slow) s: $(val requests wrk-slow) requests answered, $(val rps wrk-slow) requests/s, \
latency p50 $(val p50_ms wrk-slow) ms, p95 $(val p95_ms wrk-slow) ms, p99 $(val p99_ms wrk-slow) ms, \
max $(val max_ms wrk-slow) ms; errors: $(val non200 wrk-slow) non-200, $(val socket_errors wrk-slow) \
socket; slow clients: $(val connects slow) connections made, $(val closed slow) closed by the \
server, $(val held slow) of them held 2 s or more, longest open $(val max_age_s slow) s"
echo "$report" | tee "$WORK/report.txt"

for phase in wrk wrk-slow; do
  [[ $(val requests $phase) -gt 0 ]] && pass || fail "$phase: no requests answered: $(cat "$WORK/$phase.txt")"
  [[ $(val non200 $phase) == 0 ]] && pass || fail "$phase: $(val non200 $phase) answers were not 200"
  [[ $(val socket_errors $phase) == 0 ]] && pass ||
    fail "$phase: $(val socket_errors $phase) socket errors (connect, read, write, timeout)"
done
[[ $(val connects slow) -ge 500 ]] && pass || fail "slow connections made: $(val connects slow)"
# memory: the pool and caches are full after the warm-up; what a leak per
# request would add over thousands of requests must not appear
if [[ ${SERVE_LOAD_RSS_CHECK:-1} == 1 ]]; then
  [[ $((rss_after - rss_before)) -lt $((rss_before / 4 + 16384)) ]] && pass ||
    fail "RSS grew from $rss_before kB to $rss_after kB"
fi
code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' "$URL/api/health")
[[ $code == 200 ]] && pass || fail "health after the load: $code"
stop_server_quietly
finish
