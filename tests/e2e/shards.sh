#!/usr/bin/env bash
# End to end: an archive split into shards, searched as one (--index twice, a
# stub file, shards served by xapian-tcpsrv), gives what one index gives.
source "$(dirname "$0")/lib.sh"
DIGEST="$(dirname "$0")/hits_digest.py"
mkdir -p "$WORK/all" "$WORK/a" "$WORK/b"
cp "$CORPUS"/*.txt "$WORK/all/"
files=("$WORK"/all/*.txt)
for i in "${!files[@]}"; do cp "${files[$i]}" "$WORK/$([[ $((i % 2)) -eq 0 ]] && echo a || echo b)/"; done
expect_status 0 "$ZHINDEX" --quiet --index "$WORK/ix-all" "$WORK/all"
expect_status 0 "$ZHINDEX" --quiet --for-remote --index "$WORK/ix-a" "$WORK/a"
expect_status 0 "$ZHINDEX" --quiet --for-remote --index "$WORK/ix-b" "$WORK/b"
# A file changed after indexing: its old passages stay in the databases as
# dead ones, which no search may show, locally or through xapian-tcpsrv.
changed=$(basename "${files[0]}")
for d in all a; do
  printf '\n育儿补贴按月发放，托育服务进社区。\n' >>"$WORK/$d/$changed"
done
expect_status 0 "$ZHINDEX" --quiet --index "$WORK/ix-all" "$WORK/all"
expect_status 0 "$ZHINDEX" --quiet --index "$WORK/ix-a" "$WORK/a"
expect_contains "$(ls "$WORK/ix-a"/gen-*/)" termlist \
  "--for-remote keeps Xapian's termlists"

queries=(育儿补贴 青春健康 '"托育"' '"育"' '"10.6万人"' '暖心家园 -保险' '(托育 OR 托幼) 服务'
  'province:河南 服务' 'year:2022 宣传' 'type:工作综述 健康' 'doc:henan 托育' 'heading:服务群众健康'
  计划生育协会 '"的"')
# same_as_one NAME INDEX-ARGS...: every query, with facets and grouped by
# document, must give the single index's hits, scores, counts and facets.
same_as_one() {
  local name=$1; shift
  for q in "${queries[@]}"; do
    for extra in "--facets" "--group-by-doc"; do
      want=$("$ZHQUERY" --index "$WORK/ix-all" -n 1000 $extra --json "$q" | python3 "$DIGEST")
      expect_status 0 "$ZHQUERY" "$@" -n 1000 $extra --json "$q"
      got=$(python3 "$DIGEST" <<<"$out")
      if [[ "$got" == "$want" && -n "$want" ]]; then pass; else
        fail "$name: $q $extra differs from one index"; diff <(echo "$want") <(echo "$got") | head -5 >&2
      fi
    done
  done
  printf '育儿补贴\n+托育\n暖心家园|暖心\n"10.6万人"\n' >"$WORK/keywords.txt"
  want=$("$ZHQUERY" audit --index "$WORK/ix-all" "$WORK/keywords.txt" | sed 's|^[^\t]*/||' | sort)
  expect_status 0 "$ZHQUERY" audit "$@" "$WORK/keywords.txt"
  expect_eq "$(sed 's|^[^\t]*/||' <<<"$out" | sort)" "$want" "$name: audit counts"
  draft="全面落实育儿补贴制度，扎实推进托育服务体系建设"
  want=$("$ZHQUERY" similar --index "$WORK/ix-all" "$draft" | sed -E 's|[^ ]*/||g')
  expect_status 0 "$ZHQUERY" similar "$@" "$draft"
  expect_eq "$(sed -E 's|[^ ]*/||g' <<<"$out")" "$want" "$name: similar"
}

# ---- local shards ----
same_as_one "--index twice" --index "$WORK/ix-a" --index "$WORK/ix-b"
printf '# two shards\nauto ix-a\n\nauto %s\n' "$WORK/ix-b" >"$WORK/local.stub"
same_as_one "stub file" --index "$WORK/local.stub"
expect_status 0 "$ZHQUERY" --index "$WORK/local.stub" --docs
expect_eq "$(grep -c '\.txt$' <<<"$out")" 5 "--docs lists the files of both shards"

# ---- zhquery serve over shards ----
"$ZHQUERY" serve --index "$WORK/ix-a" --index "$WORK/ix-b" --listen 127.0.0.1:0 \
  >"$WORK/serve.out" 2>"$WORK/serve.err" &
serve_pid=$!
url=""
for _ in $(seq 300); do
  url=$(head -n 1 "$WORK/serve.out" 2>/dev/null)
  [[ $url == http://* ]] && break
  sleep 0.1
done
if [[ $url == http://* ]]; then
  want=$("$ZHQUERY" --index "$WORK/ix-all" -n 50 --json 育儿补贴 | python3 "$DIGEST" | grep '^hit')
  got=$(curl -s --max-time 30 "${url%/}/api/search?q=%E8%82%B2%E5%84%BF%E8%A1%A5%E8%B4%B4&n=50" |
    python3 -c 'import json,sys; [print(json.dumps(h, ensure_ascii=False)) for h in json.load(sys.stdin)["hits"]]' |
    python3 "$DIGEST" | grep '^hit')
  [[ -n $want ]] && pass || fail "no hits to compare with serve"
  expect_eq "$got" "$want" "zhquery serve over two shards gives one index's hits"
else
  fail "zhquery serve over shards did not start: $(cat "$WORK/serve.err")"
fi
kill -TERM "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null

# ---- shards that cannot be searched together ----
expect_status 0 "$ZHINDEX" --quiet --no-t2s --index "$WORK/ix-plain" "$WORK/b"
expect_status 3 "$ZHQUERY" --index "$WORK/ix-a" --index "$WORK/ix-plain" 育儿补贴
expect_contains "$err" "were indexed differently" "shards analysed differently are refused"
expect_contains "$err" "ix-plain" "the refusal names the shard"
printf 'auto ix-a\nchert ix-b\n' >"$WORK/bad.stub"
expect_status 3 "$ZHQUERY" --index "$WORK/bad.stub" 育儿补贴
expect_contains "$err" "bad.stub line 2:" "a bad stub line is named"
expect_status 3 "$ZHQUERY" --index "$WORK/ix-a" --index "$WORK/missing" 育儿补贴
expect_contains "$err" "no index at $WORK/missing" "a missing shard is named"

# ---- shards on other machines: xapian-tcpsrv on loopback ----
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
servers=()
trap 'kill -KILL "${servers[@]}" 2>/dev/null' EXIT
serve() { # INDEX PORT: starts xapian-tcpsrv and waits until it accepts
  xapian-tcpsrv --interface 127.0.0.1 --port "$2" "$1" >"$WORK/tcpsrv-$2.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
    sleep 0.1
  done
  fail "xapian-tcpsrv on port $2 did not start"; cat "$WORK/tcpsrv-$2.log" >&2
}
PA=$(free_port); serve "$WORK/ix-a" "$PA"; SA=${servers[-1]}
PB=$(free_port); serve "$WORK/ix-b" "$PB"; SB=${servers[-1]}
printf 'remote :127.0.0.1:%s\nremote :127.0.0.1:%s\n' "$PA" "$PB" >"$WORK/remote.stub"
same_as_one "remote shards" --index "$WORK/remote.stub"
same_as_one "remote and local" --index "remote :127.0.0.1:$PA" --index "$WORK/ix-b"

# An index built without --for-remote cannot be read through xapian-tcpsrv:
# said when the search starts, naming the shard and the fix.
PN=$(free_port); serve "$WORK/ix-all" "$PN"
expect_status 3 "$ZHQUERY" --index "remote :127.0.0.1:$PN" 育儿补贴
expect_contains "$err" "--for-remote" "a shard built without --for-remote is named"
kill -KILL "${servers[-1]}"

# A dead shard fails the search, naming the shard; no partial results.
kill -KILL "$SB"; wait "$SB" 2>/dev/null
expect_status 3 timeout 30 "$ZHQUERY" --index "$WORK/remote.stub" 育儿补贴
expect_contains "$err" "shard remote :127.0.0.1:$PB cannot be reached" "a dead shard is named"
expect_eq "$out" "" "no partial results when a shard is down"
expect_status 3 timeout 30 "$ZHQUERY" audit --index "$WORK/remote.stub" "$WORK/keywords.txt"
expect_contains "$err" "127.0.0.1:$PB" "audit names the dead shard"
# A shard that accepts but never answers times out instead of hanging.
kill -STOP "$SA"
start=$SECONDS
ZHSEARCH_REMOTE_TIMEOUT=2 expect_status 3 timeout 60 "$ZHQUERY" --index "remote :127.0.0.1:$PA" 育儿补贴
expect_contains "$err" "shard remote :127.0.0.1:$PA cannot be reached" "a hung shard is named"
[[ $((SECONDS - start)) -lt 30 ]] && pass || fail "a hung shard took $((SECONDS - start)) s"
kill -CONT "$SA"
finish
