#!/usr/bin/env python3
"""Scores a run on this folder's judged set with ../shared/eval/score.py.

usage: score.py RUN.jsonl [--per-query] [-k 10]

A run names the file each passage came from; the units name the document. A
document saved as html, pdf, docx and txt (gov-2019-NNNN.*) is one document:
each passage's file is rewritten to its document's unit file before scoring,
so that showing any copy earns the document's grade, and only once.
"""
import json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "..", "shared", "eval", "score.py")

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    unit_file = {}
    with open(os.path.join(HERE, "units.jsonl"), encoding="utf-8") as f:
        for line in f:
            u = json.loads(line)
            unit_file.setdefault(u["doc"], u["file"])
    with open(sys.argv[1], encoding="utf-8") as run, \
            tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as out:
        for line in run:
            hit = json.loads(line)
            name = os.path.basename(hit["file"])
            doc = name if name in unit_file else os.path.splitext(name)[0]
            hit["file"] = unit_file.get(doc, name)
            out.write(json.dumps(hit, ensure_ascii=False) + "\n")
    try:
        return subprocess.call([sys.executable, SHARED, out.name,
                                "--qrels", os.path.join(HERE, "qrels.tsv"),
                                "--units", os.path.join(HERE, "units.jsonl")] + sys.argv[2:])
    finally:
        os.unlink(out.name)

if __name__ == "__main__":
    sys.exit(main())
