/* zs_html_content: finding the page's main content: the dominant container, and
 * what is not content (navigation, menus, link lists, hidden parts) by tag, class, links. */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include <strings.h>

#include "zs_error.h"
#include "zs_html_int.h"

#define MAIN_MIN 100 /* characters outside links of a main container */

/* Text and running text that the tag and class rules leave. */
static uint32_t kept_text(const info *i) {
  uint32_t t = zs_html_own_text(i);
  return t > i->gone ? t - i->gone : 0;
}

static uint32_t kept_paras(const info *i) {
  return i->paras > i->gone_paras ? i->paras - i->gone_paras : 0;
}

static void flag_ancestors(xmlNode *n, uint16_t flags) {
  for (n = n->parent; zs_html_info_of(n); n = n->parent)
    zs_html_info_of(n)->flags |= flags;
}

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
  uint32_t total = kept_text(zs_html_info_of(x));
  for (;;) {
    xmlNode *best = NULL;
    uint32_t best_text = 0;
    for (xmlNode *c = x->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE && zs_html_element_kind(c) != SKIP &&
          kept_text(zs_html_info_of(c)) > best_text) {
        best = c;
        best_text = kept_text(zs_html_info_of(c));
      }
    if (!best || !NAME_IN((const char *)best->name, containers))
      break;
    const info *xi = zs_html_info_of(x), *bi = zs_html_info_of(best);
    if (kept_paras(bi) == 0 || kept_paras(xi) != kept_paras(bi) ||
        (uint64_t)best_text * 10 < (uint64_t)kept_text(xi) * 6)
      break;
    x = best;
  }
  const info *m = zs_html_info_of(x);
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
  static const char *const exact[] = {"qr",       "ewm",      "ad",     "ads",       "advert",
                                      "tools",    "tool",     "links",  "yqlj",      "dqwz",
                                      "position", "location", "weizhi", "crumbs",    "fenye",
                                      "gotop",    "backtop",  "social", "navigation"};
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
    if (zs_html_starts_with(w, n, starts[i]))
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
    if (zs_html_named(n, a) || zs_html_named(n, b))
      return true;
  return false;
}

/* Hidden by its attributes (style="display:none", hidden). */
static bool hidden(const xmlNode *n) {
  if (zs_html_attr(n, "hidden"))
    return true;
  const char *style = zs_html_attr(n, "style");
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
  const info *in = zs_html_info_of(n);
  bool titled = in->flags & F_HASTITLE;
  if (zs_html_named(n, "html") || zs_html_named(n, "body"))
    return 0;
  if (zs_html_named(n, "nav") || zs_html_named(n, "aside") || zs_html_named(n, "menu") ||
      zs_html_named(n, "dialog") || hidden(n))
    return 1;
  if ((zs_html_named(n, "header") || zs_html_named(n, "footer")) && !titled &&
      !has_ancestor(n, "article", "main") && !(p->main && zs_html_inside(n, p->main)))
    return 1;
  if (zs_html_named(n, "form") && in->paras == 0 && zs_html_own_text(in) <= 200)
    return 1; /* a search box; a page-wide ASP.NET <form> holds running text */
  static const char *const roles[] = {"navigation", "banner", "contentinfo", "complementary",
                                      "search",     "menu",   "menubar",     "toolbar",
                                      "dialog",     "tablist"};
  const char *role = zs_html_attr(n, "role");
  if (role && NAME_IN(role, roles) && !(titled && strcasecmp(role, "banner") == 0))
    return 1;
  /* a mislabelled container of running text stays */
  bool content = in->paras >= 3 && zs_html_own_text(in) >= 300;
  if (!content && !zs_html_named(n, "main") && !zs_html_named(n, "article")) {
    const char *cls = zs_html_attr(n, "class"), *id = zs_html_attr(n, "id");
    tok a = cls ? attr_kind(cls) : TOK_NONE, b = id ? attr_kind(id) : TOK_NONE;
    if (a == TOK_STRONG || b == TOK_STRONG || ((a == TOK_WEAK || b == TOK_WEAK) && !titled))
      return 1;
  }
  /* mostly link text, little per link: a menu or a list of links */
  kind k = zs_html_element_kind(n);
  if ((k == BLOCK || k == CELL) && in->links >= 3 &&
      (uint64_t)in->link * 10 >= (uint64_t)in->text * 4 && in->text - in->link <= 15 * in->links)
    return 2;
  return 0;
}

static int mark_enter(void *ctx, xmlNode *n, bool *descend) {
  const page *p = ctx;
  info *in = zs_html_info_of(n);
  *descend = false;
  if (!in || zs_html_element_kind(n) == SKIP || (in->flags & F_META))
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
    if (zs_html_flags_of(n) & mask)
      return true;
  return false;
}

/* Headings and blocks that say the page's title (the <title> within them or
 * they within it, at least half of it). */
void zs_html_find_title_headings(page *p) {
  if (!p->title || !p->title[0])
    return;
  size_t tlen = strlen(p->title);
  for (size_t i = 0; i < p->n; i++) {
    xmlNode *n = p->nodes[i];
    if (zs_html_element_kind(n) == INLINE || zs_html_element_kind(n) == SKIP ||
        zs_html_element_kind(n) == BREAK || p->infos[i].text == 0 || p->infos[i].text > 300)
      continue;
    char buf[SHORT_TEXT], h[SHORT_TEXT];
    const char *text = zs_html_short_text(n, buf);
    if (!text)
      continue;
    size_t hc = zs_html_squeeze(text, strlen(text), h, sizeof h, NULL);
    size_t hlen = strlen(h), tc = zs_html_visible(p->title, tlen);
    bool same = hc > 0 && ((hlen <= tlen && memmem(p->title, tlen, h, hlen) && hc * 2 >= tc) ||
                           (hlen > tlen && memmem(h, hlen, p->title, tlen) && tc * 2 >= hc));
    if (same) {
      p->infos[i].flags |= F_TITLEH;
      flag_ancestors(n, F_HASTITLE);
    }
  }
}

/* Marks what is not content, and what is kept beside the main container. */
int zs_html_mark_page(page *p) {
  /* first without protection, to see what text the tag and class rules leave */
  int rc = zs_html_traverse(p->root, mark_enter, zs_html_no_leave, p);
  if (rc)
    return rc;
  for (size_t i = p->n; i-- > 0;) {
    info *in = &p->infos[i], *up = zs_html_info_of(p->nodes[i]->parent);
    if (in->flags & (F_DROP1 | F_DROP2)) {
      in->gone = zs_html_own_text(in);
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
    zs_html_info_of(p->main)->flags |= F_MAIN | F_PROT;
    flag_ancestors(p->main, F_PROT | F_PATH);
  }
  rc = zs_html_traverse(p->root, mark_enter, zs_html_no_leave, p);
  if (rc || !p->main)
    return rc;
  /* the article's title: the last heading before the container, and what
   * says the page's title */
  bool last = false;
  for (size_t i = zs_html_info_of(p->main)->order; i-- > 0;) {
    xmlNode *n = p->nodes[i];
    bool heading = zs_html_is_heading_name((const char *)n->name) && !last;
    if ((!heading && !(p->infos[i].flags & F_TITLEH)) || p->infos[i].text == 0 ||
        zs_html_inside(p->main, n) || dropped(n, F_DROP1 | F_DROP2))
      continue;
    last = last || heading;
    p->infos[i].flags |= F_KEEP;
    flag_ancestors(n, F_PATH);
  }
  return ZS_OK;
}
