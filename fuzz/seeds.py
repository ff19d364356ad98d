#!/usr/bin/env python3
# Writes the seed inputs of each fuzz target from corpus/ (documents split into
# paragraphs, phrases, queries and keyword lists), made afresh at each run.
import argparse
import io
import os
import random
import re
import shutil
import zipfile

MAX_SEED = 4000  # bytes; run.sh passes -max_len=4096


def paragraphs(text):
    """Non-blank runs of lines: the corpus has a blank line after each line."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def phrases(paras):
    """Pieces between punctuation, 2-12 characters: words and terms to query."""
    out = []
    for p in paras:
        for piece in re.split(r"[\s，。、；：！？“”‘’（）《》,.;:!?()\"]+", p):
            if 2 <= len(piece) <= 12:
                out.append(piece)
    return out


def cut(s, limit=MAX_SEED):
    """s cut to at most limit UTF-8 bytes, at a character boundary."""
    b = s.encode()
    return b[:limit].decode(errors="ignore").encode()


def write(folder, seeds):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for i, s in enumerate(seeds):
        with open(os.path.join(folder, "seed-%04d" % i), "wb") as f:
            f.write(s)


def clean_seeds(docs):
    # Raw text as extracted, line ends and blank lines included: document starts
    # (title detection) and windows of lines from the middle.
    out = []
    for text in docs:
        lines = text.splitlines(keepends=True)
        for start in range(0, len(lines), 40):
            out.append(cut("".join(lines[start : start + 40])))
            out.append(cut("".join(lines[start + 16 : start + 24])))  # short: fast runs
        out.append(cut(text.replace("\n", "\r\n")))  # the other line ends
    return out


def analyze_seeds(paras, rng):
    # Byte 0 selects folding and analysis flags (fuzz_analyze.c); bit 5 stays
    # clear so the text is cut at its first invalid byte.
    out = []
    for i, p in enumerate(rng.sample(paras, min(len(paras), 96))):
        out.append(bytes([i % 32]) + cut(p, 1000))
    return out


def query_seeds(words, extra, rng):
    out = [q.encode() for q in extra]
    forms = [
        "{a}", "{a} {b}", "\"{a}\"", "“{a}{b}”", "{a} OR {b}", "{a} -{b}", "{a} NOT {b}",
        "({a} OR {b}) {c}", "{a} year:2022", "year:2020..2023 {a}", "year:..2021 {a}",
        "province:湖南 {a}", "type:工作要点 {a}", "doc:hunan {a}", "heading:{a} {b}",
        "heading:\"{a}\"", "{a}　{b}", "{a} province：贵州", "-\"{a}\" ({b} OR \"{c}\")",
    ]
    for i in range(150):
        a, b, c = rng.sample(words, 3)
        out.append(forms[i % len(forms)].format(a=a, b=b, c=c).encode())
    return out


def keyword_seeds(words, rng):
    out = []
    for i in range(24):
        lines = ["# keywords %d" % i]
        for _ in range(rng.randint(3, 20)):
            w = rng.choice(words)
            r = rng.random()
            if r < 0.2:
                w = "+" + w
            elif r < 0.4:
                w = w + "|" + rng.choice(words)
            elif r < 0.45:
                w = w[:1] + " " + w[1:]  # a space next to Chinese: a problem
            elif r < 0.5:
                w = "　" + w + "\t"
            lines.append(w)
            if rng.random() < 0.1:
                lines.append("")
        out.append(cut("\n".join(lines) + "\n"))
    return out


def ingest_seeds(paras, rng):
    # .txt files as people have them: UTF-8 with and without BOM, GB18030, Big5,
    # UTF-16 with BOMs, CRLF line ends, a stray NUL.
    out = []
    for i in range(48):
        text = "\n\n".join(rng.sample(paras, 4))[:600]
        kind = i % 8
        if kind == 0:
            out.append(text.encode())
        elif kind == 1:
            out.append(b"\xef\xbb\xbf" + text.encode())
        elif kind in (2, 3):
            out.append(text.encode("gb18030"))
        elif kind == 4:
            out.append(text.encode("big5", errors="ignore"))  # simplified characters drop out
        elif kind == 5:
            out.append(b"\xff\xfe" + text.encode("utf-16-le"))
        elif kind == 6:
            out.append(b"\xfe\xff" + text.encode("utf-16-be"))
        else:
            out.append(text.replace("\n", "\r\n").encode()[:300] + b"\x00" + text.encode()[300:])
    return [cut_bytes(b) for b in out]


def search_seeds(paras, words, queries, rng):
    # fuzz_search.c: six option bytes, the query, then documents after 0x1e
    # bytes. Byte 5 picks what runs besides the search, a bit or two a seed.
    out = []
    for i in range(64):
        opt = [
            rng.randrange(256) & ~0x08 if i % 9 else 0x08,  # --count now and then
            0 if i % 3 else rng.choice([1, 10, 120, 200, 255]),  # offset
            10 if i % 4 else rng.randrange(256),  # n, per document
            0 if i % 2 else rng.randrange(256),  # province and year filters
            rng.randrange(256),  # audit rows, format, report; lossy; where
            (1 << (i % 8)) | (1 << (i // 8 % 8)),  # similar, audit, serve's calls
        ]
        docs = []
        for _ in range(i % 4):
            title = rng.choice(words) + rng.choice(["工作要点", "工作报告", "简报", "通知"])
            body = rng.sample(paras, 3)
            if opt[0] & 0x80:  # markdown: headings marked
                text = "# %s\n\n## 一、%s\n\n%s\n" % (title, rng.choice(words), "\n\n".join(body))
            else:
                text = "%s\n\n一、%s\n\n%s\n" % (title, rng.choice(words), "\n\n".join(body))
            text = text[:400]
            doc = text.encode("gb18030") if i % 5 == 4 else text.encode()
            docs.append(doc)
        if i % 7 == 6 and docs:
            docs.append(docs[0])  # the same text saved twice: a copy
        query = rng.choice(queries)
        out.append(cut_bytes(bytes(opt) + query + b"".join(b"\x1e" + d for d in docs)))
    return out


def cut_bytes(b):
    return b[:MAX_SEED]


def html_seeds(paras, words, rng):
    out = []
    for i in range(24):
        title, h2 = rng.choice(words), rng.choice(words)
        body = "".join("<p>%s</p>\n" % p for p in rng.sample(paras, 3))
        doc = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>"
               "<style>p{color:red}</style><script>var s=\"%s\";</script></head>\n"
               "<body><h1>%s</h1>\n<h2>%s</h2>\n%s<table><tr><td>%s</td><td>%s&nbsp;&ldquo;x&rdquo;</td>"
               "</tr></table><ul><li>%s<br>%s</li></ul></body></html>\n"
               % (title, h2, title, h2, body, rng.choice(words), rng.choice(words),
                  rng.choice(words), rng.choice(words)))
        if i % 4 == 3:  # a GBK page that says so
            out.append(doc.replace("utf-8", "gbk").encode("gb18030")[:MAX_SEED])
        else:
            out.append(cut(doc))
    return out


def pdf_text(lines, font):
    ops = ["BT", "/%s 12 Tf" % font, "16 TL", "72 760 Td"]
    ops += ["<%s> Tj T*" % l.encode("utf-16-be").hex().upper() for l in lines]
    return ("\n".join(ops) + "\nET").encode()


def pdf_stream(data):
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def make_pdf(pages):
    # Written by hand, fonts not embedded: page 1 uses Identity-H with a
    # ToUnicode map, page 2 Adobe-GB1's UniGB-UCS2-H (poppler-data).
    codes = sorted({ord(c) for p in pages for l in p for c in l})
    cmap = ["/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange"]
    for i in range(0, len(codes), 100):
        chunk = codes[i : i + 100]
        cmap += ["%d beginbfchar" % len(chunk)] + ["<%04X> <%04X>" % (c, c) for c in chunk]
        cmap.append("endbfchar")
    cmap.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
           b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        4: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
           b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        5: pdf_stream("\n".join(cmap).encode()),
        6: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
           b"/DescendantFonts [7 0 R] >>",
        7: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
           b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>",
    }
    kids = []
    for i, lines in enumerate(pages):
        page, content = 8 + 2 * i, 9 + 2 * i
        kids.append(b"%d 0 R" % page)
        objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                      b"<< /Font << /F1 3 0 R /F2 6 0 R >> >> /Contents %d 0 R >>" % content)
        objs[content] = pdf_stream(pdf_text(lines, "F2" if i % 2 else "F1"))
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(pages))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref, size = len(out), max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def pdf_seeds(words, rng):
    out = []
    for i in range(12):
        pages = [[rng.choice(words) for _ in range(3)] for _ in range(1 + i % 3)]
        out.append(make_pdf(pages))
    return [b for b in out if len(b) <= MAX_SEED]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_PARTS = {
    "[Content_Types].xml":
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/></Types>',
    "_rels/.rels":
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>',
    "word/styles.xml":
        '<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="%s">'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>'
        '</w:styles>' % W,
}


def docx_document(paras):
    body = ""
    for style, text in paras:
        ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
        half = len(text) // 2  # two runs, as Word writes a formatting change
        body += "<w:p>%s<w:r><w:t>%s</w:t></w:r><w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>" % (
            ppr, text[:half], text[half:])
    return ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s">'
            "<w:body>%s<w:sectPr/></w:body></w:document>" % (W, body))


def make_docx(paras, deflate):
    parts = dict(DOCX_PARTS)
    parts["word/document.xml"] = docx_document(paras)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
            z.writestr(info, data.encode())
    return buf.getvalue()


def docx_seeds(paras, words, rng):
    out = []
    for i in range(12):
        doc = [("Title", rng.choice(words)), ("Heading1", "一、" + rng.choice(words))]
        doc += [("", p[:120]) for p in rng.sample(paras, 2)]
        doc += [("Heading2", "（一）" + rng.choice(words)), ("", rng.choice(paras)[:120])]
        out.append(make_docx(doc, deflate=i % 3 != 2))
        # the XML past the zip (fuzz_format.c): document.xml, NUL, styles.xml
        styles = b"" if i % 4 == 3 else b"\0" + DOCX_PARTS["word/styles.xml"].encode()
        out.append(docx_document(doc).encode() + styles)
    return [b for b in out if len(b) <= MAX_SEED]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", required=True, help="folder of .txt documents")
    ap.add_argument("--queries", action="append", default=[],
                    help="file of queries, one a line ('#' comments skipped)")
    ap.add_argument("--out", required=True, help="folder to write TARGET/seed-NNNN into")
    args = ap.parse_args()

    rng = random.Random(20240501)  # same seeds every run
    docs = []
    for name in sorted(os.listdir(args.corpus)):
        if name.endswith(".txt"):
            with open(os.path.join(args.corpus, name), encoding="utf-8") as f:
                docs.append(f.read())
    paras = [p for d in docs for p in paragraphs(d)]
    words = phrases(paras)
    extra = []
    for path in args.queries:
        with open(path, encoding="utf-8") as f:
            extra += [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]

    seeds = {
        "clean": clean_seeds(docs),
        "analyze": analyze_seeds(paras, rng),
        "qparse": query_seeds(words, extra, rng),
        "keywords": keyword_seeds(words, rng),
    }
    seeds["qbuild"] = seeds["qparse"]
    seeds["ingest"] = ingest_seeds(paras, rng)
    seeds["html"] = html_seeds(paras, words, rng)
    seeds["pdf"] = pdf_seeds(words, rng)
    seeds["docx"] = docx_seeds(paras, words, rng)
    # its own generator, so that the seeds of the targets above stay as they were
    seeds["search"] = search_seeds(paras, words, seeds["qparse"], random.Random(20240502))
    for target, s in seeds.items():
        write(os.path.join(args.out, target), s)
        print("seeds: %-9s %4d inputs" % (target, len(s)))


if __name__ == "__main__":
    main()
