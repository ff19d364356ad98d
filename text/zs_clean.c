/* zs_clean: from extracted text to clean blocks — lines stripped of markdown and
 * rejoined into paragraphs, extraction spaces removed, the title and duplicates handled. */
#include "zs_clean.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "zs_boilerplate.h"
#include "zs_clean_int.h"
#include "zs_error.h"
#include "zs_grow.h"
#include "zs_hash.h"
#include "zs_i18n.h"

#define RUNNING_CP 50      /* a line this long is running text whatever its punctuation */
#define TITLE_ZONE_MAX 8   /* leading lines that may belong to the title */
#define WRAP_MIN_LINES 8   /* too few lines say nothing about wrapping */
#define WRAP_MAX_WIDTH 160 /* no page holds more columns than this */
#define WRAPPED_LINES 3    /* lines a heading or title wrapped by the source spans at most */
#define TITLE_MAX_CP 100   /* a title wrapped over lines is no longer than this */
#define NONE ((size_t)-1)

/* ---- spaces ---- */

static bool is_ws(UChar32 c) {
  return c >= 0 && u_isUWhiteSpace(c);
}

static bool is_cjk_letter(UChar32 c) {
  if (c < 0)
    return false;
  UErrorCode e = U_ZERO_ERROR;
  switch (uscript_getScript(c, &e)) {
  case USCRIPT_HAN:
  case USCRIPT_HIRAGANA:
  case USCRIPT_KATAKANA:
  case USCRIPT_HANGUL:
  case USCRIPT_BOPOMOFO: return true;
  default: return false;
  }
}

/* Full-width Latin letters and digits: they stand for ASCII ones (and fold to
 * them), so spaces around them follow the ASCII rules. */
static bool is_fullwidth_alnum(UChar32 c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A);
}

/* CJK letters, CJK symbols and punctuation, CJK compatibility and full-width forms. */
static bool is_cjk(UChar32 c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFFEF && !is_fullwidth_alnum(c)) || is_cjk_letter(c);
}

/* c stands next to a space run and far is its neighbour on the other side: curly
 * quotes count as CJK when they hug Han text. */
static bool side_cjk(UChar32 c, UChar32 far) {
  if (c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D) {
    UErrorCode e = U_ZERO_ERROR;
    return far >= 0 && uscript_getScript(far, &e) == USCRIPT_HAN;
  }
  return is_cjk(c);
}

static bool digit_or_punct(UChar32 c) {
  if (c < 0)
    return false;
  int8_t t = u_charType(c);
  return u_isdigit(c) || u_ispunct(c) || t == U_MATH_SYMBOL || t == U_CURRENCY_SYMBOL ||
         t == U_MODIFIER_SYMBOL || t == U_OTHER_SYMBOL;
}

/* Whether the space run between l and r (far_l, far_r: one further out) stays. */
static bool keep_gap(UChar32 far_l, UChar32 l, UChar32 r, UChar32 far_r, bool keep_han) {
  if (keep_han && is_cjk_letter(l) && is_cjk_letter(r))
    return true;
  bool cl = side_cjk(l, far_l), cr = side_cjk(r, far_r);
  if (cl && (cr || digit_or_punct(r)))
    return false;
  return !(cr && digit_or_punct(l));
}

/* Offsets that must follow the text as spaces go: the line marks, plus one probe. */
typedef struct remap {
  zs_line_mark *marks;
  size_t n, next;
  size_t probe;
  bool probe_live;
} remap;

/* Everything at source offset <= r now lives at output offset w. */
static void remap_to(remap *m, size_t r, size_t w) {
  if (!m)
    return;
  while (m->next < m->n && m->marks[m->next].offset <= r)
    m->marks[m->next++].offset = (uint32_t)w;
  if (m->probe_live && m->probe <= r) {
    m->probe = w;
    m->probe_live = false;
  }
}

/* The space rule of zs_clean_spaces, in place; keep_han keeps one space between
 * two CJK letters (titles and markdown headings space their phrases on purpose). */
static size_t spaces_apply(char *s, size_t len, remap *m, bool keep_han) {
  const uint8_t *u = (const uint8_t *)s;
  size_t r = 0, w = 0;
  UChar32 l = -1, far_l = -1;
  while (r < len) {
    size_t at = r;
    UChar32 c;
    U8_NEXT(u, r, len, c);
    if (!is_ws(c)) {
      remap_to(m, at, w);
      memmove(s + w, s + at, r - at);
      w += r - at;
      far_l = l;
      l = c;
      continue;
    }
    for (size_t q = r; q < len; r = q) {
      U8_NEXT(u, q, len, c);
      if (!is_ws(c))
        break;
    }
    if (w == 0 || r >= len)
      continue; /* the ends are trimmed */
    size_t q = r;
    UChar32 rc, far_r = -1;
    U8_NEXT(u, q, len, rc);
    if (q < len)
      U8_NEXT(u, q, len, far_r);
    if (keep_gap(far_l, l, rc, far_r, keep_han))
      s[w++] = ' ';
  }
  remap_to(m, NONE, w);
  return w;
}

size_t zs_clean_spaces(char *s, size_t len) {
  if (!s)
    return 0;
  size_t n = spaces_apply(s, len, NULL, false);
  if (n < len)
    s[n] = '\0';
  return n;
}

/* ---- lines ---- */

/* Narrows [*a, *e) of s to drop whitespace and BOMs at both ends. */
static void trim(const char *s, size_t *a, size_t *e) {
  const uint8_t *u = (const uint8_t *)s;
  while (*a < *e) {
    size_t q = *a;
    UChar32 c;
    U8_NEXT(u, q, *e, c);
    if (!is_ws(c) && c != 0xFEFF)
      break;
    *a = q;
  }
  while (*e > *a) {
    size_t p = *e - 1;
    while (p > *a && (u[p] & 0xC0) == 0x80 && *e - p < 4)
      p--;
    size_t q = p;
    UChar32 c;
    U8_NEXT(u, q, *e, c);
    if (q != *e || (!is_ws(c) && c != 0xFEFF))
      break;
    *e = p;
  }
}

/* "---", "***", "===", "————": a rule, not text. */
static bool is_rule(const char *s, size_t n) {
  size_t marks = 0;
  for (size_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT((const uint8_t *)s, i, n, c);
    if (c == '-' || c == '*' || c == '_' || c == '=' || c == 0x2014 || c == 0x2500)
      marks++;
    else if (!is_ws(c))
      return false;
  }
  return marks >= 3;
}

static bool is_dash(UChar32 c) {
  return c == '-' || c == 0x2013 || c == 0x2014 || c == 0xFF0D || is_ws(c);
}

/* A page number such as "- 3 -" or "12" alone on its line. */
static bool is_page_number(const char *s, size_t n) {
  size_t i = 0, q = 0, digits = 0;
  while (q < n && is_dash(zs_next_cp(s, n, &q)))
    i = q;
  for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
    digits++;
  for (q = i; q < n && is_dash(zs_next_cp(s, n, &q));)
    i = q;
  return i == n && digits >= 1 && digits <= 4;
}

/* "## title": returns the number of # and moves past them. */
static uint8_t strip_md(const char **t, size_t *n) {
  size_t k = 0;
  while (k < *n && k < 7 && (*t)[k] == '#')
    k++;
  if (k == 0 || k > 6 || (k < *n && (*t)[k] != ' ' && (*t)[k] != '\t'))
    return 0;
  *t += k;
  *n -= k;
  return (uint8_t)k;
}

/* "- item", "* item", "+ item", "• item". */
static bool strip_bullet(const char **t, size_t *n) {
  size_t k = 0;
  if (*n >= 2 && ((*t)[0] == '-' || (*t)[0] == '*' || (*t)[0] == '+'))
    k = 1;
  else if (*n >= 4 && memcmp(*t, "\xE2\x80\xA2", 3) == 0)
    k = 3;
  if (k == 0 || ((*t)[k] != ' ' && (*t)[k] != '\t'))
    return false;
  *t += k;
  *n -= k;
  return true;
}

/* Copies t without ** and __ markers; *bold gets the output length at the marker
 * that closes one opening the line (0 when the line does not open bold). */
static size_t strip_emphasis(const char *t, size_t n, char *out, size_t *bold) {
  bool lead = n >= 2 && (t[0] == '*' || t[0] == '_') && t[1] == t[0];
  size_t w = 0;
  *bold = 0;
  for (size_t i = 0; i < n;) {
    if (i + 1 < n && (t[i] == '*' || t[i] == '_') && t[i + 1] == t[i]) {
      if (lead && i > 0 && *bold == 0)
        *bold = w;
      i += 2;
      continue;
    }
    out[w++] = t[i++];
  }
  return w;
}

/* Width, length and the punctuation facts the joining rules look at. */
static void measure(zs_line *l) {
  const uint8_t *u = (const uint8_t *)l->s;
  bool last_stop = false;
  UChar32 last = -1;
  for (size_t i = 0; i < l->len;) {
    UChar32 c;
    U8_NEXT(u, i, l->len, c);
    int ea = c < 0 ? U_EA_NEUTRAL : u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    l->width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
    if (is_ws(c))
      continue;
    l->ncp++;
    if (zs_is_closer(c))
      continue;
    l->inner_stop |= last_stop;
    last_stop = zs_is_stop(c);
    last = c;
  }
  l->end_stop = zs_is_end(last);
  l->end_clause = zs_is_clause(last);
  size_t prefix;
  l->num = zs_numbering(l->s, l->len, &prefix);
}

/* Prepares src[0..n) into out; false when the line carries no text. *used gets
 * the bytes of out taken. */
static bool prepare_line(zs_line *l, const char *src, size_t n, char *out, size_t *used) {
  size_t a = 0, e = n;
  trim(src, &a, &e);
  *used = 0;
  if (a == e || is_rule(src + a, e - a) || is_page_number(src + a, e - a))
    return false;
  const char *t = src + a;
  size_t tl = e - a;
  l->md = strip_md(&t, &tl);
  l->list = !l->md && strip_bullet(&t, &tl);
  a = 0;
  e = tl;
  trim(t, &a, &e); /* so that a bold span can open the rest */
  size_t bold;
  *used = strip_emphasis(t + a, e - a, out, &bold);
  a = 0;
  e = *used;
  trim(out, &a, &e);
  if (a == e)
    return false;
  l->s = out + a;
  l->len = e - a;
  l->bold = bold > a ? (bold - a < l->len ? bold - a : l->len) : 0;
  measure(l);
  return true;
}

/* ---- building ---- */

typedef struct builder {
  zs_line *lines;
  size_t nlines, lcap;
  char *scratch; /* the prepared line texts */
  zs_para *paras;
  size_t npara, pcap;
  size_t *idx, nidx;     /* lines of the paragraph being built */
  size_t *defer, ndefer; /* captions lifted out of it */
  uint32_t wrap;         /* line width W of a wrapped document, 0 when not wrapped */
} builder;

static int push_line(builder *b, const zs_line *l) {
  if (zs_grow((void **)&b->lines, &b->lcap, b->nlines + 1, sizeof *b->lines))
    return zs_error_set(ZS_ENOMEM, "out of memory splitting lines");
  b->lines[b->nlines++] = *l;
  return ZS_OK;
}

static int split_lines(builder *b, const char *s, size_t len) {
  b->scratch = malloc(len + 1);
  if (!b->scratch)
    return zs_error_set(ZS_ENOMEM, "out of memory for a %zu-byte document", len);
  size_t used = 0;
  uint32_t no = 0;
  for (size_t i = 0; i < len;) {
    size_t j = i;
    while (j < len && s[j] != '\n' && s[j] != '\r')
      j++;
    zs_line l = {.no = ++no};
    size_t took;
    if (prepare_line(&l, s + i, j - i, b->scratch + used, &took)) {
      int rc = push_line(b, &l);
      if (rc)
        return rc;
    }
    used += took;
    i = j + (j + 1 < len && s[j] == '\r' && s[j + 1] == '\n' ? 2 : 1);
  }
  return ZS_OK;
}

/* W when the document is wrapped at a fixed width of W columns, else 0: W is the
 * 90th percentile of line widths, and at least 40% of lines come within 10% of
 * it while stopping mid-sentence (one sentence per line is not wrapping). */
static uint32_t wrap_width(const zs_line *l, size_t n) {
  size_t hist[WRAP_MAX_WIDTH + 2] = {0}, open[WRAP_MAX_WIDTH + 2] = {0};
  if (n < WRAP_MIN_LINES)
    return 0;
  for (size_t i = 0; i < n; i++) {
    size_t w = l[i].width <= WRAP_MAX_WIDTH ? l[i].width : WRAP_MAX_WIDTH + 1;
    hist[w]++;
    open[w] += !l[i].end_stop;
  }
  size_t need = (n * 9 + 9) / 10, cum = 0;
  uint32_t w = 0;
  while ((cum += hist[w]) < need)
    w++;
  if (w == 0 || w > WRAP_MAX_WIDTH)
    return 0;
  size_t near = 0;
  for (uint32_t x = w - w / 10; x <= WRAP_MAX_WIDTH + 1; x++)
    near += open[x];
  return near * 10 >= n * 4 ? w : 0;
}

static bool running(const zs_line *l) {
  return l->end_clause || l->inner_stop || l->ncp >= RUNNING_CP;
}

/* Short, unpunctuated: a title, caption, signature or heading. */
static bool standalone(const zs_line *l) {
  return !running(l) && !l->end_stop;
}

static bool starts_block(const zs_line *l) {
  return l->md || l->list || l->num;
}

static bool heading_line(const zs_line *l) {
  return l->num && !l->inner_stop && !l->end_clause && l->ncp <= ZS_HEAD_MAX_CP;
}

static size_t next_free(const builder *b, size_t i) {
  for (i++; i < b->nlines && b->lines[i].done; i++) {
  }
  return i;
}

/* Wrapped text: whether line a fills the width (one ending a sentence only
 * when no room was left on it, else the sentence ended the paragraph). */
static bool full_line(const builder *b, const zs_line *a) {
  uint32_t slack = b->wrap / 10 > 4 ? b->wrap / 10 : 4;
  if (a->end_stop)
    slack = 2;
  return a->width + slack >= b->wrap;
}

/* Wrapped text: a full line goes on. */
static size_t wrapped_next(const builder *b, size_t cur, size_t j) {
  const zs_line *a = &b->lines[cur];
  if (j >= b->nlines || a->md || starts_block(&b->lines[j]))
    return NONE;
  return full_line(b, a) ? j : NONE;
}

/* A digit, or a Chinese numeral as dates write them. */
static bool is_numeral(UChar32 c) {
  static const char numerals[] = "〇零一二三四五六七八九十";
  if (c >= '0' && c <= '9')
    return true;
  for (size_t i = 0; i < sizeof numerals - 1;)
    if (zs_next_cp(numerals, sizeof numerals - 1, &i) == c)
      return true;
  return false;
}

/* A date alone on its line (2019年1月22日, 二〇〇四年十一月四日): a sign-off. */
static bool date_line(const zs_line *l) {
  static const UChar32 unit[3] = {0x5E74, 0x6708, 0x65E5}; /* 年 月 日 */
  int part = 0;
  bool digits = false;
  for (size_t i = 0; i < l->len;) {
    UChar32 c = zs_next_cp(l->s, l->len, &i);
    if (is_numeral(c))
      digits = true;
    else if (digits && part < 3 && c == unit[part])
      part++, digits = false;
    else if (!is_ws(c))
      return false;
  }
  return part >= 2 && !digits;
}

static bool has_colon(const zs_line *l) {
  for (size_t i = 0; i < l->len;) {
    UChar32 c = zs_next_cp(l->s, l->len, &i);
    if (c == ':' || c == 0xFF1A)
      return true;
  }
  return false;
}

/* A section number opening the line ("3 预警监测", "3.1 市场监测"; a year
 * "2019年" is no number): no title line. */
static bool section_number(const zs_line *l) {
  size_t i = 0, digits = 0;
  UChar32 c;
  while ((c = zs_next_cp(l->s, l->len, &i)) >= '0' && c <= '9')
    digits++;
  return digits > 0 && c != 0x5E74;
}

/* A line in brackets, such as （此件公开发布）: a note, not part of a title. */
static bool bracketed(const zs_line *l) {
  UChar32 first = -1, last = -1;
  for (size_t i = 0; i < l->len;) {
    last = zs_next_cp(l->s, l->len, &i);
    if (first < 0)
      first = last;
  }
  return (first == '(' || first == 0xFF08 || first == 0x3014 || first == '[' || first == 0x3010) &&
         (last == ')' || last == 0xFF09 || last == 0x3015 || last == ']' || last == 0x3011);
}

/* A line that may continue a heading or title the source wrapped: right below
 * the line before (which did not end a sentence), short, unnumbered,
 * unpunctuated, and in wrapped text not a full line (that is running text); not
 * a date, a note in brackets, a "label：" line or a numbered section. */
static bool wrap_continues(const builder *b, const zs_line *prev, const zs_line *n) {
  return !prev->end_stop && n->no == prev->no + 1 && !starts_block(n) && standalone(n) &&
         !(b->wrap && full_line(b, n)) && !date_line(n) && !bracketed(n) && !has_colon(n) &&
         !section_number(n);
}

/* A numbered heading goes on onto the lines the source wrapped it onto (up to
 * WRAPPED_LINES in all) while the whole stays heading-sized; a paragraph
 * below it does not join (it is running text, or set off by a blank line). */
static size_t heading_next(const builder *b, size_t j) {
  const zs_line *first = &b->lines[b->idx[0]], *a = &b->lines[b->idx[b->nidx - 1]];
  if (j >= b->nlines || b->nidx >= WRAPPED_LINES || !wrap_continues(b, a, &b->lines[j]))
    return NONE;
  /* the source wrapped at the first line's width: a wider line is none of
   * its, and only a line about as wide leaves the heading room to go on */
  const zs_line *n = &b->lines[j];
  if (n->width > first->width + first->width / 10 + 2 ||
      (b->nidx > 1 && a->width * 10 < first->width * 8))
    return NONE;
  /* the line above a date is a sign-off (国务院办公厅 / 2019年1月22日) */
  if (j + 1 < b->nlines && b->lines[j + 1].no == n->no + 1 && date_line(&b->lines[j + 1]))
    return NONE;
  uint32_t ncp = b->lines[j].ncp;
  for (size_t k = 0; k < b->nidx; k++)
    ncp += b->lines[b->idx[k]].ncp;
  return ncp <= ZS_HEAD_MAX_CP ? j : NONE;
}

/* One paragraph per line: a line goes on when it stops mid-sentence in running
 * text. A short unpunctuated line set off by blank lines inside that sentence is
 * a caption: it is lifted out (deferred) and the sentence joins what follows.
 * (Numbered headings go on by heading_next.) */
static size_t plain_next(builder *b, size_t cur, size_t j) {
  const zs_line *a = &b->lines[cur];
  if (j >= b->nlines || a->md || a->list || a->end_stop)
    return NONE;
  const zs_line *n = &b->lines[j];
  if (starts_block(n) || !running(a))
    return NONE;
  if (!standalone(n) || n->no == a->no + 1)
    return j;
  size_t k = next_free(b, j);
  if (k >= b->nlines || starts_block(&b->lines[k]) || standalone(&b->lines[k]) ||
      b->lines[k].no == n->no + 1)
    return j;
  b->defer[b->ndefer++] = j;
  b->lines[j].done = true;
  return k;
}

/* Joins lines idx[0..k) (a space for each line break) into a new paragraph and
 * applies the space rule (keep_han: as for titles), carrying the line marks
 * and the bold span along. */
static int emit_lines(builder *b, const size_t *idx, size_t k, zs_block_kind kind, bool keep_han) {
  if (zs_grow((void **)&b->paras, &b->pcap, b->npara + 1, sizeof *b->paras))
    return zs_error_set(ZS_ENOMEM, "out of memory building paragraphs");
  zs_para *p = &b->paras[b->npara];
  memset(p, 0, sizeof *p);
  size_t total = k - 1;
  for (size_t t = 0; t < k; t++)
    total += b->lines[idx[t]].len;
  p->b.text = malloc(total + 1);
  p->b.marks = malloc(k * sizeof *p->b.marks);
  if (!p->b.text || !p->b.marks) {
    free(p->b.text);
    free(p->b.marks);
    return zs_error_set(ZS_ENOMEM, "out of memory building paragraphs");
  }
  b->npara++;
  size_t w = 0;
  for (size_t t = 0; t < k; t++) {
    const zs_line *l = &b->lines[idx[t]];
    if (t)
      p->b.text[w++] = ' ';
    p->b.marks[t] = (zs_line_mark){(uint32_t)w, l->no};
    memcpy(p->b.text + w, l->s, l->len);
    w += l->len;
  }
  const zs_line *first = &b->lines[idx[0]];
  remap m = {p->b.marks, k, 0, first->bold, first->bold > 0};
  p->b.len = spaces_apply(p->b.text, total, &m, keep_han);
  p->b.text[p->b.len] = '\0';
  p->b.nmarks = k;
  p->b.kind = kind;
  p->b.line_first = first->no;
  p->b.line_last = b->lines[idx[k - 1]].no;
  p->bold = first->bold ? m.probe : 0;
  p->md = first->md;
  p->list = first->list;
  return ZS_OK;
}

/* Whether s[0..n) ends with the name of a kind of document (文种): 关于…的意见,
 * …的通知, …实施方案. */
static bool ends_doc_type(const char *s, size_t n) {
  static const char *const types[] = {"意见", "通知", "决定", "批复", "函",   "答复", "报告",
                                      "方案", "办法", "规定", "条例", "细则", "规则", "公告",
                                      "通告", "通报", "决议", "纪要", "要点", "规划", "纲要",
                                      "计划", "指南", "总结", "综述", "讲话", "命令", "章程"};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
    size_t k = strlen(types[i]);
    if (n >= k && memcmp(s + n - k, types[i], k) == 0)
      return true;
  }
  return false;
}

/* Lines from i on that are one title the source centred over two or three
 * lines (国务院办公厅关于有效发挥政府性 / 融资担保基金作用… / “三农”发展的指导意见):
 * short unnumbered lines right below one another, without sentence ends or
 * colons (a "标题：" field is no title line), the last ending with a kind of
 * document. Their number, 0 when they are none. */
static size_t title_run(const builder *b, size_t i) {
  const zs_line *first = &b->lines[i];
  if (starts_block(first) || !standalone(first) || has_colon(first) || date_line(first) ||
      bracketed(first) || section_number(first) || (b->wrap && full_line(b, first)))
    return 0;
  if (first->len >= 6 && memcmp(first->s, "附件", 6) == 0 && first->ncp <= 5)
    return 0; /* "附件2" labels the title below it */
  uint32_t ncp = first->ncp;
  for (size_t k = 1; k < WRAPPED_LINES && i + k < b->nlines; k++) {
    const zs_line *l = &b->lines[i + k];
    if (l->done || !wrap_continues(b, l - 1, l) || (ncp += l->ncp) > TITLE_MAX_CP)
      return 0;
    if (ends_doc_type(l->s, l->len))
      return k + 1;
  }
  return 0;
}

/* Titles and markdown headings keep the spaces between their phrases. */
static int para_emit(builder *b, const size_t *idx, size_t k, zs_block_kind kind) {
  return emit_lines(b, idx, k, kind, kind == ZS_BLOCK_TITLE || b->lines[idx[0]].md);
}

static int build_body(builder *b, size_t from) {
  for (size_t i = from; i < b->nlines; i++) {
    if (b->lines[i].done)
      continue;
    b->nidx = b->ndefer = 0;
    size_t title = title_run(b, i);
    if (title) {
      for (size_t k = 0; k < title; k++) {
        b->idx[k] = i + k;
        b->lines[i + k].done = true;
      }
      /* the breaks are the source's wrapping, not spaces between phrases */
      int rc = emit_lines(b, b->idx, title, ZS_BLOCK_TITLE, false);
      if (rc)
        return rc;
      continue;
    }
    const zs_line *first = &b->lines[i];
    bool heading =
        heading_line(first) && !first->md && !first->list && !(b->wrap && full_line(b, first));
    for (size_t cur = i; cur != NONE;) {
      b->idx[b->nidx++] = cur;
      b->lines[cur].done = true;
      size_t j = next_free(b, cur);
      if (heading)
        cur = heading_next(b, j);
      else
        cur = b->wrap ? wrapped_next(b, cur, j) : plain_next(b, cur, j);
    }
    int rc = para_emit(b, b->idx, b->nidx, ZS_BLOCK_BODY);
    for (size_t k = 0; k < b->ndefer && !rc; k++)
      rc = para_emit(b, &b->defer[k], 1, ZS_BLOCK_BODY);
    if (rc)
      return rc;
  }
  return ZS_OK;
}

/* ---- title ---- */

static size_t title_zone(const builder *b) {
  size_t k = 0;
  while (k < b->nlines && k < TITLE_ZONE_MAX && zs_title_line(&b->lines[k], k == 0))
    k++;
  return k;
}

/* The main title text, plus a following "——" subtitle, joined by a space. */
static int make_title(const zs_para *g, size_t ngroups, size_t main, char **title) {
  const zs_block *m = ngroups ? &g[main].b : NULL, *sub = NULL;
  if (m && main + 1 < ngroups && strncmp(g[main + 1].b.text, "\xE2\x80\x94\xE2\x80\x94", 6) == 0)
    sub = &g[main + 1].b;
  size_t n = (m ? m->len : 0) + (sub ? sub->len + 1 : 0);
  *title = malloc(n + 1);
  if (!*title)
    return zs_error_set(ZS_ENOMEM, "out of memory for the title");
  size_t w = 0;
  if (m) {
    memcpy(*title, m->text, m->len);
    w = m->len;
  }
  if (sub) {
    (*title)[w++] = ' ';
    memcpy(*title + w, sub->text, sub->len);
    w += sub->len;
  }
  (*title)[w] = '\0';
  return ZS_OK;
}

/* Leading title lines become TITLE blocks, one per run of adjacent lines (an
 * official document number alone). The title is a first-level markdown
 * heading, else the group after the document number (letterhead and number
 * come first), else the first group. A group of lines ending with a kind of
 * document (…的指导意见) is a title the source wrapped: its line breaks are
 * no spaces. */
static int build_title(builder *b, size_t zone, char **title) {
  size_t first = b->npara, ngroups = 0, md1 = NONE, docnum = NONE;
  for (size_t i = 0, j; i < zone; i = j) {
    bool num = false;
    for (j = i; j < zone; j++) {
      const zs_line *l = &b->lines[j];
      bool docnum_here = zs_docnum_line(l->s, l->len);
      if (j > i && (l->md || l[-1].md || l->no != l[-1].no + 1 || docnum_here || num))
        break;
      num |= docnum_here;
      b->idx[j - i] = j;
      b->lines[j].done = true;
    }
    const zs_line *last = &b->lines[j - 1];
    bool wrapped = j - i >= 2 && !last->md && ends_doc_type(last->s, last->len);
    int rc = wrapped ? emit_lines(b, b->idx, j - i, ZS_BLOCK_TITLE, false)
                     : para_emit(b, b->idx, j - i, ZS_BLOCK_TITLE);
    if (rc)
      return rc;
    if (md1 == NONE && b->lines[i].md == 1)
      md1 = ngroups;
    if (docnum == NONE && num)
      docnum = ngroups;
    ngroups++;
  }
  size_t main = 0;
  if (md1 != NONE)
    main = md1;
  else if (docnum != NONE && docnum + 1 < ngroups)
    main = docnum + 1;
  /* no title lines: b->paras may still be NULL, and NULL + 0 is undefined */
  return make_title(ngroups ? b->paras + first : NULL, ngroups, main, title);
}

/* ---- duplicates and output ---- */

/* Marks every body paragraph whose text already appeared as dropped. */
static int drop_duplicates(zs_para *p, size_t n) {
  size_t cap = 16;
  while (cap < n * 2)
    cap *= 2;
  size_t *slot = calloc(cap, sizeof *slot);
  if (!slot)
    return zs_error_set(ZS_ENOMEM, "out of memory finding duplicates");
  for (size_t i = 0; i < n; i++) {
    const zs_block *b = &p[i].b;
    if (b->kind != ZS_BLOCK_BODY)
      continue;
    for (size_t h = (size_t)zs_fnv64(b->text, b->len) & (cap - 1);; h = (h + 1) & (cap - 1)) {
      if (!slot[h]) {
        slot[h] = i + 1;
        break;
      }
      const zs_block *o = &p[slot[h] - 1].b;
      if (o->len == b->len && memcmp(o->text, b->text, b->len) == 0) {
        p[i].dropped = true;
        break;
      }
    }
  }
  free(slot);
  return ZS_OK;
}

/* Moves the kept paragraphs into out. */
static int finish(builder *b, zs_doc_text *out) {
  size_t n = 0;
  for (size_t i = 0; i < b->npara; i++)
    n += !b->paras[i].dropped;
  if (n && !(out->blocks = calloc(n, sizeof *out->blocks)))
    return zs_error_set(ZS_ENOMEM, "out of memory for %zu blocks", n);
  for (size_t i = 0; i < b->npara; i++) {
    zs_para *p = &b->paras[i];
    if (!p->dropped)
      out->blocks[out->nblocks++] = p->b;
    else {
      free(p->b.text);
      free(p->b.marks);
    }
    p->b.text = NULL;
    p->b.marks = NULL;
  }
  return ZS_OK;
}

static void builder_free(builder *b) {
  for (size_t i = 0; i < b->npara; i++) {
    free(b->paras[i].b.text);
    free(b->paras[i].b.marks);
  }
  free(b->paras);
  free(b->lines);
  free(b->scratch);
  free(b->idx);
  free(b->defer);
}

static int build(builder *b, const char *s, size_t len, char **title) {
  int rc = split_lines(b, s, len);
  if (rc)
    return rc;
  b->idx = malloc((b->nlines + 1) * sizeof *b->idx);
  b->defer = malloc((b->nlines + 1) * sizeof *b->defer);
  if (!b->idx || !b->defer)
    return zs_error_set(ZS_ENOMEM, "out of memory for %zu lines", b->nlines);
  size_t zone = title_zone(b);
  /* empty text has no lines, and b->lines is NULL then: NULL + 0 is undefined */
  b->wrap = b->nlines ? wrap_width(b->lines + zone, b->nlines - zone) : 0;
  rc = build_title(b, zone, title);
  if (!rc)
    rc = build_body(b, zone);
  if (rc)
    return rc;
  zs_classify(b->paras, b->npara);
  return drop_duplicates(b->paras, b->npara);
}

/* A saved page's controls (扫一扫在手机打开当前页, 打印本页) are not its text,
 * whatever format brought them: a PDF printed from the page keeps them. */
static void drop_controls(zs_doc_text *d) {
  size_t kept = 0;
  for (size_t i = 0; i < d->nblocks; i++) {
    zs_block *b = &d->blocks[i];
    if (b->kind != ZS_BLOCK_HEADING && zs_boilerplate_line(b->text, b->len)) {
      free(b->text);
      free(b->marks);
      free(b->flat);
      continue;
    }
    d->blocks[kept++] = *b;
  }
  d->nblocks = kept;
}

/* Each title and heading also as the body's clean-up would write it (see flat). */
static int flatten_labels(zs_doc_text *d) {
  for (size_t i = 0; i < d->nblocks; i++) {
    zs_block *b = &d->blocks[i];
    if (b->kind == ZS_BLOCK_BODY || !memchr(b->text, ' ', b->len))
      continue;
    char *flat = malloc(b->len + 1);
    if (!flat)
      return zs_error_set(ZS_ENOMEM, "out of memory");
    memcpy(flat, b->text, b->len + 1);
    b->flat_len = zs_clean_spaces(flat, b->len);
    if (b->flat_len == b->len) {
      free(flat);
      continue;
    }
    flat[b->flat_len] = '\0';
    b->flat = flat;
  }
  return ZS_OK;
}

int zs_clean_document(zs_doc_text *out, const char *s, size_t len) {
  if (!out || (!s && len))
    return zs_error_set(ZS_EINVAL, "zs_clean_document: NULL argument");
  memset(out, 0, sizeof *out);
  if (len >= UINT32_MAX)
    return zs_error_set(ZS_ETOOBIG, _("document of %zu bytes exceeds 4 GiB"), len);
  builder b = {0};
  char *title = NULL;
  int rc = build(&b, len ? s : "", len, &title);
  if (!rc)
    rc = finish(&b, out);
  if (!rc)
    drop_controls(out);
  if (!rc)
    rc = flatten_labels(out);
  if (!rc)
    out->title = title;
  else {
    free(title);
    zs_doc_text_free(out);
  }
  builder_free(&b);
  return rc;
}

void zs_doc_text_free(zs_doc_text *d) {
  if (!d)
    return;
  for (size_t i = 0; i < d->nblocks; i++) {
    free(d->blocks[i].text);
    free(d->blocks[i].flat);
    free(d->blocks[i].marks);
  }
  free(d->blocks);
  free(d->title);
  memset(d, 0, sizeof *d);
}

uint32_t zs_block_line_at(const zs_block *b, size_t offset) {
  if (!b || b->nmarks == 0)
    return b ? b->line_first : 0;
  size_t lo = 0, hi = b->nmarks;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (b->marks[mid].offset <= offset)
      lo = mid;
    else
      hi = mid;
  }
  return b->marks[lo].line;
}
