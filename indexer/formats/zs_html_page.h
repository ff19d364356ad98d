/* zs_html_page: the HTML page as the HTML reader's files see it: elements by
 * kind, the characters of their text, and each element measured (zs_html_page.c). */
#ifndef ZS_HTML_PAGE_H
#define ZS_HTML_PAGE_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <unicode/utf8.h>

/* ---- elements ------------------------------------------------------------ */

typedef enum kind { INLINE, SKIP, BLOCK, HEADING, BREAK, CELL, PRE } kind;

static inline bool zs_html_name_in(const char *name, const char *const *names, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcasecmp(name, names[i]) == 0)
      return true;
  return false;
}
#define NAME_IN(name, list) zs_html_name_in(name, list, sizeof list / sizeof list[0])

static inline bool zs_html_is_heading_name(const char *name) {
  return (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6' && !name[2];
}

/* Elements that end a line around them or are not text at all; the rest are inline. */
kind zs_html_kind_by_name(const xmlNode *n);

/* Whether elements of this name hold no text (scripts, styles, <head>, …). */
bool zs_html_skip_name(const char *name);

static inline bool zs_html_named(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && n->name &&
         strcasecmp((const char *)n->name, name) == 0;
}

/* The value of attribute `name` of n ("" when it has none), NULL when absent. */
static inline const char *zs_html_attr(const xmlNode *n, const char *name) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (a->name && strcasecmp((const char *)a->name, name) == 0)
      return a->children && a->children->content ? (const char *)a->children->content : "";
  return NULL;
}

/* ---- characters ---------------------------------------------------------- */

/* The code point at s[*i..n), advancing *i (a bad byte is U+FFFD). */
static inline UChar32 zs_html_next_cp(const char *s, size_t n, size_t *i) {
  int32_t off = 0, win = n - *i > 4 ? 4 : (int32_t)(n - *i);
  UChar32 c;
  U8_NEXT((const uint8_t *)s + *i, off, win, c);
  *i += off > 0 ? (size_t)off : 1;
  return c < 0 ? 0xFFFD : c;
}

static inline bool zs_html_is_space(UChar32 c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x3000 || c == 0xFEFF ||
         (c >= 0x2000 && c <= 0x200B);
}

/* Visible characters of s[0..n) (whitespace does not count). */
static inline uint32_t zs_html_visible(const char *s, size_t n) {
  uint32_t count = 0;
  for (size_t i = 0; i < n;)
    count += !zs_html_is_space(zs_html_next_cp(s, n, &i));
  return count;
}

static inline bool zs_html_starts_with(const char *s, size_t n, const char *prefix) {
  size_t k = strlen(prefix);
  return n >= k && memcmp(s, prefix, k) == 0;
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
  uint8_t kind; /* zs_html_kind_by_name, worked out once */
} info;

#define PARA_MIN 30 /* characters outside links of a run of running text */

typedef struct page {
  xmlNode *root, *body, *main;
  xmlNode **nodes; /* the elements in document order */
  size_t n, cap;
  info *infos;
  char *title; /* the <title>'s text without a site name (NULL when none), squeezed */
} page;

static inline info *zs_html_info_of(const xmlNode *n) {
  return n && n->type == XML_ELEMENT_NODE ? (info *)n->_private : NULL;
}

static inline kind zs_html_element_kind(const xmlNode *n) {
  const info *i = zs_html_info_of(n);
  return i ? (kind)i->kind : zs_html_kind_by_name(n);
}

static inline uint16_t zs_html_flags_of(const xmlNode *n) {
  const info *i = zs_html_info_of(n);
  return i ? i->flags : 0;
}

/* Characters outside links and metadata tables. */
static inline uint32_t zs_html_own_text(const info *i) {
  uint32_t t = i->text - i->link;
  return t > i->meta ? t - i->meta : 0;
}

static inline bool zs_html_inside(const xmlNode *n, const xmlNode *container) {
  const info *a = zs_html_info_of(n), *c = zs_html_info_of(container);
  return a && c && a->order >= c->order && a->order < c->end;
}

typedef int (*visit_fn)(void *ctx, xmlNode *n, bool *descend);

/* Depth-first, without recursion: enter is called on every node reached,
 * leave on the nodes entered with *descend set, after their children. */
int zs_html_traverse(xmlNode *root, visit_fn enter, int (*leave)(void *, xmlNode *), void *ctx);

/* A leave that does nothing. */
int zs_html_no_leave(void *ctx, xmlNode *n);

/* Numbers the elements and counts their text, links and running text: each
 * element's _private then points at its info in p->infos. The caller frees
 * p->nodes and p->infos (malloc'd), also after a failure. */
int zs_html_measure_page(page *p, xmlDocPtr doc);

/* ---- short texts --------------------------------------------------------- */

#define SHORT_TEXT 2048 /* bytes of a label, a value or a title, at most */

/* The text of n and below (scripts and styles left out) into out[SHORT_TEXT],
 * NUL-terminated; NULL when it is longer or n holds many nodes. */
const char *zs_html_short_text(const xmlNode *n, char *out);

/* s[0..n) without whitespace into out (NUL-terminated, cut at cap - 1 on a
 * character boundary); *colon tells whether it ended with a colon, which is
 * left out. Returns the characters kept. */
size_t zs_html_squeeze(const char *s, size_t n, char *out, size_t cap, bool *colon);

#endif
