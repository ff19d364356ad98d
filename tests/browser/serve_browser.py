#!/usr/bin/env python3
# End to end in a real browser: starts `zhquery serve` and headless Chromium
# (through chromedriver, W3C WebDriver over urllib, standard library only),
# then searches, clicks a facet, pages, opens similar passages, copies a
# citation, runs an audit, downloads its CSV, lists documents, and checks that
# text with <script> and onerror= from a document or a query stays text.
#
# usage: serve_browser.py --zhquery PATH --index DIR --work DIR --screenshot FILE
import argparse
import base64
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
WAIT = 30  # seconds any one wait may take: the tests never hang
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=zh-CN"]

failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, headers=None, timeout=WAIT):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


class WebDriver:
    """The few W3C WebDriver commands the test needs."""

    def __init__(self, port, profile, downloads):
        self.base = "http://127.0.0.1:%d" % port
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": shutil.which("chromium") or "/usr/bin/chromium",
                "args": CHROME_ARGS + ["--user-data-dir=" + profile],
                "prefs": {"download.default_directory": downloads,
                          "download.prompt_for_download": False}}}}}
        self.sid = None
        self.sid = self.cmd("POST", "/session", caps)["sessionId"]
        self.cmd("POST", "/session/%s/window/rect" % self.sid, {"width": 1366, "height": 900})

    def cmd(self, method, path, body=None):
        status, data = http(method, self.base + path, body if body is not None else
                            ({} if method == "POST" else None),
                            {"Content-Type": "application/json"}, timeout=60)
        value = json.loads(data or b"{}").get("value")
        if status != 200:
            raise RuntimeError("WebDriver %s %s: %s" % (method, path, value))
        return value

    def s(self, path):
        return "/session/%s%s" % (self.sid, path)

    def go(self, url):
        self.cmd("POST", self.s("/url"), {"url": url})

    def js(self, script, *args):
        return self.cmd("POST", self.s("/execute/sync"), {"script": script, "args": list(args)})

    def find(self, css):
        return self.cmd("POST", self.s("/element"), {"using": "css selector", "value": css})[ELEMENT]

    def click(self, css):
        self.cmd("POST", self.s("/element/%s/click" % self.find(css)))

    def type(self, css, text):
        e = self.find(css)
        self.cmd("POST", self.s("/element/%s/clear" % e))
        self.cmd("POST", self.s("/element/%s/value" % e), {"text": text})

    def text(self, css):
        return self.js("const e = document.querySelector(arguments[0]);"
                       "return e ? e.textContent : null;", css)

    def alert_open(self):
        try:
            self.cmd("GET", self.s("/alert/text"))
            return True
        except RuntimeError:
            return False

    def size(self, width, height):
        self.cmd("POST", self.s("/window/rect"), {"width": width, "height": height})

    def screenshot(self, path):
        png = base64.b64decode(self.cmd("GET", self.s("/screenshot")))
        with open(path, "wb") as f:
            f.write(png)
        return png

    def browser_log(self):
        try:
            return self.cmd("POST", self.s("/se/log"), {"type": "browser"}) or []
        except RuntimeError:
            return None

    def quit(self):
        if self.sid:
            try:
                self.cmd("DELETE", self.s(""))
            except Exception:
                pass


def wait_for(what, fn):
    """Polls fn until it returns something true; fails the check after WAIT s."""
    deadline = time.time() + WAIT
    last = None
    while time.time() < deadline:
        try:
            last = fn()
        except RuntimeError as e:
            last = e
        if last and not isinstance(last, Exception):
            return last
        time.sleep(0.1)
    check(False, "timed out waiting for %s (last: %r)" % (what, last))
    return None


def start_server(zhquery, index, log):
    p = subprocess.Popen([zhquery, "serve", "--index", index, "--listen", "127.0.0.1:0"],
                         stdout=subprocess.PIPE, stderr=log)
    ready, _, _ = select.select([p.stdout], [], [], WAIT)
    line = p.stdout.readline().decode().strip() if ready else ""
    if not line.startswith("http://127.0.0.1:"):
        p.kill()
        raise RuntimeError("zhquery serve printed no URL (got %r)" % line)
    return p, line


def start_driver(log):
    for _ in range(3):  # the free port may be taken between the check and the bind
        port = free_port()
        p = subprocess.Popen(["chromedriver", "--port=%d" % port], stdout=log, stderr=log)
        deadline = time.time() + WAIT
        while time.time() < deadline and p.poll() is None:
            try:
                if http("GET", "http://127.0.0.1:%d/status" % port, timeout=2)[0] == 200:
                    return p, port
            except OSError:
                pass
            time.sleep(0.1)
        p.kill()
        p.wait()
    raise RuntimeError("chromedriver did not start")


def api(url, path, **params):
    status, body = http("GET", url + path + "?" + urllib.parse.urlencode(params))
    return json.loads(body)


def hits_shown(wd):
    return wd.js("return Array.from(document.querySelectorAll('#results li.hit')).map(li => ({"
                 "title: li.querySelector('.title').textContent,"
                 "meta: li.querySelector('.meta').textContent,"
                 "passage: li.querySelector('.passage').textContent,"
                 "heading: (li.querySelector('.heading') || {}).textContent || '',"
                 "marks: Array.from(li.querySelectorAll('.passage mark')).map(m => m.textContent)"
                 "}));")


def after(wd, css, action):
    """Runs action and returns the status line at css once the page has
    answered: a marker is put there first, so an old status never counts."""
    wd.js("document.querySelector(arguments[0]).textContent = '(waiting)';", css)
    action()
    return wait_for(css + " to answer", lambda: (
        lambda t: t if t and t != "(waiting)" and "正在" not in t else None)(wd.text(css)))


def search(wd, q):
    wd.type("#q", q)
    return after(wd, "#search-status", lambda: wd.click("#search-btn"))


def test_search(wd, url, screenshot):
    wd.go(url)
    wait_for("the index summary", lambda: "份文档" in (wd.text("#index-info") or ""))
    want = api(url, "/api/search", q="青春健康", n=10, facets=1)
    status = search(wd, "青春健康")
    check(status == "找到 %d 个段落" % want["total"], "search status %r, want %d" %
          (status, want["total"]))
    hits = hits_shown(wd) or []
    check(len(hits) == len(want["hits"]), "%d hits shown, API has %d" % (len(hits), len(want["hits"])))
    if hits:
        check(hits[0]["title"] == want["hits"][0]["title"], "first title %r" % hits[0]["title"])
        check(hits[0]["passage"] == want["hits"][0]["text"], "first passage differs from the API's")
        check(hits[0]["marks"] and all("青春健康" == m for m in hits[0]["marks"]),
              "highlights of the first hit: %r" % hits[0]["marks"])
        check(want["hits"][0]["province"] in hits[0]["meta"], "province in the meta line")
        check(":%d" % want["hits"][0]["lines"][0] in hits[0]["meta"], "file:line in the meta line")
    facets = wd.js("return Array.from(document.querySelectorAll('.facet')).map(f => f.dataset.field);")
    check(facets == ["province", "year", "type", "org"], "facet groups %r" % facets)
    png = wd.screenshot(screenshot)
    check(png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10000, "screenshot is a PNG")
    return want


def test_facet(wd, url, before):
    prov = before["facets"]["province"][0]
    want = api(url, "/api/search", q="青春健康", province=prov["value"], n=10)
    status = after(wd, "#search-status", lambda: wd.click(
        '.facet-value[data-field="province"][data-value="%s"]' % prov["value"]))
    check(status == "找到 %d 个段落" % prov["count"], "filtered status %r" % status)
    chip = wait_for("the province chip", lambda: wd.text('.chip[data-field="province"]'))
    check(chip and prov["value"] in chip, "filter chip %r" % chip)
    check(want["total"] == prov["count"], "facet count %d = filtered total %d" %
          (prov["count"], want["total"]))
    hits = hits_shown(wd) or []
    check(hits and all(prov["value"] in h["meta"] for h in hits), "every hit is of " + prov["value"])
    check("province=" in wd.js("return location.hash;"), "the filter is in the address")
    status = after(wd, "#search-status", lambda: wd.click('.chip[data-field="province"]'))
    check(status == "找到 %d 个段落" % before["total"], "status without the filter %r" % status)
    check(wd.text('.chip[data-field="province"]') is None, "the chip is gone")


def test_paging(wd, url):
    want = api(url, "/api/search", q="计生协", offset=10, n=10)
    search(wd, "计生协")
    check((wd.text("#page-info") or "").startswith("第 1–10 条"), "the first page")
    after(wd, "#search-status", lambda: wd.click("#next"))
    info = wd.text("#page-info")
    check(info == "第 11–20 条，共 %d 条" % want["total"], "page info %r" % info)
    hits = hits_shown(wd) or []
    check(hits and hits[0]["title"] == want["hits"][0]["title"], "second page starts at hit 11")
    check(wd.text("#results li.hit .rank") == "11.", "rank of the second page's first hit")


def also_shoot(wd, screenshot, view):
    """Screenshots of the other views beside the results page's, for a person."""
    folder, name = os.path.split(screenshot)
    wd.screenshot(os.path.join(folder, name.replace("results", view) if "results" in name
                               else view + "-" + name))


def test_similar_and_cite(wd, url, screenshot):
    search(wd, "育儿补贴")
    first = (hits_shown(wd) or [{}])[0]
    wd.click("#results li.hit .cite-btn")
    toast = wait_for("the citation toast", lambda: wd.text("#toast"))
    # 《标题》（发文字号），发文机关，成文日期，第N段: no file name, line or quotes in quotes
    title = first.get("title", "").replace("《", "〈").replace("》", "〉")
    check(toast and "复制引用" in toast and ("《" + title[:8]) in toast
          and re.search(r"，第\d+[段页]$", toast) and ".txt" not in toast and "“" not in toast,
          "citation %r" % toast)
    status = after(wd, "#similar-status", lambda: wd.click("#results li.hit .similar-btn"))
    check(wd.js("return !document.getElementById('view-similar').hidden;"), "the similar view shows")
    check(status and status.startswith("找到"), "similar status %r" % status)
    items = wd.js("return Array.from(document.querySelectorAll('#similar-results li.hit')).map(li => ({"
                  "cls: li.className, badge: (li.querySelector('.badge') || {}).textContent,"
                  "passage: li.querySelector('.passage').textContent,"
                  "terms: (li.querySelector('.terms') || {}).textContent}));") or []
    check(items and "source" in items[0]["cls"] and items[0]["badge"] == "草稿本身" and
          items[0]["passage"] == first.get("passage"), "the hit itself is listed first as the draft")
    precedents = [i for i in items if "precedent" in i["cls"]]
    check(len(precedents) >= 3 and all(i["terms"] and i["terms"].startswith("共同词语：")
                                       for i in precedents), "precedents with shared words")
    check(wd.js("return document.getElementById('draft').value;") == first.get("passage"),
          "the draft box holds the passage")
    also_shoot(wd, screenshot, "similar")


AUDIT_KEYWORDS = "# 注释行\n育儿补贴|育儿津贴\n+计生协\n青春健康\n"


def test_document_view(wd, url, screenshot):
    """file:line of a hit opens the whole document, the passage in view and marked;
    the original file is one click further, and only files of the index are served."""
    want = api(url, "/api/search", q="唇腭裂", n=1)["hits"][0]
    wd.click("#tab-search")
    search(wd, "唇腭裂")
    status = after(wd, "#doc-status", lambda: wd.click("#results li.hit a.loc"))
    check(status and status.startswith("共 ") and "已标出" in status, "document status %r" % status)
    check(wd.js("return !document.getElementById('view-doc').hidden;"), "the document view shows")
    check(wd.text("#doc-title") == want["title"], "document title %r" % wd.text("#doc-title"))
    target = wd.js("const t = document.querySelector('#doc-passages li.target');"
                   "if (!t) return null; const r = t.getBoundingClientRect();"
                   "return {no: +t.dataset.no, text: t.querySelector('.passage').textContent,"
                   "marks: Array.from(t.querySelectorAll('mark')).map(m => m.textContent),"
                   "visible: r.top >= 0 && r.bottom <= innerHeight + r.height};") or {}
    check(target.get("no") == want["passage"] and target.get("text") == want["text"],
          "the passage marked is the hit's: %r" % target)
    check(target.get("visible"), "the passage is scrolled into view")
    check("唇腭裂" in (target.get("marks") or []), "its matches highlighted: %r" % target.get("marks"))
    headings = wd.js("return document.querySelectorAll('#doc-passages li.doc-heading').length;")
    check(headings and headings > 0, "the document's headings are shown: %r" % headings)
    href = wd.js("return document.getElementById('doc-original').getAttribute('href');")
    check(href == "/api/file?id=%d" % want["doc_id"], "link to the original %r" % href)
    with open(want["file"], "rb") as f:
        original = f.read()
    status, body = http("GET", url + href)
    check(status == 200 and body == original, "the original file is served as indexed")
    for bad in ("/api/file?id=99999", "/api/file?id=../../../../etc/passwd",
                "/api/file?id=%2Fetc%2Fpasswd", "/api/file?path=/etc/passwd"):
        status, body = http("GET", url + bad)
        check(status in (400, 404) and b"root:" not in body, "%s refused: %d" % (bad, status))
    also_shoot(wd, screenshot, "document")
    wd.click("#doc-back")
    check(wd.js("return !document.getElementById('view-search').hidden;"), "back to the results")


def xlsx(downloads, name, cell):
    """Checks that the download name is a workbook whose sheet holds cell."""
    path = os.path.join(downloads, name)
    if wait_for(name, lambda: os.path.exists(path) and os.path.getsize(path) > 0):
        import zipfile
        with zipfile.ZipFile(path) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode()
        check(cell in sheet, "%s holds %r" % (name, cell))


def test_exports(wd, url, downloads):
    """The hits shown, as CSV and as a workbook."""
    wd.click("#tab-search")
    search(wd, "育儿补贴")
    check(wd.js("return !document.getElementById('search-exports').hidden;"), "export buttons shown")
    status = after(wd, "#search-status", lambda: wd.click("#search-csv"))
    check(status and "zhsearch-search.csv" in status, "search CSV status %r" % status)
    path = os.path.join(downloads, "zhsearch-search.csv")
    if wait_for("the search CSV", lambda: os.path.exists(path) and os.path.getsize(path) > 0):
        with open(path, "rb") as f:
            text = f.read().decode("utf-8-sig")
        want = api(url, "/api/search", q="育儿补贴", n=50)
        rows = text.split("\r\n")
        check(rows[0].startswith("序号,标题,发文字号,发文机关,成文日期,省份,年份,类型"),
              "search CSV header %r" % rows[0][:80])
        check(len([r for r in rows[1:] if r]) >= min(want["total"], 50), "a row per hit")
    status = after(wd, "#search-status", lambda: wd.click("#search-xlsx"))
    check(status and "zhsearch-search.xlsx" in status, "search XLSX status %r" % status)
    xlsx(downloads, "zhsearch-search.xlsx", "育儿补贴")


def test_group_by_document(wd, url):
    """The box 按文档: the best passage of each document, documents counted."""
    wd.click("#tab-search")
    want = api(url, "/api/search", q="计生协", n=10, facets=1, group_by_doc=1)
    search(wd, "计生协")
    status = after(wd, "#search-status", lambda: wd.click("#group-doc"))
    check(status == "找到 %d 份文档（每份列出最相关的一段）" % want["total"], "by document: %r" % status)
    files = wd.js("return Array.from(document.querySelectorAll('#results li.hit .loc'))"
                  ".map(a => a.textContent.split(':')[0]);") or []
    check(files and len(files) == len(set(files)), "one passage a document: %r" % files)
    check("group=1" in wd.js("return location.hash;"), "the choice is in the address")
    after(wd, "#search-status", lambda: wd.click("#group-doc"))


def test_phone(wd, url, screenshot):
    """At 390 px: tab names on one line, the facets behind their button, the
    first hit near the top, the audit's titles readable; screenshots of both widths."""
    wd.size(390, 844)
    wd.click("#tab-search")
    search(wd, "青春健康")
    tabs = wd.js("return Array.from(document.querySelectorAll('.tab')).map(t => "
                 "t.getBoundingClientRect().height);") or []
    line = wd.js("return parseFloat(getComputedStyle(document.querySelector('.tab')).lineHeight);")
    check(tabs and all(h < 2 * line for h in tabs), "tab names on one line at 390 px: %r" % tabs)
    check(wd.js("return document.getElementById('facets').offsetParent === null;"),
          "the facets wait behind their button")
    top = wd.js("const h = document.querySelector('#results li.hit');"
                "return h ? h.getBoundingClientRect().top : null;")
    check(top is not None and top < 450, "the first hit starts at %r px" % top)
    check(wd.js("return document.documentElement.scrollWidth <= innerWidth + 1;"),
          "nothing wider than the phone")
    also_shoot(wd, screenshot, "phone-results")
    wd.click("#facets-toggle")
    check(wd.js("return document.getElementById('facets').offsetParent !== null;"),
          "the button shows the facets")
    wd.click("#tab-audit")
    wd.js("document.getElementById('keywords').value = arguments[0];", AUDIT_KEYWORDS)
    wd.js("document.getElementById('audit-by').value = 'doc';")
    after(wd, "#audit-status", lambda: wd.click("#audit-btn"))
    width = wd.js("const th = document.querySelector('#audit-table tbody th');"
                  "return th ? th.getBoundingClientRect().width : 0;")
    check(width and width >= 120, "the audit's title column is %r px wide" % width)
    also_shoot(wd, screenshot, "phone-audit")
    wd.size(1280, 900)
    wd.click("#tab-search")
    also_shoot(wd, screenshot, "wide-results")


def test_audit(wd, url, downloads, screenshot):
    wd.click("#tab-audit")
    wd.js("document.getElementById('keywords').value = arguments[0];", AUDIT_KEYWORDS)
    status = after(wd, "#audit-status", lambda: wd.click("#audit-btn"))
    check(status == "共 3 个关键词，6 行", "audit status %r" % status)
    _, body = http("POST", url + "/api/audit?format=json", AUDIT_KEYWORDS.encode(),
                   {"Content-Type": "text/plain"})
    want = json.loads(body)
    table = wd.js("return Array.from(document.querySelectorAll('#audit-table tr')).map("
                  "tr => Array.from(tr.children).map(c => c.textContent));")
    check(table and table[0] == ["文档", "育儿补贴", "计生协（必需）", "青春健康", "合计"],
          "audit header %r" % (table[0] if table else None))
    total = [str(want["total"]["counts"][k]) for k in ("育儿补贴", "计生协", "青春健康")]
    check(table and table[-1] == ["合计"] + total + [str(want["total"]["total"])],
          "audit total row %r" % (table[-1] if table else None))
    check(table and len(table) == len(want["rows"]) + 2, "a row per document")
    also_shoot(wd, screenshot, "audit")
    # by province, then the CSV
    wd.js("const s = document.getElementById('audit-by'); s.value = 'province';")
    after(wd, "#audit-status", lambda: wd.click("#audit-btn"))
    check(wd.text("#audit-table th") == "省份", "the province matrix")
    status = after(wd, "#audit-status", lambda: wd.click("#audit-csv"))
    check(status and "zhsearch-audit.csv" in status, "download status %r" % status)
    path = os.path.join(downloads, "zhsearch-audit.csv")
    if wait_for("the CSV file", lambda: os.path.exists(path) and os.path.getsize(path) > 0):
        with open(path, "rb") as f:
            csv = f.read()
        # one byte order mark (Excel reads UTF-8 then), Chinese headers, CRLF
        check(csv.startswith("\ufeff省份,育儿补贴".encode()) and "\r\n合计,".encode() in csv and
              not csv.startswith(b"\xef\xbb\xbf\xef\xbb\xbf"), "CSV file %r" % csv[:60])
    status = after(wd, "#audit-status", lambda: wd.click("#audit-xlsx"))
    check(status and "zhsearch-audit.xlsx" in status, "XLSX download status %r" % status)
    xlsx(downloads, "zhsearch-audit.xlsx", "省份")
    # a bad keyword list: every problem listed, each with its line
    wd.js("document.getElementById('keywords').value = '育儿 补贴\\n\\n计生协\\n计生协\\n+';")
    status = after(wd, "#audit-status", lambda: wd.click("#audit-btn"))
    problems = wd.js("return Array.from(document.querySelectorAll('#audit-problems li'))"
                     ".map(li => li.textContent);") or []
    check(status and "3 处问题" in status and not status.startswith("出错了"),
          "keyword problems status %r" % status)
    check(len(problems) == 3 and problems[0].startswith("第 1 行") and
          problems[1].startswith("第 4 行") and problems[2].startswith("第 5 行"),
          "every problem listed: %r" % problems)


def test_docs(wd, url):
    want = api(url, "/api/docs")["docs"]
    status = after(wd, "#docs-status", lambda: wd.click("#tab-docs"))
    check(status == "共 %d 份文档" % len(want), "docs status %r" % status)
    rows = wd.js("return document.querySelectorAll('#docs-table tbody tr').length;")
    check(rows == len(want), "%s document rows, want %d" % (rows, len(want)))


def no_injection(wd, where):
    check(not wd.alert_open(), "no alert after " + where)
    # an <img src=x> ever made on the page (even gone since) tried to load /x
    found = wd.js("return {img: document.querySelectorAll('img').length,"
                  "scripts: Array.from(document.scripts).map(s => s.src),"
                  "onerror: document.querySelectorAll('[onerror]').length,"
                  "loads: performance.getEntriesByType('resource').map(e => e.name)"
                  "  .filter(n => !/[/](app[.](js|css)|favicon[.]svg|api[/].*)$/.test(n))};")
    check(found["img"] == 0 and found["onerror"] == 0 and not found["loads"],
          "no injected element after %s: %r" % (where, found))
    check(len(found["scripts"]) == 1 and found["scripts"][0].endswith("/app.js"),
          "only app.js runs after %s: %r" % (where, found["scripts"]))


def test_injection(wd, url):
    wd.click("#tab-search")
    status = search(wd, "注入测试")
    # its title, its heading and its paragraph are passages
    check(status == "找到 3 个段落", "the injection document is found: %r" % status)
    body = [h for h in hits_shown(wd) if "onerror=alert(4)" in h["passage"]]
    hit = (body or [{}])[0]
    check("<script>alert(1)</script>" in hit.get("title", ""), "title shown as text: %r" %
          hit.get("title"))
    check('"><img src=x onerror=alert(4)>' in hit.get("passage", ""), "passage shown as text")
    heading = hit.get("heading", "")
    check('"><img src=x onerror=alert(2)>' in heading, "heading shown as text: %r" % heading)
    no_injection(wd, "a document with markup")
    # a query with markup: malformed (the quote), then well-formed
    evil = '"><img src=x onerror=alert(5)>'
    status = search(wd, evil)
    check(status and status.startswith("检索式有误") and "第 1 列" in status,
          "malformed query message %r" % status)
    check(wd.js("return document.getElementById('q').value;") == evil, "the query box keeps it")
    no_injection(wd, "a malformed query with markup")
    status = search(wd, "<script>alert(3)</script>")
    check(status and status.startswith("找到") and status != "找到 0 个段落",
          "markup as a query finds the document: %r" % status)
    no_injection(wd, "a query with markup")


def main():
    # a timeout's SIGTERM still runs the clean-up below (browser, driver, server)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    ap = argparse.ArgumentParser()
    ap.add_argument("--zhquery", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--screenshot", required=True)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="chromium-", dir=a.work)
    downloads = tempfile.mkdtemp(prefix="downloads-", dir=a.work)
    log = open(os.path.join(a.work, "browser-test.log"), "wb")
    server = driver = wd = None
    try:
        server, url = start_server(a.zhquery, a.index, log)
        url = url.rstrip("/")
        driver, port = start_driver(log)
        wd = WebDriver(port, profile, downloads)
        first = test_search(wd, url, a.screenshot)
        test_facet(wd, url, first)
        test_paging(wd, url)
        test_similar_and_cite(wd, url, a.screenshot)
        test_document_view(wd, url, a.screenshot)
        test_audit(wd, url, downloads, a.screenshot)
        test_exports(wd, url, downloads)
        test_group_by_document(wd, url)
        test_phone(wd, url, a.screenshot)
        test_docs(wd, url)
        test_injection(wd, url)
        logs = wd.browser_log()
        if logs is not None:  # script errors or CSP violations would show here
            bad = [e["message"] for e in logs if e.get("level") == "SEVERE" and
                   "/api/" not in e["message"]]
            check(not bad, "browser console errors: %r" % bad)
    except Exception as e:  # a failure to drive the browser is a test failure
        check(False, "%s: %s" % (type(e).__name__, e))
    finally:
        if wd:
            wd.quit()
        if driver:
            driver.kill()
            driver.wait()
        if server:  # Ctrl-C's signal here (the shell tests send SIGTERM)
            server.send_signal(signal.SIGINT)
            try:
                rc = server.wait(timeout=WAIT)
                check(rc == 0, "zhquery serve exited with %d after SIGINT" % rc)
            except subprocess.TimeoutExpired:
                server.kill()
                check(False, "zhquery serve did not stop on SIGINT")
        log.close()
        shutil.rmtree(profile, ignore_errors=True)
    print("serve_browser: %d checks, %d failed; screenshot %s" % (checks, len(failures),
                                                                  a.screenshot))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
