/* zs_html_meta: the page's metadata: label/value tables and "label：value" lines
 * (发文机关, 发文字号, 成文日期 … as gov.cn pages have), <meta> titles, the <title>. */
#include <string.h>
#include <strings.h>

#include "zs_html_int.h"

enum field { NONE = -1, TITLE, ORG, DOCNO, DATE };

/* Labels of metadata tables (gov.cn's and the 政府信息公开 pages'), and the
 * property each one fills. */
static const struct {
  const char *label;
  enum field field;
} labels[] = {
    {"标题", TITLE},     {"文件标题", TITLE},  {"公文标题", TITLE}, {"文件名称", TITLE},
    {"信息名称", TITLE}, {"名称", TITLE},      {"发文机关", ORG},   {"发文单位", ORG},
    {"发文机构", ORG},   {"发布机关", ORG},    {"发布机构", ORG},   {"发布单位", ORG},
    {"制发机关", ORG},   {"成文机关", ORG},    {"发文部门", ORG},   {"发布部门", ORG},
    {"发文字号", DOCNO}, {"文号", DOCNO},      {"发文文号", DOCNO}, {"文件编号", DOCNO},
    {"文件字号", DOCNO}, {"发文号", DOCNO},    {"成文日期", DATE},  {"成文时间", DATE},
    {"发文日期", DATE},  {"发文时间", DATE},   {"印发日期", DATE},  {"签发日期", DATE},
    {"索引号", NONE},    {"信息索引号", NONE}, {"主题分类", NONE},  {"发布日期", NONE},
    {"发布时间", NONE},  {"主题词", NONE},     {"关键词", NONE},    {"生效日期", NONE},
    {"实施日期", NONE},  {"废止日期", NONE},   {"有效性", NONE},    {"时效", NONE},
    {"效力状态", NONE},  {"公开方式", NONE},   {"公开范围", NONE},  {"公开时限", NONE},
    {"信息分类", NONE},  {"组配分类", NONE},   {"体裁分类", NONE},  {"所属主题", NONE},
    {"信息来源", NONE},  {"来源", NONE},       {"统一编号", NONE},  {"登记号", NONE},
};

static int label_index(const char *squeezed) {
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
    if (strcmp(squeezed, labels[i].label) == 0)
      return (int)i;
  return -1;
}

xmlNode *zs_html_next_cell(const xmlNode *n) {
  xmlNode *next = xmlNextElementSibling((xmlNode *)n);
  return zs_html_named(next, "td") || zs_html_named(next, "th") || zs_html_named(next, "dd") ? next
                                                                                             : NULL;
}

/* The table (or dl) a label cell belongs to. */
static xmlNode *table_of(xmlNode *cell) {
  for (xmlNode *n = cell->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (zs_html_named(n, "table") || zs_html_named(n, "dl"))
      return n;
  return NULL;
}

/* Where the colon ending a label is in s[0..n) (its byte length in *k), or n. */
static size_t find_colon(const char *s, size_t n, size_t from, size_t *k) {
  for (size_t i = from; i < n; i++) {
    if (s[i] == ':') {
      *k = 1;
      return i;
    }
    if (i + 3 <= n && memcmp(s + i, "\xEF\xBC\x9A", 3) == 0) {
      *k = 3;
      return i;
    }
  }
  return n;
}

/* Elements that may hold one "label：value" line. */
static const char *const line_names[] = {"li", "p",  "div",  "span",   "dd", "td",
                                         "th", "dt", "font", "strong", "b",  "label"};

/* Whether n holds no block elements directly: one line of text. */
static bool leaf_block(const xmlNode *n) {
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && zs_html_element_kind(c) != INLINE &&
        zs_html_element_kind(c) != SKIP && zs_html_element_kind(c) != BREAK)
      return false;
  return true;
}

/* Label cells ("发文机关：" followed by its value's cell), and the tables and
 * lists of known labels: the page's metadata. */
void zs_html_find_labels(page *p) {
  for (size_t i = 0; i < p->n; i++) {
    xmlNode *n = p->nodes[i];
    info *in = zs_html_info_of(n);
    if (in->text == 0 || in->text > 16 ||
        !(zs_html_named(n, "td") || zs_html_named(n, "th") || zs_html_named(n, "dt")))
      continue;
    xmlNode *next = zs_html_next_cell(n);
    if (!next)
      continue;
    char buf[SHORT_TEXT], label[64];
    const char *text = zs_html_short_text(n, buf);
    bool colon = false;
    size_t count = text ? zs_html_squeeze(text, strlen(text), label, sizeof label, &colon) : 0;
    int known = count >= 1 && count <= 12 ? label_index(label) : -1;
    if (count < 1 || count > 12 || (!colon && known < 0))
      continue;
    in->flags |= F_LABEL;
    xmlNode *table = known >= 0 ? table_of(n) : NULL;
    if (table && zs_html_info_of(table)->labels < UINT16_MAX)
      zs_html_info_of(table)->labels++;
  }
  /* lines that start with a label (<li><span>发布机构：</span>…</li>): their
   * list or block is the metadata */
  for (size_t i = 0; i < p->n; i++) {
    xmlNode *n = p->nodes[i], *line = n;
    info *in = zs_html_info_of(n);
    if (in->text < 2 || in->text > 150 || !NAME_IN((const char *)n->name, line_names) ||
        zs_html_named(n, "td") || zs_html_named(n, "th") || zs_html_named(n, "dt") ||
        zs_html_named(n, "dd"))
      continue;
    while (line && line->type == XML_ELEMENT_NODE && zs_html_element_kind(line) == INLINE)
      line = line->parent;
    if (!line || !zs_html_info_of(line) || (zs_html_info_of(line)->flags & F_LABELLINE) ||
        !leaf_block(line) || !zs_html_info_of(line->parent) || zs_html_named(line, "td") ||
        zs_html_named(line, "th") || zs_html_named(line, "body"))
      continue;
    char buf[SHORT_TEXT], label[64];
    const char *text = zs_html_short_text(n, buf);
    size_t len = text ? strlen(text) : 0, k = 0;
    size_t colon = text ? find_colon(text, len, 0, &k) : 0;
    int known = -1;
    if (text && colon < len && colon <= 64) {
      zs_html_squeeze(text, colon, label, sizeof label, NULL);
      known = label_index(label);
    }
    if (known < 0)
      continue;
    zs_html_info_of(line)->flags |= F_LABELLINE;
    if (zs_html_info_of(line->parent)->lines < UINT16_MAX)
      zs_html_info_of(line->parent)->lines++;
  }
  int tables = 0;
  for (size_t i = 0; i < p->n && tables < 16; i++) {
    info *in = &p->infos[i];
    /* two labels, or 主题词 alone in a small table */
    if (in->labels < 2 && in->lines < 2 && !(in->labels == 1 && in->text <= 300))
      continue;
    tables++;
    in->flags |= F_META;
    uint32_t t = in->text - in->link;
    in->meta += t;
    for (xmlNode *up = p->nodes[i]->parent; zs_html_info_of(up); up = up->parent)
      zs_html_info_of(up)->meta += t;
  }
}

/* Copies s[0..n) into dst[cap]: trimmed, each run of whitespace one space (or
 * one full-width space when it holds one: 国务院　中央军委), control
 * characters and bytes that are not UTF-8 out, cut on a character boundary. */
static void set_prop(char *dst, size_t cap, const char *s, size_t n) {
  size_t w = 0;
  int gap = 0; /* 1: a space is owed, 2: a full-width space */
  for (size_t i = 0; i < n;) {
    size_t at = i;
    UChar32 c = zs_html_next_cp(s, n, &i);
    if (c == 0xFFFD) /* also a byte that is not UTF-8: left out */
      continue;
    if (zs_html_is_space(c) || c < 0x20 || c == 0x7F) {
      if (w > 0)
        gap = c == 0x3000 || gap == 2 ? 2 : 1;
      continue;
    }
    size_t sep = gap == 2 ? 3 : gap, k = i - at;
    if (w + sep + k >= cap)
      break;
    memcpy(dst + w, gap == 2 ? "\xE3\x80\x80" : " ", sep);
    w += sep;
    memcpy(dst + w, s + at, k);
    w += k;
    gap = 0;
  }
  dst[w] = '\0';
}

static char *prop_field(zs_doc_props *props, enum field f, size_t *cap) {
  switch (f) {
  case TITLE: *cap = sizeof props->title; return props->title;
  case ORG: *cap = sizeof props->org; return props->org;
  case DOCNO: *cap = sizeof props->docno; return props->docno;
  case DATE: *cap = sizeof props->date; return props->date;
  default: return NULL;
  }
}

/* Fills field f from s[0..n) unless it is already set. */
static void fill(zs_doc_props *props, enum field f, const char *s, size_t n) {
  size_t cap = 0;
  char *dst = prop_field(props, f, &cap);
  if (dst && !dst[0])
    set_prop(dst, cap, s, n);
}

/* Whether s[j..n) starts with a label and its colon: a known one (spaces
 * inside allowed: 文　　号), or any 1 to 8 characters without spaces. */
static bool label_ahead(const char *s, size_t n, size_t j) {
  size_t k = 0, colon = find_colon(s, n, j, &k);
  if (colon >= n || colon == j || colon - j > 64)
    return false;
  char label[72];
  size_t count = zs_html_squeeze(s + j, colon - j, label, sizeof label, NULL);
  if (label_index(label) >= 0)
    return true;
  return count <= 8 && strlen(label) == colon - j;
}

/* "发文机关：国务院 成文日期：2019年01月22日" in one element: each value runs
 * up to the whitespace before the next short label. */
static void read_label_line(zs_doc_props *props, const char *s, size_t n) {
  size_t pos = 0;
  for (int pairs = 0; pos < n && pairs < 8; pairs++) {
    size_t k = 0, colon = find_colon(s, n, pos, &k);
    if (colon >= n)
      return;
    char label[64];
    size_t count = zs_html_squeeze(s + pos, colon - pos, label, sizeof label, NULL);
    size_t from = colon + k, end = n, next = n;
    for (size_t i = from; i < n;) {
      size_t at = i;
      if (!zs_html_is_space(zs_html_next_cp(s, n, &i)))
        continue;
      size_t j = i;
      while (j < n) {
        size_t b = j;
        if (!zs_html_is_space(zs_html_next_cp(s, n, &j))) {
          j = b;
          break;
        }
      }
      if (label_ahead(s, n, j)) {
        end = at;
        next = j;
        break;
      }
      i = j;
    }
    int known = count >= 1 && count <= 10 ? label_index(label) : -1;
    if (known >= 0 && labels[known].field != NONE)
      fill(props, labels[known].field, s + from, end - from);
    pos = next;
  }
}

/* The page's own metadata: label cells outside the main container first, then
 * short "label：value" elements outside it, <meta> titles, the <title>. */
void zs_html_read_props(page *p, zs_doc_props *props, const char *title_text) {
  for (size_t i = 0; i < p->n; i++) {
    xmlNode *n = p->nodes[i];
    if (!(zs_html_flags_of(n) & F_LABEL) || (p->main && zs_html_inside(n, p->main)))
      continue;
    char buf[SHORT_TEXT], label[64];
    const char *text = zs_html_short_text(n, buf);
    size_t count = text ? zs_html_squeeze(text, strlen(text), label, sizeof label, NULL) : 0;
    int known = count ? label_index(label) : -1;
    xmlNode *value = zs_html_next_cell(n);
    if (known < 0 || labels[known].field == NONE || !value)
      continue;
    if ((text = zs_html_short_text(value, buf)))
      fill(props, labels[known].field, text, strlen(text));
  }
  /* single lines first, then blocks of them */
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < p->n; i++) {
      xmlNode *n = p->nodes[i];
      info *in = zs_html_info_of(n);
      if (in->text < 3 || in->text > 150 || (in->flags & F_LABEL) ||
          !NAME_IN((const char *)n->name, line_names) || (p->main && zs_html_inside(n, p->main)) ||
          leaf_block(n) == (pass == 1))
        continue;
      char buf[SHORT_TEXT];
      const char *text = zs_html_short_text(n, buf);
      if (text)
        read_label_line(props, text, strlen(text));
    }
  static const char *const title_metas[] = {"articletitle", "dc.title",      "dcterms.title",
                                            "og:title",     "twitter:title", "title"};
  for (size_t t = 0; t < sizeof title_metas / sizeof title_metas[0] && !props->title[0]; t++)
    for (size_t i = 0; i < p->n && !props->title[0]; i++) {
      xmlNode *n = p->nodes[i];
      const char *name = zs_html_named(n, "meta") ? zs_html_attr(n, "name") : NULL;
      if (!name && zs_html_named(n, "meta"))
        name = zs_html_attr(n, "property");
      const char *content = name ? zs_html_attr(n, "content") : NULL;
      if (content && strcasecmp(name, title_metas[t]) == 0)
        fill(props, TITLE, content, strlen(content));
    }
  if (title_text)
    fill(props, TITLE, title_text, strlen(title_text));
}

/* Whether s[0..n) opens more brackets or quotes than it closes: a separator
 * inside 《…》 belongs to the title. */
static bool unbalanced(const char *s, size_t n) {
  int depth = 0;
  for (size_t i = 0; i < n;) {
    UChar32 c = zs_html_next_cp(s, n, &i);
    if (c == 0x300A || c == 0xFF08 || c == '(' || c == 0x201C || c == 0x3010)
      depth++;
    else if ((c == 0x300B || c == 0xFF09 || c == ')' || c == 0x201D || c == 0x3011) && depth > 0)
      depth--;
  }
  return depth > 0;
}

/* Whether s[at..at+k) (a hyphen) separates a site's name rather than joins
 * words or numbers (2019-2020, COVID-19): no ASCII letter or digit beside it. */
static bool hyphen_separates(const char *s, size_t n, size_t at, size_t k) {
  bool before = at > 0 && ((s[at - 1] >= '0' && s[at - 1] <= '9') ||
                           ((s[at - 1] | 0x20) >= 'a' && (s[at - 1] | 0x20) <= 'z'));
  bool after = at + k < n && ((s[at + k] >= '0' && s[at + k] <= '9') ||
                              ((s[at + k] | 0x20) >= 'a' && (s[at + k] | 0x20) <= 'z'));
  return !before && !after;
}

/* The <title>'s text without the site's name after it ("…的通知_政府信息公开专栏",
 * "… - 中国政府网", "…｜湖南省计划生育协会", "…通知-某某县计生协"); s is
 * changed in place. */
void zs_html_strip_site_name(char *s) {
  static const struct {
    const char *sep;
    bool hyphen; /* only between words: not in 2019-2020 or COVID-19 */
  } seps[] = {{"_", false},
              {"\xEF\xBD\x9C" /* ｜ */, false},
              {"|", false},
              {" - ", false},
              {" \xE2\x80\x94 " /* — */, false},
              {" \xE2\x80\x93 " /* – */, false},
              {"\xE2\x80\x94\xE2\x80\x94" /* —— */, false},
              {"--", false},
              {"-", true},
              {"\xEF\xBC\x8D" /* － */, true}};
  for (int round = 0; round < 3; round++) {
    size_t n = strlen(s), cut = 0, sep_len = 0;
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
      size_t k = strlen(seps[i].sep);
      for (size_t at = n; at-- > 0;)
        if (at + k <= n && memcmp(s + at, seps[i].sep, k) == 0 &&
            (!seps[i].hyphen || hyphen_separates(s, n, at, k))) {
          if (at > cut)
            cut = at, sep_len = k;
          break;
        }
    }
    size_t site = zs_html_visible(s + cut + sep_len, n - cut - sep_len);
    if (cut == 0 || zs_html_visible(s, cut) == 0 || site == 0 || site > 30 || unbalanced(s, cut))
      return;
    while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == '\t'))
      cut--;
    s[cut] = '\0';
  }
}
