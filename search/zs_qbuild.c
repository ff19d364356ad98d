/* zs_qbuild: free text matches by all of its parts (its words, each or its
 * synonym) or a synonym of the whole (BM25), and ranks higher where the
 * bigrams that join its words occur, in headings and by the words inside; a quoted
 * string matches by its bigrams, and from three characters on, where bigrams
 * only narrow the candidates, by a substring check of each candidate: exact
 * whatever the segmentation. Fields filter by metadata terms, weightless.
 * Every term of text comes from zs_terms, as the index's did. */
#include "zs_qbuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "zs_docfields.h"
#include "zs_docmeta.h"
#include "zs_error.h"
#include "zs_grow.h"
#include "zs_i18n.h"
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
    return zs_error_set(ZS_ENOMEM, _("out of memory building the query"));
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

/* Pushes the query of one term of the index, as it is, onto the qlist ctx. */
static int push_stored_term(void *ctx, const char *term, size_t len) {
  zs_query *q = NULL;
  int rc = zs_query_term(&q, term, len, 1);
  return rc ? rc : qlist_push(ctx, q);
}

/* Pushes the query of one term that zs_terms made onto the qlist ctx: a
 * bigram as itself or the word of its two code points, which a document
 * stores instead where a word stands for the pair (zs_terms.h), weighted as
 * one term whose occurrences are both's. */
static int push_term(void *ctx, const char *term, size_t len) {
  char word[ZS_MAX_TERM_BYTES + 1];
  size_t wl = zs_terms_bigram_word(word, term, len);
  if (!wl)
    return push_stored_term(ctx, term, len);
  zs_query *parts[2] = {NULL, NULL}, *q = NULL;
  int rc = zs_query_term(&parts[0], term, len, 1);
  if (rc == ZS_OK)
    rc = zs_query_term(&parts[1], word, wl, 1);
  if (rc == ZS_OK)
    rc = zs_query_combine(&q, ZS_OP_SYNONYM, parts, 2, 0);
  zs_query_free(parts[0]);
  zs_query_free(parts[1]);
  return rc ? rc : qlist_push(ctx, q);
}

static int push_index_term(void *ctx, const zs_index_term *t) {
  return push_term(ctx, t->term, t->len);
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

typedef struct prefixed {
  qlist *list;
  size_t chars; /* only terms of this many code points (0: all) */
} prefixed;

static int push_prefixed(void *ctx, const char *term, size_t len) {
  prefixed *p = ctx;
  if (p->chars && zs_utf8_count(term, len) != p->chars)
    return 0;
  return push_stored_term(p->list, term, len);
}

/* Pushes the terms starting with prefix (of `chars` code points, 0: any) onto
 * list, expanded over the whole index: each term is weighed with the
 * statistics of all shards together. (Xapian's wildcard, and a synonym of a
 * wildcard, estimate their frequency shard by shard, so the scores of a
 * sharded index would differ from one index's.) Without the index's list of
 * terms, Xapian's wildcard. */
static int push_prefix_terms(const zs_qbuild_env *env, const char *prefix, size_t len, size_t chars,
                             qlist *list) {
  if (!env->prefix_terms) {
    zs_query *q = NULL;
    int rc = zs_query_prefix(&q, prefix, len, 0);
    return rc ? rc : qlist_push(list, q);
  }
  prefixed p = {.list = list, .chars = chars};
  return env->prefix_terms(env->ctx, prefix, len, push_prefixed, &p);
}

/* The passages holding folded code point c[0..len): those with a bigram term
 * starting with it, or a word of two code points that does (zs_terms.h). */
static int char_query(const zs_qbuild_env *env, const char *c, size_t len, zs_query **out) {
  char prefix[ZS_MAX_TERM_BYTES + 1];
  size_t n = zs_terms_char_prefix(prefix, c, len);
  qlist terms = {0};
  int rc = push_prefix_terms(env, prefix, n, 0, &terms);
  if (rc == ZS_OK)
    rc = push_prefix_terms(env, c, len, 2, &terms);
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
    zs_query *any = NULL;
    int rc = char_query(env, t->folded, t->len, &any);
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
  bool highlight; /* the leaf being built is positive: its parts are needles */
  /* building the partial query: a text's parts, and the words typed apart,
   * combined by OR (zs_qplan.partial) */
  bool loose;
  /* … and, for a text of one word, its shorter words ORed too (a text of
   * several words is partial by whole words: 流动人口 or 服务, not 人口) */
  bool loose_tiles;
  bool one_text;    /* the query has one text to search (besides fields and exclusions) */
  bool has_partial; /* some positive free text has more than one part */
  /* building what only selects (an exclusion, the full query that partial
   * matches leave out): no ranking boosts. Xapian 1.4.22 reads uninitialised
   * memory when the right side of AND_NOT holds an AND over AND_MAYBE, and
   * then fails to exclude (tests/test_match.c) */
  bool weightless;
  size_t parts; /* of the text being built */
} builder;

/* A new check node of kind with room for nkids children. */
static zs_check *check_new(zs_qkind kind, size_t nkids) {
  zs_check *c = calloc(1, sizeof *c);
  if (c && nkids && !(c->kids = calloc(nkids, sizeof *c->kids))) {
    free(c);
    c = NULL;
  }
  if (c)
    c->kind = kind;
  else
    zs_error_set(ZS_ENOMEM, _("out of memory building the query"));
  return c;
}

/* What a passage must hold to match a text by its parts: each of its words,
 * and for a character that no word covers (党 and 的 of 党的二十大), the
 * bigram it starts (the last character: the bigram it ends). Parts come as
 * term queries and their folded strings, at the same index, each once. Terms
 * come words first, so every word is known when the bigrams come. */
typedef struct parts {
  size_t word_start[64], word_end[64];
  size_t nwords;                       /* words among the parts (the first 64 cover characters) */
  size_t nbigrams;                     /* the first 256 are looked at */
  size_t sub_start[256], sub_end[256]; /* the shorter words inside words */
  size_t nsubs;
  bool is_word[64]; /* per part (the first 64): a word, not a bigram */
  size_t part_start[64], part_end[64];
  const zs_terms_text *t;
  qlist terms;
  zs_strings texts;
} parts;

/* Whether the character at folded byte at is inside one of the words. */
static bool covered(const parts *p, size_t at) {
  for (size_t w = 0; w < p->nwords && w < 64; w++)
    if (p->word_start[w] <= at && at < p->word_end[w])
      return true;
  return false;
}

/* Whether the character at folded byte at is a letter or digit: punctuation
 * between words (双随机、一公开) is not a part a passage must repeat. */
static bool is_alnum_at(const zs_terms_text *t, size_t at) {
  int32_t i = (int32_t)at;
  UChar32 cp;
  U8_NEXT(t->folded, i, (int32_t)t->len, cp);
  return cp >= 0 && u_isalnum(cp);
}

static int add_part(parts *p, const zs_index_term *t) {
  if (has_string(&p->texts, t->text, t->text_len))
    return 0;
  size_t i = p->texts.n;
  if (i < 64) {
    p->is_word[i] = t->kind == ZS_TERM_WORD;
    p->part_start[i] = t->folded_start;
    p->part_end[i] = t->folded_end;
  }
  int rc = push_term(&p->terms, t->term, t->len);
  return rc ? rc : zs_strings_add(&p->texts, t->text, t->text_len);
}

static int collect_part(void *ctx, const zs_index_term *t) {
  parts *p = ctx;
  if (t->kind == ZS_TERM_WORD) {
    if (p->nwords < 64) {
      p->word_start[p->nwords] = t->folded_start;
      p->word_end[p->nwords] = t->folded_end;
    }
    p->nwords++;
    return add_part(p, t);
  }
  if (t->kind == ZS_TERM_SUBWORD) {
    if (p->nsubs < 256) {
      p->sub_start[p->nsubs] = t->folded_start;
      p->sub_end[p->nsubs++] = t->folded_end;
    }
    return 0;
  }
  if (p->nbigrams++ >= 256 || !p->nwords)
    return 0;
  size_t first = t->folded_start, second = first;
  U8_FWD_1(p->t->folded, second, p->t->len);
  bool first_loose = !covered(p, first) && is_alnum_at(p->t, first);
  bool last_loose = t->folded_end == p->t->len && !covered(p, second) &&
                    is_alnum_at(p->t, second) && covered(p, first);
  return first_loose || last_loose ? add_part(p, t) : 0;
}

static void parts_free(parts *p) {
  qlist_free(&p->terms);
  zs_strings_free(&p->texts);
}

/* The parts of prepared text t; none when it has no word. */
static int find_parts(const zs_qbuild_env *env, const zs_terms_text *t, parts *p) {
  memset(p, 0, sizeof *p);
  p->t = t;
  int rc = zs_terms_each(env->analyzer, t, ZS_TERMS_BODY, ZS_ANALYZE_INDEX, collect_part, p);
  if (rc == ZS_OK && !p->nwords) {
    parts_free(p);
    p->t = t;
  }
  return rc;
}

/* Starts of the code points of s[from..to) after from, at most n. */
static size_t next_chars(const char *s, size_t from, size_t to, size_t *after, size_t n) {
  size_t k = 0, at = from;
  while (k < n && at < to) {
    U8_FWD_1(s, at, to);
    after[k++] = at;
  }
  return k;
}

/* The shorter words that a word (part i of p) is made of, end to end, the
 * longest first (育儿补贴 = 育儿 + 补贴; 青春健康 = 青春 + 健康), two characters
 * outside them by their bigram (三孩生育政策 = 三孩 + 生育政策), one alone left
 * out when two shorter words remain (健康知识进万家 = 健康知识 + 万家), as the
 * parts of *tiles; none for a word not made of shorter words (计生协). */
static int find_tiles(const parts *p, size_t i, parts *tiles) {
  memset(tiles, 0, sizeof *tiles);
  tiles->t = p->t;
  if (i >= 64 || !p->is_word[i])
    return ZS_OK;
  const char *s = p->t->folded;
  size_t start = p->part_start[i], end = p->part_end[i], at = start, words = 0, skipped = 0;
  int rc = ZS_OK;
  while (rc == ZS_OK && at < end) {
    size_t best = 0, after[2], text_from = at, text_to;
    for (size_t k = 0; k < p->nsubs; k++)
      if (p->sub_start[k] == at && p->sub_end[k] <= end && p->sub_end[k] > best &&
          !(at == start && p->sub_end[k] == end))
        best = p->sub_end[k];
    char term[ZS_MAX_TERM_BYTES + 1];
    size_t len;
    if (best) {
      words++;
      text_to = best;
      len = zs_terms_word(term, ZS_TERMS_BODY, s + at, best - at);
      at = best;
    } else { /* two characters outside the shorter words: their bigram */
      bool next_starts = false;
      size_t nchars = next_chars(s, at, end, after, 2);
      for (size_t k = 0; nchars == 2 && k < p->nsubs; k++)
        next_starts = next_starts || p->sub_start[k] == after[0];
      if (nchars < 2 || next_starts) { /* one character alone (进 of 健康知识进万家) */
        skipped++;
        at = after[0];
        continue;
      }
      text_to = after[1];
      at = after[1];
      len = strlen(ZS_PREFIX_BIGRAM);
      memcpy(term, ZS_PREFIX_BIGRAM, len);
      memcpy(term + len, s + text_from, text_to - text_from);
      len += text_to - text_from;
      term[len] = '\0';
    }
    if (!len || has_string(&tiles->texts, s + text_from, text_to - text_from))
      continue;
    rc = push_term(&tiles->terms, term, len);
    if (rc == ZS_OK)
      rc = zs_strings_add(&tiles->texts, s + text_from, text_to - text_from);
  }
  /* a character may be left alone between two shorter words, not beside
   * one only (计生协 = 计生 + 协 is no pair of words) */
  if (rc == ZS_OK && (!words || (skipped && words < 2))) {
    parts_free(tiles);
    tiles->t = p->t;
  }
  return rc;
}

/* The check of "all of p's parts": an AND of substrings (one part: itself). */
static zs_check *parts_check(const parts *p) {
  zs_check *all = check_new(ZS_Q_AND, p->texts.n);
  for (size_t i = 0; all && i < p->texts.n; i++) {
    zs_check *k = check_new(ZS_Q_EXACT, 0);
    if (k && !(k->str = strndup(p->texts.str[i], p->texts.len[i]))) {
      zs_check_free(k);
      k = NULL;
      zs_error_set(ZS_ENOMEM, _("out of memory building the query"));
    }
    if (!k) {
      zs_check_free(all);
      return NULL;
    }
    k->len = p->texts.len[i];
    all->kids[all->nkids++] = k;
  }
  return all;
}

/* The alternatives a word (or a whole text) may appear as: itself and its
 * synonyms, each by all of its parts. queries and checks grow together;
 * needles gets every part, to highlight. */
typedef struct alternatives {
  builder *b;
  qlist queries;
  zs_check *any; /* ZS_Q_OR of the checks */
  size_t cap;
  zs_strings said; /* the synonyms added, each once (计生 and 计生家庭 inside
                      计生家庭保险 both give 计划生育家庭保险) */
} alternatives;

/* Highlights parts: one as a needle; several as a group, shown where all of
 * them occur (a partial query shows any of them: its needles are flat). */
static int add_needles(builder *b, const zs_strings *strings) {
  zs_qplan *plan = b->plan;
  int rc = ZS_OK;
  if (strings->n == 1 || b->loose) {
    for (size_t i = 0; rc == ZS_OK && i < strings->n; i++)
      rc = zs_strings_add(&plan->needles, strings->str[i], strings->len[i]);
    return rc;
  }
  zs_needle_groups *g = &plan->needle_groups;
  if (zs_grow((void **)&g->group, &g->cap, g->n + 1, sizeof *g->group))
    return zs_error_set(ZS_ENOMEM, _("out of memory building the query"));
  zs_needles *one = &g->group[g->n++];
  memset(one, 0, sizeof *one);
  for (size_t i = 0; rc == ZS_OK && i < strings->n; i++)
    rc = zs_strings_add(one, strings->str[i], strings->len[i]);
  return rc;
}

/* Adds the alternative "all parts of p" (p's terms are taken). */
static int add_alternative(alternatives *al, parts *p) {
  zs_query *q = NULL;
  zs_check *c = parts_check(p);
  int rc = c ? ZS_OK : ZS_ENOMEM;
  if (rc == ZS_OK &&
      zs_grow((void **)&al->any->kids, &al->cap, al->any->nkids + 1, sizeof *al->any->kids))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory building the query"));
  if (rc == ZS_OK)
    al->any->kids[al->any->nkids++] = c;
  else
    zs_check_free(c);
  if (rc == ZS_OK && al->b->highlight)
    rc = add_needles(al->b, &p->texts);
  if (rc == ZS_OK)
    rc = qlist_combine(&p->terms, al->b->loose_tiles ? ZS_OP_OR : ZS_OP_AND, &q);
  return rc ? rc : qlist_push(&al->queries, q);
}

static int add_synonym(void *ctx, const char *s, size_t len) {
  alternatives *al = ctx;
  if (has_string(&al->said, s, len))
    return ZS_OK;
  zs_terms_text t = {0};
  parts p = {0};
  int rc = zs_strings_add(&al->said, s, len);
  if (rc == ZS_OK)
    rc = zs_terms_prepare(&t, ZS_TERMS_QUERY, al->b->env->fold_flags, s, len);
  if (rc == ZS_OK)
    rc = find_parts(al->b->env, &t, &p);
  if (rc == ZS_OK && p.texts.n == 0 && t.len) { /* no word: the synonym as typed */
    zs_query *verbatim = NULL;
    bool exact;
    rc = build_verbatim(al->b->env, &t, &verbatim, &exact);
    if (rc == ZS_OK && exact) {
      rc = qlist_push(&p.terms, verbatim);
      verbatim = NULL;
      if (rc == ZS_OK)
        rc = zs_strings_add(&p.texts, t.folded, t.len);
    }
    zs_query_free(verbatim); /* three or more characters without a word: too loose, left out */
  }
  if (rc == ZS_OK && p.texts.n)
    rc = add_alternative(al, &p);
  parts_free(&p);
  zs_terms_text_free(&t);
  return rc;
}

/* A word with a shorter word inside it replaced by a synonym of that: the
 * word said another way (托育服务 = 婴幼儿照护服务, as 托育 = 婴幼儿照护). */
typedef struct inner_variant {
  alternatives *al;
  const char *head, *tail; /* the word before and after the shorter word */
  size_t head_len, tail_len;
} inner_variant;

static int add_inner_variant(void *ctx, const char *syn, size_t len) {
  inner_variant *v = ctx;
  size_t n = v->head_len + len + v->tail_len;
  char *s = malloc(n + 1);
  if (!s)
    return zs_error_set(ZS_ENOMEM, _("out of memory building the query"));
  memcpy(s, v->head, v->head_len);
  memcpy(s + v->head_len, syn, len);
  memcpy(s + v->head_len + len, v->tail, v->tail_len);
  s[n] = '\0';
  int rc = add_synonym(v->al, s, n);
  free(s);
  return rc;
}

/* The word part i of p with each shorter word inside it said as a synonym. */
static int add_inner_synonyms(alternatives *al, const parts *p, size_t i) {
  if (i >= 64 || !p->is_word[i])
    return ZS_OK;
  const char *s = p->t->folded;
  size_t start = p->part_start[i], end = p->part_end[i];
  int rc = ZS_OK;
  for (size_t k = 0; rc == ZS_OK && k < p->nsubs && k < 256; k++) {
    size_t from = p->sub_start[k], to = p->sub_end[k];
    if (from < start || to > end || (from == start && to == end))
      continue;
    inner_variant v = {al, s + start, s + to, from - start, end - to};
    rc = zs_synonyms_each(al->b->env->synonyms, s + from, to - from, add_inner_variant, &v);
  }
  return rc;
}

/* *q, *c: s as itself (the query of its parts, given), as the shorter words
 * it is made of (tiles, when it has them), or as any of its synonyms, or as
 * itself with a shorter word in it said as a synonym (word: part i of whole;
 * whole NULL for none). */
static int with_synonyms(builder *b, const char *s, size_t len, parts *own, parts *tiles,
                         const parts *whole, size_t i, zs_query **q, zs_check **c) {
  alternatives al = {.b = b};
  int rc = (al.any = check_new(ZS_Q_OR, 0)) ? ZS_OK : ZS_ENOMEM;
  if (rc == ZS_OK)
    rc = add_alternative(&al, own);
  /* the shorter words a word is made of list its partial matches (青春 or
   * 健康 for 青春健康), never its full ones: a word the lexicon has is
   * matched as that word, which is also what keeps it fast */
  if (rc == ZS_OK && tiles && tiles->texts.n > 1 && b->loose_tiles)
    rc = add_alternative(&al, tiles);
  if (tiles && tiles->texts.n > 1)
    b->has_partial = b->has_partial || b->highlight;
  if (rc == ZS_OK && b->env->synonyms)
    rc = zs_synonyms_each(b->env->synonyms, s, len, add_synonym, &al);
  if (rc == ZS_OK && b->env->synonyms && whole)
    rc = add_inner_synonyms(&al, whole, i);
  if (rc == ZS_OK)
    rc = qlist_combine(&al.queries, al.queries.n > 1 ? ZS_OP_SYNONYM : ZS_OP_OR, q);
  qlist_free(&al.queries);
  zs_strings_free(&al.said);
  if (rc) {
    zs_check_free(al.any);
    return rc;
  }
  *c = al.any;
  return ZS_OK;
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

/* Free text t matches a passage that holds each of its parts, a part as itself
 * or as a synonym, or that holds a synonym of the whole text: never one part
 * of a word alone. *out is that query (NULL when t has no word), c->kids[0]
 * its check. The shorter words inside its words only rank (build_leaf). */
static int build_words(builder *b, zs_check *c, const zs_terms_text *t, zs_query **out) {
  parts p;
  *out = NULL;
  int rc = find_parts(b->env, t, &p);
  if (rc || !p.texts.n) {
    parts_free(&p);
    return rc;
  }
  size_t n = p.texts.n;
  qlist each = {0};
  b->loose_tiles = b->loose && n == 1 && b->one_text;
  b->parts = n;
  zs_check *all = check_new(ZS_Q_AND, n);
  rc = all ? ZS_OK : ZS_ENOMEM;
  for (size_t i = 0; rc == ZS_OK && i < n; i++) {
    /* each part with its own synonyms */
    parts one = {.t = t}, tiles = {.t = t};
    zs_query *q = NULL;
    zs_check *kc = NULL;
    rc = qlist_push(&one.terms, p.terms.q[i]);
    p.terms.q[i] = NULL;
    if (rc == ZS_OK)
      rc = zs_strings_add(&one.texts, p.texts.str[i], p.texts.len[i]);
    if (rc == ZS_OK)
      rc = find_tiles(&p, i, &tiles);
    if (rc == ZS_OK)
      rc = with_synonyms(b, p.texts.str[i], p.texts.len[i], &one, &tiles, &p, i, &q, &kc);
    parts_free(&one);
    parts_free(&tiles);
    if (rc == ZS_OK)
      all->kids[all->nkids++] = kc;
    if (rc == ZS_OK)
      rc = qlist_push(&each, q);
  }
  parts_free(&p);
  zs_query *whole = NULL;
  if (rc == ZS_OK)
    rc = qlist_combine(&each, b->loose ? ZS_OP_OR : ZS_OP_AND, &whole);
  if (n > 1 && b->highlight)
    b->has_partial = true;
  qlist_free(&each);
  /* a text of several parts: also its own synonyms (党的二十大 = 二十大) */
  alternatives al = {.b = b};
  if (rc == ZS_OK && n > 1 && b->env->synonyms &&
      zs_synonyms_count(b->env->synonyms, t->folded, t->len) > 0) {
    rc = (al.any = check_new(ZS_Q_OR, 0)) ? ZS_OK : ZS_ENOMEM;
    if (rc == ZS_OK)
      rc = zs_synonyms_each(b->env->synonyms, t->folded, t->len, add_synonym, &al);
    if (rc == ZS_OK && al.queries.n) {
      rc = qlist_push(&al.queries, whole);
      whole = NULL;
      if (rc == ZS_OK)
        rc = qlist_combine(&al.queries, ZS_OP_OR, &whole);
      zs_check *either = rc == ZS_OK ? check_new(ZS_Q_OR, 2) : NULL;
      if (either) {
        either->kids[0] = all;
        either->kids[1] = al.any;
        either->nkids = 2;
        all = either;
        al.any = NULL;
      } else if (rc == ZS_OK)
        rc = ZS_ENOMEM;
    }
  }
  qlist_free(&al.queries);
  zs_strings_free(&al.said);
  zs_check_free(al.any);
  if (rc == ZS_OK && !(c->kids = calloc(1, sizeof *c->kids)))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory building the query"));
  if (rc) {
    zs_check_free(all);
    zs_query_free(whole);
    return rc;
  }
  c->kids[0] = all;
  c->nkids = 1;
  *out = whole;
  return ZS_OK;
}

/* c (TEXT) matches by c->kids[0] or by holding c->str. */
static int check_or_exact(zs_check *c) {
  zs_check *either = check_new(ZS_Q_OR, 2), *self = check_new(ZS_Q_EXACT, 0);
  if (self && !(self->str = strndup(c->str, c->len))) {
    zs_check_free(self);
    self = NULL;
  }
  if (!either || !self) {
    zs_check_free(either);
    zs_check_free(self);
    return zs_error_set(ZS_ENOMEM, _("out of memory building the query"));
  }
  self->len = c->len;
  either->kids[0] = c->kids[0];
  either->kids[1] = self;
  either->nkids = 2;
  c->kids[0] = either;
  return ZS_OK;
}

/* The ranking of free text t beyond matching: its words in a heading above
 * the passage, the shorter words inside its words. *out is NULL when none. */
static int build_boost(builder *b, const zs_terms_text *t, zs_query **out) {
  zs_query *heads = NULL, *inner = NULL;
  qlist boost = {0};
  int rc = ZS_OK;
  if (b->rank.heading > 0)
    rc = weighted_words(b, t, ZS_TERMS_HEADING, ZS_ANALYZE_WORDS, b->rank.heading, ZS_OP_AND,
                        &heads);
  if (rc == ZS_OK && heads)
    rc = qlist_push(&boost, heads);
  if (rc == ZS_OK && b->rank.subword > 0)
    rc =
        weighted_words(b, t, ZS_TERMS_BODY, ZS_ANALYZE_SUBWORDS, b->rank.subword, ZS_OP_OR, &inner);
  if (rc == ZS_OK && inner)
    rc = qlist_push(&boost, inner);
  *out = NULL;
  if (rc || !boost.n) {
    qlist_free(&boost);
    return rc;
  }
  return qlist_combine(&boost, ZS_OP_OR, out);
}

/* TEXT and EXACT leaves. */
static int build_leaf(builder *b, const zs_qnode *n, bool positive, zs_query **xq, bool *exact,
                      zs_check *c) {
  zs_terms_text t = {0};
  int rc = zs_terms_prepare(&t, ZS_TERMS_QUERY, b->env->fold_flags, n->text, n->len);
  if (rc == ZS_OK && !(c->str = malloc(t.len + 1)))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory building the query"));
  if (rc == ZS_OK) {
    memcpy(c->str, t.folded, t.len + 1);
    c->len = t.len;
  }
  if (rc == ZS_OK && c->len == 0)
    rc = zs_error_set(ZS_EINVAL, _("nothing searchable at column %zu"), n->column);
  zs_query *verbatim = NULL, *words = NULL;
  b->highlight = positive;
  b->parts = 0;
  if (rc == ZS_OK)
    rc = build_verbatim(b->env, &t, &verbatim, exact);
  if (rc == ZS_OK && n->kind == ZS_Q_TEXT)
    rc = build_words(b, c, &t, &words);
  if (rc == ZS_OK && positive)
    rc = zs_strings_add(&b->plan->needles, c->str, c->len);
  if (rc == ZS_OK && words) {
    /* free text matches by its parts or verbatim, that is by all of its
     * bigrams (党的二十大 in 党的二十大和…, which ICU cuts 二十|大和): for
     * three characters and more a superset of verbatim, which only a
     * passage's text could tell apart; left so, as checking every match would
     * cost a stored record each. Verbatim ranks higher: its bigrams weigh too. */
    *exact = true;
    zs_query *boost = NULL, *scaled = NULL;
    if (b->parts > 1) { /* one word is matched as itself (or its synonyms) */
      rc = zs_query_scale(&scaled, verbatim, b->rank.verbatim);
      if (rc == ZS_OK)
        rc = combine2(&words, ZS_OP_OR, words, scaled);
      if (rc == ZS_OK && c->nkids) /* the check: the same, verbatim exactly */
        rc = check_or_exact(c);
    }
    if (rc == ZS_OK && !b->weightless)
      rc = build_boost(b, &t, &boost);
    if (rc == ZS_OK && boost)
      rc = combine2(xq, ZS_OP_AND_MAYBE, words, boost);
    else if (rc == ZS_OK)
      *xq = words;
    words = NULL;
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
    return zs_error_set(ZS_EINVAL, _("a year is four digits"));
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
      return zs_error_set(ZS_EINVAL, _("'%s' is not a year from 1949 to 2099"), part);
    if (k == 0)
      *lo = (int)y;
    if (k == 1 || !dots)
      *hi = (int)y;
  }
  if (dots && !*first && !*second)
    return zs_error_set(ZS_EINVAL, _("a range needs a year on at least one side of '..'"));
  if (*lo > *hi)
    return zs_error_set(ZS_EINVAL, _("the range %d..%d is backwards"), *lo, *hi);
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
    return zs_error_set(ZS_EINVAL, _("'%s' is not a date (2019, 2019-01 or 2019-01-22)"), s);
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
    return zs_error_set(ZS_EINVAL, _("a date is 2019, 2019-01 or 2019-01-22"));
  bool dots = second != NULL;
  if (!dots) /* one date: the range it starts and ends */
    second = buf;
  if (dots && !*first && !*second)
    return zs_error_set(ZS_EINVAL, _("a range needs a date on at least one side of '..'"));
  int rc = ZS_OK;
  strcpy(lo, "0");
  strcpy(hi, "9");
  if (*first)
    rc = date_bound(first, lo, false);
  if (rc == ZS_OK && *second)
    rc = date_bound(second, hi, true);
  if (rc == ZS_OK && strcmp(lo, hi) > 0)
    return zs_error_set(ZS_EINVAL, _("the range %s is backwards"), s);
  return rc;
}

/* year:… → OR of the year terms in the range. */
static int build_year(const zs_qnode *n, zs_check *c, zs_query **xq) {
  int rc = zs_qbuild_years(n->text, n->len, &c->year_lo, &c->year_hi);
  if (rc)
    return zs_error_set(rc, _("year at column %zu: %s (use year:2025 or year:2020..2023)"),
                        n->column, zs_error_last());
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
    return zs_error_set(ZS_EINVAL, _("unknown %s '%s' at column %zu (known: %s)"),
                        zs_qfield_name(n->field), n->text, n->column, list);
  }
  free(c->str);
  if (!(c->str = strdup(name)))
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
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
                                : zs_error_set(ZS_EINVAL, _("doc: needs the index's file terms"));
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
                           _("date at column %zu: %s (use date:2019-01-22, date:2019-01 or "
                             "date:2018-12..2019-01)"),
                           n->column, zs_error_last())
            : ZS_OK;
}

static int build_field(builder *b, const zs_qnode *n, zs_query **xq, bool *exact, zs_check *c) {
  c->field = n->field;
  *exact = true;
  zs_query *filter = NULL;
  int rc = zs_qbuild_fold(&c->str, &c->len, n->text, n->len, b->env->fold_flags);
  if (rc == ZS_OK && c->len == 0)
    rc = zs_error_set(ZS_EINVAL, _("field %s at column %zu has no value"), zs_qfield_name(n->field),
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
    return zs_error_set(ZS_ENOMEM, _("out of memory building the query"));
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
  qlist pos = {0}, neg = {0}, texts = {0};
  size_t ntext = 0;
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
    if (!excluded && k->kind == ZS_Q_TEXT && kc->nkids) /* free text with words */
      ntext++;
    rc = qlist_push(excluded                                        ? &neg
                    : b->loose && k->kind == ZS_Q_TEXT && kc->nkids ? &texts
                                                                    : &pos,
                    q);
  }
  if (ntext > 1)
    b->has_partial = true;
  zs_query *positive = NULL, *negative = NULL, *any_text = NULL;
  if (rc == ZS_OK && texts.n) /* partial: the words typed apart, any of them */
    rc = qlist_combine(&texts, ZS_OP_OR, &any_text);
  if (rc == ZS_OK && any_text)
    rc = qlist_push(&pos, any_text);
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
  qlist_free(&texts);
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
    return zs_error_set(ZS_ENOMEM, _("out of memory building the query"));
  }
  c->kind = n->kind;
  bool was_weightless = b->weightless;
  b->weightless = b->weightless || !positive; /* an exclusion only selects */
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
  b->weightless = was_weightless;
  if (rc) {
    zs_check_free(c);
    zs_query_free(*xq);
    *xq = NULL;
    return rc;
  }
  *chk = c;
  return ZS_OK;
}

/* *q with the boost of the passages that say what a document is. */
static int add_front(zs_query **q, bool quoted) {
  zs_query *front = NULL, *boost = NULL;
  int rc = zs_query_term(&front, ZS_TERM_FRONT, strlen(ZS_TERM_FRONT), 1);
  if (rc == ZS_OK)
    rc = zs_query_scale(&boost, front, quoted ? front_weight_quoted : front_weight);
  zs_query_free(front);
  if (rc == ZS_OK)
    return combine2(q, ZS_OP_AND_MAYBE, *q, boost);
  zs_query_free(boost);
  return rc;
}

/* The texts of free text that root searches for (not those it excludes). */
static size_t count_texts(const zs_qnode *n) {
  if (n->kind == ZS_Q_TEXT)
    return 1;
  size_t k = 0;
  for (size_t i = 0; n->kind != ZS_Q_NOT && i < n->nkids; i++)
    k += count_texts(n->kids[i]);
  return k;
}

/* The partial query of root into plan: as the plan's, with the parts of each
 * text and the words typed apart ORed, without the full matches; its needles
 * are every part. */
static int build_partial(const builder *strict, const zs_qnode *root, zs_qplan *plan) {
  zs_qplan scratch = {0};
  builder b = {.env = strict->env,
               .rank = strict->rank,
               .plan = &scratch,
               .loose = true,
               .one_text = count_texts(root) == 1};
  bool exact;
  zs_query *some = NULL, *full = NULL;
  int rc = build_node(&b, root, true, &some, &exact, &scratch.check);
  if (rc == ZS_OK)
    rc = add_front(&some, b.quoted);
  if (rc == ZS_OK) {
    plan->partial_needles = scratch.needles;
    memset(&scratch.needles, 0, sizeof scratch.needles);
  }
  zs_qplan_free(&scratch);
  /* the full matches, again, to leave out: selecting only (weightless) */
  builder selecting = {
      .env = strict->env, .rank = strict->rank, .plan = &scratch, .weightless = true};
  if (rc == ZS_OK)
    rc = build_node(&selecting, root, true, &full, &exact, &scratch.check);
  zs_qplan_free(&scratch);
  if (rc == ZS_OK)
    return and_not(&plan->partial, some, full);
  zs_query_free(some);
  zs_query_free(full);
  return rc;
}

int zs_qbuild(zs_qplan *plan, const zs_qbuild_env *env, const zs_qnode *root) {
  memset(plan, 0, sizeof *plan);
  builder b = {.env = env, .rank = env->rank ? *env->rank : ZS_RANK_DEFAULTS, .plan = plan};
  bool exact;
  int rc = build_node(&b, root, true, &plan->query, &exact, &plan->check);
  plan->verify = !exact;
  plan->prefer_short = b.quoted && !b.free_text;
  plan->quoted = b.quoted;
  if (rc == ZS_OK)
    rc = add_front(&plan->query, b.quoted);
  if (rc == ZS_OK && b.has_partial && !plan->verify)
    rc = build_partial(&b, root, plan);
  if (rc)
    zs_qplan_free(plan);
  return rc;
}

void zs_qplan_free(zs_qplan *plan) {
  if (!plan)
    return;
  zs_query_free(plan->query);
  zs_query_free(plan->partial);
  zs_check_free(plan->check);
  zs_strings_free(&plan->needles);
  zs_strings_free(&plan->partial_needles);
  for (size_t i = 0; i < plan->needle_groups.n; i++)
    zs_strings_free(&plan->needle_groups.group[i]);
  free(plan->needle_groups.group);
  memset(plan, 0, sizeof *plan);
}

bool zs_qplan_accepts(const zs_qplan *plan, const zs_check_view *v) {
  return !plan->verify || zs_check_eval(plan->check, v);
}
