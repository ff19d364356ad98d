#!/usr/bin/env python3
"""Cuts the judged archives into judging units, one JSON line per paragraph.

usage: make_units.py [--devarchive DIR] [--shared-eval DIR] > units.jsonl

Units are made without zhsearch, so that judging does not favour its passages:
- the dev archive: each document's saved web page (html/gov-2019-NNNN.html), the
  text of its #UCAP-CONTENT element cut at <p> (a long line that does not end a
  sentence joined to the next), NFKC-normalised; the unit's
  "doc" is the document (gov-2019-NNNN), the same for its PDF, Word and text
  copies, so that a run is credited once per document whatever copy it shows;
- the reports of corpus/: the units of ../shared/eval/units.jsonl as they are.
"""
import argparse, html.parser, json, os, re, sys, unicodedata

class Content(html.parser.HTMLParser):
    """Paragraph texts inside the element with id UCAP-CONTENT."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside the content element, 0 outside
        self.paras, self.cur = [], []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag in ("p", "div", "tr", "li", "h1", "h2", "h3"):
                self.flush()
            if tag not in ("br", "img", "hr", "input", "meta", "link"):
                self.depth += 1
        elif dict(attrs).get("id") == "UCAP-CONTENT":
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in ("br", "img", "hr", "input", "meta", "link"):
            if tag in ("p", "div", "tr", "li", "h1", "h2", "h3"):
                self.flush()
            self.depth -= 1
            if not self.depth:
                self.flush()

    def handle_data(self, data):
        if self.depth:
            self.cur.append(data)

    def flush(self):
        text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", "".join(self.cur))).strip()
        if text:
            self.paras.append(text)
        self.cur = []

# Pages that keep a printed layout end a <p> at every line: a long line that
# does not end a sentence is continued by the next one (headings are short).
ENDS = tuple("。!?;:…”」)")  # after NFKC: ！？；：） are ASCII

# ...unless the next one starts a unit of its own: a document number, a
# numbered heading or article.
STARTS = re.compile(r"^(\S{1,10}〔\d{4}〕\d+号|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]"
                    r"|第[一二三四五六七八九十百零]+[章节条]|\d+[.．、])")

def rejoin(paras):
    out = []
    for text in paras:
        if (out and len(out[-1]) >= 25 and not out[-1].endswith(ENDS)
                and not STARTS.match(text)):
            out[-1] += text
        else:
            out.append(text)
    return out

def devarchive_units(root):
    for name in sorted(os.listdir(os.path.join(root, "html"))):
        doc = os.path.splitext(name)[0]
        with open(os.path.join(root, "html", name), encoding="utf-8", errors="replace") as f:
            p = Content()
            p.feed(f.read())
            p.close()
        if not p.paras:
            sys.exit(f"make_units.py: {name}: no #UCAP-CONTENT text")
        for n, text in enumerate(rejoin(p.paras), 1):
            yield {"id": f"{doc}#{n}", "doc": doc, "file": name, "text": text}

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.join(here, "..", "..", "..", "shared")
    ap = argparse.ArgumentParser()
    ap.add_argument("--devarchive", default=os.path.join(top, "devarchive"))
    ap.add_argument("--shared-eval", default=os.path.join(top, "eval"))
    a = ap.parse_args()
    n = 0
    for u in devarchive_units(a.devarchive):
        print(json.dumps(u, ensure_ascii=False))
        n += 1
    with open(os.path.join(a.shared_eval, "units.jsonl"), encoding="utf-8") as f:
        for line in f:
            u = json.loads(line)
            u.setdefault("doc", u["id"].split("#")[0])
            print(json.dumps(u, ensure_ascii=False))
            n += 1
    print(f"make_units.py: {n} units", file=sys.stderr)

if __name__ == "__main__":
    main()
