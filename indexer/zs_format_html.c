/* zs_format_html: HTML through libxml2's forgiving parser: the <title> as a
 * "# " line, h1–h6 as markdown headings, block elements as lines. */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucnv.h>
#include <unicode/utypes.h>

#include "zs_error.h"
#include "zs_format_int.h"

typedef enum kind { INLINE, SKIP, BLOCK, HEADING, BREAK, CELL, PRE } kind;

/* Elements that end a line around them or are not text at all; the rest are inline. */
static kind element_kind(const xmlNode *n) {
  static const char *const skip[] = {"head",     "script", "style",  "noscript",
                                     "template", "iframe", "object", "svg",
                                     "math",     "select", "button", "textarea"};
  static const char *const block[] = {
      "p",      "div",        "li",      "ul",         "ol",      "dl",     "dt",   "dd",
      "table",  "tr",         "section", "article",    "header",  "footer", "nav",  "aside",
      "main",   "blockquote", "figure",  "figcaption", "address", "hr",     "form", "fieldset",
      "center", "caption",    "tbody",   "thead",      "tfoot",   "body",   "html", "legend"};
  const char *name = (const char *)n->name;
  if (!name)
    return INLINE;
  if ((name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && !name[2])
    return HEADING;
  if (strcasecmp(name, "br") == 0)
    return BREAK;
  if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0)
    return CELL;
  if (strcasecmp(name, "pre") == 0 || strcasecmp(name, "listing") == 0)
    return PRE;
  for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
    if (strcasecmp(name, skip[i]) == 0)
      return SKIP;
  for (size_t i = 0; i < sizeof block / sizeof block[0]; i++)
    if (strcasecmp(name, block[i]) == 0)
      return BLOCK;
  return INLINE;
}

typedef struct walker {
  zs_textbuf *b;
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

/* Ends the line before a block element, and moves to the element's line of
 * the HTML source where it can, so that a hit's line number is the line to
 * look at in the file (text nodes carry the line where they end). */
static int block_start(walker *w, xmlNode *n) {
  int rc = zs_textbuf_endline(w->b);
  long line = xmlGetLineNo(n);
  if (rc == ZS_OK && line > 0)
    rc = zs_textbuf_goto_line(w->b, (uint32_t)line);
  return rc;
}

/* On entering element n; *descend tells whether to walk its children. */
static int enter(walker *w, xmlNode *n, bool *descend) {
  *descend = true;
  switch (element_kind(n)) {
  case SKIP: *descend = false; return ZS_OK;
  case HEADING: {
    if (repeats_title(w, n)) {
      *descend = false;
      return ZS_OK;
    }
    int rc = block_start(w, n);
    return rc ? rc : zs_textbuf_heading(w->b, n->name[1] - '0');
  }
  case CELL: return zs_textbuf_flow(w->b, " ", 1);
  case PRE: w->pre++; return block_start(w, n);
  case BREAK:
  case BLOCK: return block_start(w, n);
  default: return ZS_OK;
  }
}

static int leave(walker *w, xmlNode *n) {
  if (n->type != XML_ELEMENT_NODE)
    return ZS_OK;
  switch (element_kind(n)) {
  case PRE: w->pre--; return zs_textbuf_endline(w->b);
  case HEADING:
  case BLOCK: return zs_textbuf_endline(w->b);
  default: return ZS_OK;
  }
}

static int text(walker *w, xmlNode *n) {
  const char *s = (const char *)n->content;
  if (!s)
    return ZS_OK;
  return w->pre ? zs_textbuf_raw(w->b, s, strlen(s)) : zs_textbuf_flow(w->b, s, strlen(s));
}

/* Depth-first, without recursion: a hostile page may nest elements deeply. */
static int walk(walker *w, xmlNode *root) {
  int rc = ZS_OK;
  xmlNode *n = root->children;
  while (n && rc == ZS_OK) {
    bool descend = false;
    if (n->type == XML_ELEMENT_NODE)
      rc = enter(w, n, &descend);
    else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
      rc = text(w, n);
    if (rc == ZS_OK && descend && n->children) {
      n = n->children;
      continue;
    }
    if (rc == ZS_OK)
      rc = leave(w, n);
    while (rc == ZS_OK && n && !n->next) {
      n = n->parent;
      if (n == root)
        n = NULL;
      else if (n)
        rc = leave(w, n);
    }
    if (n)
      n = n->next;
  }
  return rc;
}

/* The first <title> element in document order (in <head>, which walk skips). */
static xmlNode *find_title(xmlNode *root) {
  for (xmlNode *n = root; n;) {
    if (n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, "title") == 0)
      return n;
    if (n->type == XML_ELEMENT_NODE && n->children) {
      n = n->children;
      continue;
    }
    while (n && !n->next)
      n = n->parent == (xmlNode *)root->doc ? NULL : n->parent;
    if (n)
      n = n->next;
  }
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
  *doc = len > INT_MAX ? NULL
                       : htmlReadMemory(bytes, (int)len, NULL, encoding,
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  free(utf8);
  return ZS_OK;
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
  zs_textbuf b;
  zs_textbuf_init(&b);
  walker w = {.b = &b};
  xmlNode *title = find_title(root);
  rc = title ? emit_title(&w, title) : ZS_OK;
  /* from the document node, so that the root element is entered and left too */
  if (rc == ZS_OK)
    rc = walk(&w, (xmlNode *)doc);
  if (rc == ZS_OK)
    rc = zs_textbuf_finish(&b, out, "HTML file");
  xmlFree((xmlChar *)w.title);
  zs_textbuf_free(&b);
  xmlFreeDoc(doc);
  return rc;
}
