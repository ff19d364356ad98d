/* zhquery audit: the keywords file's rules and problems, and 100 keywords'
 * counts per document against a brute-force count over the cleaned corpus. */
#define _GNU_SOURCE /* memmem, open_memstream */
/* cmocka.h needs these four first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_audit.h"
#include "zs_clean.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_qbuild.h"
#include "zs_search.h"
#include "zs_test_index.h"

/* The reference: every passage of the corpus, cleaned and folded as zhindex does. */
static zs_test_ref_passage *refs;
static size_t nrefs;
static zs_searcher *searcher;

static int setup(void **state) {
  (void)state;
  int rc = zs_test_index_corpus(ZS_TEST_TMP "/audit-index", &searcher, &refs, &nrefs);
  return rc == ZS_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  zs_test_ref_passages_free(refs, nrefs);
  zs_searcher_close(searcher);
  return 0;
}

/* ---- the keywords file ---- */

static zs_audit_keywords parse(const char *text) {
  zs_audit_keywords k;
  assert_int_equal(zs_audit_parse_keywords(&k, text, strlen(text), ZS_FOLD_DEFAULT), ZS_OK);
  return k;
}

static void expect_problem(const zs_audit_keywords *k, size_t i, uint32_t line, const char *part) {
  assert_true(i < k->nproblems);
  if (k->problem[i].line != line || !strstr(k->problem[i].message, part))
    fail_msg("problem %zu: line %u '%s', want line %u with '%s'", i, k->problem[i].line,
             k->problem[i].message, line, part);
}

static void test_keywords_file(void **state) {
  (void)state;
  char text[1024];
  snprintf(text, sizeof text,
           "\xEF\xBB\xBF# comment\r\n"         /* 1 */
           "\r\n"                              /* 2 */
           "  +育儿补贴 | 育儿津贴  \r\n"      /* 3 */
           "青春健康\n"                        /* 4 */
           "   # indented comment\n"           /* 5 */
           "%s%s\n"                            /* 6: 64 characters */
           "ＡＢＣ\n"                          /* 7 */
           "family  planning\n"                /* 8 */
           "\xE3\x80\x80暖心家园\xE3\x80\x80", /* 9, no line end */
           "健康健康健康健康健康健康健康健康健康健康健康健康健康健康健康健康",
           "健康健康健康健康健康健康健康健康健康健康健康健康健康健康健康健康");
  zs_audit_keywords k = parse(text);
  assert_int_equal(k.nproblems, 0);
  assert_int_equal(k.n, 6);
  const zs_audit_keyword *kw = &k.kw[0];
  assert_string_equal(kw->name, "育儿补贴");
  assert_true(kw->required);
  assert_int_equal(kw->line, 3);
  assert_int_equal(kw->nalts, 2);
  assert_string_equal(kw->raw[1], "育儿津贴");
  assert_false(k.kw[1].required);
  assert_int_equal(k.kw[2].line, 6);
  assert_string_equal(k.kw[3].alt[0], "abc");
  assert_string_equal(k.kw[3].name, "ＡＢＣ");
  assert_string_equal(k.kw[4].alt[0], "family planning");
  assert_string_equal(k.kw[5].name, "暖心家园");
  assert_int_equal(k.kw[5].line, 9);
  /* alternatives are folded exactly as search folds a quoted query */
  char *f;
  size_t flen;
  assert_int_equal(zs_qbuild_fold(&f, &flen, "ＡＢＣ", strlen("ＡＢＣ"), ZS_FOLD_DEFAULT), ZS_OK);
  assert_memory_equal(f, k.kw[3].alt[0], flen);
  free(f);
  zs_audit_keywords_free(&k);
}

static void test_keyword_problems(void **state) {
  (void)state;
  char text[1024];
  snprintf(text, sizeof text,
           "育儿补贴\n"       /* 1: fine */
           "育儿 补贴\n"      /* 2: the index removes that space */
           "+\n"              /* 3 */
           "a||b\n"           /* 4 */
           "%s%s人\n"         /* 5: 65 characters */
           "育兒補貼\n"       /* 6: folds to line 1 */
           "\xff\xfe\n"       /* 7 */
           "意识 and 能力\n", /* 8: fine, the space is kept next to Latin letters */
           "健康健康健康健康健康健康健康健康健康健康健康健康健康健康健康健康",
           "健康健康健康健康健康健康健康健康健康健康健康健康健康健康健康健康");
  zs_audit_keywords k = parse(text);
  assert_int_equal(k.n, 2);
  assert_string_equal(k.kw[1].name, "意识 and 能力");
  assert_int_equal(k.nproblems, 6);
  expect_problem(&k, 0, 2, "can never occur");
  expect_problem(&k, 0, 2, "write '育儿补贴'");
  expect_problem(&k, 1, 3, "empty keyword");
  expect_problem(&k, 2, 4, "empty alternative");
  expect_problem(&k, 3, 5, "too long: 65 characters");
  expect_problem(&k, 4, 6, "repeats line 1");
  expect_problem(&k, 5, 7, "not valid UTF-8");
  zs_audit_keywords_free(&k);
  k = parse("ok\n计生协|\n");
  expect_problem(&k, 0, 2, "empty alternative");
  zs_audit_keywords_free(&k);
  k = parse("# nothing but comments\n\n");
  assert_int_equal(k.n + k.nproblems, 0);
  zs_audit_keywords_free(&k);
}

/* Why such keywords are errors: no cleaned passage has a space the clean-up
 * would remove, so a keyword that needs one can never occur. */
static void test_passages_keep_no_removable_space(void **state) {
  (void)state;
  for (size_t j = 0; j < nrefs; j++) {
    char *copy = strndup(refs[j].folded, refs[j].len);
    size_t len = zs_clean_spaces(copy, refs[j].len);
    if (len != refs[j].len)
      fail_msg("%s#%u: '%s'", refs[j].file, refs[j].no, refs[j].folded);
    free(copy);
  }
}

/* ---- counts against a brute-force scan ---- */

/* 100 keywords: domain terms, one character, numbers, strings across word
 * boundaries, punctuation, quote marks, alternatives, and strings in no passage. */
static const char *const keywords_100 =
    "计生协\n+生育\n孕\n托育\n育儿补贴|育儿津贴\n10.6万人\n协\n育儿\n儿补\n补贴制度\n"
    "青春健康\n暖心家园\n向日葵亲子小屋\n+唇腭裂\n优生优育\n生优\n计生特殊家庭\n家庭健康指导员\n"
    "2956.37万元\n5000\n二十大\n常务专职副会长\n万元\n%\n。\n，\n“\n湖南\n贵州省\n省计生协\n"
    "以习近平\n习近平新时代中国特色社会主义思想\n疫情防控\n换届\n三定\n入序\n金秋助学\n保险\n"
    "理赔\n流动人口\n新型婚育文化\n婚育\n健康\n服务\na\nand\n意识 and 能力\nＡＢＣ\n2022年\n"
    "（五）\n(十一)\n5.29\n12320\n党\n的\n会长\n协会\n计划生育协会\n生育协\n育协会工\n"
    "“暖心家园”\n\"三提三效\"\n00\n000\n计生协会|计生协\n计划生育|计生\n量子计算机\n区块链\n"
    "元宇宙|人工智能大模型\n嫣然\n关爱\n志愿者|志愿服务\n优化生育政策\n人口长期均衡发展\n家庭发展\n"
    "妇幼\n出生缺陷\n婴幼儿照护|婴幼儿\n3岁以下\n——\n…\n、\n：\n；\n20\n2021\n县\n村\n"
    "计生协会工作\n省委\n国务院\n乡村振兴\n基层\n宣传\n培训\n项目\n特殊家庭|计生特殊家庭|失独\n"
    "幸福工程\n人口\n家庭\n";

/* Written differently from zs_audit on purpose: at each position the longest
 * alternative that starts there counts and is skipped, else one byte on. */
static uint32_t brute_count(const char *t, size_t n, const zs_audit_keyword *kw) {
  uint32_t count = 0;
  for (size_t i = 0; i < n;) {
    size_t best = 0;
    for (size_t a = 0; a < kw->nalts; a++)
      if (kw->alt_len[a] <= n - i && kw->alt_len[a] > best &&
          memcmp(t + i, kw->alt[a], kw->alt_len[a]) == 0)
        best = kw->alt_len[a];
    count += best > 0;
    i += best ? best : 1;
  }
  return count;
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

static const zs_test_ref_passage *find_ref(const char *file, uint32_t no) {
  for (size_t j = 0; j < nrefs; j++)
    if (refs[j].no == no && strcmp(refs[j].file, file) == 0)
      return &refs[j];
  fail_msg("%s#%u is no reference passage", file, no);
  return NULL;
}

/* Every passage the audit lists has the brute-force count; together they make the matrix. */
static void check_passages(const zs_audit_result *r, const zs_audit_keywords *k) {
  uint64_t *sum = calloc(r->ndocs * k->n + 1, sizeof *sum);
  for (size_t i = 0; i < r->npassages; i++) {
    const zs_audit_passage *p = &r->passage[i];
    const zs_test_ref_passage *ref = find_ref(base_name(r->doc[p->doc].path), p->passage_no);
    assert_int_equal(p->count, brute_count(ref->folded, ref->len, &k->kw[p->kw]));
    assert_true(p->count > 0);
    sum[p->doc * k->n + p->kw] += p->count;
    if (i > 0 && r->passage[i - 1].kw == p->kw) /* document order within a keyword */
      assert_true(r->passage[i - 1].doc < p->doc || (r->passage[i - 1].doc == p->doc &&
                                                     r->passage[i - 1].passage_no < p->passage_no));
  }
  assert_memory_equal(sum, r->count, r->ndocs * k->n * sizeof *sum);
  free(sum);
}

static void test_counts_equal_brute_force(void **state) {
  (void)state;
  zs_audit_keywords k = parse(keywords_100);
  for (size_t i = 0; i < k.nproblems; i++)
    print_error("line %u: %s\n", k.problem[i].line, k.problem[i].message);
  assert_int_equal(k.nproblems, 0);
  assert_int_equal(k.n, 100);
  zs_audit_result r;
  assert_int_equal(zs_audit_count(&r, searcher, &k, true), ZS_OK);
  assert_int_equal(r.ndocs, ZS_TEST_NCORPUS);
  uint64_t total = 0, zero_columns = 0;
  for (size_t i = 0; i < k.n; i++) {
    uint64_t column = 0;
    for (size_t d = 0; d < r.ndocs; d++) {
      uint64_t want = 0;
      for (size_t j = 0; j < nrefs; j++)
        if (strcmp(refs[j].file, base_name(r.doc[d].path)) == 0)
          want += brute_count(refs[j].folded, refs[j].len, &k.kw[i]);
      if (r.count[d * k.n + i] != want)
        fail_msg("'%s' in %s: audit %llu, brute force %llu", k.kw[i].name, r.doc[d].path,
                 (unsigned long long)r.count[d * k.n + i], (unsigned long long)want);
      column += want;
    }
    total += column;
    zero_columns += column == 0;
  }
  assert_true(total > 5000);                           /* the list is not all misses */
  assert_true(zero_columns >= 4 && zero_columns < 10); /* and has some */
  check_passages(&r, &k);
  zs_audit_result_free(&r);
  zs_audit_keywords_free(&k);
}

/* Occurrences do not overlap: "00" counts once in "000", as Python's str.count. */
static void test_counts_do_not_overlap(void **state) {
  (void)state;
  zs_audit_keywords k = parse("00\n计生协|计生协会\n计生协会\n");
  zs_audit_result r;
  assert_int_equal(zs_audit_count(&r, searcher, &k, false), ZS_OK);
  uint64_t got[3] = {0}, overlapping = 0;
  for (size_t d = 0; d < r.ndocs; d++)
    for (size_t i = 0; i < 3; i++)
      got[i] += r.count[d * 3 + i];
  for (size_t j = 0; j < nrefs; j++)
    for (const char *m = refs[j].folded;
         (m = memmem(m, refs[j].len - (size_t)(m - refs[j].folded), "00", 2)); m++)
      overlapping++;
  assert_true(got[0] > 0 && got[0] < overlapping);
  /* 计生协会 contains 计生协: counted once, under the longer alternative */
  uint64_t alone = 0;
  for (size_t j = 0; j < nrefs; j++)
    for (const char *m = refs[j].folded;
         (m = memmem(m, refs[j].len - (size_t)(m - refs[j].folded), "计生协", 9)); m += 9)
      alone++;
  assert_int_equal(got[1], alone);
  assert_true(got[2] < got[1]);
  zs_audit_result_free(&r);
  zs_audit_keywords_free(&k);
}

/* Output of a writer into a string; caller frees. */
static char *written(int (*write)(FILE *, const zs_audit_result *, const zs_audit_keywords *,
                                  zs_audit_format),
                     const zs_audit_result *r, const zs_audit_keywords *k, zs_audit_format fmt) {
  char *buf = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&buf, &size);
  assert_non_null(f);
  assert_int_equal(write(f, r, k, fmt), ZS_OK);
  fclose(f);
  return buf;
}

static void test_csv_quotes_and_missing(void **state) {
  (void)state;
  zs_audit_keywords k = parse("二十大\n+计生协\n+唇腭裂\n");
  zs_audit_result r;
  assert_int_equal(zs_audit_count(&r, searcher, &k, true), ZS_OK);
  char *csv = written(zs_audit_write_passages, &r, &k, ZS_AUDIT_CSV);
  /* 开展"喜迎党的二十大"系列: the field is quoted and its quote marks doubled */
  /* for a spreadsheet: a byte order mark and Chinese headers, the title too */
  assert_memory_equal(csv, "\xEF\xBB\xBF关键词,标题,位置,次数,段落\r\n",
                      strlen("\xEF\xBB\xBF关键词,标题,位置,次数,段落\r\n"));
  assert_non_null(strstr(csv, "\"\"喜迎党的二十大\"\""));
  char *tsv = written(zs_audit_write_passages, &r, &k, ZS_AUDIT_TSV);
  assert_non_null(strstr(tsv, "开展\"喜迎党的二十大\"系列")); /* TSV never quotes */
  assert_null(strchr(tsv, '\r'));
  char *buf = NULL;
  size_t size = 0, nmissing = 0;
  FILE *f = open_memstream(&buf, &size);
  assert_int_equal(zs_audit_write_missing(f, &r, &k, ZS_AUDIT_TSV, &nmissing), ZS_OK);
  fclose(f);
  assert_int_equal(nmissing, ZS_TEST_NCORPUS - 1); /* only the Guizhou review has 唇腭裂 */
  assert_null(strstr(buf, "guizhou"));
  assert_non_null(strstr(buf, "henan-2026-work-points.txt\t唇腭裂\n"));
  free(buf);
  free(tsv);
  free(csv);
  zs_audit_result_free(&r);
  zs_audit_keywords_free(&k);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_keywords_file),
      cmocka_unit_test(test_keyword_problems),
      cmocka_unit_test(test_passages_keep_no_removable_space),
      cmocka_unit_test(test_counts_equal_brute_force),
      cmocka_unit_test(test_counts_do_not_overlap),
      cmocka_unit_test(test_csv_quotes_and_missing),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
