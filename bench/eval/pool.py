#!/usr/bin/python3
"""Gathers the units to judge for each query of queries.tsv from several systems.

usage: pool.py --zhquery BIN --index DIR [--units units.jsonl] [--depth 10] [--min 15]
               > pool.tsv

Run with Debian's /usr/bin/python3 (python3-xapian). Systems, each taking its
top --depth units per query:
  zhsearch-*   zhquery --json over an index of the dev archive and corpus/, under
               the settings of SETTINGS; each passage is mapped to the units of its
               document that it matches (score.py's rule)
  xapian       Xapian's CJK n-grams over the units (QueryParser, BM25)
  fts5         SQLite FTS5 trigram over the units (bm25(); LIKE for 1-2 characters)
  keys         units holding the most pool_keys, to bring every query to --min units
Prints qid, unit, and the systems that returned it, one line per pooled unit.
"""
import argparse, collections, json, os, re, sqlite3, subprocess, sys, tempfile, unicodedata
from difflib import SequenceMatcher

SETTINGS = {
    "zhsearch": [],
    "zhsearch-nosyn": ["--no-synonyms"],
    "zhsearch-b075": ["--bm25", "1.2,0.75"],
    "zhsearch-flat": ["--weights", "0,0,0"],
}

def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))

def matches(a, b):  # as ../shared/eval/score.py
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= 30 or m.size * 2 >= min(len(a), len(b))

def doc_of(path):
    name = os.path.basename(path)
    return name if name.endswith(".txt") and not name.startswith("gov-") else os.path.splitext(name)[0]

def zhsearch(args, units_by_doc, query, extra):
    out = subprocess.run([args.zhquery, "--index", args.index, "--json", "-n", str(args.depth)]
                         + extra + [query], capture_output=True, text=True)
    got = []
    for line in out.stdout.splitlines():
        hit = json.loads(line)
        if hit.get("kind") != "hit":
            continue
        text = norm(hit["text"])
        for u in units_by_doc.get(doc_of(hit["file"]), []):
            if u["id"] not in got and matches(norm(u["text"]), text):
                got.append(u["id"])
    return got

def xapian_system(units, depth):
    import xapian
    db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
    tg = xapian.TermGenerator()
    tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
    for i, u in enumerate(units):
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(u["text"])
        doc.set_data(u["id"])
        db.add_document(doc)
    qp = xapian.QueryParser()
    qp.set_database(db)
    flags = xapian.QueryParser.FLAG_CJK_NGRAM | xapian.QueryParser.FLAG_DEFAULT

    def run(query):
        enq = xapian.Enquire(db)
        enq.set_query(qp.parse_query(query, flags))
        return [m.document.get_data().decode() for m in enq.get_mset(0, depth)]
    return run

def fts5_system(units, depth):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE u USING fts5(id UNINDEXED, text, tokenize='trigram')")
    con.executemany("INSERT INTO u VALUES (?, ?)", [(u["id"], u["text"]) for u in units])

    def run(query):
        words = query.split()
        if all(len(w) >= 3 for w in words):
            m = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
            rows = con.execute("SELECT id FROM u WHERE u MATCH ? ORDER BY bm25(u) LIMIT ?",
                               (m, depth))
        else:
            where = " AND ".join("text LIKE ?" for _ in words)
            rows = con.execute(f"SELECT id FROM u WHERE {where} LIMIT ?",
                               [f"%{w}%" for w in words] + [depth])
        return [r[0] for r in rows]
    return run

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--zhquery", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--units", default=os.path.join(here, "units.jsonl"))
    ap.add_argument("--queries", default=os.path.join(here, "queries.tsv"))
    ap.add_argument("--depth", type=int, default=10)
    ap.add_argument("--min", type=int, default=15)
    args = ap.parse_args()
    units = [json.loads(l) for l in open(args.units, encoding="utf-8")]
    by_doc = collections.defaultdict(list)
    for u in units:
        by_doc[u["doc"]].append(u)
    systems = {"xapian": xapian_system(units, args.depth), "fts5": fts5_system(units, args.depth)}
    print("qid\tunit\tsystems")
    with open(args.queries, encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f][1:]
    for qid, query, _need, keys in rows:
        pool = collections.OrderedDict()
        for name, extra in SETTINGS.items():
            for uid in zhsearch(args, by_doc, query, extra):
                pool.setdefault(uid, []).append(name)
        for name, run in systems.items():
            for uid in run(query):
                pool.setdefault(uid, []).append(name)
        keys = [k for k in keys.split("|") if k]
        scored = sorted(((sum(u["text"].count(k) for k in keys), u["id"]) for u in units),
                        key=lambda x: -x[0])
        for score, uid in scored:
            if len(pool) >= args.min or score == 0:
                break
            pool.setdefault(uid, []).append("keys")
        for uid, names in pool.items():
            print(f"{qid}\t{uid}\t{','.join(names)}")
        print(f"pool.py: {qid} {query}: {len(pool)} units", file=sys.stderr)

if __name__ == "__main__":
    main()
