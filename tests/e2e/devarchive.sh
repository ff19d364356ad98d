#!/usr/bin/env bash
# End to end on real documents: the 60 State Council documents of
# ../shared/devarchive (saved pages, printed PDFs, Word and GBK text). Metadata
# against expected.tsv, no page furniture in any passage, each document shown
# once, and found first by its number and by its title.
source "$(dirname "$0")/lib.sh"
REPO=$(cd "$(dirname "$0")/../.." && pwd)
ARCHIVE=${DEVARCHIVE:-$REPO/../shared/devarchive}
if [[ ! -f $ARCHIVE/expected.tsv ]]; then
  echo "devarchive.sh: $ARCHIVE/expected.tsv not found (the shared dev archive): skipped"
  exit 77
fi
IDX="$WORK/index"
expect_status 0 "$ZHINDEX" --verbose --index "$IDX" "$ARCHIVE"/{html,pdf,docx,txt,txt-gbk}
expect_not_contains "$err" "without some of its text" "every file indexed whole (every character in a passage)"

# Metadata per field: title, document number and date 98%, issuing body 95%.
"$ZHQUERY" --index "$IDX" --all-copies --docs --json >"$WORK/docs.jsonl"
python3 "$(dirname "$0")/devarchive_meta.py" "$ARCHIVE" --min title=0.98,docno=0.98,date=0.98,org=0.95 \
  <"$WORK/docs.jsonl" >"$WORK/meta.txt"
st=$?
head -4 "$WORK/meta.txt"
[[ $st -eq 0 ]] && pass || { fail "metadata below target"; cat "$WORK/meta.txt" >&2; }

# No running header or footer, page number, navigation, button or footer line in any passage.
"$ZHQUERY" --index "$IDX" --all-copies --json -n 100000 doc:gov-2019 >"$WORK/all.jsonl"
python3 - "$WORK/all.jsonl" <<'EOF' && pass || fail "boilerplate indexed as passages"
import json, re, sys
furniture = re.compile(
    r"^\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}|https?://|^\d+\s*/\s*\d+$|^-?\s*\d+\s*-?$|"
    r"^第\s*\d+\s*页|扫一扫|在手机打开|保存本页|打印本页|关闭窗口|版权所有|ICP备|【\s*[大中小]\s*】")
bad, n = [], 0
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    if o["kind"] != "hit":
        continue
    n += 1
    if furniture.search(o["text"].strip()):
        bad.append("%s:%d %r" % (o["file"].rsplit("/", 2)[-2:], o["lines"][0], o["text"][:60]))
print("passages checked: %d, page furniture: %d" % (n, len(bad)))
for b in bad[:20]:
    print("  " + b, file=sys.stderr)
sys.exit(1 if bad or n < 3000 else 0)
EOF

# Each document once: its other formats are named as copies of it.
"$ZHQUERY" --index "$IDX" --docs --json >"$WORK/shown.jsonl"
python3 - "$WORK/shown.jsonl" <<'EOF' && pass || fail "documents saved in several formats are not shown once"
import json, re, sys, collections
seen = collections.Counter()
copies = 0
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    m = re.search(r"gov-2019-\d+", o["file"])
    if m:
        seen[m.group(0)] += 1
        copies += len(o["copies"])
twice = [k for k, v in seen.items() if v > 1]
print("documents shown: %d, copies named: %d, shown twice: %s" % (len(seen), copies, twice))
sys.exit(1 if len(seen) != 60 or twice or copies != 115 else 0)
EOF

# Found first by number and by title (one passage per document).
python3 - "$ARCHIVE/expected.tsv" >"$WORK/lookups.tsv" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")][1:]
seen = set()
for path, title, org, docno, written, published in rows:
    doc = path.split("/")[1].split(".")[0]
    if doc in seen:
        continue
    seen.add(doc)
    print("%s\t%s\t%s" % (doc, docno, title))
EOF
misses=0
while IFS=$'\t' read -r doc docno title; do
  for q in "\"$docno\"" "$title"; do
    top=$("$ZHQUERY" --index "$IDX" --group-by-doc -n 1 --json -- "$q" | head -1)
    [[ $top == *"$doc"* ]] || { misses=$((misses + 1)); echo "  $q: first is ${top:0:160}" >&2; }
  done
done <"$WORK/lookups.tsv"
echo "number and title lookups: $((120 - misses)) of 120 first"
[[ $misses -le 2 ]] && pass || fail "$misses of 120 number/title lookups do not find their document first"
finish
