#!/usr/bin/env bash
# End to end: slow clients (slowloris) cannot stop zhquery serve. 500
# connections from 127.0.0.2 trickle one header byte a second (and a few from
# 127.0.0.3 a POST body, from 127.0.0.4 the request after a first answered)
# while a normal client on 127.0.0.1 searches once a second: every search must
# be answered, and the server must close each slow connection by the request
# deadline.
# Then slow clients on the normal client's own address: below the per-address
# limit the searches must still be answered; above it the count is reported
# (one address cannot be told apart from itself). Last, the server still
# answers and stops cleanly.
source "$(dirname "$0")/serve_lib.sh"
SLOW="$(dirname "$0")/slow_clients.py"
# the defaults of zs_serve.h (ZS_SERVE_PER_ADDRESS, ZS_SERVE_REQUEST_DEADLINE_S)
PER_ADDRESS=64
DEADLINE=10
make_serve_index "$WORK/index"
for bad in "--per-address 0" "--per-address 1025" "--request-timeout 0" "--request-timeout x"; do
  expect_status 2 "$ZHQUERY" serve --index "$WORK/index" $bad
  expect_contains "$err" "needs a number from 1 to" "$bad"
done
start_server "$WORK/index"
port=${URL##*:}
search="$URL/api/search?q=%E9%9D%92%E6%98%A5%E5%81%A5%E5%BA%B7" # 青春健康

# normal_requests N NAME: N searches from 127.0.0.1, one a second, each given
# 5 s; "status seconds" of each in $WORK/NAME.N, all of them in $WORK/NAME.
normal_requests() {
  local n=$1 name=$2 i pids=()
  for i in $(seq "$n"); do
    curl -s --max-time 5 --interface 127.0.0.1 -o /dev/null -w '%{http_code} %{time_total}\n' \
      "$search" >"$WORK/$name.$i" 2>/dev/null &
    pids+=($!)
    sleep 1
  done
  wait "${pids[@]}"
  cat "$WORK/$name".[0-9]* >"$WORK/$name"
}
answered() { grep -c '^200 ' "$WORK/$1"; }
slowest() { awk '$1 == 200 && $2 > m {m = $2} END {printf "%.2f", m}' "$WORK/$1"; }
val() { awk -v k="$2" '$1 == k {print $2}' "$WORK/$1"; }
slow_summary() {
  echo "slow: $(val "$1" connects) connections made, $(val "$1" closed) closed by the server" \
    "($(val "$1" held) of them after being held 2 s or more), longest open $(val "$1" max_age_s) s"
}
# closed_by_deadline NAME WHAT: every connection of the report NAME closed by
# the deadline (with time for the watchdog and the client to notice), and
# some held that long rather than all turned away
closed_by_deadline() {
  awk -v a="$(val "$1" max_age_s)" -v d="$DEADLINE" 'BEGIN {exit !(a <= d + 3)}' && pass ||
    fail "$2: a connection stayed open $(val "$1" max_age_s) s (deadline $DEADLINE s)"
  [[ $(val "$1" held) -gt 0 ]] && pass || fail "$2: no connection was held until the deadline"
}

# ---- 500 slow connections from another address ----
python3 "$SLOW" 127.0.0.1 "$port" --source 127.0.0.2 --count 500 --seconds 18 \
  --report "$WORK/slow-a" >/dev/null &
slow_pids=($!)
python3 "$SLOW" 127.0.0.1 "$port" --source 127.0.0.3 --mode body --count 4 --seconds 18 \
  --report "$WORK/slow-body" >/dev/null &
slow_pids+=($!)
python3 "$SLOW" 127.0.0.1 "$port" --source 127.0.0.4 --mode keepalive --count 4 --seconds 18 \
  --report "$WORK/slow-keepalive" >/dev/null &
slow_pids+=($!)
sleep 2 # the slow connections are in place
normal_requests 15 normal-a
wait "${slow_pids[@]}"
echo "serve_slow: 500 slow from 127.0.0.2: $(answered normal-a) of 15 searches answered" \
  "(slowest $(slowest normal-a) s); $(slow_summary slow-a)"
echo "serve_slow: 4 slow POST bodies: $(slow_summary slow-body)"
echo "serve_slow: 4 slow requests after an answer: $(val slow-keepalive answered) first answers;" \
  "$(slow_summary slow-keepalive) (counted from the answer)"
[[ $(answered normal-a) == 15 ]] && pass ||
  fail "searches answered during the slow clients: $(answered normal-a) of 15: $(tr '\n' ' ' <"$WORK/normal-a")"
[[ $(val slow-a connects) -ge 500 ]] && pass || fail "slow connections made: $(val slow-a connects)"
closed_by_deadline slow-a "slow headers"
closed_by_deadline slow-body "slow POST bodies"
[[ $(val slow-keepalive answered) -ge 4 ]] && pass ||
  fail "first requests of the kept-alive connections answered: $(val slow-keepalive answered)"
closed_by_deadline slow-keepalive "slow requests after an answer"

# ---- slow connections from the normal client's address, below its limit ----
below=$((PER_ADDRESS - 16))
python3 "$SLOW" 127.0.0.1 "$port" --source 127.0.0.1 --count "$below" --seconds 8 \
  --report "$WORK/slow-b" >/dev/null &
slow_pid=$!
sleep 1.5
normal_requests 6 normal-b
wait "$slow_pid"
echo "serve_slow: $below slow from 127.0.0.1 (limit $PER_ADDRESS an address):" \
  "$(answered normal-b) of 6 searches answered (slowest $(slowest normal-b) s); $(slow_summary slow-b)"
[[ $(answered normal-b) == 6 ]] && pass ||
  fail "searches answered beside $below slow connections of the same address: $(answered normal-b) of 6"

# ---- 500 from the normal client's address: reported, not required ----
python3 "$SLOW" 127.0.0.1 "$port" --source 127.0.0.1 --count 500 --seconds 7 \
  --report "$WORK/slow-c" >/dev/null &
slow_pid=$!
sleep 1.5
normal_requests 5 normal-c
wait "$slow_pid"
echo "serve_slow: 500 slow from 127.0.0.1 (over its limit): $(answered normal-c) of 5 searches" \
  "answered; $(slow_summary slow-c)"

# ---- still alive ----
code=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$URL/api/health")
[[ $code == 200 ]] && pass || fail "health after the slow clients: $code"
kill -0 "$SERVER_PID" 2>/dev/null && pass || fail "the server died: $(tail -5 "$WORK/server.err")"
stop_server_quietly
finish
