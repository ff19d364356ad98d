/* test_lexicon: the built-in lexicon (jieba words of frequency >= 5 plus the
 * domain list) and run-time extensions: contents, folding, fingerprints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "zs_error.h"
#include "zs_lexicon.h"

static bool has(const zs_lexicon *lx, const char *w) {
  return zs_lexicon_contains(lx, w, strlen(w));
}

static zs_lexicon *extend(const zs_lexicon *base, const char *text) {
  zs_lexicon *lx = NULL;
  assert_int_equal(zs_lexicon_extend(&lx, base, text, strlen(text)), ZS_OK);
  assert_non_null(lx);
  return lx;
}

/* The built-in lexicon holds jieba's frequent words, long ones included. */
static void test_lexicon_builtin_has_jieba_words(void **state) {
  (void)state;
  const zs_lexicon *lx = zs_lexicon_builtin();
  assert_true(has(lx, "计划生育"));
  assert_true(has(lx, "人口"));
  assert_true(has(lx, "中华人民共和国中央人民政府"));
  assert_true(zs_lexicon_max_chars(lx) >= 13);
  assert_true(zs_lexicon_size(lx) > 100000);
}

/* The domain list is compiled in. */
static void test_lexicon_builtin_has_domain_words(void **state) {
  (void)state;
  const zs_lexicon *lx = zs_lexicon_builtin();
  assert_true(has(lx, "计生协"));
  assert_true(has(lx, "育儿补贴"));
  assert_true(has(lx, "优生优育"));
}

/* Not in the lexicon: random strings, prefixes and extensions of words,
 * single characters, jieba words below the frequency cut (T恤 has 4). */
static void test_lexicon_builtin_rejects_non_words(void **state) {
  (void)state;
  const zs_lexicon *lx = zs_lexicon_builtin();
  assert_false(has(lx, "zqxj随机乱码串"));
  assert_false(has(lx, "计划生"));
  assert_false(has(lx, "计划生育协会会"));
  assert_false(has(lx, "的"));
  assert_false(has(lx, "t恤"));
  assert_false(has(lx, ""));
  assert_false(zs_lexicon_contains(lx, "计划生育", strlen("计划生育") - 1));
}

/* The fingerprint is 16 hex digits and stable between calls. */
static void test_lexicon_fingerprint_shape(void **state) {
  (void)state;
  const char *fp = zs_lexicon_fingerprint(zs_lexicon_builtin());
  assert_int_equal(strlen(fp), 16);
  assert_int_equal(strspn(fp, "0123456789abcdef"), 16);
  assert_string_equal(fp, zs_lexicon_fingerprint(zs_lexicon_builtin()));
}

/* An extension adds its words (comments, blanks and duplicates skipped),
 * keeps the base's, and gets a different fingerprint. */
static void test_lexicon_extend_adds_words(void **state) {
  (void)state;
  const zs_lexicon *base = zs_lexicon_builtin();
  zs_lexicon *lx =
      extend(base, "# 注释行\n新词甲乙\n\n  另一个新词  # 行尾注释\r\n计划生育\n新词甲乙\n");
  assert_true(has(lx, "新词甲乙"));
  assert_true(has(lx, "另一个新词"));
  assert_true(has(lx, "计划生育"));
  assert_false(has(lx, "注释行"));
  assert_false(has(lx, "行尾注释"));
  assert_false(has(base, "新词甲乙"));
  assert_int_equal(zs_lexicon_size(lx), zs_lexicon_size(base) + 2);
  assert_string_not_equal(zs_lexicon_fingerprint(lx), zs_lexicon_fingerprint(base));
  assert_int_equal(strlen(zs_lexicon_fingerprint(lx)), 16);
  zs_lexicon_free(lx);
}

/* Different extra words give different fingerprints; the same give the same. */
static void test_lexicon_extend_fingerprint_tracks_words(void **state) {
  (void)state;
  const zs_lexicon *base = zs_lexicon_builtin();
  zs_lexicon *a = extend(base, "新词甲乙\n另一个新词\n");
  zs_lexicon *b = extend(base, "另一个新词\n新词甲乙\n");
  zs_lexicon *c = extend(base, "新词甲丙\n");
  zs_lexicon *same = extend(base, "计划生育\n# nothing new\n");
  assert_string_equal(zs_lexicon_fingerprint(a), zs_lexicon_fingerprint(b));
  assert_string_not_equal(zs_lexicon_fingerprint(a), zs_lexicon_fingerprint(c));
  assert_string_equal(zs_lexicon_fingerprint(same), zs_lexicon_fingerprint(base));
  assert_int_equal(zs_lexicon_size(same), zs_lexicon_size(base));
  zs_lexicon_free(a);
  zs_lexicon_free(b);
  zs_lexicon_free(c);
  zs_lexicon_free(same);
}

/* Extension words are folded: a full-width Latin entry is found by its folded form. */
static void test_lexicon_extend_folds_words(void **state) {
  (void)state;
  zs_lexicon *lx = extend(zs_lexicon_builtin(), "ＡＢＣ测试\nHello　World\n");
  assert_true(has(lx, "abc测试"));
  assert_false(has(lx, "ＡＢＣ测试"));
  assert_true(has(lx, "hello world"));
  zs_lexicon_free(lx);
}

/* Extensions chain: each level sees the words of all levels below it, and
 * max_chars covers a long added word. */
static void test_lexicon_extend_chains(void **state) {
  (void)state;
  zs_lexicon *one = extend(zs_lexicon_builtin(), "第一层新词\n");
  zs_lexicon *two = extend(one, "第二层新词\n一二三四五六七八九十一二三四五六七八九十\n");
  assert_true(has(two, "第一层新词"));
  assert_true(has(two, "第二层新词"));
  assert_true(has(two, "计划生育"));
  assert_false(has(one, "第二层新词"));
  assert_int_equal(zs_lexicon_max_chars(two), 20);
  assert_int_equal(zs_lexicon_size(two), zs_lexicon_size(one) + 2);
  zs_lexicon_free(two);
  zs_lexicon_free(one);
}

/* Incremental hashing agrees with one-shot hashing, and may_extend is never
 * false for a proper prefix of an entry. */
static void test_lexicon_hash_and_prefixes(void **state) {
  (void)state;
  const zs_lexicon *lx = zs_lexicon_builtin();
  const char *words[] = {"中华人民共和国中央人民政府", "计划生育", "育儿补贴", "计生协"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    const char *w = words[i];
    size_t len = strlen(w);
    uint64_t h = zs_lexicon_hash(ZS_LEXICON_HASH_INIT, w, 3); /* 3-byte characters */
    for (size_t k = 3; k < len; k += 3) {
      assert_true(zs_lexicon_may_extend(lx, h));
      h = zs_lexicon_hash(h, w + k, 3);
    }
    assert_true(h == zs_lexicon_hash(ZS_LEXICON_HASH_INIT, w, len));
    assert_true(zs_lexicon_contains_hashed(lx, h, w, len));
  }
}

/* An extension's words extend prefixes too, so the segmenter can reach them. */
static void test_lexicon_extend_prefixes(void **state) {
  (void)state;
  zs_lexicon *lx = extend(zs_lexicon_builtin(), "ｚｑｘｊ随机串\n");
  uint64_t h = zs_lexicon_hash(ZS_LEXICON_HASH_INIT, "zqxj", 4);
  assert_true(zs_lexicon_may_extend(lx, h));
  h = zs_lexicon_hash(h, "随机", strlen("随机"));
  assert_true(zs_lexicon_may_extend(lx, h));
  h = zs_lexicon_hash(h, "串", strlen("串"));
  assert_true(zs_lexicon_contains_hashed(lx, h, "zqxj随机串", strlen("zqxj随机串")));
  zs_lexicon_free(lx);
}

/* Bad input: invalid UTF-8 and NULL arguments are refused; free accepts NULL. */
static void test_lexicon_extend_errors(void **state) {
  (void)state;
  zs_lexicon *lx = NULL;
  assert_int_equal(zs_lexicon_extend(&lx, zs_lexicon_builtin(), "ok\n\xff\n", 5), ZS_EBADUTF8);
  assert_null(lx);
  assert_int_equal(zs_lexicon_extend(&lx, NULL, "x", 1), ZS_EINVAL);
  assert_int_equal(zs_lexicon_extend(NULL, zs_lexicon_builtin(), "x", 1), ZS_EINVAL);
  zs_lexicon_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lexicon_builtin_has_jieba_words),
      cmocka_unit_test(test_lexicon_builtin_has_domain_words),
      cmocka_unit_test(test_lexicon_builtin_rejects_non_words),
      cmocka_unit_test(test_lexicon_fingerprint_shape),
      cmocka_unit_test(test_lexicon_extend_adds_words),
      cmocka_unit_test(test_lexicon_extend_fingerprint_tracks_words),
      cmocka_unit_test(test_lexicon_extend_folds_words),
      cmocka_unit_test(test_lexicon_extend_chains),
      cmocka_unit_test(test_lexicon_hash_and_prefixes),
      cmocka_unit_test(test_lexicon_extend_prefixes),
      cmocka_unit_test(test_lexicon_extend_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
