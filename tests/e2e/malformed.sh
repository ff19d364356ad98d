#!/usr/bin/env bash
# End to end: every malformed query (malformed_queries.txt, plus generated ones)
# gets exit status 2 and one "zhquery: " line on stderr that names the column.
source "$(dirname "$0")/lib.sh"
IDX="$WORK/index"
expect_status 0 "$ZHINDEX" --quiet --index "$IDX" "$CORPUS/guizhou-2025-work-review.txt"

# check QUERY: exit 2, one stderr line starting "zhquery: ", and a column
# unless the query is blank (nothing to point at).
check() {
  local q=$1 shown=${1:0:40}
  expect_status 2 "$ZHQUERY" --index "$IDX" -- "$q"
  [[ -z $out ]] && pass || fail "stdout not empty for <$shown>"
  [[ $err == "zhquery: "?* && $(wc -l <<<"$err") -eq 1 ]] && pass ||
    fail "one 'zhquery: ' line for <$shown>: $err"
  local visible=${q//　/}
  if ((${#q} > 1000)) && [[ $err == *"the limit is 3000 bytes"* ]]; then
    pass # too long to parse at all: the message names the limit
  elif [[ $visible =~ [^[:space:]] ]]; then
    [[ $err =~ column\ [0-9]+ ]] && pass || fail "no column in the message for <$shown>: $err"
  fi
}

n=0
while IFS= read -r q; do
  [[ $q == "# "* ]] && continue
  check "$q"
  n=$((n + 1))
done <"$(dirname "$0")/malformed_queries.txt"
[[ $n -ge 30 ]] && pass || fail "only $n malformed queries"

# Generated: an empty argument, and nesting deep enough to overflow the stack
# if the parser recursed without a limit.
check ""
check "$(printf '%.0s(' {1..5000})育儿"
check "$(printf '%.0s-' {1..100000})育儿"
check "$(printf '%.0sNOT ' {1..30000})育儿"
check "$(printf '%.0s(' {1..900})育儿" # within the length limit: the nesting limit
check "$(printf '%.0s-' {1..2900})育儿"
check "$(printf '%.0s-(' {1..60})育儿$(printf '%.0s)' {1..60})"

# Some messages in full: what is wrong, and where.
expect_status 2 "$ZHQUERY" --index "$IDX" 'year:2023..2020'
expect_contains "$err" "year at column 1: the range 2023..2020 is backwards" "year range message"
expect_status 2 "$ZHQUERY" --index "$IDX" '育儿 year:abc'
expect_contains "$err" "year at column 4: 'abc' is not a year from 1949 to 2099" "year message"
expect_status 2 "$ZHQUERY" --index "$IDX" '育儿 (托育'
expect_contains "$err" "parenthesis opened at column 4 is not closed" "parenthesis message"
expect_status 2 "$ZHQUERY" --index "$IDX" 'province:火星'
expect_contains "$err" "unknown province '火星' at column 1 (known: 北京" "province message"
expect_status 2 "$ZHQUERY" --index "$IDX" 'type:论文'
expect_contains "$err" "unknown type '论文' at column 1 (known: 工作报告 工作要点" "type message"

# The index still answers after all that.
expect_status 0 "$ZHQUERY" --index "$IDX" 唇腭裂
finish
