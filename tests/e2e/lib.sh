# Shared helpers of the end-to-end tests: each test script sources this file.
# Environment (set by tests/CMakeLists.txt): ZHINDEX, ZHQUERY, CORPUS, WORK.
set -u
failures=0
checks=0
WORK="${WORK:?}/$(basename "$0" .sh)"
rm -rf "$WORK"
mkdir -p "$WORK"
export NO_COLOR=""
unset ZHSEARCH_INDEX
# Messages in English, whatever the developer's locale (messages.sh checks
# the Chinese ones); UTF-8 for the shell's own text handling.
unset LANGUAGE LC_MESSAGES LANG
export LC_ALL=C.UTF-8

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }

# expect_status WANT CMD...: runs CMD, keeps stdout/stderr in $out/$err.
expect_status() {
  local want=$1; shift
  out=$("$@" 2>"$WORK/stderr"); got=$?
  err=$(cat "$WORK/stderr")
  if [[ $got -ne $want ]]; then fail "exit $got (want $want): $*"; echo "$err" | head -5 >&2; else pass; fi
}
expect_contains() { # HAYSTACK NEEDLE WHAT
  if [[ "$1" == *"$2"* ]]; then pass; else fail "$3: missing '$2'"; echo "$1" | head -20 >&2; fi
}
expect_eq() { # GOT WANT WHAT
  if [[ "$1" == "$2" ]]; then pass; else fail "$3: got '$1', want '$2'"; fi
}
expect_not_contains() {
  if [[ "$1" != *"$2"* ]]; then pass; else fail "$3: unexpected '$2'"; fi
}
# Text of the first hit's passage (third line of the first hit block), brackets removed.
first_hit_text() { sed -n '5p' <<<"$1" | sed 's/^   //; s/\[//g; s/\]//g'; }
finish() {
  echo "$(basename "$0"): $checks passed, $failures failed"
  [[ $failures -eq 0 ]]
}
