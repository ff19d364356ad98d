/* test_t2s: traditional->simplified folding (ZS_FOLD_T2S): the phrases of the
 * reports, the offset map, the whole built-in table, the corpus, describe/parse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>
#include <cmocka.h>

#include "zs_error.h"
#include "zs_fold.h"
#include "zs_lexicon.h"
#include "zs_t2s_data.h"
#include "zs_test_text.h"

/* With T2S, explicitly and as the default of zs_fold/zs_fold_string. */
static void assert_t2s(const char *s, const char *want) {
  zs_test_assert_folds(s, ZS_FOLD_T2S, want);
  zs_folded f;
  assert_int_equal(zs_fold(&f, s, strlen(s)), ZS_OK);
  assert_string_equal(f.text, want);
  zs_folded_free(&f);
  char *t;
  assert_int_equal(zs_fold_string(&t, NULL, s, strlen(s)), ZS_OK);
  assert_string_equal(t, want);
  free(t);
}

/* The traditional spellings of the reports' terms fold to the simplified ones. */
static void test_t2s_report_terms(void **state) {
  (void)state;
  assert_t2s("計生協", "计生协");
  assert_t2s("計劃生育協會", "计划生育协会");
  assert_t2s("臺灣", "台湾");
  assert_t2s("台灣", "台湾");
  assert_t2s("優生優育", "优生优育");
  assert_t2s("育兒補貼", "育儿补贴");
  assert_t2s("计生协", "计生协"); /* simplified stays */
}

/* Full-width digits and letters, ideographic spaces and traditional characters
 * in one string: each part folds as it would alone. */
static void test_t2s_mixed_fullwidth(void **state) {
  (void)state;
  assert_t2s("２０２２年　計生協ＡＢＣ：育兒補貼增長１０．６％",
             "2022年 计生协abc:育儿补贴增长10.6%");
  assert_t2s("  臺灣\t（Ｔａｉｗａｎ）\n", "台湾 (taiwan)");
}

/* Without ZS_FOLD_T2S traditional characters stay as they are. */
static void test_t2s_off_keeps_traditional(void **state) {
  (void)state;
  zs_test_assert_folds("計生協", 0, "計生協");
  zs_test_assert_folds("計劃生育協會 ＡＢＣ", 0, "計劃生育協會 abc");
  zs_test_assert_folds("臺灣", 0, "臺灣");
}

/* Each folded character of "計生協會" maps back to exactly its source character. */
static void test_t2s_offset_map_per_char(void **state) {
  (void)state;
  const char *src = "計生協會";
  zs_folded f;
  assert_int_equal(zs_fold_ex(&f, src, strlen(src), ZS_FOLD_T2S), ZS_OK);
  assert_string_equal(f.text, "计生协会");
  for (size_t k = 0; k < f.len; k++) {
    assert_int_equal(f.src_start[k], k / 3 * 3);
    assert_int_equal(f.src_end[k], k / 3 * 3 + 3);
  }
  zs_folded_free(&f);
}

/* Characters that NFKC changes first (a compatibility ideograph, a Kangxi
 * radical) reach T2S too, and map back to their own source bytes. */
static void test_t2s_after_nfkc(void **state) {
  (void)state;
  const char *src = "a\xef\xa4\x80\xe2\xbe\xba會"; /* a U+F900 (豈) U+2FBA (⾺ -> 馬) 會 */
  assert_t2s(src, "a岂马会");
  zs_folded f;
  assert_int_equal(zs_fold_ex(&f, src, strlen(src), ZS_FOLD_T2S), ZS_OK);
  const uint32_t want[][2] = {{0, 1}, {1, 4}, {4, 7}, {7, 10}};
  for (size_t k = 0, c = 0; k < f.len; c++) {
    size_t n = (unsigned char)f.text[k] < 0x80 ? 1 : 3;
    for (size_t b = 0; b < n; b++, k++) {
      assert_int_equal(f.src_start[k], want[c][0]);
      assert_int_equal(f.src_end[k], want[c][1]);
    }
  }
  zs_folded_free(&f);
}

/* T2S applies after NFKC_CF: folding with T2S equals folding without it and
 * then with it, on random mixes of traditional, compatibility, full-width and
 * composing characters. */
static void test_t2s_composes_with_nfkc(void **state) {
  (void)state;
  static const UChar32 pool[] = {'a',    'E',    '1',    ' ',    0x0301, 0x0308, 0x3000,  0xff21,
                                 0xff10, 0xf900, 0xf91f, 0x2f00, 0x2fba, 0x8a08, 0x5354,  0x6703,
                                 0x81fa, 0x7063, 0x8ba1, 0x4e7e, 0x9577, 0x346e, 0x2b4a1, 0xfa0e};
  uint32_t seed = 4242;
  for (int round = 0; round < 2000; round++) {
    char s[128];
    int32_t n = 0;
    seed = seed * 1103515245u + 12345u;
    for (int k = 1 + (int)(seed >> 16) % 12; k > 0; k--) {
      seed = seed * 1103515245u + 12345u;
      U8_APPEND_UNSAFE(s, n, pool[(seed >> 16) % (sizeof pool / sizeof *pool)]);
    }
    char *plain, *both, *direct;
    size_t np, nb, nd;
    assert_int_equal(zs_fold_string_ex(&plain, &np, s, (size_t)n, 0), ZS_OK);
    assert_int_equal(zs_fold_string_ex(&both, &nb, plain, np, ZS_FOLD_T2S), ZS_OK);
    assert_int_equal(zs_fold_string_ex(&direct, &nd, s, (size_t)n, ZS_FOLD_T2S), ZS_OK);
    assert_int_equal(nb, nd);
    assert_memory_equal(both, direct, nd);
    free(plain);
    free(both);
    free(direct);
  }
}

/* Code point c as a NUL-terminated UTF-8 string in buf. */
static void utf8_of(uint32_t c, char buf[5]) {
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  buf[n] = '\0';
}

/* One table entry: the key folds to its target, the target to itself, and
 * without T2S the key is left alone (it is an NFKC_CF fixed point). */
static void check_entry(uint32_t from, uint32_t to) {
  char a[5], b[5];
  utf8_of(from, a);
  utf8_of(to, b);
  zs_test_assert_folds(a, ZS_FOLD_T2S, b);
  zs_test_assert_folds(b, ZS_FOLD_T2S, b);
  zs_test_assert_folds(a, 0, a);
}

/* Every entry of the built-in table, in the BMP blocks and above, behaves as
 * a per code point map to a fixed point; the table holds `count` entries. */
static void test_t2s_whole_table(void **state) {
  (void)state;
  const zs_t2s_table *t = &zs_t2s_builtin_table;
  size_t n = 0;
  for (uint32_t c = 0; c < 0x10000; c++) {
    uint16_t v = t->blocks[t->index[c >> 8]][c & 0xff];
    if (v && v != ZS_T2S_SEE_SUPP) {
      check_entry(c, v);
      n++;
    }
  }
  for (size_t i = 0; i < t->nsupp; i++) {
    assert_true(i == 0 || t->supp[i - 1][0] < t->supp[i][0]);
    check_entry(t->supp[i][0], t->supp[i][1]);
    n++;
  }
  assert_int_equal(n, t->count);
  assert_true(t->count > 2000); /* OpenCC's t2s has thousands of single characters */
}

static void check_idempotent(void *ctx, const char *text, size_t len) {
  (void)ctx;
  char *once, *twice;
  size_t n1, n2;
  assert_int_equal(zs_fold_string_ex(&once, &n1, text, len, ZS_FOLD_T2S), ZS_OK);
  assert_int_equal(zs_fold_string_ex(&twice, &n2, once, n1, ZS_FOLD_T2S), ZS_OK);
  assert_int_equal(n1, n2);
  assert_memory_equal(once, twice, n1);
  zs_folded f;
  assert_int_equal(zs_fold_ex(&f, text, len, ZS_FOLD_T2S), ZS_OK);
  assert_int_equal(f.len, n1);
  assert_memory_equal(f.text, once, n1);
  zs_folded_free(&f);
  free(once);
  free(twice);
}

/* fold_T2S(fold_T2S(x)) == fold_T2S(x) on every corpus file, both entry points. */
static void test_t2s_idempotent_on_corpus(void **state) {
  (void)state;
  assert_true(zs_test_for_each_corpus_file(check_idempotent, NULL) >= 1);
}

/* Traditional text folds to a fixed point too (all of it, and mixed forms). */
static void test_t2s_idempotent_traditional(void **state) {
  (void)state;
  const char *cases[] = {"計劃生育協會 臺灣 優生優育", "\xef\xa4\x80\xe2\xbe\xba", "乾隆 長"};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    check_idempotent(NULL, cases[i], strlen(cases[i]));
}

/* The distinct (without T2S, with T2S) code point pairs where the two differ. */
typedef struct diffs {
  char pairs[16][16];
  size_t n;
} diffs;

static void collect_diffs(void *ctx, const char *text, size_t len) {
  diffs *d = ctx;
  char *a, *b;
  size_t na, nb;
  assert_int_equal(zs_fold_string_ex(&a, &na, text, len, 0), ZS_OK);
  assert_int_equal(zs_fold_string_ex(&b, &nb, text, len, ZS_FOLD_T2S), ZS_OK);
  int32_t i = 0, j = 0;
  while (i < (int32_t)na && j < (int32_t)nb) {
    int32_t i0 = i, j0 = j;
    UChar32 ca, cb;
    U8_NEXT(a, i, (int32_t)na, ca);
    U8_NEXT(b, j, (int32_t)nb, cb);
    char pair[16];
    snprintf(pair, sizeof pair, "%.*s>%.*s", (int)(i - i0), a + i0, (int)(j - j0), b + j0);
    bool seen = false;
    for (size_t k = 0; k < d->n; k++)
      seen = seen || strcmp(d->pairs[k], pair) == 0;
    if (ca != cb && !seen && d->n < 16)
      strcpy(d->pairs[d->n++], pair);
  }
  assert_true(i == (int32_t)na && j == (int32_t)nb); /* one code point for one */
  free(a);
  free(b);
}

/* The corpus is simplified text, so T2S leaves it as it is but for two known
 * characters: 乾 of the place name 乾滩村 (OpenCC maps a lone 乾 to 干) and the
 * traditional 長 of 家長 in a simplified report. Any other change is a bug. */
static void test_t2s_corpus_unchanged(void **state) {
  (void)state;
  diffs d = {0};
  assert_true(zs_test_for_each_corpus_file(collect_diffs, &d) >= 1);
  assert_int_equal(d.n, 2);
  bool qian = strcmp(d.pairs[0], "乾>干") == 0 || strcmp(d.pairs[1], "乾>干") == 0;
  bool zhang = strcmp(d.pairs[0], "長>长") == 0 || strcmp(d.pairs[1], "長>长") == 0;
  assert_true(qian && zhang);
}

/* The lexicon generator folded jieba with T2S: its words are fixed points. */
static void test_t2s_builtin_lexicon_folded(void **state) {
  (void)state;
  const zs_lexicon *lx = zs_lexicon_builtin();
  assert_true(zs_lexicon_contains(lx, "干隆", strlen("干隆")));
  assert_false(zs_lexicon_contains(lx, "乾隆", strlen("乾隆")));
}

/* describe and parse are inverse; the stored names never change. */
static void test_t2s_describe_parse_roundtrip(void **state) {
  (void)state;
  assert_string_equal(zs_fold_describe(0), "nfkc_cf+ws");
  assert_string_equal(zs_fold_describe(ZS_FOLD_T2S), "nfkc_cf+ws+t2s");
  assert_string_equal(zs_fold_describe(ZS_FOLD_DEFAULT), "nfkc_cf+ws+t2s");
  assert_null(zs_fold_describe(2));
  unsigned all[] = {0, ZS_FOLD_T2S};
  for (size_t i = 0; i < 2; i++) {
    unsigned f = 99;
    assert_int_equal(zs_fold_parse(zs_fold_describe(all[i]), &f), ZS_OK);
    assert_int_equal(f, all[i]);
  }
}

/* Unknown names and unknown flags are refused, leaving the outputs alone. */
static void test_t2s_parse_errors(void **state) {
  (void)state;
  const char *bad[] = {"", "nfkc_cf", "NFKC_CF+WS", "nfkc_cf+ws+t2s ", "nfkc_cf+ws+s2t", NULL};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    unsigned f = 99;
    assert_int_equal(zs_fold_parse(bad[i], &f), ZS_EINVAL);
    assert_int_equal(f, 99);
    assert_int_equal(zs_error_code(), ZS_EINVAL);
  }
  zs_folded z = {0};
  assert_int_equal(zs_fold_ex(&z, "a", 1, 2), ZS_EINVAL);
  assert_null(z.text);
  char *t = NULL;
  assert_int_equal(zs_fold_string_ex(&t, NULL, "a", 1, ~0u), ZS_EINVAL);
  assert_null(t);
}

/* The table's fingerprint is 16 lower-case hex digits, the same every call. */
static void test_t2s_fingerprint_hex(void **state) {
  (void)state;
  const char *fp = zs_fold_t2s_fingerprint();
  assert_non_null(fp);
  assert_int_equal(strlen(fp), 16);
  assert_int_equal(strspn(fp, "0123456789abcdef"), 16);
  assert_string_equal(fp, zs_fold_t2s_fingerprint());
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_t2s_report_terms),
      cmocka_unit_test(test_t2s_mixed_fullwidth),
      cmocka_unit_test(test_t2s_off_keeps_traditional),
      cmocka_unit_test(test_t2s_offset_map_per_char),
      cmocka_unit_test(test_t2s_after_nfkc),
      cmocka_unit_test(test_t2s_composes_with_nfkc),
      cmocka_unit_test(test_t2s_whole_table),
      cmocka_unit_test(test_t2s_idempotent_on_corpus),
      cmocka_unit_test(test_t2s_idempotent_traditional),
      cmocka_unit_test(test_t2s_corpus_unchanged),
      cmocka_unit_test(test_t2s_builtin_lexicon_folded),
      cmocka_unit_test(test_t2s_describe_parse_roundtrip),
      cmocka_unit_test(test_t2s_parse_errors),
      cmocka_unit_test(test_t2s_fingerprint_hex),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
