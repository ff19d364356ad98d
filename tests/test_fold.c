/* test_fold: zs_fold's normalisation (NFKC_Casefold, whitespace, controls), its
 * offset map, and its idempotence on the real corpus (T2S: test_t2s.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <cmocka.h>

#include "zs_error.h"
#include "zs_fold.h"
#include "zs_test_text.h"

/* Full-width letters and digits fold to ASCII, upper case to lower case. */
static void test_fold_fullwidth_to_ascii(void **state) {
  (void)state;
  zs_test_assert_folds_default("ＡＢＣ", "abc");
  zs_test_assert_folds_default("０１２３４５６７８９", "0123456789");
  zs_test_assert_folds_default("ｈｅｌｌｏ　ＷＯＲＬＤ", "hello world");
  zs_test_assert_folds_default("HeLLo", "hello");
  zs_test_assert_folds_default("第１０．６％", "第10.6%");
}

/* Full-width punctuation folds to its ASCII form; ideographs stay as they are. */
static void test_fold_fullwidth_punct(void **state) {
  (void)state;
  zs_test_assert_folds_default("，", ",");
  zs_test_assert_folds_default("计生协（福建）：！？", "计生协(福建):!?");
  zs_test_assert_folds_default("计划生育", "计划生育");
  zs_test_assert_folds_default("“三提三效”。", "“三提三效”。");
}

/* Every run of whitespace (NBSP, U+3000, tabs, newlines) becomes one space. */
static void test_fold_whitespace_collapses(void **state) {
  (void)state;
  zs_test_assert_folds_default("a\xc2\xa0"
                               "b",
                               "a b");
  zs_test_assert_folds_default("计生\xe3\x80\x80协", "计生 协");
  zs_test_assert_folds_default("a\t\t b\r\n\r\nc\n\xe3\x80\x80\xc2\xa0 d", "a b c d");
  zs_test_assert_folds_default("a\xe2\x80\x83\xe2\x80\xa8z", "a z"); /* EM SPACE, LINE SEPARATOR */
}

/* Leading and trailing whitespace is trimmed; all-space input folds to "". */
static void test_fold_trims(void **state) {
  (void)state;
  zs_test_assert_folds_default("  \xe3\x80\x80\tabc \n", "abc");
  zs_test_assert_folds_default(" \t\r\n\xe3\x80\x80", "");
  zs_test_assert_folds_default("", "");
}

/* ASCII controls other than whitespace are dropped, even between a letter and
 * the accent that composes with it. */
static void test_fold_drops_controls(void **state) {
  (void)state;
  zs_test_assert_folds_default("a\x01"
                               "b\x7f\x1f",
                               "ab");
  zs_test_assert_folds_default("e\xcc\x81", "\xc3\xa9");     /* e + U+0301 -> é */
  zs_test_assert_folds_default("e\x01\xcc\x81", "\xc3\xa9"); /* control in between */
  zs_test_assert_folds_default("\x01 a \x02 b", "a b");      /* space run kept whole */
}

/* Whitespace produced by NFKC itself (U+FFE3 -> " \u0304") is collapsed too,
 * so the output never holds two spaces in a row. */
static void test_fold_nfkc_spaces_collapse(void **state) {
  (void)state;
  zs_test_assert_folds_default("x\xef\xbf\xa3y", "x \xcc\x84y");
  zs_test_assert_folds_default("a \xc2\xa8", "a \xcc\x88");
  zs_test_assert_folds_default("\xef\xbf\xa3", "\xcc\x84");
}

/* NFKC_Casefold of the whole string in one ICU call: the reference. */
static void whole_nfkc_cf(const char *s, char *out, size_t cap) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *n2 = unorm2_getNFKCCasefoldInstance(&err);
  UChar src[512], dst[2048];
  int32_t n16 = 0, m = 0;
  u_strFromUTF8(src, 512, &n16, s, -1, &err);
  m = unorm2_normalize(n2, src, n16, dst, 2048, &err);
  u_strToUTF8(out, (int32_t)cap, NULL, dst, m, &err);
  assert_false(U_FAILURE(err));
}

/* Without whitespace or controls in play, folding chunk by chunk without T2S
 * gives exactly what ICU gives for the whole string (random mixes of composing
 * characters; U+F900 would become 岂 with T2S). */
static void test_fold_matches_whole_string_nfkc(void **state) {
  (void)state;
  static const UChar32 pool[] = {
      'a',    'A',    'e',    'o',    'z',    '1',    '.',    0x0301, 0x0308, 0x030a, 0x0327,
      0x0323, 0x1100, 0x1161, 0x11a8, 0xac00, 0xff21, 0xff41, 0xff10, 0x212b, 0xfb01, 0x00df,
      0x1e9e, 0x0130, 0x03a3, 0x03c2, 0x4e2d, 0x6587, 0x3002, 0xff0c, 0x2f00, 0xf900, 0x00c5,
      0x0345, 0x0399, 0x00ad, 0x200b, 0x0f73, 0x0f71, 0x0f72, 0x1f80, 0x3099, 0x304b, 0x337f};
  uint32_t seed = 12345;
  for (int round = 0; round < 2000; round++) {
    char s[128], want[1024];
    int32_t n = 0;
    seed = seed * 1103515245u + 12345u;
    int chars = 1 + (int)(seed >> 16) % 12;
    for (int k = 0; k < chars; k++) {
      seed = seed * 1103515245u + 12345u;
      U8_APPEND_UNSAFE(s, n, pool[(seed >> 16) % (sizeof pool / sizeof *pool)]);
    }
    s[n] = '\0';
    whole_nfkc_cf(s, want, sizeof want);
    zs_test_assert_folds(s, 0, want);
  }
}

static void check_idempotent(void *ctx, const char *text, size_t len) {
  (void)ctx;
  char *once, *twice;
  size_t n1, n2;
  assert_int_equal(zs_fold_string(&once, &n1, text, len), ZS_OK);
  assert_true(n1 > 0);
  assert_null(strstr(once, "  "));
  assert_int_equal(zs_fold_string(&twice, &n2, once, n1), ZS_OK);
  assert_int_equal(n1, n2);
  assert_memory_equal(once, twice, n1);
  zs_folded f;
  assert_int_equal(zs_fold(&f, text, len), ZS_OK);
  assert_int_equal(f.len, n1);
  assert_memory_equal(f.text, once, n1);
  zs_folded_free(&f);
  free(once);
  free(twice);
}

/* fold(fold(x)) == fold(x) on every corpus file, and both entry points agree. */
static void test_fold_idempotent_on_corpus(void **state) {
  (void)state;
  assert_true(zs_test_for_each_corpus_file(check_idempotent, NULL) >= 1);
}

/* Tricky inputs fold to a fixed point as well. */
static void test_fold_idempotent_tricky(void **state) {
  (void)state;
  const char *cases[] = {"e\x01\xcc\x81", "x\xef\xbf\xa3\xef\xbf\xa3y", "\xef\xb7\xba",
                         "\xe2\x84\xab\xcc\x81", "A\xcc\x8a\xcc\x81 \xe3\x8d\xbf"};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    check_idempotent(NULL, cases[i], strlen(cases[i]));
}

static int is_ideograph_lead(char c) {
  return (unsigned char)c >= 0xe4 && (unsigned char)c <= 0xe9;
}

static void check_map(void *ctx, const char *text, size_t len) {
  (void)ctx;
  zs_folded f;
  assert_int_equal(zs_fold(&f, text, len), ZS_OK);
  for (size_t k = 0; k < f.len; k++) {
    assert_true(f.src_start[k] < f.src_end[k]);
    assert_true(f.src_end[k] <= len);
    if (k > 0) {
      assert_true(f.src_start[k - 1] <= f.src_start[k]);
      assert_true(f.src_end[k - 1] <= f.src_end[k]);
    }
    /* A unified ideograph (lead byte E4..E9) from a unified ideograph of the
     * source is that ideograph, or its T2S form: it maps onto its own bytes. */
    uint32_t s0 = f.src_start[k];
    if (is_ideograph_lead(f.text[k]) && f.src_end[k] - s0 == 3 && is_ideograph_lead(text[s0])) {
      char *one;
      size_t n;
      assert_int_equal(zs_fold_string(&one, &n, text + s0, 3), ZS_OK);
      assert_int_equal(n, 3);
      assert_memory_equal(one, f.text + k, 3);
      free(one);
    }
  }
  zs_folded_free(&f);
}

/* On every corpus file each folded byte maps inside the source, spans are
 * monotonic, and copied ideographs map onto themselves. */
static void test_fold_offset_map_on_corpus(void **state) {
  (void)state;
  assert_true(zs_test_for_each_corpus_file(check_map, NULL) >= 1);
}

/* Maps folded substring needle of f back to the source and compares it to want. */
static void assert_maps_back(const zs_folded *f, const char *src, const char *needle,
                             const char *want) {
  const char *at = strstr(f->text, needle);
  assert_non_null(at);
  size_t a = (size_t)(at - f->text), b = a + strlen(needle);
  size_t s0 = f->src_start[a], s1 = f->src_end[b - 1];
  assert_int_equal(s1 - s0, strlen(want));
  assert_memory_equal(src + s0, want, s1 - s0);
}

/* Folded substrings map back to exactly the source bytes they came from. */
static void test_fold_offset_map_roundtrip(void **state) {
  (void)state;
  const char *src = "\xe3\x80\x80 计生协，ＡＢＣ\t\n育儿补贴";
  zs_folded f;
  assert_int_equal(zs_fold(&f, src, strlen(src)), ZS_OK);
  assert_string_equal(f.text, "计生协,abc 育儿补贴");
  assert_maps_back(&f, src, "计生协", "计生协");
  assert_maps_back(&f, src, "生", "生");
  assert_maps_back(&f, src, ",", "，");
  assert_maps_back(&f, src, "abc", "ＡＢＣ");
  assert_maps_back(&f, src, "c 育", "Ｃ\t\n育");
  assert_maps_back(&f, src, "补贴", "补贴");
  zs_folded_free(&f);
}

/* Invalid UTF-8 is refused with ZS_EBADUTF8 by both entry points. */
static void test_fold_invalid_utf8(void **state) {
  (void)state;
  const char *bad[] = {"\xff",     "abc\xc3",  "\xed\xa0\x80",
                       "\xc0\xaf", "计\x80生", "a\xf4\x90\x80\x80"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    zs_folded f = {0};
    assert_int_equal(zs_fold(&f, bad[i], strlen(bad[i])), ZS_EBADUTF8);
    assert_null(f.text);
    char *t = NULL;
    assert_int_equal(zs_fold_string(&t, NULL, bad[i], strlen(bad[i])), ZS_EBADUTF8);
    assert_null(t);
    assert_int_equal(zs_error_code(), ZS_EBADUTF8);
  }
}

/* A length of 4 GiB or more is refused before anything is read. */
static void test_fold_too_big(void **state) {
  (void)state;
  if (sizeof(size_t) <= 4)
    skip();
  zs_folded f = {0};
  size_t huge = (size_t)UINT32_MAX + 1;
  assert_int_equal(zs_fold(&f, "x", huge), ZS_ETOOBIG);
  char *t = NULL;
  assert_int_equal(zs_fold_string(&t, NULL, "x", huge), ZS_ETOOBIG);
}

/* The fast path copies U+4E00..U+9FFF without asking ICU: ICU agrees that
 * every one of them is NFKC_CF-inert and not whitespace. */
static void test_fold_unified_ideographs_inert(void **state) {
  (void)state;
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *n2 = unorm2_getNFKCCasefoldInstance(&err);
  assert_false(U_FAILURE(err));
  for (UChar32 c = 0x4e00; c <= 0x9fff; c++) {
    assert_true(unorm2_isInert(n2, c));
    assert_false(u_isUWhiteSpace(c));
  }
}

/* zs_folded_free accepts NULL and zeroed structs, and zeroes what it frees. */
static void test_fold_free_tolerant(void **state) {
  (void)state;
  zs_folded_free(NULL);
  zs_folded z = {0};
  zs_folded_free(&z);
  zs_folded f;
  assert_int_equal(zs_fold(&f, "abc", 3), ZS_OK);
  zs_folded_free(&f);
  assert_null(f.text);
  assert_int_equal(f.len, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fold_fullwidth_to_ascii),
      cmocka_unit_test(test_fold_fullwidth_punct),
      cmocka_unit_test(test_fold_whitespace_collapses),
      cmocka_unit_test(test_fold_trims),
      cmocka_unit_test(test_fold_drops_controls),
      cmocka_unit_test(test_fold_nfkc_spaces_collapse),
      cmocka_unit_test(test_fold_matches_whole_string_nfkc),
      cmocka_unit_test(test_fold_idempotent_on_corpus),
      cmocka_unit_test(test_fold_idempotent_tricky),
      cmocka_unit_test(test_fold_offset_map_on_corpus),
      cmocka_unit_test(test_fold_offset_map_roundtrip),
      cmocka_unit_test(test_fold_invalid_utf8),
      cmocka_unit_test(test_fold_too_big),
      cmocka_unit_test(test_fold_unified_ideographs_inert),
      cmocka_unit_test(test_fold_free_tolerant),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
