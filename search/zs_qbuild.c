/* zs_qbuild: free text matches by its words and their synonyms (BM25) and
 * ranks higher where all bigrams of the string as typed occur; a quoted
 * string matches by its bigrams, and from three characters on, where bigrams
 * only narrow the candidates, by a substring check of each candidate: exact
 * whatever the segmentation. Fields filter by metadata terms, weightless.
 * Every term of text comes from zs_terms, as the index's did. */
#include "zs_qbuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_docfields.h"
#include "zs_docmeta.h"
#include "zs_error.h"
#include "zs_grow.h"
#include "zs_qcheck.h"
#include "zs_record.h"
#include "zs_schema.h"

/* a passage that is a title or a 文号 (ZS_TERM_FRONT): for free text about a
 * tenth of what one word weighs, so it decides between near-equal matches
 * only; for a quoted string (a 文号, a title looked up) about one word, so the
 * document itself comes before the passages that cite it */
static const double front_weight = 0.3, front_weight_quoted = 3.0;

/* A growable list of subqueries that owns its members. */
typedef struct qlist {
  zs_query **q;
  size_t n, cap;
} qlist;

static int qlist_push(qlist *l, zs_query *q) {
  if (zs_grow((void **)&l->q, &l->cap, l->n + 1, sizeof *l->q)) {
    zs_query_free(q);
    return zs_error_set(ZS_ENOMEM, "out of memory building the query");
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

/* *xq = keep AND NOT drop, or keep itself when drop is NULL; both are taken. */
static int and_not(zs_query **xq, zs_query *keep, zs_query *drop) {
  if (!drop) {
    *xq = keep;
    return ZS_OK;
  }
  return combine2(xq, ZS_OP_AND_NOT, keep, drop);
}

/* A metadata term: prefix and value. */
static int meta_query(zs_query **out, const char *prefix, const char *s, size_t len) {
  char buf[256];
  size_t pl = strlen(prefix);
  if (pl + len > sizeof buf)
    return zs_query_match_nothing(out); /* longer than any indexed term */
  memcpy(buf, prefix, pl);
  memcpy(buf + pl, s, len);
  return zs_query_term(out, buf, pl + len, 1);
}

int zs_qbuild_fold(char **out, size_t *out_len, const char *s, size_t len, unsigned fold_flags) {
  return zs_terms_fold(out, out_len, ZS_TERMS_QUERY, fold_flags, s, len);
}

/* Pushes the query of one term onto the qlist ctx. */
static int push_term(void *ctx, const char *term, size_t len) {
  zs_query *q = NULL;
  int rc = zs_query_term(&q, term, len, 1);
  return rc ? rc : qlist_push(ctx, q);
}

static int push_index_term(void *ctx, const zs_index_term *t) {
  return push_term(ctx, t->term, t->len);
}

static int count_terms(void *ctx, const zs_index_term *t) {
  (void)t;
  ++*(size_t *)ctx;
  return 0;
}

static bool has_string(const zs_strings *l, const char *s, size_t len) {
  for (size_t i = 0; i < l->n; i++)
    if (l->len[i] == len && memcmp(l->str[i], s, len) == 0)
      return true;
  return false;
}

/* Term queries for the words of a text, each word once, and the words' folded
 * texts at the same index as their queries. */
typedef struct word_terms {
  qlist list;
  zs_strings *texts;
} word_terms;

static int collect_word(void *ctx, const zs_index_term *t) {
  word_terms *w = ctx;
  if (has_string(w->texts, t->text, t->text_len))
    return 0;
  int rc = push_term(&w->list, t->term, t->len);
  return rc ? rc : zs_strings_add(w->texts, t->text, t->text_len);
}

/* The terms starting with prefix, expanded over the whole index and ORed:
 * each term is weighed with the statistics of all shards together. (Xapian's
 * wildcard, and a synonym, estimate their frequency shard by shard, so the
 * scores of a sharded index would differ from one index's.) */
static int prefix_query(const zs_qbuild_env *env, const char *prefix, size_t len, zs_query **out) {
  if (!env->prefix_terms)
    return zs_query_prefix(out, prefix, len, 0);
  qlist terms = {0};
  int rc = env->prefix_terms(env->ctx, prefix, len, push_term, &terms);
  if (rc) {
    qlist_free(&terms);
    return rc;
  }
  return qlist_combine(&terms, ZS_OP_OR, out);
}

/* Passages that may contain text t verbatim: a character by the prefix of its
 * bigrams (exact), two by their bigram (exact), more by all their bigrams
 * (a superset: *exact is false and the text must be checked). */
static int build_verbatim(const zs_qbuild_env *env, const zs_terms_text *t, zs_query **out,
                          bool *exact) {
  size_t chars = zs_utf8_count(t->folded, t->len);
  *exact = chars <= 2;
  if (chars == 1) {
    /* Matched, not ranked: ORing the hundreds of bigrams a character starts
     * costs time in proportion to the archive, and ranks by their rarity,
     * which says nothing about the character. Boolean, Xapian stops at the
     * first page: one-character strings list passages in archive order. */
    char prefix[ZS_MAX_TERM_BYTES + 1];
    zs_query *any = NULL;
    size_t n = zs_terms_char_prefix(prefix, t->folded, t->len);
    int rc = prefix_query(env, prefix, n, &any);
    if (rc == ZS_OK)
      rc = zs_query_scale(out, any, 0);
    zs_query_free(any);
    return rc;
  }
  qlist bigrams = {0};
  int rc =
      zs_terms_each(env->analyzer, t, ZS_TERMS_BODY, ZS_ANALYZE_NGRAMS, push_index_term, &bigrams);
  if (rc) {
    qlist_free(&bigrams);
    return rc;
  }
  return qlist_combine(&bigrams, ZS_OP_AND, out);
}

typedef struct builder {
  const zs_qbuild_env *env;
  zs_rank_params rank;
  zs_qplan *plan;
  bool quoted;    /* the query holds an exact string */
  bool free_text; /* … or free text to rank by */
} builder;

/* A synonym's query: its word when it is one, else its bigrams together. */
typedef struct syn_ctx {
  builder *b;
  qlist *alts;
  zs_strings *words;
} syn_ctx;

static int add_synonym(void *ctx, const char *s, size_t len) {
  syn_ctx *sc = ctx;
  const zs_qbuild_env *env = sc->b->env;
  zs_terms_text t = {0};
  zs_query *q = NULL;
  size_t nwords = 0, n = 0;
  bool exact;
  char term[ZS_MAX_TERM_BYTES + 1];
  int rc = zs_terms_prepare(&t, ZS_TERMS_QUERY, env->fold_flags, s, len);
  if (rc == ZS_OK)
    rc = zs_terms_each(env->analyzer, &t, ZS_TERMS_BODY, ZS_ANALYZE_WORDS, count_terms, &nwords);
  /* the synonym as a whole when it holds one word: the word with what the
   * lexicon leaves beside it (省 + 计生协会) is taken for one word too */
  if (rc == ZS_OK && nwords == 1)
    n = zs_terms_word(term, ZS_TERMS_BODY, t.folded, t.len);
  if (rc == ZS_OK && n)
    rc = zs_query_term(&q, term, n, 1);
  else if (rc == ZS_OK)
    rc = build_verbatim(env, &t, &q, &exact);
  if (rc == ZS_OK)
    rc = qlist_push(sc->alts, q);
  if (rc == ZS_OK)
    rc = zs_strings_add(sc->words, t.folded, t.len);
  zs_terms_text_free(&t);
  return rc;
}

/* The words of kind in field, each once and weighted by weight, combined by op
 * into *out. */
static int weighted_words(builder *b, const zs_terms_text *t, zs_terms_field field, unsigned kind,
                          double weight, int op, zs_query **out) {
  zs_strings seen = {0};
  word_terms wt = {.texts = &seen};
  int rc = zs_terms_each(b->env->analyzer, t, field, kind, collect_word, &wt);
  qlist terms = {0};
  for (size_t i = 0; rc == ZS_OK && i < wt.list.n; i++) {
    zs_query *q = NULL;
    rc = zs_query_scale(&q, wt.list.q[i], weight);
    if (rc == ZS_OK)
      rc = qlist_push(&terms, q);
  }
  qlist_free(&wt.list);
  zs_strings_free(&seen);
  if (rc) {
    qlist_free(&terms);
    return rc;
  }
  return qlist_combine(&terms, op, out);
}

/* Each word of free text t, as one SYNONYM of itself and its synonyms; the
 * shorter words inside them at a lower weight. */
static int build_words(builder *b, zs_check *c, const zs_terms_text *t, zs_query **out,
                       bool *has_words) {
  word_terms wc = {.texts = &c->words};
  int rc = zs_terms_each(b->env->analyzer, t, ZS_TERMS_BODY, ZS_ANALYZE_WORDS, collect_word, &wc);
  *has_words = wc.list.n > 0;
  size_t own = c->words.n; /* the text's own words; synonyms are appended after */
  for (size_t i = 0; rc == ZS_OK && i < own && b->env->synonyms; i++) {
    qlist alts = {0};
    syn_ctx sc = {b, &alts, &c->words};
    rc = zs_synonyms_each(b->env->synonyms, c->words.str[i], c->words.len[i], add_synonym, &sc);
    if (rc == ZS_OK && alts.n) {
      zs_query *q = NULL;
      rc = qlist_push(&alts, wc.list.q[i]);
      wc.list.q[i] = NULL;
      if (rc == ZS_OK)
        rc = qlist_combine(&alts, ZS_OP_SYNONYM, &q);
      wc.list.q[i] = q;
    }
    qlist_free(&alts);
  }
  zs_query *inner = NULL;
  if (rc == ZS_OK && *has_words && b->rank.subword > 0)
    rc =
        weighted_words(b, t, ZS_TERMS_BODY, ZS_ANALYZE_SUBWORDS, b->rank.subword, ZS_OP_OR, &inner);
  if (rc == ZS_OK && inner)
    rc = qlist_push(&wc.list, inner);
  if (rc) {
    qlist_free(&wc.list);
    return rc;
  }
  return qlist_combine(&wc.list, ZS_OP_OR, out);
}

/* The bigrams of a text that no word of it covers: where its words join, and
 * its characters outside words. With the words, they say the text occurs
 * verbatim; the bigrams inside the words would repeat the words' own terms
 * and cost walking long posting lists. Terms come words first, so every word
 * is known when the bigrams come. */
typedef struct junctions {
  size_t word_start[64], word_end[64];
  size_t nwords;
  size_t nbigrams; /* the first 256 are looked at */
  qlist list;
} junctions;

static int collect_junction(void *ctx, const zs_index_term *t) {
  junctions *j = ctx;
  if (t->kind == ZS_TERM_WORD) {
    if (j->nwords < 64) {
      j->word_start[j->nwords] = t->folded_start;
      j->word_end[j->nwords++] = t->folded_end;
    }
    return 0;
  }
  if (j->nbigrams++ >= 256)
    return 0;
  for (size_t w = 0; w < j->nwords; w++)
    if (j->word_start[w] <= t->folded_start && t->folded_end <= j->word_end[w])
      return 0;
  return push_term(&j->list, t->term, t->len);
}

static int build_junctions(const zs_qbuild_env *env, const zs_terms_text *t, zs_query **out) {
  junctions j = {0};
  *out = NULL;
  int rc = zs_terms_each(env->analyzer, t, ZS_TERMS_BODY, ZS_ANALYZE_WORDS | ZS_ANALYZE_NGRAMS,
                         collect_junction, &j);
  if (rc) {
    qlist_free(&j.list);
    return rc;
  }
  return j.list.n ? qlist_combine(&j.list, ZS_OP_AND, out) : ZS_OK;
}

/* TEXT and EXACT leaves. */
static int build_leaf(builder *b, const zs_qnode *n, bool positive, zs_query **xq, bool *exact,
                      zs_check *c) {
  zs_terms_text t = {0};
  int rc = zs_terms_prepare(&t, ZS_TERMS_QUERY, b->env->fold_flags, n->text, n->len);
  if (rc == ZS_OK && !(c->str = malloc(t.len + 1)))
    rc = zs_error_set(ZS_ENOMEM, "out of memory building the query");
  if (rc == ZS_OK) {
    memcpy(c->str, t.folded, t.len + 1);
    c->len = t.len;
  }
  if (rc == ZS_OK && c->len == 0)
    rc = zs_error_set(ZS_EINVAL, "nothing searchable at column %zu", n->column);
  zs_query *verbatim = NULL, *words = NULL;
  bool has_words = false;
  if (rc == ZS_OK)
    rc = build_verbatim(b->env, &t, &verbatim, exact);
  if (rc == ZS_OK && n->kind == ZS_Q_TEXT)
    rc = build_words(b, c, &t, &words, &has_words);
  zs_needles *nd = &b->plan->needles;
  if (rc == ZS_OK && positive)
    rc = zs_strings_add(nd, c->str, c->len);
  for (size_t i = 0; rc == ZS_OK && positive && i < c->words.n; i++)
    rc = zs_strings_add(nd, c->words.str[i], c->words.len[i]);
  if (rc == ZS_OK && has_words) {
    /* free text matches by its words; the verbatim string and headings only rank */
    *exact = true;
    zs_query *boost = NULL, *heads = NULL;
    /* verbatim: its words (below) and the bigrams that join them */
    zs_query *joins = NULL;
    rc = build_junctions(b->env, &t, &joins);
    if (rc == ZS_OK && joins)
      rc = zs_query_scale(&boost, joins, b->rank.verbatim);
    zs_query_free(joins);
    if (rc == ZS_OK && b->rank.heading > 0)
      rc = weighted_words(b, &t, ZS_TERMS_HEADING, ZS_ANALYZE_WORDS, b->rank.heading, ZS_OP_AND,
                          &heads);
    if (rc == ZS_OK && heads)
      rc = boost ? combine2(&boost, ZS_OP_OR, boost, heads) : (boost = heads, ZS_OK);
    if (rc == ZS_OK && !boost)
      rc = zs_query_match_nothing(&boost);
    if (rc == ZS_OK) {
      rc = combine2(xq, ZS_OP_AND_MAYBE, words, boost);
      words = NULL;
    }
  } else if (rc == ZS_OK) {
    c->kind = ZS_Q_EXACT; /* free text without words is its string */
    *xq = verbatim;
    verbatim = NULL;
  }
  zs_query_free(verbatim);
  zs_query_free(words);
  zs_terms_text_free(&t);
  return rc;
}

/* Copies s[0..len) into buf and cuts it at "..": *first and *second are the
 * two sides (*second is NULL without ".."). False when it does not fit. */
static bool split_range(const char *s, size_t len, char *buf, size_t size, char **first,
                        char **second) {
  if (len >= size)
    return false;
  memcpy(buf, s, len);
  buf[len] = '\0';
  char *dots = strstr(buf, "..");
  *first = buf;
  *second = dots ? dots + 2 : NULL;
  if (dots)
    *dots = '\0';
  return true;
}

int zs_qbuild_years(const char *s, size_t len, int *lo, int *hi) {
  char buf[32], *first, *second;
  if (!split_range(s, len, buf, sizeof buf, &first, &second))
    return zs_error_set(ZS_EINVAL, "a year is four digits");
  bool dots = second != NULL;
  *lo = 1949;
  *hi = 2099;
  for (int k = 0; k < 2; k++) {
    char *part = k == 0 ? first : second;
    if (!part || (*part == '\0' && dots))
      continue;
    char *end;
    long y = strtol(part, &end, 10);
    if (*part == '\0' || *end != '\0' || end - part != 4 || y < 1949 || y > 2099)
      return zs_error_set(ZS_EINVAL, "'%s' is not a year from 1949 to 2099", part);
    if (k == 0)
      *lo = (int)y;
    if (k == 1 || !dots)
      *hi = (int)y;
  }
  if (dots && !*first && !*second)
    return zs_error_set(ZS_EINVAL, "a range needs a year on at least one side of '..'");
  if (*lo > *hi)
    return zs_error_set(ZS_EINVAL, "the range %d..%d is backwards", *lo, *hi);
  return ZS_OK;
}

/* One side of a date range: YYYY, YYYY-MM or YYYY-MM-DD (1949–2099). */
static int date_bound(const char *s, char out[12], bool upper) {
  int y = 0, m = 0, d = 0, used = 0;
  int n = sscanf(s, "%4d%n-%2d%n-%2d%n", &y, &used, &m, &used, &d, &used);
  char full[11];
  if (n < 3 && zs_date_find(s, strlen(s), true, full)) { /* 2019年1月22日 */
    s = full;
    n = sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used);
  }
  if (n < 1 || s[used] != '\0' || y < 1949 || y > 2099 || (n >= 2 && (m < 1 || m > 12)) ||
      (n >= 3 && (d < 1 || d > 31)))
    return zs_error_set(ZS_EINVAL, "'%s' is not a date (2019, 2019-01 or 2019-01-22)", s);
  if (n == 1)
    snprintf(out, 12, "%04d", y);
  else if (n == 2)
    snprintf(out, 12, "%04d-%02d", y, m);
  else
    snprintf(out, 12, "%04d-%02d-%02d", y, m, d);
  if (upper) /* the whole year or month: every date it starts */
    strcat(out, "~");
  return ZS_OK;
}

int zs_qbuild_dates(const char *s, size_t len, char lo[12], char hi[12]) {
  char buf[64], *first, *second;
  if (!split_range(s, len, buf, sizeof buf, &first, &second))
    return zs_error_set(ZS_EINVAL, "a date is 2019, 2019-01 or 2019-01-22");
  bool dots = second != NULL;
  if (!dots) /* one date: the range it starts and ends */
    second = buf;
  if (dots && !*first && !*second)
    return zs_error_set(ZS_EINVAL, "a range needs a date on at least one side of '..'");
  int rc = ZS_OK;
  strcpy(lo, "0");
  strcpy(hi, "9");
  if (*first)
    rc = date_bound(first, lo, false);
  if (rc == ZS_OK && *second)
    rc = date_bound(second, hi, true);
  if (rc == ZS_OK && strcmp(lo, hi) > 0)
    return zs_error_set(ZS_EINVAL, "the range %s is backwards", s);
  return rc;
}

/* year:… → OR of the year terms in the range. */
static int build_year(const zs_qnode *n, zs_check *c, zs_query **xq) {
  int rc = zs_qbuild_years(n->text, n->len, &c->year_lo, &c->year_hi);
  if (rc)
    return zs_error_set(rc, "year at column %zu: %s (use year:2025 or year:2020..2023)", n->column,
                        zs_error_last());
  qlist years = {0};
  for (int y = c->year_lo; rc == ZS_OK && y <= c->year_hi; y++) {
    char digits[8];
    int len = snprintf(digits, sizeof digits, "%04d", y);
    zs_query *q = NULL;
    rc = meta_query(&q, ZS_PREFIX_YEAR, digits, (size_t)len);
    if (rc == ZS_OK)
      rc = qlist_push(&years, q);
  }
  if (rc) {
    qlist_free(&years);
    return rc;
  }
  return qlist_combine(&years, ZS_OP_OR, xq);
}

/* A list of the known names, for messages. */
static void known_names(char *buf, size_t size, const char *const *names) {
  size_t at = 0;
  buf[0] = '\0';
  for (size_t i = 0; names[i] && at < size; i++)
    at += (size_t)snprintf(buf + at, size - at, "%s%s", i ? " " : "", names[i]);
}

/* province:… and type:… → the metadata term of a known name. */
static int build_named(const zs_qnode *n, zs_check *c, zs_query **xq) {
  bool province = n->field == ZS_FIELD_PROVINCE;
  const char *name =
      province ? zs_docmeta_province(c->str, c->len) : zs_docmeta_type(c->str, c->len);
  if (!name) {
    char list[512];
    known_names(list, sizeof list, province ? zs_docmeta_provinces() : zs_docmeta_types());
    return zs_error_set(ZS_EINVAL, "unknown %s '%s' at column %zu (known: %s)",
                        zs_qfield_name(n->field), n->text, n->column, list);
  }
  free(c->str);
  if (!(c->str = strdup(name)))
    return zs_error_set(ZS_ENOMEM, "out of memory");
  c->len = strlen(name);
  return meta_query(xq, province ? ZS_PREFIX_PROVINCE : ZS_PREFIX_TYPE, name, c->len);
}

/* doc:, org:, docno:, date: → the file-id terms of the files that match. */
static int build_doc(builder *b, zs_check *c, zs_query **xq) {
  int rc = b->env->find_docs
               ? b->env->find_docs(b->env->ctx, c->field, c->str, c->len, &c->ids, &c->nids)
               : ZS_OK;
  qlist files = {0};
  for (size_t i = 0; rc == ZS_OK && i < c->nids; i++) {
    char term[ZS_FILE_TERM_SIZE];
    int len = b->env->file_term ? b->env->file_term(b->env->ctx, c->ids[i], term, sizeof term)
                                : zs_error_set(ZS_EINVAL, "doc: needs the index's file terms");
    zs_query *q = NULL;
    rc = len < 0 ? len : zs_query_term(&q, term, (size_t)len, 1);
    if (rc == ZS_OK)
      rc = qlist_push(&files, q);
  }
  if (rc) {
    qlist_free(&files);
    return rc;
  }
  return qlist_combine(&files, ZS_OP_OR, xq);
}

/* heading:… → passages with all the value's words under a heading, checked:
 * the words may sit under different headings, the string must not. */
static int build_heading(builder *b, const zs_qnode *n, zs_query **xq, bool *exact) {
  zs_strings words = {0};
  word_terms heads = {.texts = &words};
  zs_terms_spec spec = {.side = ZS_TERMS_QUERY,
                        .field = ZS_TERMS_HEADING,
                        .kinds = ZS_ANALYZE_WORDS,
                        .fold_flags = b->env->fold_flags};
  int rc = zs_terms(b->env->analyzer, &spec, n->text, n->len, collect_word, &heads);
  zs_strings_free(&words);
  *exact = false;
  b->plan->check_headings = true;
  if (rc) {
    qlist_free(&heads.list);
    return rc;
  }
  if (heads.list.n == 0)
    return zs_query_match_all(xq); /* no word to narrow by: the check decides */
  return qlist_combine(&heads.list, ZS_OP_AND, xq);
}

/* A date: value that does not parse, with its column. */
static int check_dates(const zs_qnode *n, const zs_check *c) {
  char lo[12], hi[12];
  int rc = zs_qbuild_dates(c->str, c->len, lo, hi);
  return rc ? zs_error_set(rc,
                           "date at column %zu: %s (use date:2019-01-22, date:2019-01 or "
                           "date:2018-12..2019-01)",
                           n->column, zs_error_last())
            : ZS_OK;
}

static int build_field(builder *b, const zs_qnode *n, zs_query **xq, bool *exact, zs_check *c) {
  c->field = n->field;
  *exact = true;
  zs_query *filter = NULL;
  int rc = zs_qbuild_fold(&c->str, &c->len, n->text, n->len, b->env->fold_flags);
  if (rc == ZS_OK && c->len == 0)
    rc = zs_error_set(ZS_EINVAL, "field %s at column %zu has no value", zs_qfield_name(n->field),
                      n->column);
  if (rc)
    return rc;
  switch (n->field) {
  case ZS_FIELD_YEAR: rc = build_year(n, c, &filter); break;
  case ZS_FIELD_PROVINCE:
  case ZS_FIELD_TYPE: rc = build_named(n, c, &filter); break;
  case ZS_FIELD_DATE:
    if ((rc = check_dates(n, c)) == ZS_OK)
      rc = build_doc(b, c, &filter);
    break;
  case ZS_FIELD_DOC:
  case ZS_FIELD_ORG:
  case ZS_FIELD_DOCNO: rc = build_doc(b, c, &filter); break;
  case ZS_FIELD_HEADING: rc = build_heading(b, n, &filter, exact); break;
  }
  if (rc == ZS_OK)
    rc = zs_query_scale(xq, filter, 0); /* filters select, they do not rank */
  zs_query_free(filter);
  return rc;
}

static int build_node(builder *b, const zs_qnode *n, bool positive, zs_query **xq, bool *exact,
                      zs_check **chk);

/* Replaces *c by NOT(*c) (freeing *c on failure). */
static int wrap_not(zs_check **c) {
  zs_check *neg = calloc(1, sizeof *neg);
  zs_check **kids = calloc(1, sizeof *kids);
  if (!neg || !kids) {
    free(neg);
    free(kids);
    zs_check_free(*c);
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
 * its terms decide them exactly, else left to the check. */
static int build_and(builder *b, const zs_qnode *n, zs_query **xq, bool *exact, zs_check *c) {
  qlist pos = {0}, neg = {0};
  int rc = ZS_OK;
  *exact = true;
  for (size_t i = 0; i < n->nkids && rc == ZS_OK; i++) {
    const zs_qnode *k = n->kids[i];
    bool excluded = k->kind == ZS_Q_NOT, kid_exact;
    zs_query *q = NULL;
    zs_check *kc = NULL;
    rc = build_node(b, excluded ? k->kids[0] : k, !excluded, &q, &kid_exact, &kc);
    if (rc == ZS_OK && excluded)
      rc = wrap_not(&kc);
    if (rc) {
      zs_query_free(q);
      break;
    }
    c->kids[c->nkids++] = kc;
    if (excluded && !kid_exact) {
      *exact = false; /* not excluded here: the check does it */
      zs_query_free(q);
      continue;
    }
    *exact = *exact && kid_exact;
    rc = qlist_push(excluded ? &neg : &pos, q);
  }
  zs_query *positive = NULL, *negative = NULL;
  if (rc == ZS_OK)
    rc = pos.n ? qlist_combine(&pos, ZS_OP_AND, &positive) : zs_query_match_all(&positive);
  if (rc == ZS_OK && neg.n)
    rc = qlist_combine(&neg, ZS_OP_OR, &negative);
  if (rc == ZS_OK) {
    rc = and_not(xq, positive, negative);
    positive = negative = NULL;
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
  if (rc == ZS_OK && !*exact) { /* not excluded here: the check does it */
    zs_query_free(kid);
    kid = NULL;
  }
  if (rc == ZS_OK) {
    rc = and_not(xq, all, kid);
    all = kid = NULL;
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
  case ZS_Q_EXACT:
    b->quoted = b->quoted || (positive && n->kind == ZS_Q_EXACT);
    b->free_text = b->free_text || (positive && n->kind == ZS_Q_TEXT);
    rc = build_leaf(b, n, positive, xq, exact, c);
    break;
  case ZS_Q_FIELD: rc = build_field(b, n, xq, exact, c); break;
  case ZS_Q_AND: rc = build_and(b, n, xq, exact, c); break;
  case ZS_Q_OR: rc = build_or(b, n, xq, exact, c); break;
  default: rc = build_not(b, n, xq, exact, c); break;
  }
  if (rc) {
    zs_check_free(c);
    zs_query_free(*xq);
    *xq = NULL;
    return rc;
  }
  *chk = c;
  return ZS_OK;
}

int zs_qbuild(zs_qplan *plan, const zs_qbuild_env *env, const zs_qnode *root) {
  memset(plan, 0, sizeof *plan);
  builder b = {.env = env, .rank = env->rank ? *env->rank : ZS_RANK_DEFAULTS, .plan = plan};
  bool exact;
  int rc = build_node(&b, root, true, &plan->query, &exact, &plan->check);
  plan->verify = !exact;
  plan->prefer_short = b.quoted && !b.free_text;
  plan->quoted = b.quoted;
  zs_query *front = NULL, *boost = NULL;
  if (rc == ZS_OK)
    rc = zs_query_term(&front, ZS_TERM_FRONT, strlen(ZS_TERM_FRONT), 1);
  if (rc == ZS_OK)
    rc = zs_query_scale(&boost, front, b.quoted ? front_weight_quoted : front_weight);
  zs_query_free(front);
  if (rc == ZS_OK)
    rc = combine2(&plan->query, ZS_OP_AND_MAYBE, plan->query, boost);
  else
    zs_query_free(boost);
  if (rc)
    zs_qplan_free(plan);
  return rc;
}

void zs_qplan_free(zs_qplan *plan) {
  if (!plan)
    return;
  zs_query_free(plan->query);
  zs_check_free(plan->check);
  zs_strings_free(&plan->needles);
  memset(plan, 0, sizeof *plan);
}

bool zs_qplan_accepts(const zs_qplan *plan, const zs_check_view *v) {
  return !plan->verify || zs_check_eval(plan->check, v);
}
