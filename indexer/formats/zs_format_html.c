/* zs_format_html: HTML through libxml2's forgiving parser, cut down to the page's
 * own content (menus, link lists, footers, buttons left out) and its metadata. */
#define _GNU_SOURCE /* memmem, memrchr */
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include "zs_error.h"
#include "zs_format_int.h"
#include "zs_grow.h"

/* ---- elements ------------------------------------------------------------ */

typedef enum kind { INLINE, SKIP, BLOCK, HEADING, BREAK, CELL, PRE } kind;

static const char *const skip_names[] = {"head",   "script",   "style", "noscript", "template",
                                         "iframe", "object",   "svg",   "math",     "select",
                                         "button", "textarea", "title"};

static bool name_in(const char *name, const char *const *names, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcasecmp(name, names[i]) == 0)
      return true;
  return false;
}
#define NAME_IN(name, list) name_in(name, list, sizeof list / sizeof list[0])

static bool is_heading_name(const char *name) {
  return (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && !name[2];
}

/* Elements that end a line around them or are not text at all; the rest are inline. */
static kind kind_by_name(const xmlNode *n) {
  static const char *const block[] = {
      "p",     "div",   "li",       "ul",         "ol",      "dl",         "dt",
      "dd",    "table", "tr",       "section",    "article", "header",     "footer",
      "nav",   "aside", "main",     "blockquote", "figure",  "figcaption", "address",
      "hr",    "form",  "fieldset", "center",     "caption", "tbody",      "thead",
      "tfoot", "body",  "html",     "legend",     "menu",    "dialog"};
  const char *name = (const char *)n->name;
  if (!name)
    return INLINE;
  if (is_heading_name(name))
    return HEADING;
  if (strcasecmp(name, "br") == 0)
    return BREAK;
  if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0)
    return CELL;
  if (strcasecmp(name, "pre") == 0 || strcasecmp(name, "listing") == 0)
    return PRE;
  if (NAME_IN(name, skip_names))
    return SKIP;
  if (NAME_IN(name, block))
    return BLOCK;
  return INLINE;
}

static bool named(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && n->name &&
         strcasecmp((const char *)n->name, name) == 0;
}

/* The value of attribute `name` of n ("" when it has none), NULL when absent. */
static const char *attr(const xmlNode *n, const char *name) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (a->name && strcasecmp((const char *)a->name, name) == 0)
      return a->children && a->children->content ? (const char *)a->children->content : "";
  return NULL;
}

/* ---- characters ---------------------------------------------------------- */

/* The code point at s[*i..n), advancing *i (a bad byte is U+FFFD). */
static UChar32 next_cp(const char *s, size_t n, size_t *i) {
  int32_t off = 0, win = n - *i > 4 ? 4 : (int32_t)(n - *i);
  UChar32 c;
  U8_NEXT((const uint8_t *)s + *i, off, win, c);
  *i += off > 0 ? (size_t)off : 1;
  return c < 0 ? 0xFFFD : c;
}

static bool is_space(UChar32 c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x3000 || c == 0xFEFF ||
         (c >= 0x2000 && c <= 0x200B);
}

static bool is_ideograph(UChar32 c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

/* Visible characters of s[0..n) (whitespace does not count). */
static uint32_t visible(const char *s, size_t n) {
  uint32_t count = 0;
  for (size_t i = 0; i < n;)
    count += !is_space(next_cp(s, n, &i));
  return count;
}

/* Whether s[0..n) ends a sentence somewhere: running text, not a menu item. */
static bool has_stop(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    UChar32 c = next_cp(s, n, &i);
    if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B)
      return true;
    if ((c == '.' || c == '!' || c == '?') && (i >= n || s[i] == ' ' || s[i] == '\n'))
      return true;
  }
  return false;
}

static bool contains(const char *s, size_t n, const char *needle) {
  return memmem(s, n, needle, strlen(needle)) != NULL;
}

static bool starts_with(const char *s, size_t n, const char *prefix) {
  size_t k = strlen(prefix);
  return n >= k && memcmp(s, prefix, k) == 0;
}

/* ---- parsing ------------------------------------------------------------- */

/* libxml2 halts the whole parse past 256 open elements, losing the rest of the
 * page; elements deeper than this are left out of the tree instead, their text
 * going to the deepest element kept. */
#define DEPTH_CAP 200

typedef struct sax_cap {
  int depth; /* elements open */
  int mute;  /* open elements past the cap whose text is not text (scripts) */
  startElementSAXFunc start;
  endElementSAXFunc end;
  charactersSAXFunc characters;
  cdataBlockSAXFunc cdata;
} sax_cap;

static void capped_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
  sax_cap *s = ((xmlParserCtxtPtr)ctx)->_private;
  if (s->depth++ < DEPTH_CAP) {
    s->start(ctx, name, atts);
    return;
  }
  if (s->mute || (name && NAME_IN((const char *)name, skip_names)))
    s->mute++;
  else if (s->characters) /* the element's line break, as a space */
    s->characters(ctx, (const xmlChar *)" ", 1);
}

static void capped_end(void *ctx, const xmlChar *name) {
  sax_cap *s = ((xmlParserCtxtPtr)ctx)->_private;
  if (s->depth > 0)
    s->depth--;
  if (s->depth < DEPTH_CAP)
    s->end(ctx, name);
  else if (s->mute)
    s->mute--;
  else if (s->characters)
    s->characters(ctx, (const xmlChar *)" ", 1);
}

static void capped_characters(void *ctx, const xmlChar *ch, int len) {
  sax_cap *s = ((xmlParserCtxtPtr)ctx)->_private;
  if (!s->mute && s->characters)
    s->characters(ctx, ch, len);
}

static void capped_cdata(void *ctx, const xmlChar *ch, int len) {
  sax_cap *s = ((xmlParserCtxtPtr)ctx)->_private;
  if (!s->mute && s->cdata)
    s->cdata(ctx, ch, len);
}

/* libxml2 honours a BOM or a declared charset, else reads UTF-8 and falls
 * back to Latin-1 at the first bad byte. Chinese pages that declare nothing
 * and are not UTF-8 are GBK far more often: those are converted here, as
 * GB18030 (a superset of GBK), with U+FFFD for bytes that are not. */
static bool needs_gb18030(const char *bytes, size_t len) {
  if (zs_format_utf8_prefix(bytes, len) == len)
    return false;
  if (len >= 2 &&
      ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    return false; /* UTF-16 */
  size_t head = len < 4096 ? len : 4096;
  for (size_t i = 0; i + 7 <= head; i++)
    if (strncasecmp(bytes + i, "charset", 7) == 0 || strncasecmp(bytes + i, "encodin", 7) == 0)
      return false;
  return true;
}

/* bytes as GB18030 into UTF-8 (*out malloc'd, caller frees). */
static int from_gb18030(const char *bytes, size_t len, char **out, int32_t *out_len) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t need = ucnv_convert("UTF-8", "GB18030", NULL, 0, bytes, (int32_t)len, &e);
  if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
    return zs_error_set(ZS_EICU, "cannot read the HTML file as GBK: %s", u_errorName(e));
  if (!(*out = malloc((size_t)need + 1)))
    return zs_error_set(ZS_ENOMEM, "out of memory converting the HTML file from GBK");
  e = U_ZERO_ERROR;
  *out_len = ucnv_convert("UTF-8", "GB18030", *out, need + 1, bytes, (int32_t)len, &e);
  if (U_FAILURE(e)) {
    free(*out);
    *out = NULL;
    return zs_error_set(ZS_EICU, "cannot read the HTML file as GBK: %s", u_errorName(e));
  }
  return ZS_OK;
}

/* What htmlReadMemory does, with the element callbacks capped at DEPTH_CAP. */
static htmlDocPtr read_capped(const char *bytes, int len, const char *encoding) {
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(bytes, len);
  if (!ctxt)
    return NULL;
  xmlSAX2InitHtmlDefaultSAXHandler(ctxt->sax);
  sax_cap cap = {.start = ctxt->sax->startElement,
                 .end = ctxt->sax->endElement,
                 .characters = ctxt->sax->characters,
                 .cdata = ctxt->sax->cdataBlock};
  ctxt->sax->startElement = capped_start;
  ctxt->sax->endElement = capped_end;
  ctxt->sax->characters = capped_characters;
  ctxt->sax->cdataBlock = capped_cdata;
  ctxt->_private = &cap;
  htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_NONET);
  ctxt->html = 1;
  xmlCharEncodingHandlerPtr handler = encoding ? xmlFindCharEncodingHandler(encoding) : NULL;
  if (handler) {
    xmlSwitchToEncoding(ctxt, handler);
    if (ctxt->input->encoding)
      xmlFree((xmlChar *)ctxt->input->encoding);
    ctxt->input->encoding = xmlStrdup((const xmlChar *)encoding); /* a <meta> does not undo it */
  }
  htmlParseDocument(ctxt);
  htmlDocPtr doc = ctxt->myDoc;
  ctxt->myDoc = NULL;
  htmlFreeParserCtxt(ctxt);
  return doc;
}

/* The document tree of bytes (NULL when libxml2 made nothing of them). */
static int parse_html(const char *bytes, size_t len, htmlDocPtr *doc) {
  char *utf8 = NULL;
  int32_t utf8_len = 0;
  const char *encoding = NULL;
  if (needs_gb18030(bytes, len)) {
    int rc = from_gb18030(bytes, len, &utf8, &utf8_len);
    if (rc)
      return rc;
    bytes = utf8;
    len = (size_t)utf8_len;
    encoding = "UTF-8";
  }
  *doc = len == 0 || len > INT_MAX ? NULL : read_capped(bytes, (int)len, encoding);
  free(utf8);
  return ZS_OK;
}

/* ---- the page, measured -------------------------------------------------- */

enum {
  F_LINK = 1 << 0,       /* an <a> that counts as a link */
  F_LABEL = 1 << 1,      /* a cell holding a label ("发文机关："): its value joins its line */
  F_META = 1 << 2,       /* a table of label/value cells (the page's metadata) */
  F_MAIN = 1 << 3,       /* the dominant content container */
  F_KEEP = 1 << 4,       /* a heading kept beside the main container */
  F_PATH = 1 << 5,       /* an ancestor of an F_MAIN, F_META or F_KEEP element */
  F_PROT = 1 << 6,       /* F_MAIN, F_META or an ancestor of them: never dropped */
  F_TITLEH = 1 << 7,     /* a heading that says the page's title */
  F_HASTITLE = 1 << 8,   /* holds an F_TITLEH heading */
  F_DROP1 = 1 << 9,      /* not content, by its tag, role, class or id */
  F_DROP2 = 1 << 10,     /* not content, by its link density */
  F_LABELLINE = 1 << 11, /* a line of text that starts with a known label */
};

/* What the walks know of an element (its xmlNode's _private points here).
 * Counts are of visible characters in the element and below, scripts and
 * styles left out. */
typedef struct info {
  uint32_t text;  /* all visible characters */
  uint32_t link;  /* those inside links */
  uint32_t links; /* links */
  uint32_t paras; /* runs of running text: PARA_MIN+ characters outside links, a sentence end */
  uint32_t meta;  /* characters inside metadata tables */
  uint32_t gone;  /* own_text inside elements the first marking dropped */
  uint32_t gone_paras; /* paras inside them */
  uint32_t order;      /* index in document order */
  uint32_t end;        /* index after the last element below */
  uint16_t labels;     /* tables: their label cells */
  uint16_t lines;      /* lists and blocks: their lines that start with a label */
  uint16_t flags;
  uint8_t kind; /* kind_by_name, worked out once */
} info;

#define PARA_MIN 30  /* characters outside links of a run of running text */
#define MAIN_MIN 100 /* characters outside links of a main container */

typedef struct page {
  xmlNode *root, *body, *main;
  xmlNode **nodes; /* the elements in document order */
  size_t n, cap;
  info *infos;
  char *title; /* the <title>'s text without a site name (NULL when none), squeezed */
} page;

static info *info_of(const xmlNode *n) {
  return n && n->type == XML_ELEMENT_NODE ? (info *)n->_private : NULL;
}

static kind element_kind(const xmlNode *n) {
  const info *i = info_of(n);
  return i ? (kind)i->kind : kind_by_name(n);
}

static uint16_t flags_of(const xmlNode *n) {
  const info *i = info_of(n);
  return i ? i->flags : 0;
}

/* Characters outside links and metadata tables. */
static uint32_t own_text(const info *i) {
  uint32_t t = i->text - i->link;
  return t > i->meta ? t - i->meta : 0;
}

/* Text and running text that the tag and class rules leave. */
static uint32_t kept_text(const info *i) {
  uint32_t t = own_text(i);
  return t > i->gone ? t - i->gone : 0;
}

static uint32_t kept_paras(const info *i) {
  return i->paras > i->gone_paras ? i->paras - i->gone_paras : 0;
}

static bool inside(const xmlNode *n, const xmlNode *container) {
  const info *a = info_of(n), *c = info_of(container);
  return a && c && a->order >= c->order && a->order < c->end;
}

static void flag_ancestors(xmlNode *n, uint16_t flags) {
  for (n = n->parent; info_of(n); n = n->parent)
    info_of(n)->flags |= flags;
}

typedef int (*visit_fn)(void *ctx, xmlNode *n, bool *descend);

/* Depth-first, without recursion: enter is called on every node reached,
 * leave on the nodes entered with *descend set, after their children. */
static int traverse(xmlNode *root, visit_fn enter, int (*leave)(void *, xmlNode *), void *ctx) {
  int rc = ZS_OK;
  xmlNode *n = root->children;
  while (n && rc == ZS_OK) {
    bool descend = false;
    rc = enter(ctx, n, &descend);
    if (rc)
      break;
    if (descend && n->children) {
      n = n->children;
      continue;
    }
    if (descend)
      rc = leave(ctx, n);
    while (rc == ZS_OK && n && !n->next) {
      n = n->parent;
      if (!n || n == root)
        n = NULL;
      else
        rc = leave(ctx, n);
    }
    if (n)
      n = n->next;
  }
  return rc;
}

static int collect_enter(void *ctx, xmlNode *n, bool *descend) {
  page *p = ctx;
  *descend = n->type == XML_ELEMENT_NODE;
  if (!*descend)
    return ZS_OK;
  if (p->n >= UINT32_MAX - 1 || zs_grow((void **)&p->nodes, &p->cap, p->n + 1, sizeof *p->nodes))
    return zs_error_set(ZS_ENOMEM, "out of memory reading the HTML file");
  p->nodes[p->n++] = n;
  return ZS_OK;
}

static int no_leave(void *ctx, xmlNode *n) {
  (void)ctx;
  (void)n;
  return ZS_OK;
}

/* Attachments are content even as links. */
static bool file_link(const char *href) {
  static const char *const ext[] = {".pdf",  ".doc", ".docx", ".xls", ".xlsx", ".wps",
                                    ".ofd",  ".zip", ".rar",  ".7z",  ".txt",  ".ppt",
                                    ".pptx", ".et",  ".csv",  ".ceb", ".tif"};
  size_t n = strcspn(href, "?#");
  for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
    size_t k = strlen(ext[i]);
    if (n > k && strncasecmp(href + n - k, ext[i], k) == 0)
      return true;
  }
  return false;
}

static bool is_link(const xmlNode *n) {
  if (!named(n, "a"))
    return false;
  const char *href = attr(n, "href");
  return (href && !file_link(href)) || (!href && attr(n, "onclick"));
}

typedef struct measure {
  int in_link;        /* links around the current node */
  xmlNode *run_owner; /* the element holding the current run's first text */
  uint32_t run_chars; /* characters of the run outside links */
  bool run_stop;      /* the run ends a sentence somewhere */
} measure;

static void close_run(measure *m) {
  if (m->run_owner && m->run_chars >= PARA_MIN && m->run_stop)
    info_of(m->run_owner)->paras++;
  m->run_owner = NULL;
  m->run_chars = 0;
  m->run_stop = false;
}

static int measure_enter(void *ctx, xmlNode *n, bool *descend) {
  measure *m = ctx;
  *descend = false;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    info *owner = info_of(n->parent);
    const char *s = (const char *)n->content;
    if (!owner || !s)
      return ZS_OK;
    size_t len = strlen(s);
    uint32_t c = visible(s, len);
    owner->text += c;
    if (m->in_link) {
      owner->link += c;
    } else if (c) {
      if (!m->run_owner)
        m->run_owner = n->parent;
      m->run_chars += c;
      m->run_stop = m->run_stop || has_stop(s, len);
    }
    return ZS_OK;
  }
  if (n->type != XML_ELEMENT_NODE)
    return ZS_OK;
  kind k = element_kind(n);
  if (k == SKIP)
    return ZS_OK;
  *descend = true;
  if (k != INLINE)
    close_run(m);
  if (is_link(n)) {
    info_of(n)->flags |= F_LINK;
    info_of(n)->links = 1;
    m->in_link++;
  }
  return ZS_OK;
}

static int measure_leave(void *ctx, xmlNode *n) {
  measure *m = ctx;
  if (flags_of(n) & F_LINK)
    m->in_link--;
  if (element_kind(n) != INLINE)
    close_run(m);
  return ZS_OK;
}

/* Numbers the elements and counts their text, links and running text. */
static int measure_page(page *p, xmlDocPtr doc) {
  int rc = traverse((xmlNode *)doc, collect_enter, no_leave, p);
  if (rc)
    return rc;
  if (p->n == 0)
    return ZS_OK;
  if (!(p->infos = calloc(p->n, sizeof *p->infos)))
    return zs_error_set(ZS_ENOMEM, "out of memory reading the HTML file");
  for (size_t i = 0; i < p->n; i++) {
    p->nodes[i]->_private = &p->infos[i];
    p->infos[i].order = (uint32_t)i;
    p->infos[i].end = (uint32_t)i + 1;
    p->infos[i].kind = (uint8_t)kind_by_name(p->nodes[i]);
    if (!p->body && named(p->nodes[i], "body"))
      p->body = p->nodes[i];
  }
  measure m = {0};
  rc = traverse((xmlNode *)doc, measure_enter, measure_leave, &m);
  close_run(&m);
  /* children before parents: sums up the tree */
  for (size_t i = p->n; rc == ZS_OK && i-- > 0;) {
    info *c = &p->infos[i], *up = info_of(p->nodes[i]->parent);
    if (!up)
      continue;
    up->text += c->text;
    up->link += c->link;
    up->links += c->links;
    up->paras += c->paras;
    if (c->end > up->end)
      up->end = c->end;
  }
  return rc;
}

/* ---- labels and metadata ------------------------------------------------- */

#define SHORT_TEXT 2048 /* bytes of a label, a value or a title, at most */

/* The text of n and below (scripts and styles left out) into out[SHORT_TEXT],
 * NUL-terminated; NULL when it is longer or n holds many nodes. Labels, values
 * and titles are short, and the bound keeps nested candidates from costing
 * the page's size each. */
static const char *short_text(const xmlNode *n, char *out) {
  size_t w = 0;
  int budget = 512;
  out[0] = '\0';
  for (const xmlNode *c = n->children; c;) {
    if (--budget < 0)
      return NULL;
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
      size_t k = strnlen((const char *)c->content, SHORT_TEXT - w);
      if (k >= SHORT_TEXT - w)
        return NULL;
      memcpy(out + w, c->content, k);
      out[w += k] = '\0';
    } else if (c->type == XML_ELEMENT_NODE && element_kind(c) != SKIP && c->children) {
      c = c->children;
      continue;
    }
    while (c != n && !c->next)
      c = c->parent;
    c = c == n ? NULL : c->next;
  }
  return out;
}

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

/* s[0..n) without whitespace into out (NUL-terminated, cut at cap - 1 on a
 * character boundary); *colon tells whether it ended with a colon, which is
 * left out. Returns the characters kept. */
static size_t squeeze(const char *s, size_t n, char *out, size_t cap, bool *colon) {
  size_t w = 0, count = 0;
  for (size_t i = 0; i < n;) {
    size_t at = i;
    if (is_space(next_cp(s, n, &i)))
      continue;
    if (w + (i - at) >= cap)
      break;
    memcpy(out + w, s + at, i - at);
    w += i - at;
    count++;
  }
  out[w] = '\0';
  bool c = false;
  if (w >= 3 && memcmp(out + w - 3, "\xEF\xBC\x9A", 3) == 0) /* ： */
    w -= 3, c = true;
  else if (w >= 1 && out[w - 1] == ':')
    w -= 1, c = true;
  out[w] = '\0';
  if (colon)
    *colon = c;
  return c ? count - 1 : count;
}

static int label_index(const char *squeezed) {
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
    if (strcmp(squeezed, labels[i].label) == 0)
      return (int)i;
  return -1;
}

static xmlNode *next_cell(const xmlNode *n) {
  xmlNode *next = xmlNextElementSibling((xmlNode *)n);
  return named(next, "td") || named(next, "th") || named(next, "dd") ? next : NULL;
}

/* The table (or dl) a label cell belongs to. */
static xmlNode *table_of(xmlNode *cell) {
  for (xmlNode *n = cell->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (named(n, "table") || named(n, "dl"))
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
    if (c->type == XML_ELEMENT_NODE && element_kind(c) != INLINE && element_kind(c) != SKIP &&
        element_kind(c) != BREAK)
      return false;
  return true;
}

/* Label cells ("发文机关：" followed by its value's cell), and the tables and
 * lists of known labels: the page's metadata. */
static void find_labels(page *p) {
  for (size_t i = 0; i < p->n; i++) {
    xmlNode *n = p->nodes[i];
    info *in = info_of(n);
    if (in->text == 0 || in->text > 16 || !(named(n, "td") || named(n, "th") || named(n, "dt")))
      continue;
    xmlNode *next = next_cell(n);
    if (!next)
      continue;
    char buf[SHORT_TEXT], label[64];
    const char *text = short_text(n, buf);
    bool colon = false;
    size_t count = text ? squeeze(text, strlen(text), label, sizeof label, &colon) : 0;
    int known = count >= 1 && count <= 12 ? label_index(label) : -1;
    if (count < 1 || count > 12 || (!colon && known < 0))
      continue;
    in->flags |= F_LABEL;
    xmlNode *table = known >= 0 ? table_of(n) : NULL;
    if (table && info_of(table)->labels < UINT16_MAX)
      info_of(table)->labels++;
  }
  /* lines that start with a label (<li><span>发布机构：</span>…</li>): their
   * list or block is the metadata */
  for (size_t i = 0; i < p->n; i++) {
    xmlNode *n = p->nodes[i], *line = n;
    info *in = info_of(n);
    if (in->text < 2 || in->text > 150 || !NAME_IN((const char *)n->name, line_names) ||
        named(n, "td") || named(n, "th") || named(n, "dt") || named(n, "dd"))
      continue;
    while (line && line->type == XML_ELEMENT_NODE && element_kind(line) == INLINE)
      line = line->parent;
    if (!line || !info_of(line) || (info_of(line)->flags & F_LABELLINE) || !leaf_block(line) ||
        !info_of(line->parent) || named(line, "td") || named(line, "th") || named(line, "body"))
      continue;
    char buf[SHORT_TEXT], label[64];
    const char *text = short_text(n, buf);
    size_t len = text ? strlen(text) : 0, k = 0;
    size_t colon = text ? find_colon(text, len, 0, &k) : 0;
    int known = -1;
    if (text && colon < len && colon <= 64) {
      squeeze(text, colon, label, sizeof label, NULL);
      known = label_index(label);
    }
    if (known < 0)
      continue;
    info_of(line)->flags |= F_LABELLINE;
    if (info_of(line->parent)->lines < UINT16_MAX)
      info_of(line->parent)->lines++;
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
    for (xmlNode *up = p->nodes[i]->parent; info_of(up); up = up->parent)
      info_of(up)->meta += t;
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
    UChar32 c = next_cp(s, n, &i);
    if (c == 0xFFFD) /* also a byte that is not UTF-8: left out */
      continue;
    if (is_space(c) || c < 0x20 || c == 0x7F) {
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
  size_t count = squeeze(s + j, colon - j, label, sizeof label, NULL);
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
    size_t count = squeeze(s + pos, colon - pos, label, sizeof label, NULL);
    size_t from = colon + k, end = n, next = n;
    for (size_t i = from; i < n;) {
      size_t at = i;
      if (!is_space(next_cp(s, n, &i)))
        continue;
      size_t j = i;
      while (j < n) {
        size_t b = j;
        if (!is_space(next_cp(s, n, &j))) {
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
static void read_props(page *p, zs_doc_props *props, const char *title_text) {
  for (size_t i = 0; i < p->n; i++) {
    xmlNode *n = p->nodes[i];
    if (!(flags_of(n) & F_LABEL) || (p->main && inside(n, p->main)))
      continue;
    char buf[SHORT_TEXT], label[64];
    const char *text = short_text(n, buf);
    size_t count = text ? squeeze(text, strlen(text), label, sizeof label, NULL) : 0;
    int known = count ? label_index(label) : -1;
    xmlNode *value = next_cell(n);
    if (known < 0 || labels[known].field == NONE || !value)
      continue;
    if ((text = short_text(value, buf)))
      fill(props, labels[known].field, text, strlen(text));
  }
  /* single lines first, then blocks of them */
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < p->n; i++) {
      xmlNode *n = p->nodes[i];
      info *in = info_of(n);
      if (in->text < 3 || in->text > 150 || (in->flags & F_LABEL) ||
          !NAME_IN((const char *)n->name, line_names) || (p->main && inside(n, p->main)) ||
          leaf_block(n) == (pass == 1))
        continue;
      char buf[SHORT_TEXT];
      const char *text = short_text(n, buf);
      if (text)
        read_label_line(props, text, strlen(text));
    }
  static const char *const title_metas[] = {"articletitle", "dc.title",      "dcterms.title",
                                            "og:title",     "twitter:title", "title"};
  for (size_t t = 0; t < sizeof title_metas / sizeof title_metas[0] && !props->title[0]; t++)
    for (size_t i = 0; i < p->n && !props->title[0]; i++) {
      xmlNode *n = p->nodes[i];
      const char *name = named(n, "meta") ? attr(n, "name") : NULL;
      if (!name && named(n, "meta"))
        name = attr(n, "property");
      const char *content = name ? attr(n, "content") : NULL;
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
    UChar32 c = next_cp(s, n, &i);
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
static void strip_site_name(char *s) {
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
    size_t site = visible(s + cut + sep_len, n - cut - sep_len);
    if (cut == 0 || visible(s, cut) == 0 || site == 0 || site > 30 || unbalanced(s, cut))
      return;
    while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == '\t'))
      cut--;
    s[cut] = '\0';
  }
}

/* ---- what is not content ------------------------------------------------- */

/* The dominant content container: from <body> down into the child with most
 * of the text while no other child holds running text, as long as that child
 * keeps 60% of the text (text the tag and class rules drop does not count).
 * NULL when there is none, or it is <body>, or it holds under half the page. */
static xmlNode *find_main(page *p) {
  xmlNode *x = p->body;
  if (!x)
    return NULL;
  static const char *const containers[] = {"div",     "td",    "th",     "table",     "tbody",
                                           "thead",   "tfoot", "tr",     "article",   "main",
                                           "section", "form",  "center", "blockquote"};
  uint32_t total = kept_text(info_of(x));
  for (;;) {
    xmlNode *best = NULL;
    uint32_t best_text = 0;
    for (xmlNode *c = x->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE && element_kind(c) != SKIP &&
          kept_text(info_of(c)) > best_text) {
        best = c;
        best_text = kept_text(info_of(c));
      }
    if (!best || !NAME_IN((const char *)best->name, containers))
      break;
    const info *xi = info_of(x), *bi = info_of(best);
    if (kept_paras(bi) == 0 || kept_paras(xi) != kept_paras(bi) ||
        (uint64_t)best_text * 10 < (uint64_t)kept_text(xi) * 6)
      break;
    x = best;
  }
  const info *m = info_of(x);
  if (x == p->body || kept_paras(m) == 0 || kept_text(m) < MAIN_MIN ||
      (uint64_t)kept_text(m) * 2 < total)
    return NULL;
  return x;
}

typedef enum tok { TOK_NONE, TOK_STRONG, TOK_WEAK, TOK_CONTENT } tok;

/* What a word of a class or id says about the element. */
static tok token_kind(const char *t, size_t n) {
  /* anywhere in the word (bdsharebuttonbox, topmenu, footer-copyright) */
  static const char *const anywhere[] = {"menu",    "breadcrumb", "crumb",      "copyright",
                                         "sidebar", "toolbar",    "banner",     "pagination",
                                         "qrcode",  "erweima",    "sitemap",    "jiathis",
                                         "share",   "recommend",  "friendlink", "navbar"};
  /* at either end (mainnav, navlist), at the start (searchbox, not research) */
  static const char *const ends[] = {"nav", "topbar"};
  static const char *const starts[] = {"related", "comment", "login", "search", "pager"};
  static const char *const exact[] = {"qr",    "ewm",      "ad",       "ads",    "advert",
                                      "tools", "tool",     "links",    "yqlj",
                                      "dqwz",  "position", "location", "weizhi", "crumbs",
                                      "fenye", "gotop",    "backtop",  "social", "navigation"};
  /* a header or footer may be an article's own: weak words */
  static const char *const weak_ends[] = {"header", "footer"};
  static const char *const weak[] = {"head", "foot", "top", "bottom", "side", "aside", "copy"};
  static const char *const content[] = {"content", "article", "text",  "txt", "detail", "post",
                                        "entry",   "zoom",    "title", "con", "cont",   "zw"};
  char w[48];
  if (n == 0 || n >= sizeof w)
    return TOK_NONE;
  memcpy(w, t, n);
  w[n] = '\0';
  if (NAME_IN(w, content))
    return TOK_CONTENT;
  if (NAME_IN(w, exact))
    return TOK_STRONG;
  if (NAME_IN(w, weak))
    return TOK_WEAK;
  for (size_t i = 0; i < sizeof anywhere / sizeof anywhere[0]; i++)
    if (strstr(w, anywhere[i]))
      return TOK_STRONG;
  for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
    if (starts_with(w, n, starts[i]))
      return TOK_STRONG;
  for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
    size_t k = strlen(ends[i]);
    if (n >= k && (memcmp(w, ends[i], k) == 0 || memcmp(w + n - k, ends[i], k) == 0))
      return TOK_STRONG;
  }
  for (size_t i = 0; i < sizeof weak_ends / sizeof weak_ends[0]; i++) {
    size_t k = strlen(weak_ends[i]);
    if (n >= k && (memcmp(w, weak_ends[i], k) == 0 || memcmp(w + n - k, weak_ends[i], k) == 0))
      return TOK_WEAK;
  }
  return TOK_NONE;
}

/* What a class or id attribute says: split into words at punctuation and at
 * camelCase, lowercased, trailing digits dropped. A header/footer word after
 * a content word ("content-header-text") is the article's own: no verdict. */
static tok attr_kind(const char *v) {
  bool content_seen = false, weak = false;
  size_t n = strlen(v);
  for (size_t i = 0; i < n;) {
    while (i < n && !((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z')))
      i++;
    char t[48];
    size_t k = 0;
    while (i < n && ((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
                     (v[i] >= '0' && v[i] <= '9'))) {
      /* a capital after a small letter starts a word (mainNav) */
      if (k > 0 && v[i] >= 'A' && v[i] <= 'Z' && t[k - 1] >= 'a' && t[k - 1] <= 'z')
        break;
      if (k < sizeof t)
        t[k++] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] - 'A' + 'a' : v[i]);
      i++;
    }
    while (k > 0 && t[k - 1] >= '0' && t[k - 1] <= '9')
      k--;
    switch (k < sizeof t ? token_kind(t, k) : TOK_NONE) {
    case TOK_STRONG: return TOK_STRONG;
    case TOK_WEAK: weak = weak || !content_seen; break;
    case TOK_CONTENT: content_seen = true; break;
    default: break;
    }
  }
  return weak ? TOK_WEAK : TOK_NONE;
}

static bool has_ancestor(const xmlNode *n, const char *a, const char *b) {
  for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (named(n, a) || named(n, b))
      return true;
  return false;
}

/* Hidden by its attributes (style="display:none", hidden). */
static bool hidden(const xmlNode *n) {
  if (attr(n, "hidden"))
    return true;
  const char *style = attr(n, "style");
  if (!style)
    return false;
  char s[256];
  size_t w = 0;
  for (size_t i = 0; style[i] && w + 1 < sizeof s; i++)
    if (style[i] != ' ' && style[i] != '\t')
      s[w++] = (char)(style[i] >= 'A' && style[i] <= 'Z' ? style[i] - 'A' + 'a' : style[i]);
  s[w] = '\0';
  return strstr(s, "display:none") || strstr(s, "visibility:hidden");
}

/* 1 when n is not content by its tag, role, class or id; 2 when only by its
 * links (a menu, a list of related links); 0 when it may be content. */
static int drop_rule(const page *p, const xmlNode *n) {
  const info *in = info_of(n);
  bool titled = in->flags & F_HASTITLE;
  if (named(n, "html") || named(n, "body"))
    return 0;
  if (named(n, "nav") || named(n, "aside") || named(n, "menu") || named(n, "dialog") || hidden(n))
    return 1;
  if ((named(n, "header") || named(n, "footer")) && !titled &&
      !has_ancestor(n, "article", "main") && !(p->main && inside(n, p->main)))
    return 1;
  if (named(n, "form") && in->paras == 0 && own_text(in) <= 200)
    return 1; /* a search box; a page-wide ASP.NET <form> holds running text */
  static const char *const roles[] = {"navigation", "banner", "contentinfo", "complementary",
                                      "search",     "menu",   "menubar",     "toolbar",
                                      "dialog",     "tablist"};
  const char *role = attr(n, "role");
  if (role && NAME_IN(role, roles) && !(titled && strcasecmp(role, "banner") == 0))
    return 1;
  /* a mislabelled container of running text stays */
  bool content = in->paras >= 3 && own_text(in) >= 300;
  if (!content && !named(n, "main") && !named(n, "article")) {
    const char *cls = attr(n, "class"), *id = attr(n, "id");
    tok a = cls ? attr_kind(cls) : TOK_NONE, b = id ? attr_kind(id) : TOK_NONE;
    if (a == TOK_STRONG || b == TOK_STRONG || ((a == TOK_WEAK || b == TOK_WEAK) && !titled))
      return 1;
  }
  /* mostly link text, little per link: a menu or a list of links */
  kind k = element_kind(n);
  if ((k == BLOCK || k == CELL) && in->links >= 3 &&
      (uint64_t)in->link * 10 >= (uint64_t)in->text * 4 && in->text - in->link <= 15 * in->links)
    return 2;
  return 0;
}

static int mark_enter(void *ctx, xmlNode *n, bool *descend) {
  const page *p = ctx;
  info *in = info_of(n);
  *descend = false;
  if (!in || element_kind(n) == SKIP || (in->flags & F_META))
    return ZS_OK;
  *descend = true;
  if (in->flags & F_PROT)
    return ZS_OK;
  int rule = drop_rule(p, n);
  if (rule == 1) {
    in->flags |= F_DROP1;
    *descend = false; /* dropped at every level of filtering */
  } else if (rule == 2) {
    in->flags |= F_DROP2; /* the rules of tags and classes still apply inside */
  }
  return ZS_OK;
}

static bool dropped(const xmlNode *n, uint16_t mask) {
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (flags_of(n) & mask)
      return true;
  return false;
}

/* Headings and blocks that say the page's title (the <title> within them or
 * they within it, at least half of it). */
static void find_title_headings(page *p) {
  if (!p->title || !p->title[0])
    return;
  size_t tlen = strlen(p->title);
  for (size_t i = 0; i < p->n; i++) {
    xmlNode *n = p->nodes[i];
    if (element_kind(n) == INLINE || element_kind(n) == SKIP || element_kind(n) == BREAK ||
        p->infos[i].text == 0 || p->infos[i].text > 300)
      continue;
    char buf[SHORT_TEXT], h[SHORT_TEXT];
    const char *text = short_text(n, buf);
    if (!text)
      continue;
    size_t hc = squeeze(text, strlen(text), h, sizeof h, NULL);
    size_t hlen = strlen(h), tc = visible(p->title, tlen);
    bool same = hc > 0 && ((hlen <= tlen && memmem(p->title, tlen, h, hlen) && hc * 2 >= tc) ||
                           (hlen > tlen && memmem(h, hlen, p->title, tlen) && tc * 2 >= hc));
    if (same) {
      p->infos[i].flags |= F_TITLEH;
      flag_ancestors(n, F_HASTITLE);
    }
  }
}

/* Marks what is not content, and what is kept beside the main container. */
static int mark_page(page *p) {
  /* first without protection, to see what text the tag and class rules leave */
  int rc = traverse(p->root, mark_enter, no_leave, p);
  if (rc)
    return rc;
  for (size_t i = p->n; i-- > 0;) {
    info *in = &p->infos[i], *up = info_of(p->nodes[i]->parent);
    if (in->flags & (F_DROP1 | F_DROP2)) {
      in->gone = own_text(in);
      in->gone_paras = in->paras;
    }
    if (up) {
      up->gone += in->gone;
      up->gone_paras += in->gone_paras;
    }
  }
  p->main = find_main(p);
  for (size_t i = 0; i < p->n; i++) {
    p->infos[i].flags &= (uint16_t) ~(F_DROP1 | F_DROP2);
    if (p->infos[i].flags & F_META) {
      p->infos[i].flags |= F_PROT;
      flag_ancestors(p->nodes[i], F_PROT | F_PATH);
    }
  }
  if (p->main) {
    info_of(p->main)->flags |= F_MAIN | F_PROT;
    flag_ancestors(p->main, F_PROT | F_PATH);
  }
  rc = traverse(p->root, mark_enter, no_leave, p);
  if (rc || !p->main)
    return rc;
  /* the article's title: the last heading before the container, and what
   * says the page's title */
  bool last = false;
  for (size_t i = info_of(p->main)->order; i-- > 0;) {
    xmlNode *n = p->nodes[i];
    bool heading = is_heading_name((const char *)n->name) && !last;
    if ((!heading && !(p->infos[i].flags & F_TITLEH)) || p->infos[i].text == 0 ||
        inside(p->main, n) || dropped(n, F_DROP1 | F_DROP2))
      continue;
    last = last || heading;
    p->infos[i].flags |= F_KEEP;
    flag_ancestors(n, F_PATH);
  }
  return ZS_OK;
}

/* ---- boilerplate lines --------------------------------------------------- */

static bool contains_ci(const char *s, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= n; i++)
    if (strncasecmp(s + i, needle, k) == 0)
      return true;
  return false;
}

/* needle in s followed within a few bytes by a digit (京ICP备05070218号). */
static bool marker_number(const char *s, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (const char *at = memmem(s, n, needle, k); at;
       at = memmem(at + 1, n - (size_t)(at + 1 - s), needle, k)) {
    const char *p = at + k;
    for (int i = 0; i < 8 && p + i < s + n; i++)
      if (p[i] >= '0' && p[i] <= '9')
        return true;
  }
  return false;
}

/* A footer's line: 版权所有 (not 版权所有人), Copyright ©, ICP and police
 * filing numbers, 网站标识码. */
static bool footer_marker(const char *s, size_t n) {
  if (contains(s, n, "\xC2\xA9") || contains(s, n, "网站标识码") || marker_number(s, n, "ICP备") ||
      marker_number(s, n, "ICP证") || marker_number(s, n, "公网安备") ||
      contains_ci(s, n, "all rights reserved"))
    return true;
  for (const char *at = memmem(s, n, "版权所有", 12); at;
       at = memmem(at + 1, n - (size_t)(at + 1 - s), "版权所有", 12)) {
    size_t i = (size_t)(at + 12 - s);
    if (i >= n || !is_ideograph(next_cp(s, n, &i)))
      return true;
  }
  for (size_t i = 0; i + 9 <= n; i++)
    if (strncasecmp(s + i, "copyright", 9) == 0) {
      size_t j = i + 9;
      while (j < n && s[j] == ' ')
        j++;
      if (j < n && (s[j] == '(' || (s[j] >= '0' && s[j] <= '9') || s[j] == '\xC2'))
        return true;
    }
  return false;
}

/* The words of a site's footer bar, in pairs (网站地图 | 联系我们). */
static bool footer_words(const char *s, size_t n) {
  static const char *const site[] = {"网站地图", "站点地图", "联系我们", "关于我们", "设为首页",
                                     "加入收藏", "网站声明", "免责声明", "隐私政策", "隐私声明",
                                     "法律声明", "使用帮助", "网站纠错", "网站导航"};
  static const char *const org[] = {"主办单位", "承办单位", "技术支持", "主办：",
                                    "承办：",   "网站维护", "运维单位", "维护单位"};
  int sites = 0, orgs = 0;
  for (size_t i = 0; i < sizeof site / sizeof site[0]; i++)
    sites += contains(s, n, site[i]);
  for (size_t i = 0; i < sizeof org / sizeof org[0]; i++)
    orgs += contains(s, n, org[i]);
  bool support = contains(s, n, "技术支持") || contains(s, n, "维护");
  return sites >= 2 || (sites && orgs) || (orgs >= 2 && support) ||
         (contains(s, n, "分辨率") && contains(s, n, "浏览"));
}

/* Buttons, share bars, QR codes, page counters, "previous/next article". */
static bool ui_line(const char *s, size_t n, uint32_t chars) {
  static const char *const phrases[] = {
      "扫一扫",   "打印本页",   "关闭窗口",   "保存本页", "打印此页", "关闭本页", "打印文章",
      "关闭此页", "分享到",     "【打印】",   "【关闭】", "【字体",   "【字号",   "返回顶部",
      "收藏本页", "加入收藏",   "设为首页",   "阅读次数", "浏览次数", "点击数",   "访问量",
      "手机扫码", "扫描二维码", "在手机打开", "打印正文", "关闭页面"};
  static const char *const starts[] = {"上一篇", "下一篇", "上一条", "下一条"};
  /* 字号 alone, not in 发文字号 */
  static const char *const font[] = {"字体：", "字体:", "字号：", "字号:"};
  if (chars <= 24) {
    for (size_t i = 0; i < sizeof font / sizeof font[0]; i++)
      if (starts_with(s, n, font[i]))
        return true;
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
      if (contains(s, n, phrases[i]))
        return true;
    if (contains(s, n, "打印") && contains(s, n, "关闭"))
      return true;
  }
  if (chars <= 80)
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
      if (starts_with(s, n, starts[i]))
        return true;
  return false;
}

/* 当前位置：首页 > 协会动态 > 正文 */
static bool breadcrumb(const char *s, size_t n) {
  static const char *const starts[] = {"当前位置",     "您的位置",     "您现在的位置",
                                       "您当前的位置", "所在位置",     "当前的位置",
                                       "你的位置",     "你现在的位置", "现在的位置"};
  for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
    if (starts_with(s, n, starts[i]))
      return true;
  if (!starts_with(s, n, "首页"))
    return false;
  size_t i = 6;
  while (i < n && s[i] == ' ')
    i++;
  static const char *const arrows[] = {">",
                                       "\xC2\xBB" /* » */,
                                       "\xE2\x80\xBA" /* › */,
                                       "\xEF\xBC\x9E" /* ＞ */,
                                       "\xE2\x86\x92" /* → */,
                                       "/",
                                       "\xE3\x80\x8B" /* 》 */,
                                       "-"};
  for (size_t a = 0; a < sizeof arrows / sizeof arrows[0]; a++)
    if (starts_with(s + i, n - i, arrows[a]))
      return true;
  return false;
}

/* Whether a line of output is only page furniture. */
static bool boilerplate_line(const char *s, size_t n) {
  while (n > 0 && (*s == '#' || *s == ' ')) /* a heading's marks */
    s++, n--;
  if (n > 2400) /* flow text: over 200 characters whatever they are */
    return false;
  uint32_t chars = visible(s, n);
  if (chars == 0)
    return false;
  return (chars <= 200 && footer_marker(s, n)) || ui_line(s, n, chars) ||
         (chars <= 80 && breadcrumb(s, n)) || (chars <= 150 && footer_words(s, n));
}

/* ---- the text ------------------------------------------------------------ */

typedef struct walker {
  zs_textbuf *b;
  int level;            /* 2: every filter; 1: tags, classes and lines only; 0: none */
  bool prune;           /* keep only the main container, metadata and title headings */
  const xmlNode *kept;  /* the kept element the walk is inside, when pruning */
  const xmlNode *join;  /* the cell whose text goes on the current line (a label's value) */
  int pre;              /* depth of <pre> elements around the current node */
  const xmlChar *title; /* the <title>'s text, or NULL */
  bool h1_seen;         /* the first h1 has been met */
} walker;

/* Whether a and b are the same text when whitespace is ignored. */
static bool same_text(const xmlChar *a, const xmlChar *b) {
  for (;;) {
    while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')
      a++;
    while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
      b++;
    if (*a != *b)
      return false;
    if (!*a)
      return true;
    a++;
    b++;
  }
}

/* The first h1 often repeats the <title>: one "# " line is enough. */
static bool repeats_title(walker *w, xmlNode *n) {
  if (w->h1_seen || strcasecmp((const char *)n->name, "h1") != 0)
    return false;
  w->h1_seen = true;
  if (!w->title)
    return false;
  xmlChar *text = xmlNodeGetContent(n);
  bool same = text && same_text(text, w->title);
  xmlFree(text);
  return same;
}

/* Ends the current line; when filtering, a line of page furniture is taken
 * back first (the line is left empty, so line numbers stay those of the source). */
static int end_line(walker *w) {
  zs_textbuf *b = w->b;
  if (w->level >= 1 && b->written) {
    const char *nl = memrchr(b->s, '\n', b->len);
    size_t start = nl ? (size_t)(nl - b->s) + 1 : 0;
    if (boilerplate_line(b->s + start, b->len - start)) {
      b->len = start;
      b->s[start] = '\0';
      b->written = false;
      b->gap = false;
      b->heading = 0;
    }
  }
  return zs_textbuf_endline(b);
}

/* Ends the line before a block element, and moves to the element's line of
 * the HTML source where it can, so that a hit's line number is the line to
 * look at in the file (text nodes carry the line where they end). */
static int block_start(walker *w, xmlNode *n) {
  int rc = end_line(w);
  long line = xmlGetLineNo(n);
  if (rc == ZS_OK && line > 0)
    rc = zs_textbuf_goto_line(w->b, (uint32_t)line);
  return rc;
}

/* Whether the walk leaves n out at this level of filtering. */
static bool left_out(const walker *w, const xmlNode *n) {
  uint16_t f = flags_of(n);
  if ((w->level >= 1 && (f & F_DROP1)) || (w->level >= 2 && (f & F_DROP2)))
    return true;
  return w->prune && !w->kept && (flags_of(n->parent) & F_PATH) &&
         !(f & (F_PATH | F_MAIN | F_META | F_KEEP));
}

/* On entering node n; *descend tells whether to walk its children. */
static int enter(void *ctx, xmlNode *n, bool *descend) {
  walker *w = ctx;
  *descend = false;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    const char *s = (const char *)n->content;
    if (!s || (w->prune && !w->kept && (flags_of(n->parent) & F_PATH)))
      return ZS_OK;
    return w->pre ? zs_textbuf_raw(w->b, s, strlen(s)) : zs_textbuf_flow(w->b, s, strlen(s));
  }
  if (n->type != XML_ELEMENT_NODE)
    return ZS_OK;
  kind k = element_kind(n);
  if (k == SKIP || left_out(w, n))
    return ZS_OK;
  *descend = true;
  if (w->prune && !w->kept && (flags_of(n) & (F_MAIN | F_META | F_KEEP)))
    w->kept = n;
  if (n == w->join) { /* a label's value: on the label's line */
    w->join = NULL;
    return zs_textbuf_flow(w->b, " ", 1);
  }
  switch (k) {
  case HEADING: {
    if (repeats_title(w, n)) {
      *descend = false;
      return ZS_OK;
    }
    int rc = block_start(w, n);
    return rc ? rc : zs_textbuf_heading(w->b, n->name[1] - '0');
  }
  case PRE: w->pre++; return block_start(w, n);
  case BREAK:
  case CELL:
  case BLOCK: return block_start(w, n);
  default: return ZS_OK;
  }
}

static int leave(void *ctx, xmlNode *n) {
  walker *w = ctx;
  if (n->type != XML_ELEMENT_NODE)
    return ZS_OK;
  if (n == w->kept)
    w->kept = NULL;
  if (flags_of(n) & F_LABEL) {
    w->join = next_cell(n);
    return ZS_OK;
  }
  switch (element_kind(n)) {
  case PRE: w->pre--; return end_line(w);
  case HEADING:
  case CELL:
  case BLOCK: return end_line(w);
  default: return ZS_OK;
  }
}

/* The first <title> element in document order (in <head>, which walk skips). */
static xmlNode *find_title(const page *p) {
  for (size_t i = 0; i < p->n; i++)
    if (named(p->nodes[i], "title"))
      return p->nodes[i];
  return NULL;
}

static int emit_title(walker *w, xmlNode *title) {
  xmlChar *s = xmlNodeGetContent(title);
  long line = xmlGetLineNo(title);
  int rc = zs_textbuf_heading(w->b, 1);
  if (rc == ZS_OK && line > 0)
    rc = zs_textbuf_goto_line(w->b, (uint32_t)line);
  if (rc == ZS_OK && s)
    rc = zs_textbuf_flow(w->b, (const char *)s, strlen((const char *)s));
  if (rc == ZS_OK)
    rc = zs_textbuf_endline(w->b);
  w->title = w->b->len ? s : NULL;
  if (!w->title)
    xmlFree(s);
  return rc;
}

/* The page's text at one level of filtering into b; *kept gets the visible
 * characters below the title line. */
static int write_text(page *p, xmlDocPtr doc, int level, zs_textbuf *b, uint32_t *kept) {
  walker w = {.b = b, .level = level, .prune = level >= 2 && p->main};
  xmlNode *title = find_title(p);
  int rc = title ? emit_title(&w, title) : ZS_OK;
  size_t body = b->len;
  /* from the document node, so that the root element is entered and left too */
  if (rc == ZS_OK)
    rc = traverse((xmlNode *)doc, enter, leave, &w);
  if (rc == ZS_OK)
    rc = end_line(&w);
  *kept = b->s ? visible(b->s + body, b->len - body) : 0;
  xmlFree((xmlChar *)w.title);
  return rc;
}

/* A filter that leaves nothing or almost nothing of the page went wrong (a
 * page that is only links is still that page's text). */
static bool almost_nothing(uint32_t kept, uint32_t total) {
  return kept < total && (kept < 10 || (uint64_t)kept * 20 < total);
}

int zs_format_read_html(const char *bytes, size_t len, zs_extracted *out) {
  if (len > ZS_FORMAT_MAX_HTML)
    return zs_error_set(ZS_ETOOBIG, "HTML file is larger than %u MB", ZS_FORMAT_MAX_HTML >> 20);
  zs_format_xml_init();
  htmlDocPtr doc = NULL;
  int rc = parse_html(bytes, len, &doc);
  if (rc)
    return rc;
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!root) {
    xmlFreeDoc(doc);
    return zs_error_set(ZS_EEMPTY, "no text in the HTML file");
  }
  page p = {.root = root};
  rc = measure_page(&p, doc);
  xmlChar *title_text = NULL;
  if (rc == ZS_OK) {
    xmlNode *title = find_title(&p);
    title_text = title ? xmlNodeGetContent(title) : NULL;
    if (title_text) {
      char squeezed[1024];
      strip_site_name((char *)title_text);
      squeeze((const char *)title_text, strlen((const char *)title_text), squeezed, sizeof squeezed,
              NULL);
      p.title = strdup(squeezed);
    }
    find_labels(&p);
    find_title_headings(&p);
    rc = mark_page(&p);
  }
  zs_doc_props props = {0};
  if (rc == ZS_OK)
    read_props(&p, &props, (const char *)title_text);
  uint32_t total = info_of(root) ? info_of(root)->text : 0;
  for (int level = 2; rc == ZS_OK && level >= 0; level--) {
    zs_textbuf b;
    zs_textbuf_init(&b);
    uint32_t kept = 0;
    rc = write_text(&p, doc, level, &b, &kept);
    if (rc == ZS_OK && (level == 0 || !almost_nothing(kept, total))) {
      out->props = props; /* zs_textbuf_finish sets only the text and pages */
      rc = zs_textbuf_finish(&b, out, "HTML file");
      zs_textbuf_free(&b);
      break;
    }
    zs_textbuf_free(&b);
  }
  xmlFree(title_text);
  free(p.title);
  free(p.infos);
  free(p.nodes);
  xmlFreeDoc(doc);
  return rc;
}
