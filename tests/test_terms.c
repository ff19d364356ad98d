/* test_terms: the final terms of zs_terms: prefixes, length limits, each side's
 * preparation, offsets back to the source, and the contract that every term a
 * query makes of a text is a term the index made of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "zs_clean.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_passage.h"
#include "zs_terms.h"
#include "zs_test_text.h"
#include "zs_utf8.h"

/* A term as the test keeps it: copies, since the callback's are borrowed. */
typedef struct kept {
  zs_term_kind kind;
  char term[ZS_MAX_TERM_BYTES + 1];
  char text[ZS_MAX_TERM_BYTES + 1];
  size_t start, end, folded_start, folded_end;
} kept;

typedef struct kept_list {
  kept *v;
  size_t n, cap;
} kept_list;

static int keep(void *ctx, const zs_index_term *t) {
  kept_list *l = ctx;
  kept k = {.kind = t->kind,
            .start = t->start,
            .end = t->end,
            .folded_start = t->folded_start,
            .folded_end = t->folded_end};
  assert_true(t->len <= ZS_MAX_TERM_BYTES && t->term[t->len] == '\0');
  assert_ptr_equal(t->text + t->text_len, t->term + t->len); /* text is the term's end */
  memcpy(k.term, t->term, t->len + 1);
  memcpy(k.text, t->text, t->text_len);
  zs_test_push((void **)&l->v, &l->n, &l->cap, &k, sizeof k);
  return 0;
}

static zs_analyzer *analyzer;

static int setup(void **state) {
  (void)state;
  return zs_analyzer_new(&analyzer, zs_lexicon_builtin()) == ZS_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  zs_analyzer_free(analyzer);
  return 0;
}

/* The terms of s for side and field (all kinds), into *l (emptied first):
 * prepared with the offset map, so start and end are source offsets. */
static void terms_of(kept_list *l, zs_terms_side side, zs_terms_field field, const char *s) {
  l->n = 0;
  zs_terms_text t = {0};
  int rc = zs_terms_prepare(&t, side, ZS_FOLD_DEFAULT, s, strlen(s));
  if (rc == ZS_OK)
    rc = zs_terms_each(analyzer, &t, field, ZS_ANALYZE_INDEX, keep, l);
  zs_terms_text_free(&t);
  if (rc)
    fail_msg("zs_terms_prepare/each(%s): %s", s, zs_error_last());
}

static const kept *find(const kept_list *l, const char *term) {
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->v[i].term, term) == 0)
      return &l->v[i];
  return NULL;
}

static size_t count_kind(const kept_list *l, zs_term_kind kind) {
  size_t n = 0;
  for (size_t i = 0; i < l->n; i++)
    n += l->v[i].kind == kind;
  return n;
}

/* Body words carry no prefix, bigrams ZS_PREFIX_BIGRAM; heading words
 * ZS_PREFIX_HEADING, and a heading has no bigrams. */
static void test_terms_prefixes(void **state) {
  (void)state;
  kept_list l = {0};
  terms_of(&l, ZS_TERMS_DOCUMENT, ZS_TERMS_BODY, "积极推进育儿补贴");
  assert_non_null(find(&l, "育儿补贴"));
  assert_int_equal(find(&l, "补贴")->kind, ZS_TERM_SUBWORD);
  assert_int_equal(find(&l, "B进育")->kind, ZS_TERM_BIGRAM);
  assert_int_equal(find(&l, "育儿")->kind, ZS_TERM_SUBWORD);
  assert_null(find(&l, "H育儿补贴")); /* the body has no heading terms */
  for (size_t i = 0; i < l.n; i++)
    assert_true((l.v[i].kind == ZS_TERM_BIGRAM) == (l.v[i].term[0] == 'B'));
  terms_of(&l, ZS_TERMS_DOCUMENT, ZS_TERMS_HEADING, "积极推进育儿补贴");
  assert_true(l.n > 0);
  assert_int_equal(count_kind(&l, ZS_TERM_BIGRAM), 0);
  assert_int_equal(find(&l, "H育儿补贴")->kind, ZS_TERM_WORD);
  assert_int_equal(find(&l, "H补贴")->kind, ZS_TERM_SUBWORD);
  for (size_t i = 0; i < l.n; i++)
    assert_true(l.v[i].term[0] == 'H' && strcmp(l.v[i].term + 1, l.v[i].text) == 0);
  free(l.v);
}

/* One-character words are no terms on either side (their bigrams find them);
 * a one-character query makes no term at all, only a bigram prefix. */
static void test_terms_min_length(void **state) {
  (void)state;
  kept_list l = {0};
  terms_of(&l, ZS_TERMS_DOCUMENT, ZS_TERMS_BODY, "在");
  assert_int_equal(l.n, 1);
  assert_string_equal(l.v[0].term, "B在"); /* the lone last character */
  terms_of(&l, ZS_TERMS_DOCUMENT, ZS_TERMS_HEADING, "在");
  assert_int_equal(l.n, 0);
  terms_of(&l, ZS_TERMS_QUERY, ZS_TERMS_BODY, "在");
  assert_int_equal(l.n, 0);
  terms_of(&l, ZS_TERMS_DOCUMENT, ZS_TERMS_BODY, "在计生协");
  for (size_t i = 0; i < l.n; i++)
    assert_true(l.v[i].kind == ZS_TERM_BIGRAM || strlen(l.v[i].text) >= 6);
  char buf[ZS_MAX_TERM_BYTES + 1];
  assert_int_equal(zs_terms_word(buf, ZS_TERMS_BODY, "在", strlen("在")), 0);
  assert_int_equal(zs_terms_word(buf, ZS_TERMS_BODY, "计生", strlen("计生")), 6);
  assert_string_equal(buf, "计生");
  assert_int_equal(zs_terms_word(buf, ZS_TERMS_HEADING, "ab", 2), 3);
  assert_string_equal(buf, "Hab");
  assert_int_equal(zs_terms_char_prefix(buf, "会", strlen("会")), 4);
  assert_string_equal(buf, "B会");
  assert_int_equal(zs_terms_char_prefix(buf, "会议", strlen("会议")), 0);
  assert_int_equal(zs_terms_char_prefix(buf, "", 0), 0);
  free(l.v);
}

/* A word of ZS_MAX_WORD_BYTES bytes is a term, one byte more is not (its
 * bigrams still are); the longest term fits ZS_MAX_TERM_BYTES. */
static void test_terms_max_length(void **state) {
  (void)state;
  kept_list l = {0};
  char s[ZS_MAX_WORD_BYTES + 2];
  memset(s, 'a', ZS_MAX_WORD_BYTES);
  s[ZS_MAX_WORD_BYTES] = '\0';
  terms_of(&l, ZS_TERMS_DOCUMENT, ZS_TERMS_BODY, s);
  assert_int_equal(count_kind(&l, ZS_TERM_WORD), 1);
  assert_non_null(find(&l, s));
  terms_of(&l, ZS_TERMS_QUERY, ZS_TERMS_HEADING, s);
  assert_int_equal(l.n, 1);
  assert_int_equal(strlen(l.v[0].term), ZS_MAX_TERM_BYTES);
  s[ZS_MAX_WORD_BYTES] = 'a';
  s[ZS_MAX_WORD_BYTES + 1] = '\0';
  terms_of(&l, ZS_TERMS_DOCUMENT, ZS_TERMS_BODY, s);
  assert_int_equal(count_kind(&l, ZS_TERM_WORD) + count_kind(&l, ZS_TERM_SUBWORD), 0);
  assert_int_equal(count_kind(&l, ZS_TERM_BIGRAM), ZS_MAX_WORD_BYTES + 1);
  terms_of(&l, ZS_TERMS_DOCUMENT, ZS_TERMS_HEADING, s);
  assert_int_equal(l.n, 0);
  free(l.v);
}

/* A document's last character is a bigram term alone, a query's is not (it
 * would demand that the passage end there). */
static void test_terms_lone_last_character(void **state) {
  (void)state;
  kept_list d = {0}, q = {0};
  terms_of(&d, ZS_TERMS_DOCUMENT, ZS_TERMS_BODY, "计生协");
  terms_of(&q, ZS_TERMS_QUERY, ZS_TERMS_BODY, "计生协");
  assert_non_null(find(&d, "B协"));
  assert_null(find(&q, "B协"));
  assert_non_null(find(&d, "B生协"));
  assert_int_equal(count_kind(&q, ZS_TERM_BIGRAM), 2);
  assert_non_null(find(&q, "B计生"));
  assert_non_null(find(&q, "B生协"));
  free(d.v);
  free(q.v);
}

/* In a document, a pair that a word or sub-word of two code points stands
 * for is that word's posting only; every other pair, and every pair of a
 * query or of a document analysed without its words, is a bigram term; and
 * zs_terms_bigram_word names the word a query looks up beside a bigram. */
static void test_terms_pair_words(void **state) {
  (void)state;
  kept_list d = {0}, q = {0};
  const char *s = "积极推进育儿补贴，补贴";
  terms_of(&d, ZS_TERMS_DOCUMENT, ZS_TERMS_BODY, s);
  terms_of(&q, ZS_TERMS_QUERY, ZS_TERMS_BODY, s);
  const char *words[] = {"积极", "推进", "育儿", "补贴"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    char b[ZS_MAX_TERM_BYTES + 1];
    snprintf(b, sizeof b, "B%s", words[i]);
    assert_non_null(find(&d, words[i]));
    assert_null(find(&d, b));
    assert_non_null(find(&q, b));
  }
  size_t bigrams = 0, pairs = 0; /* each pair of the text once, either way */
  for (size_t i = 0; i < d.n; i++) {
    bigrams += d.v[i].kind == ZS_TERM_BIGRAM;
    pairs += d.v[i].kind != ZS_TERM_BIGRAM && zs_utf8_count(d.v[i].text, strlen(d.v[i].text)) == 2;
  }
  /* 10 pairs and the last character; 补贴 is a word twice, 育儿 a sub-word */
  assert_int_equal(bigrams + 5, 11);
  assert_int_equal(pairs, 5);
  assert_non_null(find(&d, "B贴"));
  kept_list n = {0}; /* bigrams alone: nothing stands for a pair */
  zs_terms_text t = {0};
  assert_int_equal(zs_terms_prepare(&t, ZS_TERMS_DOCUMENT, ZS_FOLD_DEFAULT, s, strlen(s)), ZS_OK);
  assert_int_equal(zs_terms_each(analyzer, &t, ZS_TERMS_BODY, ZS_ANALYZE_NGRAMS, keep, &n), ZS_OK);
  zs_terms_text_free(&t);
  assert_int_equal(n.n, 11);
  char buf[ZS_MAX_TERM_BYTES + 1];
  assert_int_equal(zs_terms_bigram_word(buf, "B补贴", strlen("B补贴")), strlen("补贴"));
  assert_string_equal(buf, "补贴");
  assert_int_equal(zs_terms_bigram_word(buf, "B贴", strlen("B贴")), 0);
  assert_int_equal(zs_terms_bigram_word(buf, "H补贴", strlen("H补贴")), 0);
  assert_int_equal(zs_terms_bigram_word(buf, "补贴", strlen("补贴")), 0);
  free(d.v);
  free(q.v);
  free(n.v);
}

/* Text is folded before analysis on both sides: full-width letters and digits,
 * case, traditional characters become the index's forms. */
static void test_terms_fold_first(void **state) {
  (void)state;
  kept_list l = {0};
  for (zs_terms_side side = ZS_TERMS_DOCUMENT; side <= ZS_TERMS_QUERY; side++) {
    terms_of(&l, side, ZS_TERMS_BODY, "計劃生育協會");
    assert_non_null(find(&l, "计划生育协会"));
    assert_null(find(&l, "計劃生育協會"));
    terms_of(&l, side, ZS_TERMS_BODY, "ＡＢＣ Hello");
    assert_non_null(find(&l, "abc"));
    assert_non_null(find(&l, "hello"));
    assert_non_null(find(&l, "Bc "));
  }
  free(l.v);
}

/* The query side removes the spaces inside Chinese text that documents never
 * hold (zs_clean removed them); the document side keeps its text's spaces. */
static void test_terms_query_cleans_spaces(void **state) {
  (void)state;
  kept_list l = {0};
  terms_of(&l, ZS_TERMS_QUERY, ZS_TERMS_BODY, "常 务");
  assert_non_null(find(&l, "常务"));
  assert_non_null(find(&l, "B常务"));
  terms_of(&l, ZS_TERMS_DOCUMENT, ZS_TERMS_BODY, "常 务");
  assert_null(find(&l, "常务"));
  assert_non_null(find(&l, "B常 "));
  char *f = NULL;
  size_t n = 0;
  const char *q = "常 务　理事 １０ ＡＢ";
  assert_int_equal(zs_terms_fold(&f, &n, ZS_TERMS_QUERY, ZS_FOLD_DEFAULT, q, strlen(q)), ZS_OK);
  assert_string_equal(f, "常务理事10 ab"); /* between Chinese and Chinese or a digit it goes */
  assert_int_equal(n, strlen(f));
  free(f);
  q = "意识 and 能力";
  assert_int_equal(zs_terms_fold(&f, &n, ZS_TERMS_QUERY, ZS_FOLD_DEFAULT, q, strlen(q)), ZS_OK);
  assert_string_equal(f, "意识 and 能力"); /* between Latin and Chinese it stays */
  free(f);
  assert_int_equal(zs_terms_fold(&f, &n, ZS_TERMS_DOCUMENT, ZS_FOLD_DEFAULT, "常 务", 7), ZS_OK);
  assert_string_equal(f, "常 务");
  free(f);
  assert_int_equal(zs_terms_fold(&f, &n, ZS_TERMS_QUERY, ZS_FOLD_DEFAULT, "计生\0协", 10), ZS_OK);
  assert_string_equal(f, "计生"); /* a query ends at a NUL */
  free(f);
  free(l.v);
}

/* The source bytes of term `term` in s. */
static void assert_source(const kept_list *l, const char *s, const char *term, const char *want) {
  const kept *k = find(l, term);
  if (!k)
    fail_msg("no term %s", term);
  assert_int_equal(k->end - k->start, strlen(want));
  assert_memory_equal(s + k->start, want, strlen(want));
}

/* Offsets lead back to the source characters, through folding (full-width,
 * traditional, case, a character that folds into several) and through the
 * query's removed spaces; folded offsets lead to the text in the prepared text. */
static void test_terms_source_offsets(void **state) {
  (void)state;
  kept_list l = {0};
  const char *s = "  ＡＢＣ１２３計劃生育協會";
  terms_of(&l, ZS_TERMS_DOCUMENT, ZS_TERMS_BODY, s);
  assert_source(&l, s, "计划生育协会", "計劃生育協會");
  assert_source(&l, s, "B划生", "劃生");
  assert_source(&l, s, "B3计", "３計");
  assert_source(&l, s, "B会", "會");
  const char *q = "常 务 理事会 Ｈｉ";
  terms_of(&l, ZS_TERMS_QUERY, ZS_TERMS_BODY, q);
  assert_source(&l, q, "常务", "常 务");
  assert_source(&l, q, "B务理", "务 理");
  assert_source(&l, q, "B会 ", "会 ");
  assert_source(&l, q, "hi", "Ｈｉ");
  const char *x = "㍿计生";
  terms_of(&l, ZS_TERMS_QUERY, ZS_TERMS_BODY, x);
  assert_source(&l, x, "B式会", "㍿"); /* inside one source character: all of it */
  assert_source(&l, x, "B社计", "㍿计");

  zs_terms_text t = {0};
  assert_int_equal(zs_terms_prepare(&t, ZS_TERMS_QUERY, ZS_FOLD_DEFAULT, q, strlen(q)), ZS_OK);
  terms_of(&l, ZS_TERMS_QUERY, ZS_TERMS_BODY, q);
  for (size_t i = 0; i < l.n; i++) {
    size_t n = l.v[i].folded_end - l.v[i].folded_start;
    assert_true(l.v[i].folded_end <= t.len && n == strlen(l.v[i].text));
    assert_memory_equal(t.folded + l.v[i].folded_start, l.v[i].text, n);
    assert_true(l.v[i].start < l.v[i].end && l.v[i].end <= strlen(q));
  }
  /* the one-shot zs_terms builds no offset map: the same terms, folded offsets */
  kept_list one = {0};
  zs_terms_spec spec = {.side = ZS_TERMS_QUERY,
                        .field = ZS_TERMS_BODY,
                        .kinds = ZS_ANALYZE_INDEX,
                        .fold_flags = ZS_FOLD_DEFAULT};
  assert_int_equal(zs_terms(analyzer, &spec, q, strlen(q), keep, &one), ZS_OK);
  assert_int_equal(one.n, l.n);
  for (size_t i = 0; i < l.n; i++) {
    assert_string_equal(one.v[i].term, l.v[i].term);
    assert_int_equal(one.v[i].start, l.v[i].folded_start);
    assert_int_equal(one.v[i].end, l.v[i].folded_end);
  }
  free(one.v);
  char *f = NULL;
  assert_int_equal(zs_terms_fold(&f, NULL, ZS_TERMS_QUERY, ZS_FOLD_DEFAULT, q, strlen(q)), ZS_OK);
  assert_string_equal(f, t.folded); /* the cheap fold is the same text */
  free(f);
  zs_terms_text_free(&t);
  zs_terms_text_free(&t); /* twice: zeroed */
  free(l.v);
}

/* kinds selects; words and sub-words come before bigrams. */
static void test_terms_kinds_and_order(void **state) {
  (void)state;
  const char *s = "积极推进育儿补贴制度实施";
  zs_terms_text t = {0};
  assert_int_equal(zs_terms_prepare(&t, ZS_TERMS_DOCUMENT, ZS_FOLD_DEFAULT, s, strlen(s)), ZS_OK);
  static const struct {
    unsigned kinds;
    zs_term_kind kind;
  } one[] = {{ZS_ANALYZE_WORDS, ZS_TERM_WORD},
             {ZS_ANALYZE_SUBWORDS, ZS_TERM_SUBWORD},
             {ZS_ANALYZE_NGRAMS, ZS_TERM_BIGRAM}};
  kept_list l = {0};
  for (size_t k = 0; k < 3; k++) {
    l.n = 0;
    assert_int_equal(zs_terms_each(analyzer, &t, ZS_TERMS_BODY, one[k].kinds, keep, &l), ZS_OK);
    assert_true(l.n > 0 && count_kind(&l, one[k].kind) == l.n);
  }
  l.n = 0;
  assert_int_equal(zs_terms_each(analyzer, &t, ZS_TERMS_BODY, ZS_ANALYZE_INDEX, keep, &l), ZS_OK);
  for (size_t i = 1; i < l.n; i++)
    assert_true(l.v[i - 1].kind == ZS_TERM_BIGRAM ? l.v[i].kind == ZS_TERM_BIGRAM : true);
  l.n = 0;
  assert_int_equal(zs_terms_each(analyzer, &t, ZS_TERMS_HEADING, ZS_ANALYZE_NGRAMS, keep, &l),
                   ZS_OK);
  assert_int_equal(l.n, 0);
  zs_terms_text_free(&t);
  free(l.v);
}

static int stop(void *ctx, const zs_index_term *t) {
  (void)t;
  ++*(int *)ctx;
  return 7;
}

/* Unknown sides, fields and kinds are refused; invalid UTF-8 is an error; a
 * callback's non-zero value stops the terms and comes back. */
static void test_terms_errors(void **state) {
  (void)state;
  zs_terms_text t = {0};
  assert_int_equal(zs_terms_prepare(&t, 0, ZS_FOLD_DEFAULT, "a", 1), ZS_EINVAL);
  assert_int_equal(zs_terms_prepare(&t, ZS_TERMS_QUERY, ZS_FOLD_DEFAULT, "a\xff", 2), ZS_EBADUTF8);
  assert_int_equal(zs_terms_prepare(&t, ZS_TERMS_DOCUMENT, ZS_FOLD_DEFAULT, "a\xff", 2),
                   ZS_EBADUTF8);
  assert_int_equal(zs_terms_prepare(&t, ZS_TERMS_DOCUMENT, ZS_FOLD_DEFAULT, "育儿补贴", 12), ZS_OK);
  int calls = 0;
  assert_int_equal(zs_terms_each(analyzer, &t, ZS_TERMS_BODY, ZS_ANALYZE_PUNCT, stop, &calls),
                   ZS_EINVAL);
  assert_int_equal(zs_terms_each(analyzer, &t, 0, ZS_ANALYZE_INDEX, stop, &calls), ZS_EINVAL);
  assert_int_equal(zs_terms_each(analyzer, &t, ZS_TERMS_BODY, ZS_ANALYZE_INDEX, stop, &calls), 7);
  assert_int_equal(calls, 1);
  zs_terms_text_free(&t);
  char *f = NULL;
  assert_int_equal(zs_terms_fold(&f, NULL, 3, ZS_FOLD_DEFAULT, "a", 1), ZS_EINVAL);
  assert_null(f);
}

/* ---- the contract ---- */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct terms of s (side, field), sorted, as an array of *n copies. */
static char **term_set(zs_terms_side side, zs_terms_field field, const char *s, size_t len,
                       size_t *n) {
  kept_list l = {0};
  zs_terms_spec spec = {
      .side = side, .field = field, .kinds = ZS_ANALYZE_INDEX, .fold_flags = ZS_FOLD_DEFAULT};
  assert_int_equal(zs_terms(analyzer, &spec, s, len, keep, &l), ZS_OK);
  char **v = calloc(l.n + 1, sizeof *v);
  assert_non_null(v);
  for (size_t i = 0; i < l.n; i++)
    assert_non_null(v[i] = strdup(l.v[i].term));
  qsort(v, l.n, sizeof *v, cmp_str);
  *n = l.n;
  free(l.v);
  return v;
}

static void free_set(char **v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

typedef struct contract {
  size_t passages, query_terms;
} contract;

/* Every query term of text s[0..len) in field is a document term of it, a
 * bigram as itself or as the word of its pair (zs_terms_bigram_word). */
static void check_contract(contract *c, zs_terms_field field, const char *s, size_t len) {
  size_t nd = 0, nq = 0;
  char **doc = term_set(ZS_TERMS_DOCUMENT, field, s, len, &nd);
  char **query = term_set(ZS_TERMS_QUERY, field, s, len, &nq);
  for (size_t i = 0; i < nq; i++) {
    char word[ZS_MAX_TERM_BYTES + 1], *w = word;
    if (bsearch(&query[i], doc, nd, sizeof *doc, cmp_str) ||
        (zs_terms_bigram_word(word, query[i], strlen(query[i])) &&
         bsearch(&w, doc, nd, sizeof *doc, cmp_str)))
      continue;
    fail_msg("query term '%s' of '%.*s' is not a document term", query[i], (int)len, s);
  }
  c->query_terms += nq;
  free_set(doc, nd);
  free_set(query, nq);
}

static int check_passage(void *ctx, const zs_passage *p) {
  contract *c = ctx;
  check_contract(c, ZS_TERMS_BODY, p->text, p->len);
  if (p->nheadings)
    check_contract(c, ZS_TERMS_HEADING, p->headings[p->nheadings - 1].text,
                   p->headings[p->nheadings - 1].len);
  c->passages++;
  return 0;
}

static void check_file(void *ctx, const char *text, size_t len) {
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, text, len), ZS_OK);
  assert_int_equal(zs_passages(&d, check_passage, ctx), ZS_OK);
  zs_doc_text_free(&d);
}

/* Over every passage and nearest heading of the corpus, as zhindex cuts them:
 * what a query for the passage's own text looks up, the index holds. */
static void test_terms_query_terms_are_document_terms(void **state) {
  (void)state;
  contract c = {0};
  zs_test_for_each_corpus_file(check_file, &c);
  assert_true(c.passages >= 100 && c.query_terms > 10000);
  static const char *const texts[] = {"计生协会长", "ＡＢＣ１２３育儿补贴",  "計劃生育協會",
                                      "10.6万人",   "意识 and 能力",         "㍿计生协",
                                      "在",         "全面推进育儿补贴制度。"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    check_contract(&c, ZS_TERMS_BODY, texts[i], strlen(texts[i]));
    check_contract(&c, ZS_TERMS_HEADING, texts[i], strlen(texts[i]));
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_terms_prefixes),
      cmocka_unit_test(test_terms_min_length),
      cmocka_unit_test(test_terms_max_length),
      cmocka_unit_test(test_terms_lone_last_character),
      cmocka_unit_test(test_terms_pair_words),
      cmocka_unit_test(test_terms_fold_first),
      cmocka_unit_test(test_terms_query_cleans_spaces),
      cmocka_unit_test(test_terms_source_offsets),
      cmocka_unit_test(test_terms_kinds_and_order),
      cmocka_unit_test(test_terms_errors),
      cmocka_unit_test(test_terms_query_terms_are_document_terms),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
