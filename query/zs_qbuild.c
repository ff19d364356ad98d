/* zs_qbuild: free text matches by its words (BM25) and ranks higher where all
 * bigrams of the verbatim string occur; a quoted string matches by its bigrams,
 * and from three characters on, where bigrams only narrow the candidates, by a
 * substring check of each candidate's text: exact whatever the segmentation. */
#define _GNU_SOURCE /* memmem */
#include "zs_qbuild.h"

#include <stdlib.h>
#include <string.h>

#include "zs_clean.h"
#include "zs_error.h"
#include "zs_fold.h"

/* Weight of the verbatim string relative to the words of free text. */
#define VERBATIM_BOOST 1.0

struct zs_check {
  zs_qkind kind;
  char *str; /* TEXT, EXACT: folded string */
  size_t len;
  char **words; /* TEXT: its words of >= 2 code points */
  size_t *wlens;
  size_t nwords;
  zs_check **kids;
  size_t nkids;
};

/* A growable list of subqueries that owns its members. */
typedef struct qlist {
  zs_query **q;
  size_t n, cap;
} qlist;

static int qlist_push(qlist *l, zs_query *q) {
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

/* op over the list (empty: matches nothing); the list is emptied. */
static int qlist_combine(qlist *l, int op, zs_query **out) {
  int rc = l->n ? zs_query_combine(out, op, l->q, l->n, 0) : zs_query_match_nothing(out);
  qlist_free(l);
  return rc;
}

/* out = op(a, b); a and b are freed. */
static int combine2(zs_query **out, int op, zs_query *a, zs_query *b) {
  zs_query *parts[2] = {a, b};
  int rc = zs_query_combine(out, op, parts, 2, 0);
  zs_query_free(a);
  zs_query_free(b);
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

/* Appends a copy of s to a string list unless it is there already. */
static int strings_add(char ***str, size_t **lens, size_t *n, const char *s, size_t len) {
  for (size_t i = 0; i < *n; i++)
    if ((*lens)[i] == len && memcmp((*str)[i], s, len) == 0)
      return ZS_OK;
  char **grown = realloc(*str, (*n + 1) * sizeof *grown);
  if (grown)
    *str = grown;
  size_t *glens = realloc(*lens, (*n + 1) * sizeof *glens);
  if (glens)
    *lens = glens;
  char *copy = grown && glens ? malloc(len + 1) : NULL;
  if (!copy)
    return zs_error_set(ZS_ENOMEM, "out of memory");
  memcpy(copy, s, len);
  copy[len] = '\0';
  (*str)[*n] = copy;
  (*lens)[(*n)++] = len;
  return ZS_OK;
}

static void strings_free(char **str, size_t *lens, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(str[i]);
  free(str);
  free(lens);
}

static void check_free(zs_check *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->nkids; i++)
    check_free(c->kids[i]);
  free(c->kids);
  free(c->str);
  strings_free(c->words, c->wlens, c->nwords);
  free(c);
}

/* Term queries for the words (>= 2 code points) or the two-character bigrams
 * of an analysed string; words are also recorded in the check. */
typedef struct collector {
  qlist list;
  zs_term_kind kind;
  zs_check *check; /* words go here too, or NULL */
} collector;

static int collect(void *ctx, const zs_term *t) {
  collector *c = ctx;
  if (t->kind != c->kind || zs_utf8_count(t->text, t->len) < 2)
    return 0; /* one-character words are not indexed; a lone tail is no bigram */
  char buf[ZS_MAX_WORD_BYTES + 8];
  const char *prefix = t->kind == ZS_TERM_BIGRAM ? ZS_PREFIX_BIGRAM : "";
  size_t pl = strlen(prefix);
  if (pl + t->len > sizeof buf)
    return 0;
  memcpy(buf, prefix, pl);
  memcpy(buf + pl, t->text, t->len);
  zs_query *q = NULL;
  int rc = zs_query_term(&q, buf, pl + t->len, 1);
  if (rc == ZS_OK)
    rc = qlist_push(&c->list, q);
  if (rc == ZS_OK && c->check)
    rc = strings_add(&c->check->words, &c->check->wlens, &c->check->nwords, t->text, t->len);
  return rc;
}

/* Passages that may contain s verbatim: a character by the prefix of its
 * bigrams (exact), two by their bigram (exact), more by all their bigrams
 * (a superset: *exact is false and the text must be checked). */
static int build_verbatim(zs_analyzer *a, const char *s, size_t len, zs_query **out,
                          bool *exact) {
  size_t chars = zs_utf8_count(s, len);
  *exact = chars <= 2;
  if (chars == 1) {
    char prefix[16];
    memcpy(prefix, ZS_PREFIX_BIGRAM, strlen(ZS_PREFIX_BIGRAM));
    memcpy(prefix + strlen(ZS_PREFIX_BIGRAM), s, len);
    return zs_query_prefix(out, prefix, strlen(ZS_PREFIX_BIGRAM) + len, 0);
  }
  collector c = {.kind = ZS_TERM_BIGRAM};
  int rc = zs_analyze(a, s, len, ZS_ANALYZE_NGRAMS, collect, &c);
  if (rc) {
    qlist_free(&c.list);
    return rc;
  }
  return qlist_combine(&c.list, ZS_OP_AND, out);
}

typedef struct builder {
  zs_analyzer *a;
  zs_needles *needles;
} builder;

static int build_node(builder *b, const zs_qnode *n, bool positive, zs_query **xq, bool *exact,
                      zs_check **chk);

/* TEXT and EXACT leaves. */
static int build_leaf(builder *b, const zs_qnode *n, bool positive, zs_query **xq, bool *exact,
                      zs_check *c) {
  int rc = zs_qbuild_fold(&c->str, &c->len, n->text, n->len);
  if (rc == ZS_OK && c->len == 0)
    rc = zs_error_set(ZS_EINVAL, "nothing searchable at column %zu", n->column);
  zs_query *verbatim = NULL, *words = NULL;
  collector wc = {.kind = ZS_TERM_WORD, .check = c};
  if (rc == ZS_OK)
    rc = build_verbatim(b->a, c->str, c->len, &verbatim, exact);
  if (rc == ZS_OK)
    rc = zs_analyze(b->a, c->str, c->len, ZS_ANALYZE_WORDS, collect, &wc);
  bool has_words = wc.list.n > 0;
  if (rc == ZS_OK)
    rc = qlist_combine(&wc.list, ZS_OP_OR, &words);
  qlist_free(&wc.list);
  if (rc == ZS_OK && positive)
    rc = strings_add(&b->needles->str, &b->needles->len, &b->needles->n, c->str, c->len);
  for (size_t i = 0; rc == ZS_OK && positive && n->kind == ZS_Q_TEXT && i < c->nwords; i++)
    rc = strings_add(&b->needles->str, &b->needles->len, &b->needles->n, c->words[i],
                     c->wlens[i]);
  if (rc == ZS_OK && n->kind == ZS_Q_TEXT && has_words) {
    /* free text matches by its words; the verbatim string only ranks */
    *exact = true;
    zs_query *boost = NULL;
    rc = zs_query_scale(&boost, verbatim, VERBATIM_BOOST);
    if (rc == ZS_OK) {
      rc = combine2(xq, ZS_OP_AND_MAYBE, words, boost);
      words = NULL;
    }
  } else if (rc == ZS_OK) {
    c->kind = ZS_Q_EXACT; /* free text without words is its string */
    rc = has_words ? combine2(xq, ZS_OP_AND_MAYBE, verbatim, words)
                   : zs_query_combine(xq, ZS_OP_OR, &verbatim, 1, 0);
    if (has_words)
      verbatim = words = NULL;
  }
  zs_query_free(verbatim);
  zs_query_free(words);
  return rc;
}

/* Replaces *c by NOT(*c) (freeing *c on failure). */
static int wrap_not(zs_check **c) {
  zs_check *neg = calloc(1, sizeof *neg);
  zs_check **kids = calloc(1, sizeof *kids);
  if (!neg || !kids) {
    free(neg);
    free(kids);
    check_free(*c);
    *c = NULL;
    return zs_error_set(ZS_ENOMEM, "out of memory building the query");
  }
  neg->kind = ZS_Q_NOT;
  neg->kids = kids;
  neg->kids[0] = *c;
  neg->nkids = 1;
  *c = neg;
  return ZS_OK;
}

/* AND: positive children intersect; excluded ones are removed by Xapian when
 * its terms decide them exactly, else left to the text check. */
static int build_and(builder *b, const zs_qnode *n, zs_query **xq, bool *exact, zs_check *c) {
  qlist pos = {0}, neg = {0};
  int rc = ZS_OK;
  *exact = true;
  for (size_t i = 0; i < n->nkids && rc == ZS_OK; i++) {
    const zs_qnode *k = n->kids[i];
    bool excluded = k->kind == ZS_Q_NOT, kid_exact;
    zs_query *q = NULL;
    zs_check *kc = NULL;
    if (excluded) /* the excluded query itself; the check keeps the NOT */
      rc = build_node(b, k->kids[0], false, &q, &kid_exact, &kc);
    else
      rc = build_node(b, k, true, &q, &kid_exact, &kc);
    if (rc == ZS_OK && excluded)
      rc = wrap_not(&kc);
    if (rc == ZS_OK)
      c->kids[c->nkids++] = kc;
    else
      zs_query_free(q);
    if (rc == ZS_OK && excluded && !kid_exact) {
      *exact = false; /* not excluded here: the text check does it */
      zs_query_free(q);
    } else if (rc == ZS_OK) {
      *exact = *exact && kid_exact;
      rc = qlist_push(excluded ? &neg : &pos, q);
    }
  }
  zs_query *positive = NULL, *negative = NULL;
  if (rc == ZS_OK)
    rc = pos.n ? qlist_combine(&pos, ZS_OP_AND, &positive) : zs_query_match_all(&positive);
  if (rc == ZS_OK && neg.n) {
    rc = qlist_combine(&neg, ZS_OP_OR, &negative);
    if (rc == ZS_OK) {
      rc = combine2(xq, ZS_OP_AND_NOT, positive, negative);
      positive = negative = NULL;
    }
  } else if (rc == ZS_OK) {
    *xq = positive;
    positive = NULL;
  }
  zs_query_free(positive);
  zs_query_free(negative);
  qlist_free(&pos);
  qlist_free(&neg);
  return rc;
}

static int build_or(builder *b, const zs_qnode *n, zs_query **xq, bool *exact, zs_check *c) {
  qlist kids = {0};
  int rc = ZS_OK;
  *exact = true;
  for (size_t i = 0; i < n->nkids && rc == ZS_OK; i++) {
    zs_query *q = NULL;
    bool kid_exact;
    rc = build_node(b, n->kids[i], true, &q, &kid_exact, &c->kids[c->nkids]);
    if (rc == ZS_OK) {
      c->nkids++;
      *exact = *exact && kid_exact;
      rc = qlist_push(&kids, q);
    }
  }
  if (rc) {
    qlist_free(&kids);
    return rc;
  }
  return qlist_combine(&kids, ZS_OP_OR, xq);
}

/* A NOT on its own (not inside an AND): every passage but the excluded ones. */
static int build_not(builder *b, const zs_qnode *n, zs_query **xq, bool *exact, zs_check *c) {
  zs_query *all = NULL, *kid = NULL;
  int rc = build_node(b, n->kids[0], false, &kid, exact, &c->kids[0]);
  if (rc == ZS_OK)
    c->nkids = 1;
  if (rc == ZS_OK)
    rc = zs_query_match_all(&all);
  if (rc == ZS_OK && *exact) {
    rc = combine2(xq, ZS_OP_AND_NOT, all, kid);
    all = kid = NULL;
  } else if (rc == ZS_OK) {
    *xq = all;
    all = NULL;
  }
  zs_query_free(all);
  zs_query_free(kid);
  return rc;
}

static int build_node(builder *b, const zs_qnode *n, bool positive, zs_query **xq, bool *exact,
                      zs_check **chk) {
  *xq = NULL;
  *exact = true;
  zs_check *c = calloc(1, sizeof *c);
  if (!c || (n->nkids && !(c->kids = calloc(n->nkids, sizeof *c->kids)))) {
    free(c);
    return zs_error_set(ZS_ENOMEM, "out of memory building the query");
  }
  c->kind = n->kind;
  int rc;
  switch (n->kind) {
  case ZS_Q_TEXT:
  case ZS_Q_EXACT: rc = build_leaf(b, n, positive, xq, exact, c); break;
  case ZS_Q_AND: rc = build_and(b, n, xq, exact, c); break;
  case ZS_Q_OR: rc = build_or(b, n, xq, exact, c); break;
  default: rc = build_not(b, n, xq, exact, c); break;
  }
  if (rc) {
    check_free(c);
    zs_query_free(*xq);
    *xq = NULL;
    return rc;
  }
  *chk = c;
  return ZS_OK;
}

int zs_qbuild(zs_qplan *plan, zs_analyzer *a, const zs_qnode *root) {
  memset(plan, 0, sizeof *plan);
  builder b = {.a = a, .needles = &plan->needles};
  bool exact;
  int rc = build_node(&b, root, true, &plan->query, &exact, &plan->check);
  plan->verify = !exact;
  if (rc)
    zs_qplan_free(plan);
  return rc;
}

void zs_qplan_free(zs_qplan *plan) {
  if (!plan)
    return;
  zs_query_free(plan->query);
  check_free(plan->check);
  strings_free(plan->needles.str, plan->needles.len, plan->needles.n);
  memset(plan, 0, sizeof *plan);
}

static bool contains(const char *s, size_t len, const char *needle, size_t nlen) {
  return memmem(s, len, needle, nlen) != NULL;
}

static bool check_eval(const zs_check *c, const char *s, size_t len) {
  switch (c->kind) {
  case ZS_Q_EXACT: return contains(s, len, c->str, c->len);
  case ZS_Q_TEXT:
    for (size_t i = 0; i < c->nwords; i++)
      if (contains(s, len, c->words[i], c->wlens[i]))
        return true;
    return contains(s, len, c->str, c->len);
  case ZS_Q_AND:
    for (size_t i = 0; i < c->nkids; i++)
      if (!check_eval(c->kids[i], s, len))
        return false;
    return true;
  case ZS_Q_OR:
    for (size_t i = 0; i < c->nkids; i++)
      if (check_eval(c->kids[i], s, len))
        return true;
    return false;
  case ZS_Q_NOT: return !check_eval(c->kids[0], s, len);
  }
  return false;
}

bool zs_qplan_accepts(const zs_qplan *plan, const char *s, size_t len) {
  return !plan->verify || check_eval(plan->check, s, len);
}
