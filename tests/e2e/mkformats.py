#!/usr/bin/env python3
# Writes the test documents of formats.sh (PDF, DOCX, HTML) into a folder, from
# nothing but python3's standard library, byte for byte the same on every run.
"""Usage: mkformats.py OUTDIR

report.pdf  3 pages of Chinese text. The PDF is written by hand: its fonts are
            not embedded (no CJK font is needed to make or read it). Pages 1 and
            3 use a Type0 font with Identity-H and a ToUnicode CMap (as PDFs
            with subset fonts do); page 2 uses the predefined CMap UniGB-UCS2-H
            of the Adobe-GB1 collection (as PDFs naming STSong-Light do), which
            poppler reads through poppler-data.
report.docx a zip of XML strings: [Content_Types].xml, _rels/.rels,
            word/document.xml (paragraphs styled Title, Heading1, Heading2) and
            word/styles.xml.
page.html   title, headings, a script and a table.
"""
import os
import sys
import zipfile

# ---- PDF ----

PDF_PAGES = [
    ["某省2024年政府工作报告",
     "一、过去一年的工作",
     "过去一年，全省上下坚持稳中求进工作总基调，经济运行总体平稳，",
     "地区生产总值增长百分之五点二，城乡居民收入稳步增加。",
     "- 1 -"],
    ["二、民生保障",
     "全年新增城镇就业五十二万人，新建改建农村公路三千公里，",
     "青少年心理健康服务站覆盖全部县区。",
     "- 2 -"],
    ["三、2025年工作安排",
     "全面实施数字乡村示范工程，推动宽带网络和冷链物流向行政村延伸，",
     "让农产品卖得出、卖得好。",
     "- 3 -"],
]
GB_PAGES = {1}  # pages (0-based) drawn with the UniGB-UCS2-H font


def utf16be_hex(s):
    return s.encode("utf-16-be").hex().upper()


def content_stream(lines, font):
    ops = ["BT", "/%s 12 Tf" % font, "16 TL", "72 760 Td"]
    for line in lines:
        ops.append("<%s> Tj T*" % utf16be_hex(line))
    ops.append("ET")
    return "\n".join(ops).encode("ascii")


def to_unicode_cmap(chars):
    # CID = the character's UTF-16 code (Identity-H on UTF-16BE strings), so the
    # ToUnicode map is the identity on the characters used.
    body = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    codes = sorted({ord(c) for c in chars})
    for i in range(0, len(codes), 100):
        chunk = codes[i:i + 100]
        body.append("%d beginbfchar" % len(chunk))
        body += ["<%04X> <%04X>" % (c, c) for c in chunk]
        body.append("endbfchar")
    body += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(body).encode("ascii")


def pdf_stream(data):
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def make_pdf():
    chars = "".join("".join(p) for p in PDF_PAGES)
    desc = (b"<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [0 -200 1000 900] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>")
    n = len(PDF_PAGES)
    # objects: 1 catalog, 2 pages, 3..8 fonts, then (page, content) per page
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
           b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        4: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
           b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R "
           b"/DW 1000 /CIDToGIDMap /Identity >>",
        5: pdf_stream(to_unicode_cmap(chars)),
        6: desc % b"SimSun",
        7: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
           b"/DescendantFonts [8 0 R] >>",
        8: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
           b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 9 0 R "
           b"/DW 1000 >>",
        9: desc % b"STSong-Light",
    }
    kids = []
    for i, lines in enumerate(PDF_PAGES):
        page, content = 10 + 2 * i, 11 + 2 * i
        kids.append(b"%d 0 R" % page)
        objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                      b"/Resources << /Font << /F1 3 0 R /F2 7 0 R >> >> /Contents %d 0 R >>"
                      % content)
        objs[content] = pdf_stream(content_stream(lines, "F2" if i in GB_PAGES else "F1"))
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), n)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


# ---- DOCX ----

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_PARAS = [
    ("Title", "某市2024年营商环境工作总结"),
    ("Heading1", "一、主要成效"),
    ("", "全年新登记市场主体四万余户，政务服务事项全部实现网上可办。"),
    ("Heading2", "（一）优化审批流程"),
    ("", "推行“一件事一次办”改革，企业开办时间压缩至一个工作日以内。"),
    ("Heading2", "（二）强化要素保障"),
    ("", "设立中小企业应急转贷资金，累计为三百余家企业续贷周转。"),
    ("Heading1", "二、下一步打算"),
    ("", "深入开展涉企违规收费专项整治，持续降低制度性交易成本。"),
]


def docx_paragraph(style, text):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    # split the text over two runs, as Word does when formatting changes mid-paragraph
    half = len(text) // 2
    runs = "".join('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % t
                   for t in (text[:half], text[half:]))
    return "<w:p>%s%s</w:p>" % (ppr, runs)


def make_docx(path):
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>'
                % (W, "".join(docx_paragraph(s, t) for s, t in DOCX_PARAS)))
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="%s">'
              % W)
    for sid, name in (("Title", "Title"), ("Heading1", "heading 1"), ("Heading2", "heading 2")):
        styles += ('<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="%s"/></w:style>'
                   % (sid, name))
    styles += "</w:styles>"
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
             '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", types), ("_rels/.rels", rels),
                           ("word/document.xml", document), ("word/styles.xml", styles)):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


# ---- HTML ----

HTML = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>某县2024年乡村振兴工作报告</title>
<style>p { color: red; } .隐藏 { display: none }</style>
<script>var 脚本文字 = "不应被索引的脚本内容";</script>
</head>
<body>
<h1>某县2024年乡村振兴工作报告</h1>
<h2>一、产业发展</h2>
<p>全县新建高标准农田八万亩，
   培育茶叶、中药材两个百亿级产业集群，&ldquo;土特产&rdquo;品牌效应明显。</p>
<h2>二、人居环境</h2>
<p>农村卫生厕所普及率达到百分之九十二，<br>生活垃圾收运处置体系覆盖所有行政村。</p>
<table><tr><td>指标</td><td>完成值</td></tr><tr><td>村级集体经济收入</td><td>五万元以上</td></tr></table>
</body>
</html>
"""


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "report.pdf"), "wb") as f:
        f.write(make_pdf())
    make_docx(os.path.join(out, "report.docx"))
    with open(os.path.join(out, "page.html"), "w", encoding="utf-8") as f:
        f.write(HTML)


if __name__ == "__main__":
    main()
