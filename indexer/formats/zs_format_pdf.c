/* zs_format_pdf: PDF text through poppler-glib, page after page, the first line of each
 * noted; page furniture (running heads, footers, page numbers) is left out. */
#include <glib.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zs_error.h"
#include "zs_format_int.h"
#include "zs_grow.h"
#include "zs_i18n.h"

#define EDGE_LINES 3      /* lines at the top and at the bottom of a page where furniture stands */
#define FURNITURE_MAX 600 /* bytes: a longer line is never furniture */
#define NUMBER_MAX 48     /* bytes: a longer line is no page number */

/* The header may follow up to 1 KB of junk (PDF 1.7, annex H); poppler looks
 * there too, and anything without it is no PDF at all. */
static bool has_pdf_header(const char *bytes, size_t len) {
  size_t end = len < 1024 ? len : 1024;
  for (size_t i = 0; i + 5 <= end; i++)
    if (memcmp(bytes + i, "%PDF-", 5) == 0)
      return true;
  return false;
}

static int open_error(GError *err) {
  int rc;
  if (err && g_error_matches(err, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    rc = zs_error_set(ZS_EINVAL, _("PDF is password-protected"));
  else
    rc = zs_error_set(ZS_EINVAL, _("damaged PDF: %s"),
                      err && err->message ? err->message : "cannot open");
  if (err)
    g_error_free(err);
  return rc;
}

/* ---- characters ---- */

static bool is_digit(int32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* The last code point of s[0..n) (n > 0). */
static int32_t last_cp(const char *s, size_t n) {
  size_t i = n - 1;
  while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && n - i < 4)
    i--;
  return zs_format_next_cp(s, n, &i);
}

/* The first byte of s[i..n) past whitespace (n when there is only whitespace). */
static size_t skip_spaces(const char *s, size_t n, size_t i) {
  for (size_t q = i; q < n && zs_format_is_space(zs_format_next_cp(s, n, &q));)
    i = q;
  return i;
}

/* ---- page furniture: what one line looks like ---- */

/* s without whitespace, full-width ASCII as ASCII, dashes and dots around a
 * page number as '-', Latin letters in lower case; false when it does not fit. */
static bool compact(const char *s, size_t n, char *out, size_t cap) {
  size_t w = 0;
  for (size_t i = skip_spaces(s, n, 0); i < n; i = skip_spaces(s, n, i)) {
    size_t at = i;
    int32_t c = zs_format_next_cp(s, n, &i);
    if (c >= 0xFF01 && c <= 0xFF5E)
      c -= 0xFEE0;
    if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2500 || c == 0xB7 || c == 0x2022 ||
        c == 0x30FB || c == '~' || c == '*')
      c = '-';
    if (c >= 'A' && c <= 'Z')
      c += 'a' - 'A';
    size_t k = c >= 0 && c < 0x80 ? 1 : i - at;
    if (w + k + 1 > cap)
      return false;
    if (k == 1)
      out[w++] = (char)c;
    else {
      memcpy(out + w, s + at, k);
      w += k;
    }
  }
  out[w] = '\0';
  return true;
}

static bool eat(const char **p, const char *lit) {
  size_t k = strlen(lit);
  if (strncmp(*p, lit, k) != 0)
    return false;
  *p += k;
  return true;
}

static void eat_dashes(const char **p) {
  while (**p == '-')
    (*p)++;
}

/* A page number: 1–4 digits, or (cn) up to four Chinese numerals. */
static bool number(const char **p, bool cn, unsigned *value) {
  static const char *const numerals[] = {"〇", "一", "二", "三", "四", "五", "六",
                                         "七", "八", "九", "十", "百", "零", "两"};
  unsigned v = 0, k = 0;
  while (k < 4 && **p >= '0' && **p <= '9') {
    v = v * 10 + (unsigned)(**p - '0');
    (*p)++;
    k++;
  }
  if (k > 0 && (**p < '0' || **p > '9')) {
    *value = v;
    return true;
  }
  if (k > 0 || !cn)
    return false;
  for (bool more = true; more && k < 4;) {
    more = false;
    for (size_t i = 0; i < sizeof numerals / sizeof numerals[0] && !more; i++)
      more = eat(p, numerals[i]);
    k += more;
  }
  *value = 1; /* the value of Chinese numerals is not needed */
  return k > 0;
}

/* "n/m" with 1 <= n <= m (the page count of a browser's footer). */
static bool fraction(const char **p) {
  unsigned n, m;
  return number(p, false, &n) && eat(p, "/") && number(p, false, &m) && n >= 1 && n <= m;
}

/* The line, compacted, is a page number in a common form: "3", "- 3 -",
 * "第3页", "第3页 共9页", "共9页 第3页", "3/9", "Page 3", "Page 3 of 9", "3 of 9". */
static bool page_number_form(const char *c) {
  const char *p = c;
  unsigned v;
  eat_dashes(&p);
  if (eat(&p, "第")) {
    if (!number(&p, true, &v) ||
        !(eat(&p, "页") || (eat(&p, "/") && number(&p, false, &v) && eat(&p, "页"))))
      return false;
    (void)eat(&p, ",");
    if (eat(&p, "共") && !(number(&p, true, &v) && eat(&p, "页")))
      return false;
  } else if (eat(&p, "共")) {
    if (!number(&p, true, &v) || !eat(&p, "页"))
      return false;
    (void)eat(&p, ",");
    if (!eat(&p, "第") || !number(&p, true, &v) || !eat(&p, "页"))
      return false;
  } else if (eat(&p, "page") || eat(&p, "pg.") || eat(&p, "p.")) {
    if (!number(&p, false, &v))
      return false;
    if (eat(&p, "of") && !number(&p, false, &v))
      return false;
  } else {
    const char *q = p;
    if (!fraction(&p)) {
      p = q;
      if (!number(&p, false, &v))
        return false;
      if (eat(&p, "of") && !number(&p, false, &v))
        return false;
    }
  }
  eat_dashes(&p);
  return *p == '\0';
}

static bool is_page_number(const char *s, size_t n) {
  char c[NUMBER_MAX * 2];
  return n <= NUMBER_MAX && compact(s, n, c, sizeof c) && page_number_form(c);
}

static bool is_fraction(const char *s, size_t n) {
  char c[NUMBER_MAX * 2];
  const char *p = c;
  if (n > NUMBER_MAX || !compact(s, n, c, sizeof c) || !fraction(&p))
    return false;
  return *p == '\0';
}

/* Digits at s[*i]: how many (at most max), advancing past them. */
static size_t digits(const char *s, size_t n, size_t *i, size_t max) {
  size_t k = 0;
  while (*i < n && k <= max && s[*i] >= '0' && s[*i] <= '9')
    (*i)++, k++;
  return k;
}

static bool eat_at(const char *s, size_t n, size_t *i, const char *lit) {
  size_t k = strlen(lit);
  if (n - *i < k || strncasecmp(s + *i, lit, k) != 0)
    return false;
  *i += k;
  return true;
}

/* A browser's print stamp opening s: "12/3/26, 7:00 PM", "2026/12/3 19:00",
 * "2026/12/3 下午7:00". The whole line is one, or (*strong: a comma or a
 * 12-hour clock, which body text does not write) it is followed by the page
 * title; the bytes of the stamp go to *end. */
static bool print_stamp(const char *s, size_t n, size_t *end, bool *strong) {
  size_t i = 0, d1 = digits(s, n, &i, 4);
  if (d1 == 0 || d1 > 4 || i >= n || (s[i] != '/' && s[i] != '.' && s[i] != '-'))
    return false;
  char sep = s[i++];
  size_t d2 = digits(s, n, &i, 2);
  if (d2 == 0 || d2 > 2 || i >= n || s[i++] != sep)
    return false;
  size_t d3 = digits(s, n, &i, 4);
  if (d3 == 0 || d3 > 4)
    return false;
  *strong = eat_at(s, n, &i, ",") || eat_at(s, n, &i, "\xEF\xBC\x8C"); /* ， */
  size_t j = skip_spaces(s, n, i);
  if (j == i && !*strong)
    return false;
  i = j;
  if (eat_at(s, n, &i, "上午") || eat_at(s, n, &i, "下午"))
    *strong = true;
  size_t h = digits(s, n, &i, 2);
  if (h == 0 || h > 2 || !eat_at(s, n, &i, ":") || digits(s, n, &i, 2) != 2)
    return false;
  if (eat_at(s, n, &i, ":") && digits(s, n, &i, 2) != 2)
    return false;
  j = skip_spaces(s, n, i);
  if (eat_at(s, n, &j, "AM") || eat_at(s, n, &j, "PM") || eat_at(s, n, &j, "a.m.") ||
      eat_at(s, n, &j, "p.m.")) {
    *strong = true;
    i = j;
  }
  *end = i;
  return true;
}

static bool is_print_stamp(const char *s, size_t n) {
  size_t end;
  bool strong;
  if (!print_stamp(s, n, &end, &strong))
    return false;
  size_t rest = skip_spaces(s, n, end);
  return end == n || (strong && rest > end);
}

/* An address alone ("http://…"), or followed by the page count "n/m". */
static bool url_line(const char *s, size_t n, bool *with_count) {
  size_t i = 0;
  if (!eat_at(s, n, &i, "http://") && !eat_at(s, n, &i, "https://") &&
      !eat_at(s, n, &i, "file://") && !eat_at(s, n, &i, "www."))
    return false;
  while (i < n && (unsigned char)s[i] > 0x20 && (unsigned char)s[i] < 0x7F)
    i++;
  size_t j = skip_spaces(s, n, i);
  *with_count = j < n && j > i && is_fraction(s + j, n - j);
  return i == n || *with_count;
}

/* ---- pages ---- */

/* One line of a page's text. */
typedef struct pline {
  size_t idx;     /* its number on the page, from 0 */
  size_t at, len; /* the line in the page's text, without its break */
  size_t ta, tn;  /* the line without surrounding whitespace */
  bool brk;       /* a line break follows */
  bool drop;
} pline;

/* A page: only the lines at its edges are kept apart, so that memory stays
 * that of the text whatever the number of lines. */
typedef struct ppage {
  char *text; /* poppler's; NULL for a broken page */
  size_t len;
  pline edge[2 * EDGE_LINES]; /* the first and then the last lines with text (a short page has some
                                 twice) */
  size_t ntop, nedge;
  size_t stray[2 * EDGE_LINES]; /* other lines left out (drop_strays) */
  size_t nstray;
} ppage;

/* The line of s[0..n) at *i into *l (advancing *i past its break), split as
 * zs_textbuf_raw will (\n, \r\n, \r, \f, \v), so that a line left out can
 * keep its number as an empty line. False at the end. */
static bool next_line(const char *s, size_t n, size_t *i, size_t idx, pline *l) {
  if (*i >= n)
    return false;
  size_t j = *i;
  while (j < n && s[j] != '\n' && s[j] != '\r' && s[j] != '\f' && s[j] != '\v')
    j++;
  size_t a = *i, e = j;
  zs_format_trim(s, &a, &e);
  *l = (pline){.idx = idx, .at = *i, .len = j - *i, .ta = a, .tn = e - a, .brk = j < n};
  *i = j + (j + 1 < n && s[j] == '\r' && s[j + 1] == '\n' ? 2 : 1);
  return true;
}

/* Notes the first and the last EDGE_LINES lines with text. */
static void find_edges(ppage *p) {
  pline l, last[EDGE_LINES];
  size_t nlast = 0;
  for (size_t i = 0, idx = 0; next_line(p->text, p->len, &i, idx, &l); idx++) {
    if (!l.tn)
      continue;
    if (p->ntop < EDGE_LINES)
      p->edge[p->ntop++] = l;
    memmove(last, last + (nlast == EDGE_LINES), (nlast - (nlast == EDGE_LINES)) * sizeof *last);
    last[nlast - (nlast == EDGE_LINES)] = l;
    nlast += nlast < EDGE_LINES;
  }
  memcpy(p->edge + p->ntop, last, nlast * sizeof *last);
  p->nedge = p->ntop + nlast;
}

static const char *line_text(const ppage *p, const pline *l) {
  return p->text + l->ta;
}

/* Furniture that one page shows on its own: a page number at either end, a
 * print stamp at the top, an address next to the page count at the bottom. */
static void mark_page_furniture(ppage *p) {
  for (size_t k = 0; k < p->nedge; k++) {
    pline *l = &p->edge[k];
    const char *s = line_text(p, l);
    bool top = k < p->ntop, with_count = false;
    if (is_page_number(s, l->tn) || (top && is_print_stamp(s, l->tn)))
      l->drop = true;
    else if (!top && url_line(s, l->tn, &with_count)) {
      /* the count is the next (or the previous) line of the bottom lines */
      const pline *next = k + 1 < p->nedge ? &p->edge[k + 1] : NULL;
      const pline *prev = k > p->ntop ? &p->edge[k - 1] : NULL;
      l->drop = with_count || (next && is_fraction(line_text(p, next), next->tn)) ||
                (prev && is_fraction(line_text(p, prev), prev->tn));
    }
  }
}

/* Whether line idx of p was left out. */
static bool dropped(const ppage *p, size_t idx) {
  for (size_t k = 0; k < p->nedge; k++)
    if (p->edge[k].idx == idx && p->edge[k].drop)
      return true;
  for (size_t k = 0; k < p->nstray; k++)
    if (p->stray[k] == idx)
      return true;
  return false;
}

/* A line at the edge of a page, keyed with its digits as '#' (so that "1/4"
 * and "2/4", or a running head with its page number, are one line). */
#define KEY_NUMS 4
typedef struct edge_key {
  const char *s; /* in the key arena, once it is complete */
  size_t off, len;
  size_t page, slot, line;     /* the page (in its group), its edge line, that line's number */
  bool top;                    /* in the top lines (else the bottom ones) */
  unsigned long num[KEY_NUMS]; /* the first numbers of the line */
} edge_key;

static int cmp_key(const void *a, const void *b) {
  const edge_key *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->s, y->s, n);
  if (c)
    return c;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  if (x->page != y->page)
    return x->page < y->page ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

/* Appends the key of s[0..n) to the arena (no whitespace, digit runs as '#')
 * and notes the first numbers in k. */
static int make_key(char **arena, size_t *len, size_t *cap, const char *s, size_t n, edge_key *k) {
  if (zs_grow((void **)arena, cap, *len + n + 1, 1))
    return ZS_ENOMEM;
  char *w = *arena + *len;
  size_t nums = 0;
  for (size_t i = skip_spaces(s, n, 0); i < n; i = skip_spaces(s, n, i)) {
    size_t at = i;
    int32_t c = zs_format_next_cp(s, n, &i);
    if (!is_digit(c)) {
      memcpy(w, s + at, i - at);
      w += i - at;
      continue;
    }
    if (w == *arena + *len || w[-1] != '#') {
      *w++ = '#';
      nums++;
    }
    unsigned long d = (unsigned long)(c <= '9' ? c - '0' : c - 0xFF10);
    if (nums <= KEY_NUMS && k->num[nums - 1] < 100000000ul)
      k->num[nums - 1] = k->num[nums - 1] * 10 + d;
  }
  *len = (size_t)(w - *arena);
  return ZS_OK;
}

static bool ends_sentence(const char *s, size_t n) {
  int32_t c = last_cp(s, n);
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == '!' || c == '?' ||
         c == ';';
}

/* s[0..n) and t[0..m) are the same text, whitespace aside. */
static bool same_text(const char *s, size_t n, const char *t, size_t m) {
  size_t i = 0, j = 0;
  for (;;) {
    while (i < n && (unsigned char)s[i] <= ' ')
      i++;
    while (j < m && (unsigned char)t[j] <= ' ')
      j++;
    if (i == n || j == m)
      return i == n && j == m;
    if (s[i++] != t[j++])
      return false;
  }
}

/* The lines k[0..n) (one key, sorted by page) are the same text on every page,
 * or a text with a number that counts the pages (a running head with its page
 * number); not a table's cells, whose numbers vary otherwise. */
static bool repeats_as_furniture(const edge_key *k, size_t n) {
  bool same = true, counts[KEY_NUMS] = {true, true, true, true};
  for (size_t i = 1; i < n; i++) {
    if (k[i].page == k[i - 1].page && k[i].line != k[i - 1].line)
      return false; /* twice at the edges of one page: content */
    for (size_t r = 0; r < KEY_NUMS; r++) {
      same &= k[i].num[r] == k[0].num[r];
      counts[r] &= k[i].num[r] + k[0].page == k[0].num[r] + k[i].page &&
                   (k[i].page != k[i - 1].page || k[i].line == k[i - 1].line);
    }
  }
  return same || (k[0].len > 0 && memchr(k[0].s, '#', k[0].len) &&
                  (counts[0] || counts[1] || counts[2] || counts[3]));
}

/* Drops the group's line on each page it is on: the one nearest the edge where
 * the group stands (a running head's text lower on the same page, as the
 * title or a signature, stays). */
static void drop_group(ppage *pages, const edge_key *k, size_t n, bool top) {
  for (size_t i = 0, j; i < n; i = j) {
    pline *pick = NULL;
    for (j = i; j < n && k[j].page == k[i].page; j++) {
      pline *l = &pages[k[j].page].edge[k[j].slot];
      if (k[j].top == top && (!pick || (top ? l->idx < pick->idx : l->idx > pick->idx)))
        pick = l;
    }
    if (pick)
      pick->drop = true;
  }
}

/* A running head that poppler's reading order put away from the edge of some
 * page: on a page without it at the edge, its one copy in the page's half
 * where it stands elsewhere goes too. */
static void drop_strays(ppage *pages, size_t npages, const edge_key *k, size_t n, bool top) {
  const ppage *kp = &pages[k[0].page];
  const pline *kl = &kp->edge[k[0].slot];
  const char *text = line_text(kp, kl);
  for (size_t p = 0, g = 0; p < npages; p++) {
    while (g < n && k[g].page < p)
      g++;
    ppage *pg = &pages[p];
    if ((g < n && k[g].page == p) || !pg->nedge || pg->nstray == 2 * EDGE_LINES)
      continue;
    size_t found = 0, at = 0, nlines = 0;
    pline l;
    for (size_t i = 0; next_line(pg->text, pg->len, &i, nlines, &l); nlines++)
      if (l.tn && same_text(line_text(pg, &l), l.tn, text, kl->tn))
        found++, at = nlines;
    if (found == 1 && (top ? at * 2 < nlines : at * 2 >= nlines))
      pg->stray[pg->nstray++] = at;
  }
}

/* Lines at the edges of most pages, once digits are set aside: running heads
 * and footers. A line must be on at least 2 pages and on more than half of the
 * pages with text; on only 2 pages, a line ending a sentence is body text. */
static int mark_repeated(ppage *pages, size_t n) {
  edge_key *keys = NULL;
  size_t nkeys = 0, kcap = 0, alen = 0, acap = 0, ntext = 0;
  char *arena = NULL;
  int rc = ZS_OK;
  for (size_t i = 0; i < n && rc == ZS_OK; i++) {
    ntext += pages[i].nedge > 0;
    for (size_t k = 0; k < pages[i].nedge && rc == ZS_OK; k++) {
      const pline *l = &pages[i].edge[k];
      if (l->tn > FURNITURE_MAX)
        continue;
      if (zs_grow((void **)&keys, &kcap, nkeys + 1, sizeof *keys)) {
        rc = ZS_ENOMEM;
        break;
      }
      edge_key *e = &keys[nkeys++];
      *e = (edge_key){.off = alen, .page = i, .slot = k, .line = l->idx, .top = k < pages[i].ntop};
      rc = make_key(&arena, &alen, &acap, line_text(&pages[i], l), l->tn, e);
      e->len = alen - e->off;
    }
  }
  for (size_t k = 0; rc == ZS_OK && k < nkeys; k++)
    keys[k].s = arena + keys[k].off;
  if (rc == ZS_OK && nkeys > 1)
    qsort(keys, nkeys, sizeof *keys, cmp_key);
  for (size_t i = 0, j; rc == ZS_OK && i < nkeys; i = j) {
    size_t npages = 0, ntop = 0;
    for (j = i;
         j < nkeys && keys[j].len == keys[i].len && memcmp(keys[j].s, keys[i].s, keys[i].len) == 0;
         j++) {
      npages += j == i || keys[j].page != keys[j - 1].page;
      ntop += keys[j].top;
    }
    const ppage *p = &pages[keys[i].page];
    const pline *l = &p->edge[keys[i].slot];
    if (npages < 2 || npages * 2 <= ntext ||
        (npages == 2 && ends_sentence(line_text(p, l), l->tn)) ||
        !repeats_as_furniture(keys + i, j - i))
      continue;
    bool top = ntop * 2 >= j - i;
    drop_group(pages, keys + i, j - i, top);
    if (npages >= 3 && npages < ntext)
      drop_strays(pages, n, keys + i, j - i, top);
  }
  free(keys);
  free(arena);
  return rc;
}

/* The page's text into b, a line left out as an empty line (line numbers
 * count the lines of the text, and citations must keep pointing at theirs). */
static int write_page(const ppage *p, zs_textbuf *b) {
  int rc = ZS_OK;
  pline l;
  for (size_t i = 0, idx = 0; rc == ZS_OK && next_line(p->text, p->len, &i, idx, &l); idx++) {
    bool drop = dropped(p, idx);
    if (!drop)
      rc = zs_textbuf_raw(b, p->text + l.at, l.len);
    if (rc == ZS_OK && (l.brk || drop))
      rc = zs_textbuf_raw(b, "\n", 1);
  }
  return rc;
}

/* Pages are read in groups of about this many: furniture repeats within any
 * such run, and memory stays bounded however many pages a PDF claims. */
#define PAGE_GROUP 256

/* Pages [from, to) of doc into b. *total counts the bytes of text so far,
 * *broken the pages Poppler cannot read. */
static int read_group(PopplerDocument *doc, size_t from, size_t to, size_t *total, size_t *broken,
                      zs_textbuf *b) {
  size_t n = to - from;
  ppage *pages = calloc(n, sizeof *pages);
  if (!pages)
    return zs_error_set(ZS_ENOMEM, _("out of memory for %zu pages"), n);
  int rc = ZS_OK;
  for (size_t i = 0; i < n && rc == ZS_OK; i++) {
    PopplerPage *page = poppler_document_get_page(doc, (int)(from + i));
    if (!page) { /* a broken page: its number stays taken */
      (*broken)++;
      continue;
    }
    pages[i].text = poppler_page_get_text(page);
    g_object_unref(page);
    if (!pages[i].text) {
      (*broken)++;
      continue;
    }
    pages[i].len = strlen(pages[i].text);
    if ((*total += pages[i].len) > ZS_FORMAT_MAX_TEXT)
      rc = zs_error_set(ZS_ETOOBIG, _("more than %u MB of text in one document"),
                        ZS_FORMAT_MAX_TEXT >> 20);
    find_edges(&pages[i]);
    mark_page_furniture(&pages[i]);
  }
  if (rc == ZS_OK && mark_repeated(pages, n))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory reading the PDF's text"));
  for (size_t i = 0; i < n && rc == ZS_OK; i++) {
    rc = zs_textbuf_page(b);
    if (rc == ZS_OK && pages[i].text)
      rc = write_page(&pages[i], b);
  }
  for (size_t i = 0; i < n; i++)
    g_free(pages[i].text);
  free(pages);
  return rc;
}

/* All pages into b; *broken counts those Poppler cannot read, of *npages. */
static int read_pages(PopplerDocument *doc, zs_textbuf *b, size_t *broken, size_t *npages) {
  int n = poppler_document_get_n_pages(doc), rc = ZS_OK;
  size_t np = n > 0 ? (size_t)n : 0, total = 0;
  /* groups of equal size, so that the last one is not a page or two alone */
  size_t ngroups = (np + PAGE_GROUP - 1) / PAGE_GROUP, from = 0;
  for (size_t g = 0; g < ngroups && rc == ZS_OK; g++) {
    size_t to = np * (g + 1) / ngroups;
    rc = read_group(doc, from, to, &total, broken, b);
    from = to;
  }
  *npages = np;
  return rc;
}

int zs_format_read_pdf(const char *bytes, size_t len, zs_extracted *out) {
  if (!has_pdf_header(bytes, len))
    return zs_error_set(ZS_EINVAL, _("not a PDF file"));
  GError *err = NULL;
  /* poppler borrows the bytes (the GBytes does not copy); both go before we return */
  GBytes *data = g_bytes_new_static(bytes, len);
  PopplerDocument *doc = poppler_document_new_from_bytes(data, NULL, &err);
  g_bytes_unref(data);
  if (!doc)
    return open_error(err);
  zs_textbuf b;
  zs_textbuf_init(&b);
  size_t broken = 0, npages = 0;
  int rc = read_pages(doc, &b, &broken, &npages);
  if (rc == ZS_OK) {
    gchar *title = poppler_document_get_title(doc);
    if (title)
      zs_format_title_prop(out->props.title, sizeof out->props.title, title, strlen(title));
    g_free(title);
    rc = zs_textbuf_finish(&b, out, "PDF (scanned pages need OCR first)");
  }
  if (rc == ZS_OK && broken)
    snprintf(out->lost, sizeof out->lost, _("%zu of %zu PDF pages cannot be read"), broken, npages);
  zs_textbuf_free(&b);
  g_object_unref(doc);
  return rc;
}
