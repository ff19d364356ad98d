/* test_analyze: candidate tokens of folded text (words, sub-words, punctuation,
 * positional bigrams) and the exact-substring property the bigrams give; which
 * become terms is test_terms.c's subject. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "zs_analyze.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_test_util.h"

typedef struct terms {
  zs_term *v;
  size_t n, cap;
} terms;

static int collect(void *ctx, const zs_term *t) {
  terms *ts = ctx;
  zs_test_push((void **)&ts->v, &ts->n, &ts->cap, t, sizeof *t);
  return 0;
}

static void analyze(zs_analyzer *a, const char *s, unsigned flags, terms *ts) {
  ts->n = 0;
  assert_int_equal(zs_analyze(a, s, strlen(s), flags, collect, ts), ZS_OK);
}

static zs_analyzer *new_analyzer(void) {
  zs_analyzer *a = NULL;
  assert_int_equal(zs_analyzer_new(&a, zs_lexicon_builtin()), ZS_OK);
  return a;
}

static bool term_is(const zs_term *t, zs_term_kind kind, const char *text) {
  return t->kind == kind && t->len == strlen(text) && memcmp(t->text, text, t->len) == 0;
}

static size_t count_kind(const terms *ts, zs_term_kind kind) {
  size_t n = 0;
  for (size_t i = 0; i < ts->n; i++)
    n += ts->v[i].kind == kind;
  return n;
}

static bool has_term(const terms *ts, zs_term_kind kind, const char *text) {
  for (size_t i = 0; i < ts->n; i++)
    if (term_is(&ts->v[i], kind, text))
      return true;
  return false;
}

/* n code points give n - 1 bigrams at positions 0..n-2 in order (no two spaces
 * in a row in folded text), then the last code point alone at n - 1. */
static void test_analyze_ngram_counts(void **state) {
  (void)state;
  zs_analyzer *a = new_analyzer();
  terms ts = {0};
  const char *s = "计生协 ab";
  analyze(a, s, ZS_ANALYZE_NGRAMS, &ts);
  assert_int_equal(zs_utf8_count(s, strlen(s)), 6);
  assert_int_equal(count_kind(&ts, ZS_TERM_BIGRAM), 6);
  const char *bigrams[] = {"计生", "生协", "协 ", " a", "ab", "b"};
  uint32_t pos = 0;
  for (size_t i = 0; i < ts.n; i++) {
    if (ts.v[i].kind != ZS_TERM_BIGRAM) {
      assert_int_equal(ts.v[i].pos, 0);
      continue;
    }
    assert_true(term_is(&ts.v[i], ZS_TERM_BIGRAM, bigrams[pos]));
    assert_int_equal(ts.v[i].pos, pos);
    pos++;
  }
  assert_false(has_term(&ts, ZS_TERM_BIGRAM, " "));
  free(ts.v);
  zs_analyzer_free(a);
}

/* A bigram may hold a space ("a ", " b"); n-grams come in text order, the tail last. */
static void test_analyze_bigram_with_space(void **state) {
  (void)state;
  zs_analyzer *a = new_analyzer();
  terms ts = {0};
  analyze(a, "a b", ZS_ANALYZE_NGRAMS, &ts);
  assert_int_equal(ts.n, 3);
  assert_true(term_is(&ts.v[0], ZS_TERM_BIGRAM, "a "));
  assert_int_equal(ts.v[0].pos, 0);
  assert_true(term_is(&ts.v[1], ZS_TERM_BIGRAM, " b"));
  assert_int_equal(ts.v[1].pos, 1);
  assert_true(term_is(&ts.v[2], ZS_TERM_BIGRAM, "b"));
  assert_int_equal(ts.v[2].pos, 2);
  /* Unfolded text with two spaces: no "  " bigram, positions still count them. */
  analyze(a, "a  b", ZS_ANALYZE_NGRAMS, &ts);
  assert_int_equal(count_kind(&ts, ZS_TERM_BIGRAM), 3);
  assert_false(has_term(&ts, ZS_TERM_BIGRAM, "  "));
  assert_true(term_is(&ts.v[ts.n - 2], ZS_TERM_BIGRAM, " b"));
  assert_int_equal(ts.v[ts.n - 2].pos, 2);
  /* text ending in a space has no tail */
  analyze(a, "a ", ZS_ANALYZE_NGRAMS, &ts);
  assert_int_equal(ts.n, 1);
  free(ts.v);
  zs_analyzer_free(a);
}

/* Each flag selects its kinds of terms and nothing else. */
static void test_analyze_flags_select_kinds(void **state) {
  (void)state;
  zs_analyzer *a = new_analyzer();
  terms ts = {0};
  const char *s = "积极推进育儿补贴,制度实施。";
  analyze(a, s, ZS_ANALYZE_WORDS, &ts);
  assert_true(ts.n > 0 && count_kind(&ts, ZS_TERM_WORD) == ts.n);
  assert_true(has_term(&ts, ZS_TERM_WORD, "育儿补贴"));
  analyze(a, s, ZS_ANALYZE_SUBWORDS, &ts);
  assert_true(ts.n > 0 && count_kind(&ts, ZS_TERM_SUBWORD) == ts.n);
  assert_true(has_term(&ts, ZS_TERM_SUBWORD, "补贴"));
  analyze(a, s, ZS_ANALYZE_PUNCT, &ts);
  assert_int_equal(ts.n, 2);
  assert_true(term_is(&ts.v[0], ZS_TERM_PUNCT, ","));
  assert_true(term_is(&ts.v[1], ZS_TERM_PUNCT, "。"));
  analyze(a, s, ZS_ANALYZE_NGRAMS, &ts);
  assert_int_equal(count_kind(&ts, ZS_TERM_BIGRAM), ts.n);
  assert_int_equal(ts.n, 14);
  analyze(a, s, ZS_ANALYZE_INDEX, &ts);
  assert_int_equal(count_kind(&ts, ZS_TERM_PUNCT), 0);
  assert_true(count_kind(&ts, ZS_TERM_WORD) > 0 && count_kind(&ts, ZS_TERM_SUBWORD) > 0);
  assert_int_equal(count_kind(&ts, ZS_TERM_BIGRAM), 14);
  analyze(a, s, 0, &ts);
  assert_int_equal(ts.n, 0);
  free(ts.v);
  zs_analyzer_free(a);
}

/* Words come before n-grams, and every term's text points into the input at
 * its byte offsets. */
static void test_analyze_order_and_offsets(void **state) {
  (void)state;
  zs_analyzer *a = new_analyzer();
  terms ts = {0};
  const char *s = "省计生协会推进优生优育, hello world 10.6%";
  analyze(a, s, ZS_ANALYZE_INDEX | ZS_ANALYZE_PUNCT, &ts);
  bool seen_gram = false;
  for (size_t i = 0; i < ts.n; i++) {
    const zs_term *t = &ts.v[i];
    bool gram = t->kind == ZS_TERM_BIGRAM;
    assert_true(gram || !seen_gram);
    seen_gram = seen_gram || gram;
    assert_ptr_equal(t->text, s + t->start);
    assert_int_equal(t->len, t->end - t->start);
    assert_true(t->end <= strlen(s));
  }
  assert_true(seen_gram);
  free(ts.v);
  zs_analyzer_free(a);
}

/* Words of any length are candidates (a length limit is zs_terms's rule), and
 * one-character words too. */
static void test_analyze_words_of_any_length(void **state) {
  (void)state;
  zs_analyzer *a = new_analyzer();
  terms ts = {0};
  char s[201];
  memset(s, 'a', 200);
  s[200] = '\0';
  analyze(a, s, ZS_ANALYZE_WORDS, &ts);
  assert_int_equal(ts.n, 1);
  assert_int_equal(ts.v[0].len, 200);
  analyze(a, "在", ZS_ANALYZE_WORDS, &ts);
  assert_int_equal(ts.n, 1);
  assert_true(term_is(&ts.v[0], ZS_TERM_WORD, "在"));
  free(ts.v);
  zs_analyzer_free(a);
}

static int stop_at_first(void *ctx, const zs_term *t) {
  (void)t;
  ++*(int *)ctx;
  return 7;
}

/* A non-zero callback value stops analysis and is returned, in either pass. */
static void test_analyze_callback_stop(void **state) {
  (void)state;
  zs_analyzer *a = new_analyzer();
  const char *s = "育儿补贴制度";
  int calls = 0;
  assert_int_equal(zs_analyze(a, s, strlen(s), ZS_ANALYZE_INDEX, stop_at_first, &calls), 7);
  assert_int_equal(calls, 1);
  calls = 0;
  assert_int_equal(zs_analyze(a, s, strlen(s), ZS_ANALYZE_NGRAMS, stop_at_first, &calls), 7);
  assert_int_equal(calls, 1);
  zs_analyzer_free(a);
}

/* Invalid UTF-8 is reported by the n-gram pass; zs_utf8_count counts code points. */
static void test_analyze_invalid_utf8_and_count(void **state) {
  (void)state;
  zs_analyzer *a = new_analyzer();
  terms ts = {0};
  assert_int_equal(zs_analyze(a, "ab\xff", 3, ZS_ANALYZE_NGRAMS, collect, &ts), ZS_EBADUTF8);
  assert_int_equal(zs_utf8_count("", 0), 0);
  assert_int_equal(zs_utf8_count("a计\xf0\x9f\x98\x80", 8), 3);
  free(ts.v);
  zs_analyzer_free(a);
}

/* ---- the exact-substring property ---- */

/* A folded text with its code point offsets and its bigram at each position. */
typedef struct indexed {
  const char *text;
  size_t len, ncp;
  size_t *cp_off;      /* ncp + 1 entries */
  const zs_term **big; /* ncp - 1 entries, big[pos] */
  terms all;
} indexed;

static void index_text(zs_analyzer *a, indexed *x, const char *text) {
  x->text = text;
  x->len = strlen(text);
  x->ncp = zs_utf8_count(text, x->len);
  x->cp_off = malloc((x->ncp + 1) * sizeof *x->cp_off);
  x->big = calloc(x->ncp, sizeof *x->big);
  assert_true(x->cp_off && x->big);
  for (size_t i = 0, k = 0; i <= x->len; i++)
    if (i == x->len || ((unsigned char)text[i] & 0xC0) != 0x80)
      x->cp_off[k++] = i;
  x->all = (terms){0};
  analyze(a, text, ZS_ANALYZE_NGRAMS, &x->all);
  size_t nbig = 0;
  for (size_t i = 0; i < x->all.n; i++)
    if (x->all.v[i].kind == ZS_TERM_BIGRAM &&
        zs_utf8_count(x->all.v[i].text, x->all.v[i].len) == 2) {
      const zs_term *t = &x->all.v[i];
      assert_true(t->pos + 1 < x->ncp && x->big[t->pos] == NULL);
      assert_int_equal(t->start, x->cp_off[t->pos]);
      x->big[t->pos] = t;
      nbig++;
    }
  assert_int_equal(nbig, x->ncp - 1); /* folded: a bigram at every position */
}

static void free_indexed(indexed *x) {
  free(x->cp_off);
  free(x->big);
  free(x->all.v);
}

static size_t cp_index(const indexed *x, size_t byte) {
  size_t lo = 0, hi = x->ncp;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (x->cp_off[mid] < byte)
      lo = mid + 1;
    else
      hi = mid;
  }
  assert_int_equal(x->cp_off[lo], byte);
  return lo;
}

/* Whether the query's bigrams qb[0..nq) sit at positions p, p+1, ... of x. */
static bool bigrams_at(const indexed *x, size_t p, const terms *qb, size_t nq) {
  for (size_t m = 0; m < nq; m++) {
    const zs_term *t = x->big[p + m], *q = &qb->v[m];
    if (t->len != q->len || memcmp(t->text, q->text, q->len) != 0)
      return false;
  }
  return true;
}

/* The query q (k >= 2 code points) matches by bigrams exactly where strstr
 * finds it; a 1-code-point query starts a bigram term exactly when it occurs. */
static void check_query(zs_analyzer *a, const indexed *x, const char *q) {
  terms qt = {0}, qb = {0};
  analyze(a, q, ZS_ANALYZE_NGRAMS, &qt);
  for (size_t i = 0; i < qt.n; i++)
    if (qt.v[i].kind == ZS_TERM_BIGRAM && zs_utf8_count(qt.v[i].text, qt.v[i].len) == 2)
      collect(&qb, &qt.v[i]);
  size_t k = zs_utf8_count(q, strlen(q)), hits = 0;
  if (k == 1) {
    bool found = strstr(x->text, q) != NULL, starts = false;
    size_t ql = strlen(q);
    for (size_t i = 0; i < x->all.n; i++)
      starts = starts || (x->all.v[i].len >= ql && memcmp(x->all.v[i].text, q, ql) == 0);
    if (strcmp(q, " ") != 0)
      assert_true(starts == found);
  } else {
    assert_int_equal(qb.n, k - 1);
    for (const char *at = strstr(x->text, q); at; at = strstr(at + 1, q)) {
      assert_true(bigrams_at(x, cp_index(x, (size_t)(at - x->text)), &qb, qb.n));
      hits++;
    }
    size_t matches = 0;
    for (size_t p = 0; p + k <= x->ncp; p++)
      matches += bigrams_at(x, p, &qb, qb.n);
    assert_int_equal(matches, hits);
  }
  free(qt.v);
  free(qb.v);
}

static uint32_t next_random(uint32_t *seed) {
  *seed = *seed * 1103515245u + 12345u;
  return *seed >> 8;
}

/* Random substrings of x (1..8 code points), and variants with the last code
 * point replaced by another from x (usually not in the text). */
static size_t check_random_queries(zs_analyzer *a, const indexed *x, uint32_t *seed) {
  size_t checked = 0;
  for (int round = 0; round < 40 && x->ncp > 8; round++) {
    size_t k = 1 + next_random(seed) % 8, p = next_random(seed) % (x->ncp - k + 1);
    char q[64];
    size_t n = x->cp_off[p + k] - x->cp_off[p];
    memcpy(q, x->text + x->cp_off[p], n);
    q[n] = '\0';
    check_query(a, x, q);
    if (round % 4 == 3) { /* the variant */
      size_t r = next_random(seed) % x->ncp, last = x->cp_off[p + k - 1] - x->cp_off[p];
      size_t rn = x->cp_off[r + 1] - x->cp_off[r];
      memcpy(q + last, x->text + x->cp_off[r], rn);
      q[last + rn] = '\0';
      check_query(a, x, q);
    }
    checked++;
  }
  return checked;
}

/* The random queries over the corpus, carried from one file to the next. */
typedef struct query_run {
  zs_analyzer *a;
  uint32_t seed;
  size_t checked;
} query_run;

static void check_corpus_file(void *ctx, const char *raw, size_t len) {
  query_run *run = ctx;
  char *folded;
  assert_int_equal(zs_fold_string(&folded, NULL, raw, len), ZS_OK);
  indexed x;
  index_text(run->a, &x, folded);
  run->checked += check_random_queries(run->a, &x, &run->seed);
  free_indexed(&x);
  free(folded);
}

/* Property over the folded corpus: for random substrings, bigrams at
 * consecutive positions match exactly where strstr finds the substring. */
static void test_analyze_bigrams_find_exact_substrings(void **state) {
  (void)state;
  query_run run = {.a = new_analyzer(), .seed = 20240601};
  zs_test_for_each_corpus_file(check_corpus_file, &run);
  assert_true(run.checked >= 100);
  zs_analyzer_free(run.a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_analyze_ngram_counts),
      cmocka_unit_test(test_analyze_bigram_with_space),
      cmocka_unit_test(test_analyze_flags_select_kinds),
      cmocka_unit_test(test_analyze_order_and_offsets),
      cmocka_unit_test(test_analyze_words_of_any_length),
      cmocka_unit_test(test_analyze_callback_stop),
      cmocka_unit_test(test_analyze_invalid_utf8_and_count),
      cmocka_unit_test(test_analyze_bigrams_find_exact_substrings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
