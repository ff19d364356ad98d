/* zs_qbuild: free text is ranked by its words (BM25) and by the verbatim string
 * (a phrase of character bigrams, boosted); "quoted" text is that phrase only. */
#include "zs_qbuild.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "zs_clean.h"
#include "zs_error.h"
#include "zs_fold.h"

/* Weight of the verbatim phrase relative to the words of free text. */
#define VERBATIM_BOOST 1.0

/* A growable list of subqueries that owns its members. */
typedef struct qlist {
  zs_query **q;
  size_t n, cap;
} qlist;

static int qlist_push(qlist *l, zs_query *q) {
  if (!q)
    return ZS_OK;
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 8;
    zs_query **grown = realloc(l->q, cap * sizeof *grown);
    if (!grown) {
      zs_query_free(q);
      return zs_error_set(ZS_ENOMEM, "out of memory building the query");
    }
    l->q = grown;
    l->cap = cap;
  }
  l->q[l->n++] = q;
  return ZS_OK;
}

static void qlist_free(qlist *l) {
  for (size_t i = 0; i < l->n; i++)
    zs_query_free(l->q[i]);
  free(l->q);
  memset(l, 0, sizeof *l);
}

/* op over the list (an empty list matches nothing); the list is emptied. */
static int qlist_combine(qlist *l, int op, unsigned window, zs_query **out) {
  int rc;
  if (l->n == 0)
    rc = zs_query_match_nothing(out);
  else
    rc = zs_query_combine(out, op, l->q, l->n, window);
  qlist_free(l);
  return rc;
}

int zs_qbuild_fold(char **out, size_t *out_len, const char *s, size_t len) {
  char *copy = malloc(len + 1);
  if (!copy)
    return zs_error_set(ZS_ENOMEM, "out of memory");
  memcpy(copy, s, len);
  size_t cleaned = zs_clean_spaces(copy, len);
  int rc = zs_fold_string(out, out_len, copy, cleaned);
  free(copy);
  return rc;
}

static int needles_add(zs_needles *nd, const char *s, size_t len) {
  if (!nd || len == 0)
    return ZS_OK;
  for (size_t i = 0; i < nd->n; i++)
    if (nd->len[i] == len && memcmp(nd->str[i], s, len) == 0)
      return ZS_OK;
  char **str = realloc(nd->str, (nd->n + 1) * sizeof *str);
  if (str)
    nd->str = str;
  size_t *lens = realloc(nd->len, (nd->n + 1) * sizeof *lens);
  if (lens)
    nd->len = lens;
  char *copy = str && lens ? malloc(len + 1) : NULL;
  if (!copy)
    return zs_error_set(ZS_ENOMEM, "out of memory");
  memcpy(copy, s, len);
  copy[len] = '\0';
  nd->str[nd->n] = copy;
  nd->len[nd->n++] = len;
  return ZS_OK;
}

void zs_needles_free(zs_needles *nd) {
  if (!nd)
    return;
  for (size_t i = 0; i < nd->n; i++)
    free(nd->str[i]);
  free(nd->str);
  free(nd->len);
  memset(nd, 0, sizeof *nd);
}

/* Collects term queries of one kind of analysis output. */
typedef struct term_collector {
  qlist list;
  const char *prefix;
  zs_term_kind kind;
  zs_needles *needles; /* words to highlight, or NULL */
  int rc;
} term_collector;

static int collect_term(void *ctx, const zs_term *t) {
  term_collector *c = ctx;
  if (t->kind != c->kind)
    return 0;
  char buf[ZS_MAX_WORD_BYTES + 8];
  size_t pl = strlen(c->prefix);
  if (pl + t->len > sizeof buf)
    return 0;
  memcpy(buf, c->prefix, pl);
  memcpy(buf + pl, t->text, t->len);
  zs_query *q = NULL;
  int rc = zs_query_term(&q, buf, pl + t->len, 1);
  if (rc == ZS_OK)
    rc = qlist_push(&c->list, q);
  if (rc == ZS_OK && c->needles)
    rc = needles_add(c->needles, t->text, t->len);
  return rc;
}

/* Passages containing folded[0..len) verbatim: its unigram, its bigram, or the
 * phrase of its bigrams at consecutive positions. */
static int build_verbatim(zs_analyzer *a, const char *folded, size_t len, zs_query **out) {
  size_t chars = zs_utf8_count(folded, len);
  term_collector c = {.prefix = chars == 1 ? ZS_PREFIX_UNIGRAM : ZS_PREFIX_BIGRAM,
                      .kind = chars == 1 ? ZS_TERM_UNIGRAM : ZS_TERM_BIGRAM};
  int rc = zs_analyze(a, folded, len, ZS_ANALYZE_NGRAMS, collect_term, &c);
  if (rc) {
    qlist_free(&c.list);
    return rc;
  }
  return qlist_combine(&c.list, c.list.n > 1 ? ZS_OP_PHRASE : ZS_OP_OR, (unsigned)c.list.n, out);
}

/* OR of the word terms of folded text (each added to needles when given). */
static int build_words(zs_analyzer *a, const char *folded, size_t len, zs_needles *needles,
                       zs_query **out) {
  term_collector c = {.prefix = "", .kind = ZS_TERM_WORD, .needles = needles};
  int rc = zs_analyze(a, folded, len, ZS_ANALYZE_WORDS, collect_term, &c);
  if (rc) {
    qlist_free(&c.list);
    return rc;
  }
  return qlist_combine(&c.list, ZS_OP_OR, 0, out);
}

static int build_text(zs_analyzer *a, const zs_qnode *n, zs_needles *needles, zs_query **out) {
  char *folded;
  size_t len;
  int rc = zs_qbuild_fold(&folded, &len, n->text, n->len);
  if (rc)
    return rc;
  zs_query *verbatim = NULL, *words = NULL, *boosted = NULL;
  if (len == 0)
    rc = zs_error_set(ZS_EINVAL, "nothing searchable at column %zu", n->column);
  if (rc == ZS_OK)
    rc = build_verbatim(a, folded, len, &verbatim);
  if (rc == ZS_OK)
    rc = needles_add(needles, folded, len);
  if (rc == ZS_OK)
    rc = build_words(a, folded, len, n->kind == ZS_Q_TEXT ? needles : NULL, &words);
  if (rc == ZS_OK && n->kind == ZS_Q_TEXT) {
    rc = zs_query_scale(&boosted, verbatim, VERBATIM_BOOST);
    zs_query *parts[2] = {words, boosted};
    if (rc == ZS_OK)
      rc = zs_query_combine(out, ZS_OP_OR, parts, 2, 0);
  } else if (rc == ZS_OK) {
    zs_query *parts[2] = {verbatim, words};
    rc = zs_query_combine(out, ZS_OP_AND_MAYBE, parts, 2, 0);
  }
  zs_query_free(verbatim);
  zs_query_free(words);
  zs_query_free(boosted);
  free(folded);
  return rc;
}

static int build_node(zs_analyzer *a, const zs_qnode *n, zs_needles *needles, zs_query **out);

/* AND of the positive children, minus the OR of the excluded ones. */
static int build_and(zs_analyzer *a, const zs_qnode *n, zs_needles *needles, zs_query **out) {
  qlist pos = {0}, neg = {0};
  int rc = ZS_OK;
  for (size_t i = 0; i < n->nkids && rc == ZS_OK; i++) {
    const zs_qnode *k = n->kids[i];
    bool excluded = k->kind == ZS_Q_NOT;
    zs_query *q = NULL;
    rc = build_node(a, excluded ? k->kids[0] : k, excluded ? NULL : needles, &q);
    if (rc == ZS_OK)
      rc = qlist_push(excluded ? &neg : &pos, q);
  }
  zs_query *positive = NULL, *negative = NULL;
  if (rc == ZS_OK)
    rc = pos.n ? qlist_combine(&pos, ZS_OP_AND, 0, &positive) : zs_query_match_all(&positive);
  if (rc == ZS_OK && neg.n) {
    rc = qlist_combine(&neg, ZS_OP_OR, 0, &negative);
    zs_query *parts[2] = {positive, negative};
    if (rc == ZS_OK)
      rc = zs_query_combine(out, ZS_OP_AND_NOT, parts, 2, 0);
  } else if (rc == ZS_OK) {
    rc = zs_query_combine(out, ZS_OP_AND, &positive, 1, 0);
  }
  zs_query_free(positive);
  zs_query_free(negative);
  qlist_free(&pos);
  qlist_free(&neg);
  return rc;
}

/* A NOT standing alone: every passage but the excluded ones. */
static int build_not(zs_analyzer *a, const zs_qnode *n, zs_query **out) {
  zs_query *parts[2] = {NULL, NULL};
  int rc = zs_query_match_all(&parts[0]);
  if (rc == ZS_OK)
    rc = build_node(a, n->kids[0], NULL, &parts[1]);
  if (rc == ZS_OK)
    rc = zs_query_combine(out, ZS_OP_AND_NOT, parts, 2, 0);
  zs_query_free(parts[0]);
  zs_query_free(parts[1]);
  return rc;
}

static int build_node(zs_analyzer *a, const zs_qnode *n, zs_needles *needles, zs_query **out) {
  *out = NULL;
  switch (n->kind) {
  case ZS_Q_TEXT:
  case ZS_Q_EXACT: return build_text(a, n, needles, out);
  case ZS_Q_AND: return build_and(a, n, needles, out);
  case ZS_Q_NOT: return build_not(a, n, out);
  case ZS_Q_OR: {
    qlist kids = {0};
    int rc = ZS_OK;
    for (size_t i = 0; i < n->nkids && rc == ZS_OK; i++) {
      zs_query *q = NULL;
      rc = build_node(a, n->kids[i], needles, &q);
      if (rc == ZS_OK)
        rc = qlist_push(&kids, q);
    }
    if (rc) {
      qlist_free(&kids);
      return rc;
    }
    return qlist_combine(&kids, ZS_OP_OR, 0, out);
  }
  }
  return zs_error_set(ZS_EINVAL, "unknown query node");
}

int zs_qbuild(zs_query **out, zs_needles *needles, zs_analyzer *a, const zs_qnode *root) {
  return build_node(a, root, needles, out);
}
