# Shared by the serve_*.sh tests: an index of the corpus plus a document whose
# title, heading and text hold markup, and `zhquery serve` on a free port,
# stopped (and never left behind) when the script exits.
source "$(dirname "$0")/lib.sh"

# make_serve_index DIR: the corpus and the markup document, indexed at DIR.
make_serve_index() {
  mkdir -p "$WORK/docs"
  cp "$CORPUS"/*.txt "$WORK/docs/"
  cat >"$WORK/docs/anhui-2024-inject-test.txt" <<'EOF'
<script>alert(1)</script>安徽省计划生育协会2024年注入测试简报

一、"><img src=x onerror=alert(2)>关于青春健康注入测试

安徽省计划生育协会在青春健康教育中写到<script>alert(3)</script>与"><img src=x onerror=alert(4)>，这一段注入测试文字必须原样作为文字显示，不能执行。
EOF
  "$ZHINDEX" --quiet --index "$1" "$WORK/docs" || { fail "zhindex failed"; finish; exit 1; }
}

SERVER_PID=""
URL=""

# stop_server [SIGNAL]: SIGTERM (or SIGNAL), then SIGKILL after 30 s; sets SERVER_STATUS.
stop_server() {
  SERVER_STATUS=""
  [[ -n $SERVER_PID ]] || return 0
  kill "-${1:-TERM}" "$SERVER_PID" 2>/dev/null
  for _ in $(seq 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_STATUS=$?
  SERVER_PID=""
}
trap stop_server EXIT

# start_server INDEX [OPTIONS...]: starts zhquery serve on a free port (port 0)
# and sets URL (without the last slash) from the line it prints.
start_server() {
  local idx=$1
  shift
  "$ZHQUERY" serve --index "$idx" --listen 127.0.0.1:0 "$@" >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  URL=""
  for _ in $(seq 300); do # 30 s at most (the sanitizer build starts slowly)
    URL=$(head -n 1 "$WORK/server.out" 2>/dev/null)
    [[ $URL == http://* ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  URL=${URL%/}
  if [[ $URL != http://127.0.0.1:* ]]; then
    fail "zhquery serve did not print its URL: $(cat "$WORK/server.err")"
    finish
    exit 1
  fi
}

# rss_kb PID: resident memory of a process, in kB.
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# Stops the server with SIGTERM and checks that it exited 0 and said nothing
# but its start, its stop and the slow clients turned away at a limit.
stop_server_quietly() {
  stop_server
  [[ $SERVER_STATUS == 0 ]] && pass || fail "exit status $SERVER_STATUS after SIGTERM: $(tail -5 "$WORK/server.err")"
  # the server speaks Chinese, as its page; libmicrohttpd's own messages are English
  grep -v -e '索引 .*只有本机可以连接' -e '收到 SIGTERM，正在停止' -e 'connection limit' \
    -e 'closed by remote side with incomplete request' -e 'libmicrohttpd 消息未显示' \
    "$WORK/server.err" >"$WORK/server-messages"
  [[ ! -s $WORK/server-messages ]] && pass || fail "server messages: $(head -5 "$WORK/server-messages")"
}
