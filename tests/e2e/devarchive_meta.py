#!/usr/bin/env python3
# Scores the metadata zhindex found (zhquery --docs --json on standard input)
# against a devarchive's expected.tsv: accuracy per field, and each miss.
# Usage: devarchive_meta.py ARCHIVE_DIR [--min title=0.98,docno=0.98,...] < docs.jsonl
import json
import os
import sys


def main():
    archive = os.path.realpath(sys.argv[1])
    mins = {}
    if len(sys.argv) > 3 and sys.argv[2] == "--min":
        for cell in sys.argv[3].split(","):
            k, v = cell.split("=")
            mins[k] = float(v)
    expected = {}
    with open(os.path.join(archive, "expected.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            expected[row["path"]] = row
    found = {}
    for line in sys.stdin:
        o = json.loads(line)
        if o.get("kind") != "doc":
            continue
        rel = os.path.relpath(os.path.realpath(o["file"]), archive)
        found[rel] = o
    fields = [("title", "title"), ("org", "issuing_body"), ("docno", "doc_number"),
              ("date", "date_written")]
    right = {f: 0 for f, _ in fields}
    misses = []
    for path, row in sorted(expected.items()):
        o = found.get(path)
        if o is None:
            misses.append("%s: not indexed" % path)
            continue
        for f, col in fields:
            got = o.get(f) or ""
            if got == row[col]:
                right[f] += 1
            else:
                misses.append("%s: %s %r, want %r" % (path, f, got, row[col]))
    n = len(expected)
    ok = True
    for f, _ in fields:
        acc = right[f] / n if n else 0.0
        want = mins.get(f, 0.0)
        flag = "" if acc >= want else "  BELOW %.2f" % want
        ok = ok and acc >= want
        print("%-6s %3d/%d  %.1f%%%s" % (f, right[f], n, 100 * acc, flag))
    for m in misses:
        print("  " + m)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
