#!/usr/bin/env bash
# Extracts the messages of the sources (_("…"), N_("…"), P_("…", "…", n)) into
# po/zhsearch.pot and merges them into each po/LANG.po (new ones untranslated,
# changed ones fuzzy). With --check DIR: the same into DIR, then fails when a
# catalog has an untranslated or fuzzy message (tests/CMakeLists.txt: po_check).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/po"
check=
if [[ ${1:-} == --check ]]; then
  check=1
  out="$2"
  mkdir -p "$out"
fi
cd "$root"
mapfile -t sources < <(git ls-files 'common/*.c' 'text/*.c' 'search/*.c' 'index/*.c' 'indexer/*.c' \
  'indexer/formats/*.c' 'query/*.c' 'serve/*.c' 'shim/*.cc' 2>/dev/null ||
  find common text search index indexer query serve shim -name '*.c' -o -name '*.cc' | sort)
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
  --add-comments=TRANSLATORS: --package-name=zhsearch --msgid-bugs-address="the zhsearch issues" \
  --sort-by-file -o "$out/zhsearch.pot" "${sources[@]}"
status=0
for po in po/*.po; do
  lang=$(basename "$po" .po)
  if [[ -n $check ]]; then
    msgmerge --quiet --no-fuzzy-matching -o "$out/$lang.po" "$po" "$out/zhsearch.pot"
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$out/$lang.po" 2>&1)
    echo "$lang: $stats"
    if [[ $stats == *untranslated* || $stats == *fuzzy* ]]; then
      msgattrib --untranslated --only-fuzzy "$out/$lang.po" 2>/dev/null | head -40 || true
      msgattrib --untranslated "$out/$lang.po" | grep '^msgid' | head -40
      status=1
    fi
  else
    msgmerge --quiet --update --backup=none "$po" "$out/zhsearch.pot"
  fi
done
exit $status
