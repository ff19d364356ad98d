/* zs_similar: a more-like-this query (the draft's words weighted by tf·idf,
 * as Xapian's relevance feedback would), then two checks on character-pair
 * sets: one finds the draft's own source, one folds near-identical passages. */
#define _GNU_SOURCE /* memmem */
#include "zs_similar.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_grow.h"
#include "zs_i18n.h"
#include "zs_qbuild.h"
#include "zs_qcheck.h"
#include "zs_qparse.h"
#include "zs_utf8.h"

#define MAX_TERMS 40     /* distinctive words searched */
#define SAME_OVERLAP 0.8 /* pair overlap from which two texts count as the same */
#define COMMON_SHARE 0.5 /* words in more than this share of passages say nothing */

/* ---- the draft's words ---- */

typedef struct word_count {
  zs_strings terms; /* distinct terms, in order of first occurrence */
  zs_strings words; /* their folded texts, at the same index */
  uint32_t *tf;
  size_t cap;
} word_count;

static int count_word(void *ctx, const zs_index_term *t) {
  word_count *wc = ctx;
  for (size_t i = 0; i < wc->terms.n; i++)
    if (wc->terms.len[i] == t->len && memcmp(wc->terms.str[i], t->term, t->len) == 0) {
      wc->tf[i]++;
      return 0;
    }
  int rc = zs_grow((void **)&wc->tf, &wc->cap, wc->terms.n + 1, sizeof *wc->tf);
  if (rc == ZS_OK)
    rc = zs_strings_add(&wc->terms, t->term, t->len);
  if (rc == ZS_OK)
    rc = zs_strings_add(&wc->words, t->text, t->text_len);
  if (rc == ZS_OK)
    wc->tf[wc->terms.n - 1] = 1;
  return rc;
}

/* Moves word i of wc to place `at` of r (weightiest first), with weight w. */
static void place_word(zs_similar_result *r, word_count *wc, size_t i, double w) {
  size_t at = r->nwords++; /* insertion keeps weightiest first */
  while (at > 0 && r->weights[at - 1] < w) {
    r->weights[at] = r->weights[at - 1];
    r->words[at] = r->words[at - 1];
    r->terms[at] = r->terms[at - 1];
    at--;
  }
  r->weights[at] = w;
  r->words[at] = wc->words.str[i];
  r->terms[at] = wc->terms.str[i];
  wc->words.str[i] = wc->terms.str[i] = NULL; /* now r's */
}

/* The draft's words by tf·idf, weightiest first, into r->words/terms/weights. */
static int distinctive_words(zs_searcher *s, const zs_terms_text *draft, zs_similar_result *r) {
  word_count wc = {0};
  uint32_t n = 0;
  int rc = zs_terms_each(zs_searcher_analyzer(s), draft, ZS_TERMS_BODY,
                         ZS_ANALYZE_WORDS | ZS_ANALYZE_SUBWORDS, count_word, &wc);
  if (rc == ZS_OK)
    rc = zs_searcher_doc_count(s, &n);
  r->words = calloc(wc.terms.n + 1, sizeof *r->words);
  r->terms = calloc(wc.terms.n + 1, sizeof *r->terms);
  r->weights = calloc(wc.terms.n + 1, sizeof *r->weights);
  if (rc == ZS_OK && (!r->words || !r->terms || !r->weights))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory"));
  for (size_t i = 0; rc == ZS_OK && i < wc.terms.n; i++) {
    uint32_t df = 0;
    rc = zs_searcher_term_freq(s, wc.terms.str[i], wc.terms.len[i], &df);
    if (rc || df == 0 || df > COMMON_SHARE * n)
      continue;
    place_word(r, &wc, i, wc.tf[i] * log((n + 1.0) / (df + 0.5)));
  }
  for (size_t i = MAX_TERMS; i < r->nwords; i++) {
    free(r->words[i]);
    free(r->terms[i]);
  }
  if (r->nwords > MAX_TERMS)
    r->nwords = MAX_TERMS;
  zs_strings_free(&wc.terms);
  zs_strings_free(&wc.words);
  free(wc.tf);
  if (rc == ZS_OK && r->nwords == 0)
    rc = zs_error_set(ZS_EINVAL, _("the draft has no distinctive word that the index knows"));
  return rc;
}

/* ---- the plan ---- */

/* OR of the words, each with its frequency in the draft as query weight,
 * filtered by `where` when given. */
static int build_plan(zs_searcher *s, const zs_similar_result *r, const char *where,
                      zs_qplan *plan) {
  memset(plan, 0, sizeof *plan);
  zs_qnode *tree = NULL;
  zs_qbuild_env env = zs_searcher_env(s);
  int rc = ZS_OK;
  if (where && *where) {
    rc = zs_qparse(&tree, where, strlen(where));
    if (rc == ZS_OK)
      rc = zs_qbuild(plan, &env, tree);
    zs_qnode_free(tree);
    zs_strings_free(&plan->needles); /* highlight the draft's words, not the filter's */
  }
  zs_query **terms = calloc(r->nwords, sizeof *terms), *like = NULL;
  if (rc == ZS_OK && !terms)
    rc = zs_error_set(ZS_ENOMEM, _("out of memory"));
  for (size_t i = 0; rc == ZS_OK && i < r->nwords; i++) {
    uint32_t wqf = (uint32_t)(r->weights[i] < 1 ? 1 : r->weights[i] + 0.5);
    rc = zs_query_term(&terms[i], r->terms[i], strlen(r->terms[i]), wqf);
    if (rc == ZS_OK)
      rc = zs_strings_add(&plan->needles, r->words[i], strlen(r->words[i]));
  }
  if (rc == ZS_OK)
    rc = zs_query_combine(&like, ZS_OP_OR, terms, r->nwords, 0);
  for (size_t i = 0; terms && i < r->nwords; i++)
    zs_query_free(terms[i]);
  free(terms);
  if (rc == ZS_OK && plan->query) {
    zs_query *parts[2] = {like, plan->query};
    zs_query *filtered = NULL;
    rc = zs_query_combine(&filtered, ZS_OP_FILTER, parts, 2, 0);
    zs_query_free(plan->query);
    zs_query_free(like);
    like = NULL;
    plan->query = filtered;
  } else if (rc == ZS_OK) {
    plan->query = like;
    like = NULL;
  }
  zs_query_free(like);
  return rc;
}

/* ---- character-pair sets ---- */

typedef struct pairs {
  uint64_t *v;
  size_t n;
} pairs;

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* The distinct pairs of adjacent code points of folded text s. */
static int make_pairs(const char *s, size_t len, pairs *p) {
  p->v = malloc((len + 1) * sizeof *p->v);
  p->n = 0;
  if (!p->v)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  uint32_t prev = 0;
  for (size_t i = 0; i < len;) {
    uint32_t c = (unsigned char)s[i++];
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
      c = c << 6 | ((unsigned char)s[i++] & 0x3F); /* a key, not the code point: fine here */
    if (prev && c != ' ' && prev != ' ')
      p->v[p->n++] = (uint64_t)prev << 32 | c;
    prev = c;
  }
  qsort(p->v, p->n, sizeof *p->v, cmp_u64);
  size_t out = 0;
  for (size_t i = 0; i < p->n; i++)
    if (out == 0 || p->v[out - 1] != p->v[i])
      p->v[out++] = p->v[i];
  p->n = out;
  return ZS_OK;
}

/* Shared pairs over the pairs of the smaller set (`of_larger`: of the larger
 * one), 0 when one is empty. */
static double overlap(const pairs *a, const pairs *b, bool of_larger) {
  size_t i = 0, j = 0, shared = 0;
  while (i < a->n && j < b->n) {
    if (a->v[i] == b->v[j]) {
      shared++;
      i++;
      j++;
    } else if (a->v[i] < b->v[j]) {
      i++;
    } else {
      j++;
    }
  }
  size_t base = (a->n < b->n) != of_larger ? a->n : b->n;
  return base ? (double)shared / (double)base : 0.0;
}

/* ---- the result ---- */

static int fold_pairs(zs_searcher *s, const zs_hit *hit, pairs *p) {
  char *f = NULL;
  size_t fl = 0;
  int rc = zs_terms_fold(&f, &fl, ZS_TERMS_DOCUMENT, zs_searcher_fold_flags(s), hit->rec.text,
                         hit->rec.text_len);
  if (rc == ZS_OK)
    rc = make_pairs(f, fl, p);
  free(f);
  return rc;
}

/* The draft's words that the passage contains, weightiest first. */
static int matched_terms(zs_searcher *s, zs_similar_result *r, zs_precedent *item) {
  char *f = NULL;
  size_t fl = 0, cap = 0;
  int rc = zs_terms_fold(&f, &fl, ZS_TERMS_DOCUMENT, zs_searcher_fold_flags(s), item->hit->rec.text,
                         item->hit->rec.text_len);
  for (size_t w = 0; rc == ZS_OK && w < r->nwords; w++) {
    if (!memmem(f, fl, r->words[w], strlen(r->words[w])))
      continue;
    rc = zs_grow((void **)&item->terms, &cap, item->nterms + 1, sizeof *item->terms);
    if (rc == ZS_OK)
      item->terms[item->nterms++] = w;
  }
  free(f);
  return rc;
}

static int add_also(zs_precedent *item, size_t *cap, size_t hit) {
  int rc = zs_grow((void **)&item->also_in, cap, item->nalso + 1, sizeof *item->also_in);
  if (rc == ZS_OK)
    item->also_in[item->nalso++] = hit;
  return rc;
}

/* Marks sources, folds near-identical passages into the best of them and
 * keeps at most max precedents, sources first. */
static int select_items(zs_searcher *s, zs_similar_result *r, const pairs *draft, uint32_t max) {
  size_t n = r->hits->n;
  pairs *ps = calloc(n ? n : 1, sizeof *ps);
  bool *dropped = calloc(n ? n : 1, sizeof *dropped);
  size_t *caps = calloc(n ? n : 1, sizeof *caps);
  r->items = calloc(n ? n : 1, sizeof *r->items);
  int rc = ps && dropped && caps && r->items ? ZS_OK : zs_error_set(ZS_ENOMEM, _("out of memory"));
  for (size_t i = 0; rc == ZS_OK && i < n; i++)
    rc = fold_pairs(s, &r->hits->hit[i], &ps[i]);
  zs_precedent *tmp = calloc(n ? n : 1, sizeof *tmp);
  if (rc == ZS_OK && !tmp)
    rc = zs_error_set(ZS_ENOMEM, _("out of memory"));
  for (size_t i = 0; rc == ZS_OK && i < n; i++) {
    tmp[i].hit = &r->hits->hit[i];
    tmp[i].overlap = overlap(&ps[i], draft, false);
    tmp[i].source = tmp[i].overlap >= SAME_OVERLAP;
    for (size_t j = 0; j < i && !dropped[i]; j++)
      if (!dropped[j] && tmp[j].source == tmp[i].source &&
          overlap(&ps[i], &ps[j], true) >= SAME_OVERLAP) {
        dropped[i] = true;
        rc = add_also(&tmp[j], &caps[j], i);
      }
  }
  size_t kept = 0;
  for (int pass = 0; rc == ZS_OK && pass < 2; pass++) /* sources, then precedents */
    for (size_t i = 0; rc == ZS_OK && i < n; i++) {
      if (dropped[i] || tmp[i].source != (pass == 0) || (pass == 1 && kept >= max))
        continue;
      r->items[r->n] = tmp[i];
      tmp[i].also_in = NULL;
      rc = matched_terms(s, r, &r->items[r->n++]);
      kept += pass == 1;
    }
  for (size_t i = 0; i < n; i++) {
    free(ps ? ps[i].v : NULL);
    free(tmp ? tmp[i].also_in : NULL);
  }
  free(tmp);
  free(ps);
  free(dropped);
  free(caps);
  return rc;
}

int zs_similar_run(zs_searcher *s, const char *text, size_t len, const zs_similar_params *p,
                   zs_similar_result **out) {
  *out = NULL;
  zs_similar_result *r = calloc(1, sizeof *r);
  zs_terms_text prepared = {0};
  pairs draft = {0};
  zs_qplan plan = {0};
  int rc = r ? ZS_OK : zs_error_set(ZS_ENOMEM, _("out of memory"));
  size_t valid = zs_utf8_valid_prefix(text, len);
  if (rc == ZS_OK && valid < len)
    rc = zs_error_set(ZS_EINVAL,
                      _("the draft is not valid UTF-8 (byte 0x%02X at offset %zu); "
                        "convert it to UTF-8"),
                      (unsigned char)text[valid], valid);
  if (rc == ZS_OK && p->where && *p->where) { /* a bad filter is named before the draft */
    zs_qnode *tree = NULL;
    rc = zs_qparse(&tree, p->where, strlen(p->where));
    zs_qnode_free(tree);
  }
  if (rc == ZS_OK)
    rc = zs_terms_prepare(&prepared, ZS_TERMS_QUERY, zs_searcher_fold_flags(s), text, len);
  if (rc == ZS_OK)
    rc = distinctive_words(s, &prepared, r);
  if (rc == ZS_OK)
    rc = make_pairs(prepared.folded, prepared.len, &draft);
  if (rc == ZS_OK)
    rc = build_plan(s, r, p->where, &plan);
  /* more than asked: sources and near-identical copies are taken out after */
  zs_search_params sp = {
      .max = p->max * 3 + 10, .exact_count_up_to = p->max * 3 + 10, .per_doc = p->per_doc};
  if (rc == ZS_OK)
    rc = zs_search_plan(s, &plan, &sp, &r->hits);
  if (rc == ZS_OK)
    rc = select_items(s, r, &draft, p->max);
  zs_qplan_free(&plan);
  free(draft.v);
  zs_terms_text_free(&prepared);
  if (rc) {
    zs_similar_free(r);
    return rc;
  }
  *out = r;
  return ZS_OK;
}

void zs_similar_free(zs_similar_result *r) {
  if (!r)
    return;
  for (size_t i = 0; i < r->n; i++) {
    free(r->items[i].terms);
    free(r->items[i].also_in);
  }
  free(r->items);
  for (size_t i = 0; i < r->nwords; i++) {
    free(r->words[i]);
    free(r->terms[i]);
  }
  free(r->words);
  free(r->terms);
  free(r->weights);
  zs_hits_free(r->hits);
  free(r);
}
