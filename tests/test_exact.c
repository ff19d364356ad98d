/* End-to-end exactness on the real corpus: for every keyword, the passages a
 * quoted query returns are exactly those whose cleaned text contains it. */
#define _GNU_SOURCE /* memmem */
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
#include "zs_qbuild.h"
#include "zs_search.h"
#include "zs_test_index.h"

#define MAX_PASSAGES 4096

/* The reference: every passage of the corpus, folded, keyed by file and number. */
static zs_test_ref_passage *refs;
static size_t nrefs;
static zs_searcher *searcher;

static int setup(void **state) {
  (void)state;
  int rc = zs_test_index_corpus(ZS_TEST_TMP "/exact-index", &searcher, &refs, &nrefs);
  return rc == ZS_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  zs_test_ref_passages_free(refs, nrefs);
  zs_searcher_close(searcher);
  return 0;
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* Compares the quoted search for kw with the substring scan for scan_kw (kw
 * itself, or the plain form kw is written for); returns matches. */
static size_t check_keyword_as(const char *kw, const char *scan_kw) {
  char *needle;
  size_t nlen;
  assert_int_equal(
      zs_qbuild_fold(&needle, &nlen, scan_kw, strlen(scan_kw), zs_searcher_fold_flags(searcher)),
      ZS_OK);
  char q[256];
  size_t at = 0;
  q[at++] = '"';
  for (const char *c = kw; *c && at < sizeof q - 4; c++) {
    /* quote marks and backslashes inside quotes are escaped with a backslash */
    if (*c == '"' || *c == '\\' || strncmp(c, "\xE2\x80\x9C", 3) == 0 ||
        strncmp(c, "\xE2\x80\x9D", 3) == 0)
      q[at++] = '\\';
    q[at++] = *c;
  }
  q[at++] = '"';
  q[at] = '\0';
  zs_hits *h;
  zs_search_params p = {.first = 0, .max = MAX_PASSAGES, .exact_count_up_to = MAX_PASSAGES};
  if (zs_search_run(searcher, q, strlen(q), &p, &h) != ZS_OK)
    fail_msg("search %s: %s", q, zs_error_last());
  char *found = calloc(nrefs, 1);
  for (size_t i = 0; i < h->n; i++) {
    size_t j = 0;
    while (j < nrefs && !(refs[j].no == h->hit[i].rec.passage_no &&
                          strcmp(refs[j].file, base_name(h->hit[i].file->path)) == 0))
      j++;
    if (j == nrefs)
      fail_msg("%s: hit %s#%u is no reference passage", kw, h->hit[i].file->path,
               h->hit[i].rec.passage_no);
    found[j] = 1;
  }
  size_t expected = 0;
  for (size_t j = 0; j < nrefs; j++) {
    int has = memmem(refs[j].folded, refs[j].len, needle, nlen) != NULL;
    expected += has;
    if (has != found[j])
      fail_msg("%s: %s#%u %s", kw, refs[j].file, refs[j].no,
               has ? "contains it but was not returned" : "was returned without containing it");
  }
  assert_int_equal(h->n, expected);
  assert_int_equal(h->total_lower, expected);
  assert_int_equal(h->total_upper, expected);
  free(found);
  zs_hits_free(h);
  free(needle);
  return expected;
}

/* Compares the quoted search for kw with the substring scan; returns matches. */
static size_t check_keyword(const char *kw) {
  return check_keyword_as(kw, kw);
}

/* Hand-picked keywords, many cutting across word boundaries. */
static void test_exact_keywords_equal_substring_scan(void **state) {
  (void)state;
  static const char *kws[] = {"计生协",
                              "生育",
                              "孕",
                              "托育",
                              "育儿补贴",
                              "10.6万人",
                              "协",
                              "育儿",
                              "儿补",
                              "补贴制度",
                              "青春健康",
                              "暖心家园",
                              "向日葵亲子小屋",
                              "唇腭裂",
                              "优生优育",
                              "生优",
                              "计生特殊家庭",
                              "家庭健康指导员",
                              "2956.37万元",
                              "5000",
                              "二十大",
                              "常务专职副会长",
                              "万元",
                              "%",
                              "。",
                              "，",
                              "“",
                              "湖南",
                              "贵州省",
                              "省计生协",
                              "以习近平",
                              "习近平新时代中国特色社会主义思想",
                              "疫情防控",
                              "换届",
                              "三定",
                              "入序",
                              "金秋助学",
                              "保险",
                              "理赔",
                              "流动人口",
                              "新型婚育文化",
                              "婚育",
                              "健康",
                              "服务",
                              "a",
                              "and",
                              "意识 and 能力",
                              "ＡＢＣ",
                              "2022年",
                              "（五）",
                              "(十一)",
                              "5.29",
                              "12320",
                              "党",
                              "的",
                              "会长",
                              "协会",
                              "计划生育协会",
                              "生育协",
                              "育协会工",
                              "“暖心家园”",
                              "\"三提三效\""};
  size_t total = 0, n = sizeof kws / sizeof kws[0];
  for (size_t i = 0; i < n; i++)
    total += check_keyword(kws[i]);
  assert_true(n >= 60);
  assert_true(total > 500); /* the list is not all misses */
}

/* Quoted traditional or full-width forms find exactly the plain form's passages. */
static void test_exact_other_forms_equal_plain_scan(void **state) {
  (void)state;
  static const char *const forms[][2] = {
      {"計生協", "计生协"},
      {"育兒補貼", "育儿补贴"},
      {"１０．６万人", "10.6万人"},
      {"暖心家園", "暖心家园"},
      {"嚮日葵親子小屋", "向日葵亲子小屋"},
      {"唇齶裂", "唇腭裂"},
      {"優生優育", "优生优育"},
      {"計劃生育協會", "计划生育协会"},
      {"２９５６．３７萬元", "2956.37万元"},
      {"（十一）", "(十一)"},
      {"１２３２０", "12320"},
      {"５．２９", "5.29"},
      {"鄉村振興", "乡村振兴"},
      {"意識 AND 能力", "意识 and 能力"},
      {"習近平新時代中國特色社會主義思想", "习近平新时代中国特色社会主义思想"},
      {"“暖心家園”", "“暖心家园”"},
      {"計生特殊家庭", "计生特殊家庭"},
      {"２０２２年", "2022年"},
      {"ＡＢＣ", "abc"},
      {"二十大", "二十大"}, /* no other form: unchanged */
  };
  size_t n = sizeof forms / sizeof forms[0], found = 0;
  unsigned flags = zs_searcher_fold_flags(searcher);
  for (size_t i = 0; i < n; i++) {
    char *a, *b;
    size_t alen, blen;
    assert_int_equal(zs_qbuild_fold(&a, &alen, forms[i][0], strlen(forms[i][0]), flags), ZS_OK);
    assert_int_equal(zs_qbuild_fold(&b, &blen, forms[i][1], strlen(forms[i][1]), flags), ZS_OK);
    if (alen != blen || memcmp(a, b, alen) != 0)
      fail_msg("%s folds to %s, not to %s", forms[i][0], a, b);
    free(a);
    free(b);
    size_t hits = check_keyword_as(forms[i][0], forms[i][1]);
    assert_int_equal(hits, check_keyword(forms[i][1]));
    found += hits > 0;
  }
  assert_true(n >= 10);
  assert_true(found >= n - 1); /* all but ＡＢＣ occur in the corpus */
}

/* Random substrings (1 to 8 code points) of random passages are found exactly. */
static void test_exact_random_substrings(void **state) {
  (void)state;
  srand(12345);
  for (int k = 0; k < 120; k++) {
    const zs_test_ref_passage *r = &refs[(size_t)rand() % nrefs];
    size_t chars = zs_utf8_count(r->folded, r->len);
    size_t want = 1 + (size_t)rand() % 8, from = (size_t)rand() % chars;
    size_t a = 0, i = 0;
    for (; i < from; i++) /* byte offset of code point `from` */
      do
        a++;
      while (a < r->len && (r->folded[a] & 0xC0) == 0x80);
    size_t b = a;
    for (i = 0; i < want && b < r->len; i++)
      do
        b++;
      while (b < r->len && (r->folded[b] & 0xC0) == 0x80);
    char kw[64];
    if (b - a >= sizeof kw || b == a || r->folded[a] == ' ' || r->folded[b - 1] == ' ')
      continue;
    memcpy(kw, r->folded + a, b - a);
    kw[b - a] = '\0';
    assert_true(check_keyword(kw) >= 1);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_exact_keywords_equal_substring_scan),
      cmocka_unit_test(test_exact_other_forms_equal_plain_scan),
      cmocka_unit_test(test_exact_random_substrings),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
