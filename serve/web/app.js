// zhquery serve: the search page's script: calls the JSON API and builds the
// page with DOM nodes and textContent only (never by parsing HTML), so any text
// of a document or a query is shown as text; highlights come as code point spans.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // ---- the API ----

  class ApiError extends Error {
    constructor(message, status, body) {
      super(message);
      this.status = status;
      this.body = body; // the JSON answer, when there was one (problems of a keyword list)
    }
  }

  // What went wrong, for the status line: a 4xx is the server's own message
  // (检索式有误：…, 第 1 行：…); anything else is an error of ours or the network.
  function failure(e) {
    return e.status >= 400 && e.status < 500 ? e.message : '出错了：' + e.message;
  }

  // JSON (or text, for CSV) from the API; an ApiError with the server's message.
  async function api(path, options) {
    let r;
    try {
      r = await fetch(path, options);
    } catch (e) {
      throw new ApiError('无法连接服务器（zhquery serve 是否仍在运行？）', 0);
    }
    const type = r.headers.get('Content-Type') || '';
    if (type.startsWith('application/json')) {
      const body = await r.json();
      if (!r.ok) throw new ApiError(body.error || 'HTTP ' + r.status, r.status, body);
      return body;
    }
    if (!r.ok) throw new ApiError('HTTP ' + r.status, r.status);
    return r.text();
  }

  function query(params) {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params))
      if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
    return u.toString();
  }

  function postText(path, params, text) {
    return api(path + '?' + query(params), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: text,
    });
  }

  // Downloads what the API answers as a file (CSV or XLSX) named name: a GET of
  // path?params, or a POST of body. Throws an ApiError with the server's message.
  async function download(path, params, body, name) {
    let r;
    try {
      r = await fetch(path + '?' + query(params), body === undefined ? {} : {
        method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body,
      });
    } catch (e) {
      throw new ApiError('无法连接服务器（zhquery serve 是否仍在运行？）', 0);
    }
    if (!r.ok) {
      let message = 'HTTP ' + r.status;
      try { message = (await r.json()).error || message; } catch (e) { /* not JSON */ }
      throw new ApiError(message, r.status);
    }
    const url = URL.createObjectURL(await r.blob()); // the bytes as sent: BOM, XLSX
    const a = el('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function showStatus(node, text, isError) {
    node.textContent = text || '';
    node.classList.toggle('error', !!isError);
  }

  // ---- one hit ----

  const basename = (path) => path.slice(path.lastIndexOf('/') + 1);

  // The passage with its highlights: spans are [start, end) in code points.
  function passage(text, spans) {
    const p = el('p', 'passage');
    const cps = Array.from(text);
    let at = 0;
    for (const [a, b] of spans || []) {
      if (a < at || b > cps.length || a >= b) continue;
      if (a > at) p.appendChild(document.createTextNode(cps.slice(at, a).join('')));
      p.appendChild(el('mark', null, cps.slice(a, b).join('')));
      at = b;
    }
    if (at < cps.length) p.appendChild(document.createTextNode(cps.slice(at).join('')));
    return p;
  }

  function lineText(hit) {
    const [a, b] = hit.lines;
    return b > a ? a + '–' + b : String(a);
  }

  function citeLocation(hit) {
    let s = basename(hit.file) + ':' + hit.lines[0];
    if (hit.page) s += '（第 ' + hit.page + ' 页）';
    return s;
  }

  // A citation a drafter can paste, as the server writes it from the
  // document's metadata: 《标题》（发文字号），发文机关，成文日期，第N页 (or 第N段).
  function citation(hit) {
    return hit.cite;
  }

  let toastTimer = null;
  function toast(text) {
    const t = $('toast');
    t.textContent = text;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 6000);
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) { // no clipboard permission (or not a secure context): the old way
      const ta = el('textarea');
      ta.value = text;
      ta.setAttribute('readonly', '');
      ta.className = 'offscreen';
      document.body.appendChild(ta);
      ta.select();
      let ok = false;
      try { ok = document.execCommand('copy'); } catch (e2) { ok = false; }
      ta.remove();
      return ok;
    }
  }

  function metaLine(hit) {
    const meta = el('div', 'meta');
    const parts = [hit.org || '发文机关不详', hit.province || '省份不详',
      hit.date || (hit.year ? hit.year + '年' : '年份不详'), hit.type || '类型不详'];
    if (hit.docno) parts.splice(1, 0, hit.docno);
    for (const part of parts) meta.appendChild(el('span', 'tag', part));
    const loc = el(hit.doc_id !== undefined ? 'a' : 'span', 'loc', citeLocation(hit));
    loc.title = hit.file + '，第 ' + lineText(hit) + ' 行';
    if (hit.doc_id !== undefined) { // the document, with this passage in place
      loc.href = '#';
      loc.title += '：在全文中查看';
      loc.addEventListener('click', (ev) => {
        ev.preventDefault();
        openDoc(hit.doc_id, hit.passage, hit.highlights);
      });
    }
    meta.appendChild(loc);
    return meta;
  }

  // A result card; extra(li) adds what a kind of result has besides.
  function hitCard(hit, rank, extra) {
    const li = el('li', 'hit');
    const head = el('div', 'hit-head');
    if (rank) head.appendChild(el('span', 'rank', rank + '.'));
    head.appendChild(el('h3', 'title', hit.title));
    li.appendChild(head);
    li.appendChild(metaLine(hit));
    if (hit.headings && hit.headings.length)
      li.appendChild(el('div', 'heading', '› ' + hit.headings.join(' › ')));
    li.appendChild(passage(hit.text, hit.highlights));
    if (hit.copies && hit.copies.length)
      li.appendChild(el('div', 'also', '另存为：' + hit.copies.map(basename).join('，')));
    if (extra) extra(li);
    const actions = el('div', 'actions');
    const sim = el('button', 'similar-btn', '相似段落');
    sim.type = 'button';
    sim.addEventListener('click', () => similarFrom(hit.text));
    const cite = el('button', 'cite-btn', '复制引用');
    cite.type = 'button';
    cite.addEventListener('click', async () => {
      const text = citation(hit);
      const ok = await copyText(text);
      toast((ok ? '已复制引用：' : '请手动复制引用：') + text);
    });
    actions.appendChild(sim);
    actions.appendChild(cite);
    li.appendChild(actions);
    return li;
  }

  // ---- search ----

  const FACETS = [['province', '省份'], ['year', '年份'], ['type', '类型'], ['org', '发文机关']];
  const PAGE = 10;
  const PER_DOC = 3;
  let state = { q: '', offset: 0, filters: {} };

  function stateFromHash() {
    const h = new URLSearchParams(location.hash.slice(1));
    const filters = {};
    for (const [f] of FACETS) if (h.get(f)) filters[f] = h.get(f);
    return { q: h.get('q') || '', offset: Math.max(0, parseInt(h.get('offset') || '0', 10) || 0),
      filters, perDoc: h.has('per_doc') ? parseInt(h.get('per_doc'), 10) || 0 : PER_DOC,
      group: h.get('group') === '1' };
  }

  function hashOf(s) {
    return '#' + query(Object.assign({ q: s.q, offset: s.offset || '',
      per_doc: s.perDoc === PER_DOC ? '' : s.perDoc, group: s.group ? 1 : '' }, s.filters));
  }

  // Goes to a search: the address records it (back and forward work), then it runs.
  function go(s) {
    // "at most 3 passages of one document", as the box says
    if (s.perDoc === undefined) s.perDoc = $('per-doc').checked ? PER_DOC : 0;
    if (s.group === undefined) s.group = $('group-doc').checked; // the best passage of each document
    state = s;
    const hash = hashOf(s);
    if (location.hash === hash) runSearch();
    else location.hash = hash;
  }

  function renderFilters() {
    const box = $('filters');
    clear(box);
    for (const [f, label] of FACETS) {
      if (!state.filters[f]) continue;
      const chip = el('button', 'chip', label + '：' + state.filters[f] + ' ×');
      chip.type = 'button';
      chip.dataset.field = f;
      chip.title = '取消此筛选';
      chip.addEventListener('click', () => {
        const filters = Object.assign({}, state.filters);
        delete filters[f];
        go({ q: state.q, offset: 0, filters });
      });
      box.appendChild(chip);
    }
  }

  function renderFacets(facets) {
    const box = $('facets');
    clear(box);
    $('facets-toggle').hidden = !facets;
    if (!facets) return;
    for (const [f, label] of FACETS) {
      const values = facets[f] || [];
      if (!values.length) continue;
      const group = el('div', 'facet');
      group.dataset.field = f;
      group.appendChild(el('h4', null, label));
      const ul = el('ul');
      for (const v of values) {
        const li = el('li');
        const b = el('button', 'facet-value');
        b.type = 'button';
        b.dataset.field = f;
        b.dataset.value = v.value;
        b.appendChild(el('span', 'facet-name', f === 'year' ? v.value + '年' : v.value));
        b.appendChild(el('span', 'count', v.count));
        if (state.filters[f] === v.value) b.classList.add('active');
        b.addEventListener('click', () => {
          const filters = Object.assign({}, state.filters);
          filters[f] = v.value;
          go({ q: state.q, offset: 0, filters });
        });
        li.appendChild(b);
        ul.appendChild(li);
      }
      group.appendChild(ul);
      box.appendChild(group);
    }
  }

  function renderPager(res) {
    const pager = $('pager');
    const all = res.total + (res.partial_total || 0); // full matches, then partial ones
    pager.hidden = all <= PAGE && res.offset === 0;
    const first = res.returned ? res.offset + 1 : res.offset;
    $('page-info').textContent = '第 ' + first + '–' + (res.offset + res.returned) + ' 条，共 ' +
      (res.exact ? '' : '约 ') + all + ' 条';
    $('prev').disabled = res.offset === 0;
    $('next').disabled = res.offset + res.returned >= all;
  }

  let searchSeq = 0; // only the latest search may fill the page

  async function runSearch() {
    const seq = ++searchSeq;
    switchView('search');
    $('q').value = state.q;
    $('per-doc').checked = state.perDoc > 0;
    $('group-doc').checked = !!state.group;
    renderFilters();
    const status = $('search-status');
    const list = $('results');
    if (!state.q.trim() && !Object.keys(state.filters).length) {
      clear(list);
      renderFacets(null);
      $('pager').hidden = true;
      $('search-exports').hidden = true;
      showStatus(status, '输入检索词开始检索。');
      return;
    }
    showStatus(status, '正在检索…');
    let res;
    try {
      res = await api('/api/search?' + query(Object.assign(
        { q: state.q, offset: state.offset, n: PAGE, facets: 1, per_doc: state.perDoc,
          group_by_doc: state.group ? 1 : '' },
        state.filters)));
    } catch (e) {
      if (seq !== searchSeq) return;
      clear(list);
      renderFacets(null);
      $('pager').hidden = true;
      showStatus(status, failure(e), true);
      return;
    }
    if (seq !== searchSeq) return;
    clear(list);
    $('search-exports').hidden = !res.hits.length;
    res.hits.forEach((hit, i) => {
      if (hit.partial && (i === 0 || !res.hits[i - 1].partial))
        list.appendChild(el('li', 'partial-note', '以下段落只含部分检索词'));
      list.appendChild(hitCard(hit, res.offset + i + 1));
    });
    renderFacets(res.facets);
    renderPager(res);
    const partial = res.partial_total ? '，另有 ' + res.partial_total + ' 个段落只含部分检索词' : '';
    showStatus(status, res.total
      ? '找到 ' + (res.exact ? '' : '约 ') + res.total + (res.documents ? ' 份文档（每份列出最相关的一段）' : ' 个段落') + partial
      : res.partial_total ? '没有段落含全部检索词' + partial + '。'
      : '没有找到匹配的段落。');
    list.setAttribute('start', String(res.offset + 1));
  }

  // ---- similar passages ----

  function similarFrom(text) {
    switchView('similar');
    $('draft').value = text;
    runSimilar();
    window.scrollTo(0, 0);
  }

  async function runSimilar() {
    const status = $('similar-status');
    const list = $('similar-results');
    const draft = $('draft').value;
    clear(list);
    $('similar-words').textContent = '';
    if (!draft.trim()) {
      showStatus(status, '请先粘贴一段草稿。', true);
      return;
    }
    showStatus(status, '正在查找…');
    let res;
    try {
      res = await postText('/api/similar', { n: 10, per_doc: 2, where: $('where').value.trim() },
        draft);
    } catch (e) {
      showStatus(status, failure(e), true);
      return;
    }
    $('similar-words').textContent = '草稿的关键词：' + res.words.slice(0, 12).join('、');
    let precedents = 0;
    for (const item of res.items) {
      if (item.kind === 'precedent') precedents++;
      list.appendChild(hitCard(item, item.kind === 'precedent' ? item.rank : 0, (li) => {
        li.classList.add(item.kind);
        if (item.kind === 'source')
          li.querySelector('.hit-head').appendChild(el('span', 'badge', '草稿本身'));
        if (item.terms.length)
          li.appendChild(el('div', 'terms', '共同词语：' + item.terms.slice(0, 10).join('、')));
        if (item.also_in.length)
          li.appendChild(el('div', 'also', '另见：' + item.also_in.map(
            (a) => basename(a.file) + ':' + a.line).join('，')));
      }));
    }
    showStatus(status, precedents ? '找到 ' + precedents + ' 个相似段落' : '没有找到相似段落。');
    $('similar-exports').hidden = !res.items.length;
  }

  // ---- audit ----

  const BY_LABEL = { doc: '文档', year: '年份', province: '省份', type: '类型' };

  function rowLabel(by, row) {
    if (by === 'doc') return row.title || basename(row.file);
    const v = row[by];
    return v === undefined || v === null || v === '' || v === '-' ? '不详' : String(v);
  }

  function renderMatrix(m) {
    const table = $('audit-table');
    clear(table);
    const thead = el('thead');
    const hr = el('tr');
    hr.appendChild(el('th', null, BY_LABEL[m.by] || m.by));
    if (m.by !== 'doc') hr.appendChild(el('th', 'num', '文档数'));
    for (const k of m.keywords) {
      const th = el('th', 'num', k.name + (k.required ? '（必需）' : ''));
      if (k.alternatives.length > 1) th.title = '合计：' + k.alternatives.join('、');
      hr.appendChild(th);
    }
    hr.appendChild(el('th', 'num', '合计'));
    thead.appendChild(hr);
    table.appendChild(thead);
    const tbody = el('tbody');
    const addRow = (label, row, isTotal) => {
      const tr = el('tr', isTotal ? 'total' : null);
      const th = el('th', null, label);
      if (row.file) th.title = row.file;
      tr.appendChild(th);
      if (m.by !== 'doc') tr.appendChild(el('td', 'num', row.documents));
      for (const k of m.keywords) {
        const n = row.counts[k.name] || 0;
        const td = el('td', 'num', n);
        if (n === 0) td.classList.add(k.required && !isTotal ? 'missing' : 'zero');
        tr.appendChild(td);
      }
      tr.appendChild(el('td', 'num', row.total));
      tbody.appendChild(tr);
    };
    for (const row of m.rows) addRow(rowLabel(m.by, row), row, false);
    addRow('合计', m.total, true);
    table.appendChild(tbody);
  }

  // Every problem of a keyword list, one per line, not only the first.
  function auditError(e) {
    const problems = (e.body && e.body.problems) || [];
    const list = $('audit-problems');
    clear(list);
    if (!problems.length) {
      showStatus($('audit-status'), failure(e), true);
      return;
    }
    showStatus($('audit-status'), '关键词列表有 ' + problems.length + ' 处问题，请修改后再统计：', true);
    for (const p of problems) list.appendChild(el('li', null, '第 ' + p.line + ' 行：' + p.message));
  }

  async function runAudit() {
    const status = $('audit-status');
    clear($('audit-table'));
    clear($('audit-problems'));
    showStatus(status, '正在统计…');
    let m;
    try {
      m = await postText('/api/audit', { by: $('audit-by').value, format: 'json' },
        $('keywords').value);
    } catch (e) {
      auditError(e);
      return;
    }
    renderMatrix(m);
    showStatus(status, '共 ' + m.keywords.length + ' 个关键词，' + m.rows.length + ' 行');
  }

  async function downloadAudit(format) {
    const name = 'zhsearch-audit.' + format;
    try {
      await download('/api/audit', { by: $('audit-by').value, format }, $('keywords').value, name);
    } catch (e) {
      auditError(e);
      return;
    }
    showStatus($('audit-status'), '已下载 ' + name);
  }

  // ---- documents ----

  async function loadDocs() {
    const status = $('docs-status');
    const table = $('docs-table');
    showStatus(status, '正在读取…');
    let res;
    try {
      res = await api('/api/docs');
    } catch (e) {
      showStatus(status, failure(e), true);
      return;
    }
    clear(table);
    const hr = el('tr');
    for (const h of ['标题', '省份', '年份', '类型', '段落数', '文件'])
      hr.appendChild(el('th', h === '段落数' || h === '年份' ? 'num' : null, h));
    const thead = el('thead');
    thead.appendChild(hr);
    table.appendChild(thead);
    const tbody = el('tbody');
    for (const d of res.docs) {
      const tr = el('tr');
      tr.appendChild(el('td', null, d.title));
      tr.appendChild(el('td', null, d.province || '不详'));
      tr.appendChild(el('td', 'num', d.year || '不详'));
      tr.appendChild(el('td', null, d.type || '不详'));
      tr.appendChild(el('td', 'num', d.passages));
      const f = el('td', 'file', basename(d.file));
      f.title = d.file;
      tr.appendChild(f);
      tbody.appendChild(tr);
    }
    table.appendChild(tbody);
    showStatus(status, '共 ' + res.docs.length + ' 份文档');
  }

  // ---- exports: what is shown, as a spreadsheet ----

  async function exportSearch(format) {
    const name = 'zhsearch-search.' + format;
    try {
      await download('/api/search', Object.assign({ q: state.q, per_doc: state.perDoc,
        group_by_doc: state.group ? 1 : '', format },
        state.filters), undefined, name);
      showStatus($('search-status'), '已下载 ' + name + '（前 1000 个段落）');
    } catch (e) {
      showStatus($('search-status'), failure(e), true);
    }
  }

  async function exportSimilar(format) {
    const name = 'zhsearch-similar.' + format;
    try {
      await download('/api/similar', { n: 50, per_doc: 2, where: $('where').value.trim(), format },
        $('draft').value, name);
      showStatus($('similar-status'), '已下载 ' + name);
    } catch (e) {
      showStatus($('similar-status'), failure(e), true);
    }
  }

  // ---- the document view ----

  let docReturn = 'search'; // the view that opened it
  let docSeq = 0;

  // Shows document id whole, in order, with passage no in view and marked
  // (its matches highlighted when highlights are given).
  async function openDoc(id, no, highlights) {
    const seq = ++docSeq;
    const current = document.querySelector('.view:not([hidden])');
    if (current && current.id !== 'view-doc') docReturn = current.id.slice(5);
    switchView('doc');
    const list = $('doc-passages'), status = $('doc-status');
    clear(list);
    $('doc-title').textContent = '';
    clear($('doc-meta'));
    $('doc-original').href = '/api/file?id=' + encodeURIComponent(id);
    showStatus(status, '正在打开文档……');
    let doc;
    try {
      doc = await api('/api/doc?id=' + encodeURIComponent(id));
    } catch (e) {
      if (seq === docSeq) showStatus(status, failure(e), true);
      return;
    }
    if (seq !== docSeq) return;
    $('doc-title').textContent = doc.title;
    for (const part of [doc.docno, doc.org, doc.date || (doc.year ? doc.year + '年' : ''),
      doc.province, doc.type, basename(doc.file)])
      if (part) $('doc-meta').appendChild(el('span', 'tag', part));
    let shown = [], target = null;
    const bare = (s) => s.replace(/\s+/g, '');
    doc.passages.forEach((p, i) => {
      // a heading line that is also a passage: shown once, as the heading
      const next = doc.passages[i + 1];
      if (p.no !== no && next && next.headings.some((h) => bare(h) === bare(p.text)) &&
          !p.headings.some((h) => bare(h) === bare(p.text))) return;
      // a heading where it starts: the passages under it follow
      p.headings.forEach((h, depth) => {
        if (shown[depth] === h) return;
        shown = shown.slice(0, depth);
        shown[depth] = h;
        list.appendChild(el('li', 'doc-heading level-' + Math.min(depth + 1, 4), h));
      });
      shown = shown.slice(0, p.headings.length);
      const li = el('li', 'doc-passage');
      li.dataset.no = p.no;
      li.appendChild(p.no === no && highlights ? passage(p.text, highlights)
        : el('p', 'passage', p.text));
      const where = el('span', 'doc-loc', p.page ? '第 ' + p.page + ' 页' : '第 ' + p.lines[0] + ' 行');
      li.appendChild(where);
      if (p.no === no) {
        li.classList.add('target');
        target = li;
      }
      list.appendChild(li);
    });
    showStatus(status, '共 ' + doc.passages.length + ' 段' +
      (target ? '；检索到的段落已标出' : ''));
    if (target) target.scrollIntoView({ block: 'center' });
  }

  // ---- views ----

  function switchView(name) {
    $('toast').hidden = true;
    for (const v of ['search', 'similar', 'audit', 'docs', 'doc']) {
      $('view-' + v).hidden = v !== name;
      const tab = $('tab-' + v);
      if (tab) tab.classList.toggle('active', v === name);
    }
    if (name === 'docs') loadDocs();
  }

  async function loadInfo() {
    try {
      const h = await api('/api/health');
      $('index-info').textContent = '索引：' + h.documents + ' 份文档，' + h.passages + ' 个段落';
    } catch (e) {
      $('index-info').textContent = e.status === 503 ? e.message : '索引不可用：' + e.message; // 503 says 索引无法使用：…
    }
  }

  function init() {
    for (const t of document.querySelectorAll('.tab'))
      t.addEventListener('click', () => switchView(t.dataset.view));
    $('doc-back').addEventListener('click', () => switchView(docReturn));
    $('search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      go({ q: $('q').value.trim(), offset: 0, filters: state.filters });
    });
    for (const box of ['per-doc', 'group-doc'])
      $(box).addEventListener('change', () => {
        if (state.q.trim() || Object.keys(state.filters).length)
          go({ q: state.q, offset: 0, filters: state.filters });
      });
    $('facets-toggle').addEventListener('click', () => {
      const open = $('facets').classList.toggle('open');
      $('facets-toggle').setAttribute('aria-expanded', String(open));
    });
    $('prev').addEventListener('click', () =>
      go({ q: state.q, offset: Math.max(0, state.offset - PAGE), filters: state.filters,
        perDoc: state.perDoc, group: state.group }));
    $('next').addEventListener('click', () =>
      go({ q: state.q, offset: state.offset + PAGE, filters: state.filters,
        perDoc: state.perDoc, group: state.group }));
    $('similar-btn').addEventListener('click', runSimilar);
    $('audit-btn').addEventListener('click', runAudit);
    $('audit-csv').addEventListener('click', () => downloadAudit('csv'));
    $('audit-xlsx').addEventListener('click', () => downloadAudit('xlsx'));
    for (const format of ['csv', 'xlsx']) {
      $('search-' + format).addEventListener('click', () => exportSearch(format));
      $('similar-' + format).addEventListener('click', () => exportSimilar(format));
    }
    window.addEventListener('hashchange', () => {
      state = stateFromHash();
      runSearch();
    });
    loadInfo();
    state = stateFromHash();
    runSearch();
  }

  document.addEventListener('DOMContentLoaded', init);
})();
