/* zs_format_html: the HTML reader: the page parsed by libxml2's forgiving parser,
 * then walked into text at the strictest filtering that leaves the page its text. */
#define _GNU_SOURCE /* memrchr */
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
#include <unicode/utypes.h>

#include "zs_error.h"
#include "zs_format_int.h"
#include "zs_html_int.h"
#include "zs_i18n.h"
#include "zs_utf8.h"

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
  if (s->mute || (name && zs_html_skip_name((const char *)name)))
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
  if (zs_utf8_valid_prefix(bytes, len) == len)
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
    return zs_error_set(ZS_EICU, _("cannot read the HTML file as GBK: %s"), u_errorName(e));
  if (!(*out = malloc((size_t)need + 1)))
    return zs_error_set(ZS_ENOMEM, _("out of memory converting the HTML file from GBK"));
  e = U_ZERO_ERROR;
  *out_len = ucnv_convert("UTF-8", "GB18030", *out, need + 1, bytes, (int32_t)len, &e);
  if (U_FAILURE(e)) {
    free(*out);
    *out = NULL;
    return zs_error_set(ZS_EICU, _("cannot read the HTML file as GBK: %s"), u_errorName(e));
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
    if (zs_html_boilerplate_line(b->s + start, b->len - start)) {
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
  uint16_t f = zs_html_flags_of(n);
  if ((w->level >= 1 && (f & F_DROP1)) || (w->level >= 2 && (f & F_DROP2)))
    return true;
  return w->prune && !w->kept && (zs_html_flags_of(n->parent) & F_PATH) &&
         !(f & (F_PATH | F_MAIN | F_META | F_KEEP));
}

/* On entering node n; *descend tells whether to walk its children. */
static int enter(void *ctx, xmlNode *n, bool *descend) {
  walker *w = ctx;
  *descend = false;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    const char *s = (const char *)n->content;
    if (!s || (w->prune && !w->kept && (zs_html_flags_of(n->parent) & F_PATH)))
      return ZS_OK;
    return w->pre ? zs_textbuf_raw(w->b, s, strlen(s)) : zs_textbuf_flow(w->b, s, strlen(s));
  }
  if (n->type != XML_ELEMENT_NODE)
    return ZS_OK;
  kind k = zs_html_element_kind(n);
  if (k == SKIP || left_out(w, n))
    return ZS_OK;
  *descend = true;
  if (w->prune && !w->kept && (zs_html_flags_of(n) & (F_MAIN | F_META | F_KEEP)))
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
  if (zs_html_flags_of(n) & F_LABEL) {
    w->join = zs_html_next_cell(n);
    return ZS_OK;
  }
  switch (zs_html_element_kind(n)) {
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
    if (zs_html_named(p->nodes[i], "title"))
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
    rc = zs_html_traverse((xmlNode *)doc, enter, leave, &w);
  if (rc == ZS_OK)
    rc = end_line(&w);
  *kept = b->s ? zs_html_visible(b->s + body, b->len - body) : 0;
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
    return zs_error_set(ZS_ETOOBIG, _("HTML file is larger than %u MB"), ZS_FORMAT_MAX_HTML >> 20);
  zs_format_xml_init();
  htmlDocPtr doc = NULL;
  int rc = parse_html(bytes, len, &doc);
  if (rc)
    return rc;
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (!root) {
    xmlFreeDoc(doc);
    return zs_error_set(ZS_EEMPTY, _("no text in the HTML file"));
  }
  page p = {.root = root};
  rc = zs_html_measure_page(&p, doc);
  xmlChar *title_text = NULL;
  if (rc == ZS_OK) {
    xmlNode *title = find_title(&p);
    title_text = title ? xmlNodeGetContent(title) : NULL;
    if (title_text) {
      char squeezed[1024];
      zs_html_strip_site_name((char *)title_text);
      zs_html_squeeze((const char *)title_text, strlen((const char *)title_text), squeezed,
                      sizeof squeezed, NULL);
      p.title = strdup(squeezed);
    }
    zs_html_find_labels(&p);
    zs_html_find_title_headings(&p);
    rc = zs_html_mark_page(&p);
  }
  zs_doc_props props = {0};
  if (rc == ZS_OK)
    zs_html_read_props(&p, &props, (const char *)title_text);
  uint32_t total = zs_html_info_of(root) ? zs_html_info_of(root)->text : 0;
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
