#!/usr/bin/env bash
# End to end: files changed and removed run after run. Their old passages stay
# in the databases as dead ones that no search shows; once they are a quarter
# of the index it is written again without them, and then answers exactly as
# an index built afresh from the same files.
source "$(dirname "$0")/lib.sh"
DIGEST="$(dirname "$0")/hits_digest.py"
mkdir -p "$WORK/docs/copies"
cp "$CORPUS"/*.txt "$WORK/docs/"
files=("$WORK"/docs/*.txt)
# a copy in another folder: the sets of copies must follow the rewrite
cp "${files[1]}" "$WORK/docs/copies/"
queries=(育儿补贴 青春健康 '"托育"' '"新增段落"' '暖心家园 -保险' '"的"' 'province:河南 服务' 计划生育协会)

# same_as_fresh NAME ARGS...: every query's hits, scores, counts and facets
# are those of an index built from scratch from the files as they are now.
same_as_fresh() {
  local name=$1; shift
  rm -rf "$WORK/fresh"
  "$ZHINDEX" --quiet --index "$WORK/fresh" "$@" "$WORK/docs"
  for q in "${queries[@]}"; do
    want=$("$ZHQUERY" --index "$WORK/fresh" -n 1000 --facets --json "$q" | python3 "$DIGEST")
    got=$("$ZHQUERY" --index "$WORK/ix" -n 1000 --facets --json "$q" | python3 "$DIGEST")
    if [[ "$got" == "$want" ]]; then pass; else
      fail "$name: $q differs from a fresh index"; diff <(echo "$want") <(echo "$got") | head -5 >&2
    fi
  done
}
# hit_set: the hits as a set, without scores (dead passages still weigh in
# the statistics until the rewrite)
hit_set() { "$ZHQUERY" --index "$1" -n 1000 --json "$2" | python3 "$DIGEST" | awk '{$2=""; print}' | sort; }

expect_status 0 "$ZHINDEX" --index "$WORK/ix" "$WORK/docs"
# One file changed: its old passages are dead, never shown, not counted.
printf '\n新增段落：育儿补贴按月发放。\n' >>"${files[0]}"
expect_status 0 "$ZHINDEX" --index "$WORK/ix" "$WORK/docs"
expect_contains "$out" "1 file indexed (0 new, 1 changed)" "one file changed"
expect_not_contains "$out" "written again" "a few dead passages: no rewrite yet"
gen_before=$(cat "$WORK/ix/XAPIANDB")
rm -rf "$WORK/fresh"; "$ZHINDEX" --quiet --index "$WORK/fresh" "$WORK/docs"
for q in "${queries[@]}"; do
  expect_eq "$(hit_set "$WORK/ix" "$q")" "$(hit_set "$WORK/fresh" "$q")" "dead passages hidden: $q"
done
expect_status 0 "$ZHQUERY" --index "$WORK/ix" --count '"的"'
want=$("$ZHQUERY" --index "$WORK/fresh" --count '"的"')
expect_eq "$out" "$want" "counts leave the dead passages out"
doc=$(basename "${files[0]}" .txt)
expect_status 0 "$ZHQUERY" --index "$WORK/ix" --count "doc:$doc"
want=$("$ZHQUERY" --index "$WORK/fresh" --count "doc:$doc")
expect_eq "$out" "$want" "a document has its new version's passages only"

# More changes and a removal, with two workers: past a quarter of dead
# passages the run writes the index again, into a new generation.
printf '\n新增段落：托育服务进社区。\n' >>"${files[2]}"
printf '\n新增段落：暖心家园。\n' >>"${files[3]}"
rm "${files[4]}"
expect_status 0 "$ZHINDEX" --index "$WORK/ix" --jobs 2 --commit-mb 1 "$WORK/docs"
expect_contains "$out" "written again without" "many dead passages: rewritten"
[[ "$(cat "$WORK/ix/XAPIANDB")" != "$gen_before" ]] && pass || fail "the rewrite is a new generation"
[[ $(ls -d "$WORK/ix"/gen-* | wc -l) -eq 1 ]] && pass || fail "one generation left"
same_as_fresh "after the rewrite"
expect_status 0 "$ZHQUERY" --index "$WORK/ix" --docs
expect_contains "$out" "copies/" "the copy is still known after the rewrite"

# An unchanged run afterwards changes nothing.
expect_status 0 "$ZHINDEX" --index "$WORK/ix" "$WORK/docs"
expect_contains "$out" "0 files indexed" "nothing to do"
same_as_fresh "an unchanged run after the rewrite"

# --for-remote cannot be added to an index built without it: said, with the fix.
expect_status 3 "$ZHINDEX" --index "$WORK/ix" --for-remote "$WORK/docs"
expect_contains "$err" "--for-remote needs --rebuild" "--for-remote on an existing index"

# An index built for xapian-tcpsrv keeps its termlists through a rewrite.
rm -rf "$WORK/remote"
expect_status 0 "$ZHINDEX" --index "$WORK/remote" --for-remote "$WORK/docs"
for f in "${files[0]}" "${files[2]}" "${files[3]}"; do printf '再改一次。\n' >>"$f"; done
expect_status 0 "$ZHINDEX" --index "$WORK/remote" "$WORK/docs"
expect_contains "$out" "written again without" "rewritten"
expect_contains "$(ls "$WORK/remote"/gen-*/)" termlist "--for-remote survives the rewrite"
finish
