/* zs_format_docx: DOCX (a zip of XML) through libzip and libxml2's streaming
 * reader, so memory stays bounded whatever word/document.xml holds. */
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "zs_error.h"
#include "zs_format_int.h"
#include "zs_grow.h"
#include "zs_i18n.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define MAX_STYLES 4096

/* A paragraph style and its markdown heading level (0: not a heading). */
typedef struct style {
  char *id;
  char *based_on; /* the style it inherits from, or NULL */
  int level;
} style;

typedef struct styles {
  style *v;
  size_t n, cap;
} styles;

/* ---- the zip ---- */

/* Part `name` of z, whole, into *buf (NUL-terminated; caller frees), refused
 * beyond ZS_FORMAT_MAX_PART whatever the zip claims. ZS_ENOTFOUND when absent. */
static int read_part(zip_t *z, const char *name, char **buf, size_t *len) {
  *buf = NULL;
  *len = 0;
  zip_stat_t st;
  if (zip_stat(z, name, 0, &st) != 0)
    return zs_error_set(ZS_ENOTFOUND, _("damaged DOCX: no %s"), name);
  if ((st.valid & ZIP_STAT_SIZE) && st.size > ZS_FORMAT_MAX_PART)
    return zs_error_set(ZS_ETOOBIG, _("DOCX part %s is larger than %u MB"), name,
                        ZS_FORMAT_MAX_PART >> 20);
  zip_file_t *f = zip_fopen(z, name, 0);
  if (!f)
    return zs_error_set(ZS_EINVAL, _("damaged DOCX: %s: %s"), name, zip_strerror(z));
  size_t cap = (st.valid & ZIP_STAT_SIZE) ? (size_t)st.size + 1 : 0;
  char *b = cap ? malloc(cap) : NULL;
  int rc = cap && !b ? zs_error_set(ZS_ENOMEM, _("out of memory reading %s"), name) : ZS_OK;
  size_t n = 0;
  while (rc == ZS_OK) {
    if (n + 1 >= cap && zs_grow((void **)&b, &cap, n + 4096 + 1, 1)) {
      rc = ZS_ENOMEM;
      break;
    }
    zip_int64_t got = zip_fread(f, b + n, cap - n - 1);
    if (got < 0)
      rc = zs_error_set(ZS_EINVAL, _("damaged DOCX: %s: %s"), name, zip_file_strerror(f));
    else if (got == 0)
      break;
    else if ((n += (size_t)got) > ZS_FORMAT_MAX_PART)
      rc = zs_error_set(ZS_ETOOBIG, _("DOCX part %s is larger than %u MB"), name,
                        ZS_FORMAT_MAX_PART >> 20);
  }
  zip_fclose(f);
  if (rc) {
    free(b);
    return rc;
  }
  b[n] = '\0';
  *buf = b;
  *len = n;
  return ZS_OK;
}

static int open_zip(const char *bytes, size_t len, zip_t **out) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
  zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
  int rc = ZS_OK;
  if (!z) {
    if (len >= 4 && memcmp(bytes, "\xD0\xCF\x11\xE0", 4) == 0)
      rc = zs_error_set(ZS_EINVAL,
                        _("not a DOCX file (an old .doc, or a password-protected document)"));
    else if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP)
      rc = zs_error_set(ZS_EINVAL, _("not a DOCX file (not a zip archive)"));
    else
      rc = zs_error_set(ZS_EINVAL, _("damaged DOCX: %s"), zip_error_strerror(&ze));
    zip_source_free(src);
  }
  zip_error_fini(&ze);
  *out = z;
  return rc;
}

/* ---- styles ---- */

/* Level of a style from its name or id: Title 1, Heading N (N 1–9) N + 1. */
static int level_of_name(const char *s) {
  if (strcasecmp(s, "title") == 0)
    return 1;
  if (strncasecmp(s, "heading", 7) != 0)
    return 0;
  s += 7;
  if (*s == ' ')
    s++;
  return s[0] >= '1' && s[0] <= '9' && !s[1] ? s[0] - '0' + 1 : 0;
}

static int outline_level(const char *val) {
  /* w:outlineLvl 0 is a Heading 1 (9 means body text) */
  return val && val[0] >= '0' && val[0] <= '8' && !val[1] ? val[0] - '0' + 2 : 0;
}

/* Attribute `name` (w: namespace) of the current element, malloc'd, or NULL. */
static char *attr(xmlTextReaderPtr r, const char *name) {
  xmlChar *v = xmlTextReaderGetAttributeNs(r, (const xmlChar *)name, (const xmlChar *)W_NS);
  char *copy = v ? strdup((const char *)v) : NULL;
  xmlFree(v);
  return copy;
}

static bool is_w(xmlTextReaderPtr r, const char *local) {
  const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
  const xmlChar *ln = xmlTextReaderConstLocalName(r);
  return ns && ln && strcmp((const char *)ns, W_NS) == 0 && strcmp((const char *)ln, local) == 0;
}

static int cmp_style(const void *a, const void *b) {
  return strcmp(((const style *)a)->id, ((const style *)b)->id);
}

static void styles_free(styles *s) {
  for (size_t i = 0; i < s->n; i++) {
    free(s->v[i].id);
    free(s->v[i].based_on);
  }
  free(s->v);
}

/* Adds the style just read (non-headings too: a style named "Body Text" with
 * the id Heading1 is no heading); *st is emptied. */
static int add_style(styles *s, style *st) {
  bool keep = st->id && s->n < MAX_STYLES;
  int rc = keep && zs_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v) ? ZS_ENOMEM : ZS_OK;
  if (keep && rc == ZS_OK) {
    s->v[s->n++] = *st;
  } else {
    free(st->id);
    free(st->based_on);
  }
  memset(st, 0, sizeof *st);
  return rc;
}

/* What one element inside a w:style says about it. */
static void style_detail(xmlTextReaderPtr r, style *cur) {
  char *v = attr(r, "val");
  if (is_w(r, "name") && v && !cur->level)
    cur->level = level_of_name(v);
  else if (is_w(r, "outlineLvl") && !cur->level)
    cur->level = outline_level(v);
  else if (is_w(r, "basedOn") && v && !cur->based_on) {
    cur->based_on = v;
    v = NULL;
  }
  free(v);
}

/* The paragraph styles of word/styles.xml, sorted by id: heading levels by
 * name ("heading 1", as Word writes it in every language) or outline level. */
static int parse_styles(const char *xml, size_t len, styles *out) {
  xmlTextReaderPtr r = xmlReaderForMemory(
      xml, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  style cur = {0};
  int rc = ZS_OK;
  while (r && rc == ZS_OK && xmlTextReaderRead(r) == 1) {
    int type = xmlTextReaderNodeType(r);
    if (type == XML_READER_TYPE_ELEMENT && is_w(r, "style")) {
      free(cur.id);
      free(cur.based_on);
      cur = (style){.id = attr(r, "styleId")};
    } else if (type == XML_READER_TYPE_ELEMENT && cur.id) {
      style_detail(r, &cur);
    }
    bool ends = type == XML_READER_TYPE_END_ELEMENT ||
                (type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(r) == 1);
    if (ends && is_w(r, "style"))
      rc = add_style(out, &cur);
  }
  free(cur.id);
  free(cur.based_on);
  xmlFreeTextReader(r);
  if (out->n)
    qsort(out->v, out->n, sizeof *out->v, cmp_style);
  return rc; /* a damaged styles.xml only costs the headings */
}

/* The level of style id: its own, else inherited (a style based on Heading 1
 * is one too), else guessed from the id when styles.xml does not have it. */
static int style_level(const styles *s, const char *id) {
  for (int depth = 0; id && depth < 8; depth++) {
    style key = {.id = (char *)id};
    const style *hit = s->n ? bsearch(&key, s->v, s->n, sizeof *s->v, cmp_style) : NULL;
    if (!hit)
      return depth == 0 ? level_of_name(id) : 0;
    if (hit->level)
      return hit->level;
    id = hit->based_on;
  }
  return 0;
}

/* ---- the document ---- */

typedef struct docx_walk {
  zs_textbuf *b;
  const styles *styles;
  bool in_t; /* inside w:t: its text is the document's */
  int in_r;  /* depth of w:r (tabs and breaks count only in runs) */
  bool skip; /* leave out the subtree of the current element */
} docx_walk;

/* A paragraph-style reference or an outline level makes the paragraph a heading. */
static int paragraph_level(docx_walk *d, xmlTextReaderPtr r) {
  char *v = attr(r, "val");
  int level = 0;
  if (v)
    level = is_w(r, "pStyle") ? style_level(d->styles, v) : outline_level(v);
  free(v);
  return level ? zs_textbuf_heading(d->b, level) : ZS_OK;
}

static int on_element(docx_walk *d, xmlTextReaderPtr r) {
  bool empty = xmlTextReaderIsEmptyElement(r) == 1;
  const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
  const xmlChar *ln = xmlTextReaderConstLocalName(r);
  if (ns && ln && strcmp((const char *)ns, MC_NS) == 0 && strcmp((const char *)ln, "Fallback") == 0)
    d->skip = true; /* the same content as its mc:Choice, for older readers */
  if (is_w(r, "moveFrom") || is_w(r, "del"))
    d->skip = true; /* text a tracked change removed */
  if (is_w(r, "p"))
    return zs_textbuf_endline(d->b);
  if (is_w(r, "pStyle") || is_w(r, "outlineLvl"))
    return paragraph_level(d, r);
  if (is_w(r, "t"))
    d->in_t = !empty;
  else if (is_w(r, "r"))
    d->in_r += !empty;
  else if (d->in_r && is_w(r, "tab"))
    return zs_textbuf_flow(d->b, " ", 1);
  else if (d->in_r && (is_w(r, "br") || is_w(r, "cr")))
    return zs_textbuf_endline(d->b);
  return ZS_OK;
}

static int on_node(docx_walk *d, xmlTextReaderPtr r) {
  switch (xmlTextReaderNodeType(r)) {
  case XML_READER_TYPE_ELEMENT: return on_element(d, r);
  case XML_READER_TYPE_END_ELEMENT:
    if (is_w(r, "p"))
      return zs_textbuf_endline(d->b);
    if (is_w(r, "t"))
      d->in_t = false;
    else if (is_w(r, "r") && d->in_r > 0)
      d->in_r--;
    return ZS_OK;
  case XML_READER_TYPE_TEXT:
  case XML_READER_TYPE_CDATA:
  case XML_READER_TYPE_WHITESPACE:
  case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
    const xmlChar *v = d->in_t ? xmlTextReaderConstValue(r) : NULL;
    return v ? zs_textbuf_flow(d->b, (const char *)v, strlen((const char *)v)) : ZS_OK;
  }
  default: return ZS_OK;
  }
}

static int parse_document(const char *xml, size_t len, const styles *st, zs_extracted *out) {
  xmlTextReaderPtr r = xmlReaderForMemory(
      xml, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!r)
    return zs_error_set(ZS_ENOMEM, _("out of memory reading word/document.xml"));
  zs_textbuf b;
  zs_textbuf_init(&b);
  docx_walk d = {.b = &b, .styles = st};
  int rc = ZS_OK, more = 0;
  while (rc == ZS_OK) {
    bool skip = d.skip;
    d.skip = false;
    if ((more = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r)) != 1)
      break;
    rc = on_node(&d, r);
  }
  if (rc == ZS_OK && more < 0)
    rc = zs_error_set(ZS_EINVAL,
                      _("damaged DOCX: word/document.xml is not well-formed XML "
                        "(line %d)"),
                      xmlTextReaderGetParserLineNumber(r));
  if (rc == ZS_OK)
    rc = zs_textbuf_finish(&b, out, "DOCX file");
  zs_textbuf_free(&b);
  xmlFreeTextReader(r);
  return rc;
}

int zs_format_read_docx_parts(const char *document, size_t document_len, const char *styles_xml,
                              size_t styles_len, zs_extracted *out) {
  memset(out, 0, sizeof *out);
  if (document_len > ZS_FORMAT_MAX_PART || styles_len > ZS_FORMAT_MAX_PART)
    return zs_error_set(ZS_ETOOBIG, _("DOCX part is larger than %u MB"), ZS_FORMAT_MAX_PART >> 20);
  zs_format_xml_init();
  styles st = {0};
  int rc = styles_xml ? parse_styles(styles_xml, styles_len, &st) : ZS_OK;
  if (rc == ZS_OK)
    rc = parse_document(document, document_len, &st, out);
  styles_free(&st);
  return rc;
}

/* ---- core properties ---- */

/* dc:title of docProps/core.xml into props (its text, all of it); a damaged
 * core.xml says nothing. */
static void parse_core(const char *xml, size_t len, zs_doc_props *props) {
  xmlTextReaderPtr r = xmlReaderForMemory(
      xml, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlChar *title = NULL;
  while (r && !title && xmlTextReaderRead(r) == 1) {
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
    const xmlChar *ln = xmlTextReaderConstLocalName(r);
    if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && ns && ln &&
        strcmp((const char *)ns, DC_NS) == 0 && strcmp((const char *)ln, "title") == 0)
      title = xmlTextReaderReadString(r); /* NULL for an empty element */
  }
  if (title)
    zs_format_title_prop(props->title, sizeof props->title, (const char *)title,
                         strlen((const char *)title));
  xmlFree(title);
  xmlFreeTextReader(r);
}

int zs_format_read_docx(const char *bytes, size_t len, zs_extracted *out) {
  zip_t *z = NULL;
  int rc = open_zip(bytes, len, &z);
  if (rc)
    return rc;
  char *doc = NULL, *sty = NULL;
  size_t doc_len = 0, sty_len = 0;
  /* styles.xml is optional: without it, style ids like Heading1 still tell */
  rc = read_part(z, "word/styles.xml", &sty, &sty_len);
  if (rc != ZS_OK && rc != ZS_ENOMEM)
    rc = ZS_OK; /* a damaged or missing styles.xml only costs the headings */
  if (rc == ZS_OK)
    rc = read_part(z, "word/document.xml", &doc, &doc_len);
  if (rc == ZS_ENOTFOUND)
    rc = zs_error_set(ZS_EINVAL, _("damaged DOCX: no word/document.xml (not a Word document?)"));
  if (rc == ZS_OK)
    rc = zs_format_read_docx_parts(doc, doc_len, sty, sty_len, out);
  free(doc);
  free(sty);
  char *core = NULL;
  size_t core_len = 0;
  /* after the parts: they zero out first. A missing, damaged or oversized
   * core.xml only costs the title. */
  if (rc == ZS_OK && read_part(z, "docProps/core.xml", &core, &core_len) == ZS_OK)
    parse_core(core, core_len, &out->props);
  free(core);
  zip_discard(z);
  return rc;
}
