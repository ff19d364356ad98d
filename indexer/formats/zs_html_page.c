/* zs_html_page: the page's elements in document order, each measured (text,
 * links, running text), and the short texts of labels, values and titles. */
#include "zs_html_page.h"

#include <stdlib.h>

#include "zs_error.h"
#include "zs_grow.h"
#include "zs_i18n.h"

/* ---- elements ------------------------------------------------------------ */

static const char *const skip_names[] = {"head",   "script",   "style", "noscript", "template",
                                         "iframe", "object",   "svg",   "math",     "select",
                                         "button", "textarea", "title"};

kind zs_html_kind_by_name(const xmlNode *n) {
  static const char *const block[] = {
      "p",     "div",   "li",       "ul",         "ol",      "dl",         "dt",
      "dd",    "table", "tr",       "section",    "article", "header",     "footer",
      "nav",   "aside", "main",     "blockquote", "figure",  "figcaption", "address",
      "hr",    "form",  "fieldset", "center",     "caption", "tbody",      "thead",
      "tfoot", "body",  "html",     "legend",     "menu",    "dialog"};
  const char *name = (const char *)n->name;
  if (!name)
    return INLINE;
  if (zs_html_is_heading_name(name))
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

bool zs_html_skip_name(const char *name) {
  return NAME_IN(name, skip_names);
}

/* ---- characters ---------------------------------------------------------- */

/* Whether s[0..n) ends a sentence somewhere: running text, not a menu item. */
static bool has_stop(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    UChar32 c = zs_html_next_cp(s, n, &i);
    if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B)
      return true;
    if ((c == '.' || c == '!' || c == '?') && (i >= n || s[i] == ' ' || s[i] == '\n'))
      return true;
  }
  return false;
}

/* ---- the page, measured -------------------------------------------------- */

int zs_html_traverse(xmlNode *root, visit_fn enter, int (*leave)(void *, xmlNode *), void *ctx) {
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
    return zs_error_set(ZS_ENOMEM, _("out of memory reading the HTML file"));
  p->nodes[p->n++] = n;
  return ZS_OK;
}

int zs_html_no_leave(void *ctx, xmlNode *n) {
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
  if (!zs_html_named(n, "a"))
    return false;
  const char *href = zs_html_attr(n, "href");
  return (href && !file_link(href)) || (!href && zs_html_attr(n, "onclick"));
}

typedef struct measure {
  int in_link;        /* links around the current node */
  xmlNode *run_owner; /* the element holding the current run's first text */
  uint32_t run_chars; /* characters of the run outside links */
  bool run_stop;      /* the run ends a sentence somewhere */
} measure;

static void close_run(measure *m) {
  if (m->run_owner && m->run_chars >= PARA_MIN && m->run_stop)
    zs_html_info_of(m->run_owner)->paras++;
  m->run_owner = NULL;
  m->run_chars = 0;
  m->run_stop = false;
}

static int measure_enter(void *ctx, xmlNode *n, bool *descend) {
  measure *m = ctx;
  *descend = false;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    info *owner = zs_html_info_of(n->parent);
    const char *s = (const char *)n->content;
    if (!owner || !s)
      return ZS_OK;
    size_t len = strlen(s);
    uint32_t c = zs_html_visible(s, len);
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
  kind k = zs_html_element_kind(n);
  if (k == SKIP)
    return ZS_OK;
  *descend = true;
  if (k != INLINE)
    close_run(m);
  if (is_link(n)) {
    zs_html_info_of(n)->flags |= F_LINK;
    zs_html_info_of(n)->links = 1;
    m->in_link++;
  }
  return ZS_OK;
}

static int measure_leave(void *ctx, xmlNode *n) {
  measure *m = ctx;
  if (zs_html_flags_of(n) & F_LINK)
    m->in_link--;
  if (zs_html_element_kind(n) != INLINE)
    close_run(m);
  return ZS_OK;
}

/* Numbers the elements and counts their text, links and running text. */
int zs_html_measure_page(page *p, xmlDocPtr doc) {
  int rc = zs_html_traverse((xmlNode *)doc, collect_enter, zs_html_no_leave, p);
  if (rc)
    return rc;
  if (p->n == 0)
    return ZS_OK;
  if (!(p->infos = calloc(p->n, sizeof *p->infos)))
    return zs_error_set(ZS_ENOMEM, _("out of memory reading the HTML file"));
  for (size_t i = 0; i < p->n; i++) {
    p->nodes[i]->_private = &p->infos[i];
    p->infos[i].order = (uint32_t)i;
    p->infos[i].end = (uint32_t)i + 1;
    p->infos[i].kind = (uint8_t)zs_html_kind_by_name(p->nodes[i]);
    if (!p->body && zs_html_named(p->nodes[i], "body"))
      p->body = p->nodes[i];
  }
  measure m = {0};
  rc = zs_html_traverse((xmlNode *)doc, measure_enter, measure_leave, &m);
  close_run(&m);
  /* children before parents: sums up the tree */
  for (size_t i = p->n; rc == ZS_OK && i-- > 0;) {
    info *c = &p->infos[i], *up = zs_html_info_of(p->nodes[i]->parent);
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

/* ---- short texts --------------------------------------------------------- */

/* The text of n and below (scripts and styles left out) into out[SHORT_TEXT],
 * NUL-terminated; NULL when it is longer or n holds many nodes. Labels, values
 * and titles are short, and the bound keeps nested candidates from costing
 * the page's size each. */
const char *zs_html_short_text(const xmlNode *n, char *out) {
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
    } else if (c->type == XML_ELEMENT_NODE && zs_html_element_kind(c) != SKIP && c->children) {
      c = c->children;
      continue;
    }
    while (c != n && !c->next)
      c = c->parent;
    c = c == n ? NULL : c->next;
  }
  return out;
}

size_t zs_html_squeeze(const char *s, size_t n, char *out, size_t cap, bool *colon) {
  size_t w = 0, count = 0;
  for (size_t i = 0; i < n;) {
    size_t at = i;
    if (zs_html_is_space(zs_html_next_cp(s, n, &i)))
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
