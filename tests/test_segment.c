/* test_segment: ICU word break plus the lexicon merge pass: domain words come
 * out whole, punctuation and spaces are handled, tokens tile the text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "zs_error.h"
#include "zs_fold.h"
#include "zs_segment.h"
#include "zs_test_util.h"
#include "zs_utf8.h"

typedef struct toks {
  zs_token *v;
  size_t n, cap;
} toks;

static int collect(void *ctx, const zs_token *t) {
  toks *ts = ctx;
  zs_test_push((void **)&ts->v, &ts->n, &ts->cap, t, sizeof *t);
  return 0;
}

/* Segments s (already folded) with sg into *ts. */
static void segment(zs_segmenter *sg, const char *s, toks *ts) {
  ts->n = 0;
  assert_int_equal(zs_segment(sg, s, strlen(s), collect, ts), ZS_OK);
}

static zs_segmenter *new_segmenter(const zs_lexicon *lx) {
  zs_segmenter *sg = NULL;
  assert_int_equal(zs_segmenter_new(&sg, lx), ZS_OK);
  return sg;
}

static bool tok_is(const char *s, const zs_token *t, zs_token_kind kind, const char *text) {
  return t->kind == kind && t->end - t->start == strlen(text) &&
         memcmp(s + t->start, text, t->end - t->start) == 0;
}

/* Index of the first token of this kind and text, or -1. */
static long find_tok(const char *s, const toks *ts, zs_token_kind kind, const char *text) {
  for (size_t i = 0; i < ts->n; i++)
    if (tok_is(s, &ts->v[i], kind, text))
      return (long)i;
  return -1;
}

/* Domain words come out as single WORDs in running text, followed by their
 * multi-character ICU pieces and shorter lexicon words as SUBWORDs. */
static void test_segment_domain_words_whole(void **state) {
  (void)state;
  zs_segmenter *sg = new_segmenter(zs_lexicon_builtin());
  toks ts = {0};
  const char *s = "积极推进育儿补贴发放";
  segment(sg, s, &ts);
  long w = find_tok(s, &ts, ZS_TOKEN_WORD, "育儿补贴");
  assert_true(w >= 0);
  long sub = find_tok(s, &ts, ZS_TOKEN_SUBWORD, "补贴");
  assert_true(sub > w);
  for (long k = w + 1; k < sub; k++)
    assert_int_equal(ts.v[k].kind, ZS_TOKEN_SUBWORD);
  assert_true(find_tok(s, &ts, ZS_TOKEN_WORD, "补贴") < 0);
  s = "全面落实育儿补贴制度";
  segment(sg, s, &ts);
  assert_true(find_tok(s, &ts, ZS_TOKEN_WORD, "育儿补贴制度") >= 0);
  assert_true(find_tok(s, &ts, ZS_TOKEN_SUBWORD, "育儿补贴") >= 0);
  assert_true(find_tok(s, &ts, ZS_TOKEN_SUBWORD, "补贴") >= 0);
  s = "全省各级计生协积极倡导优生优育理念";
  segment(sg, s, &ts);
  assert_true(find_tok(s, &ts, ZS_TOKEN_WORD, "计生协") >= 0);
  assert_true(find_tok(s, &ts, ZS_TOKEN_WORD, "优生优育") >= 0);
  free(ts.v);
  zs_segmenter_free(sg);
}

/* Punctuation gives PUNCT tokens: one per code point, except that a run of
 * the same code point ("——", "......") is one token. */
static void test_segment_punct_tokens(void **state) {
  (void)state;
  zs_segmenter *sg = new_segmenter(zs_lexicon_builtin());
  toks ts = {0};
  char *s;
  const char *src = "你好，世界！——测试……“引号”!?";
  assert_int_equal(zs_fold_string(&s, NULL, src, strlen(src)), ZS_OK);
  segment(sg, s, &ts);
  const char *puncts[] = {",", "!", "——", "......", "“", "”", "!", "?"};
  size_t np = 0;
  for (size_t i = 0; i < ts.n; i++)
    if (ts.v[i].kind == ZS_TOKEN_PUNCT) {
      assert_true(np < sizeof puncts / sizeof *puncts);
      assert_true(tok_is(s, &ts.v[i], ZS_TOKEN_PUNCT, puncts[np]));
      np++;
    }
  assert_int_equal(np, sizeof puncts / sizeof *puncts);
  free(s);
  free(ts.v);
  zs_segmenter_free(sg);
}

/* Spaces yield no token; words on both sides of a space stay apart. */
static void test_segment_no_space_tokens(void **state) {
  (void)state;
  zs_segmenter *sg = new_segmenter(zs_lexicon_builtin());
  toks ts = {0};
  const char *s = "计划 生育 hello world , 10";
  segment(sg, s, &ts);
  for (size_t i = 0; i < ts.n; i++)
    for (size_t k = ts.v[i].start; k < ts.v[i].end; k++)
      assert_true(s[k] != ' ');
  assert_true(find_tok(s, &ts, ZS_TOKEN_WORD, "计划") >= 0);
  assert_true(find_tok(s, &ts, ZS_TOKEN_WORD, "hello") >= 0);
  assert_true(find_tok(s, &ts, ZS_TOKEN_PUNCT, ",") >= 0);
  assert_true(find_tok(s, &ts, ZS_TOKEN_WORD, "计划生育") < 0);
  segment(sg, "   ", &ts);
  assert_int_equal(ts.n, 0);
  segment(sg, "", &ts);
  assert_int_equal(ts.n, 0);
  free(ts.v);
  zs_segmenter_free(sg);
}

/* Numbers stay as ICU gives them ("10.6", "3,000"). */
static void test_segment_numbers(void **state) {
  (void)state;
  zs_segmenter *sg = new_segmenter(zs_lexicon_builtin());
  toks ts = {0};
  const char *s = "增长10.6%,共3,000人";
  segment(sg, s, &ts);
  assert_true(find_tok(s, &ts, ZS_TOKEN_WORD, "10.6") >= 0);
  assert_true(find_tok(s, &ts, ZS_TOKEN_WORD, "3,000") >= 0);
  assert_true(find_tok(s, &ts, ZS_TOKEN_PUNCT, "%") >= 0);
  free(ts.v);
  zs_segmenter_free(sg);
}

/* Checks the tiling property of one folded text: WORD/PUNCT tokens in order,
 * disjoint, covering every non-space byte exactly once; each SUBWORD lies
 * inside the WORD before it, has >= 2 code points and is a lexicon word or a
 * piece of a merged lexicon word. */
static void check_tiling(const zs_lexicon *lx, const char *s, size_t len, const toks *ts) {
  size_t at = 0;
  const zs_token *word = NULL;
  for (size_t i = 0; i < ts->n; i++) {
    const zs_token *t = &ts->v[i];
    assert_true(t->start < t->end && t->end <= len);
    if (t->kind == ZS_TOKEN_SUBWORD) {
      assert_non_null(word);
      assert_true(t->start >= word->start && t->end <= word->end);
      assert_true(t->end - t->start < word->end - word->start);
      assert_true(zs_utf8_count(s + t->start, t->end - t->start) >= 2);
      assert_true(zs_lexicon_contains(lx, s + t->start, t->end - t->start) ||
                  zs_lexicon_contains(lx, s + word->start, word->end - word->start));
      continue;
    }
    assert_true(t->kind == ZS_TOKEN_WORD || t->kind == ZS_TOKEN_PUNCT);
    assert_true(t->start >= at);
    for (; at < t->start; at++)
      assert_true(s[at] == ' ');
    at = t->end;
    word = t->kind == ZS_TOKEN_WORD ? t : NULL;
  }
  for (; at < len; at++)
    assert_true(s[at] == ' ');
}

/* The segmenter over the corpus and the non-empty lines it has checked. */
typedef struct tiling_run {
  zs_segmenter *sg;
  size_t lines;
} tiling_run;

/* Folds and segments each line of text and the whole text, checking tiling. */
static void check_file(void *ctx, const char *text, size_t len) {
  tiling_run *run = ctx;
  zs_segmenter *sg = run->sg;
  toks ts = {0};
  size_t lines = 0;
  for (size_t i = 0, eol; i <= len; i = eol + 1) {
    const char *nl = memchr(text + i, '\n', len - i);
    eol = nl ? (size_t)(nl - text) : len;
    char *s;
    size_t n;
    assert_int_equal(zs_fold_string(&s, &n, text + i, eol - i), ZS_OK);
    ts.n = 0;
    assert_int_equal(zs_segment(sg, s, n, collect, &ts), ZS_OK);
    check_tiling(zs_lexicon_builtin(), s, n, &ts);
    lines += n > 0;
    free(s);
  }
  char *s;
  size_t n;
  assert_int_equal(zs_fold_string(&s, &n, text, len), ZS_OK);
  ts.n = 0;
  assert_int_equal(zs_segment(sg, s, n, collect, &ts), ZS_OK);
  check_tiling(zs_lexicon_builtin(), s, n, &ts);
  free(s);
  free(ts.v);
  run->lines += lines;
}

/* Property over every paragraph of the corpus (and every whole file): the
 * tokens tile the text as check_tiling describes. */
static void test_segment_tiles_corpus(void **state) {
  (void)state;
  tiling_run run = {.sg = new_segmenter(zs_lexicon_builtin())};
  size_t files = zs_test_for_each_corpus_file(check_file, &run);
  assert_true(files >= 1);
  assert_true(run.lines >= 50);
  zs_segmenter_free(run.sg);
}

/* A long run without punctuation (longer than the merge pass's window) is
 * merged the same everywhere in it. */
static void test_segment_long_run(void **state) {
  (void)state;
  zs_segmenter *sg = new_segmenter(zs_lexicon_builtin());
  const char *unit = "积极推进育儿补贴";
  size_t reps = 600, ul = strlen(unit);
  char *s = malloc(reps * ul + 1);
  assert_non_null(s);
  for (size_t i = 0; i < reps; i++)
    memcpy(s + i * ul, unit, ul);
  s[reps * ul] = '\0';
  toks ts = {0};
  segment(sg, s, &ts);
  size_t words = 0;
  for (size_t i = 0; i < ts.n; i++)
    words += tok_is(s, &ts.v[i], ZS_TOKEN_WORD, "育儿补贴");
  assert_int_equal(words, reps);
  check_tiling(zs_lexicon_builtin(), s, strlen(s), &ts);
  free(s);
  free(ts.v);
  zs_segmenter_free(sg);
}

/* With an extended lexicon, an added word spanning ICU pieces is merged. */
static void test_segment_extended_lexicon(void **state) {
  (void)state;
  zs_lexicon *lx = NULL;
  const char *extra = "制度实施\n";
  assert_int_equal(zs_lexicon_extend(&lx, zs_lexicon_builtin(), extra, strlen(extra)), ZS_OK);
  zs_segmenter *sg = new_segmenter(lx);
  toks ts = {0};
  const char *s = "积极推进制度实施";
  segment(sg, s, &ts);
  long w = find_tok(s, &ts, ZS_TOKEN_WORD, "制度实施");
  assert_true(w >= 0 && (size_t)w + 2 < ts.n);
  assert_true(tok_is(s, &ts.v[w + 1], ZS_TOKEN_SUBWORD, "制度"));
  assert_true(tok_is(s, &ts.v[w + 2], ZS_TOKEN_SUBWORD, "实施"));
  free(ts.v);
  zs_segmenter_free(sg);
  zs_lexicon_free(lx);
}

/* One segmenter gives the same tokens for a text before and after other texts. */
static void test_segment_reuse(void **state) {
  (void)state;
  zs_segmenter *sg = new_segmenter(zs_lexicon_builtin());
  toks a = {0}, b = {0};
  const char *s1 = "省计生协会坚持以人民为中心,推进育儿补贴。";
  segment(sg, s1, &a);
  segment(sg, "hello world 一二三", &b);
  segment(sg, s1, &b);
  assert_int_equal(a.n, b.n);
  for (size_t i = 0; i < a.n; i++) { /* field by field: structs have padding */
    assert_int_equal(a.v[i].kind, b.v[i].kind);
    assert_int_equal(a.v[i].start, b.v[i].start);
    assert_int_equal(a.v[i].end, b.v[i].end);
  }
  free(a.v);
  free(b.v);
  zs_segmenter_free(sg);
}

static int stop_at_third(void *ctx, const zs_token *t) {
  (void)t;
  return ++*(int *)ctx == 3 ? 42 : 0;
}

/* A non-zero callback value stops segmentation and is returned. */
static void test_segment_callback_stop(void **state) {
  (void)state;
  zs_segmenter *sg = new_segmenter(zs_lexicon_builtin());
  int calls = 0;
  const char *s = "积极推进育儿补贴制度实施,全面落实。";
  assert_int_equal(zs_segment(sg, s, strlen(s), stop_at_third, &calls), 42);
  assert_int_equal(calls, 3);
  zs_segmenter_free(sg);
}

/* NULL arguments are refused. */
static void test_segment_bad_arguments(void **state) {
  (void)state;
  zs_segmenter *sg = NULL;
  assert_int_equal(zs_segmenter_new(&sg, NULL), ZS_EINVAL);
  sg = new_segmenter(zs_lexicon_builtin());
  assert_int_equal(zs_segment(sg, "x", 1, NULL, NULL), ZS_EINVAL);
  assert_int_equal(zs_segment(sg, NULL, 3, collect, NULL), ZS_EINVAL);
  zs_segmenter_free(sg);
  zs_segmenter_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_segment_domain_words_whole),
      cmocka_unit_test(test_segment_punct_tokens),
      cmocka_unit_test(test_segment_no_space_tokens),
      cmocka_unit_test(test_segment_numbers),
      cmocka_unit_test(test_segment_tiles_corpus),
      cmocka_unit_test(test_segment_long_run),
      cmocka_unit_test(test_segment_extended_lexicon),
      cmocka_unit_test(test_segment_reuse),
      cmocka_unit_test(test_segment_callback_stop),
      cmocka_unit_test(test_segment_bad_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
