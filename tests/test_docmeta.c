/* Unit tests for text/zs_docmeta: organisation, province, year and type of the
 * five corpus reports, the name tables, and each detection rule on small documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_clean.h"
#include "zs_docmeta.h"
#include "zs_error.h"
#include "zs_test_util.h"

/* ---- helpers ------------------------------------------------------------ */

/* Prints the cleaned blocks of d, to explain a failed detection. */
static void print_blocks(const zs_doc_text *d) {
  static const char *const kinds[] = {"BODY", "HEADING", "TITLE"};
  print_message("title: %s\n", d->title);
  for (size_t b = 0; b < d->nblocks; b++)
    print_message("  %s %.*s\n", kinds[d->blocks[b].kind], (int)d->blocks[b].len,
                  d->blocks[b].text);
}

/* The metadata zs_docmeta_detect finds in the cleaned text s. */
static zs_docmeta detect(const char *s, size_t len) {
  zs_doc_text d;
  if (zs_clean_document(&d, s, len) != ZS_OK)
    fail_msg("clean: %s", zs_error_last());
  zs_docmeta m;
  memset(&m, 0x5A, sizeof m); /* detect must set every field */
  zs_docmeta_detect(&m, &d);
  zs_doc_text_free(&d);
  return m;
}

/* Detects the metadata of text s and checks each field (NULL: not checked). */
static void assert_meta(const char *s, const char *org, const char *province, int year,
                        const char *type) {
  zs_docmeta m = detect(s, strlen(s));
  int ok = (!org || strcmp(m.org, org) == 0) && (!province || strcmp(m.province, province) == 0) &&
           (year < 0 || m.year == year) && (!type || strcmp(m.type, type) == 0);
  if (!ok) {
    zs_doc_text d;
    assert_int_equal(zs_clean_document(&d, s, strlen(s)), ZS_OK);
    print_blocks(&d);
    zs_doc_text_free(&d);
    fail_msg("found org '%s' province '%s' year %d type '%s'; want '%s' '%s' %d '%s'", m.org,
             m.province, m.year, m.type, org ? org : "*", province ? province : "*", year,
             type ? type : "*");
  }
}

/* ---- the corpus --------------------------------------------------------- */

/* Each corpus report gets the organisation, province, year and type it states. */
static void test_docmeta_corpus(void **state) {
  (void)state;
  static const struct {
    const char *org, *province;
    int year;
    const char *type;
  } want[ZS_TEST_NCORPUS] = {
      /* hunan-2021-council-report: no year in the title; its headings name 2020 and 2021 */
      {"湖南省计划生育协会", "湖南", 2021, "工作报告"},
      /* guizhou-2025-work-review: all in the markdown title and subtitle */
      {"贵州省计划生育协会", "贵州", 2025, "工作综述"},
      /* hunan-2022-bulletin-19: 二〇二二年第十九期 and 2022年8月18日 in the front matter */
      {"湖南计生协会", "湖南", 2022, "简报"},
      /* fujian-2022-work-review: the subtitle line 2022年省计生协会工作回眸 */
      {"福建省计生协会", "福建", 2022, "工作综述"},
      /* henan-2026-work-points: a notice that issues the 2026 work plan */
      {"河南省计划生育协会", "河南", 2026, "工作要点"},
  };
  for (size_t i = 0; i < ZS_TEST_NCORPUS; i++) {
    size_t len;
    char *text = zs_test_read_corpus(zs_test_corpus_files[i], &len);
    zs_docmeta m = detect(text, len);
    free(text);
    if (strcmp(m.org, want[i].org) != 0 || strcmp(m.province, want[i].province) != 0 ||
        m.year != want[i].year || strcmp(m.type, want[i].type) != 0)
      fail_msg("%s: found '%s' '%s' %d '%s', want '%s' '%s' %d '%s'", zs_test_corpus_files[i],
               m.org, m.province, m.year, m.type, want[i].org, want[i].province, want[i].year,
               want[i].type);
  }
}

/* ---- name tables -------------------------------------------------------- */

/* Short and long forms of a province give its short name; others give NULL. */
static void test_docmeta_province_names(void **state) {
  (void)state;
  static const char *const ok[][2] = {
      {"湖南", "湖南"},           {"湖南省", "湖南"},
      {"贵州省", "贵州"},         {"北京市", "北京"},
      {"重庆市", "重庆"},         {"广西壮族自治区", "广西"},
      {"广西", "广西"},           {"内蒙古自治区", "内蒙古"},
      {"宁夏回族自治区", "宁夏"}, {"新疆维吾尔自治区", "新疆"},
      {"西藏自治区", "西藏"},     {"香港特别行政区", "香港"},
      {"黑龙江省", "黑龙江"},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    const char *p = zs_docmeta_province(ok[i][0], strlen(ok[i][0]));
    if (!p || strcmp(p, ok[i][1]) != 0)
      fail_msg("%s gives %s, want %s", ok[i][0], p ? p : "NULL", ok[i][1]);
  }
  static const char *const bad[] = {"火星", "",      "湖",      "湖南省省",          "湖南大学",
                                    "省",   "Hunan", "湖南 省", "云南省计划生育协会"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    if (zs_docmeta_province(bad[i], strlen(bad[i])))
      fail_msg("'%s' is no province", bad[i]);
  /* the length bounds the name: a prefix of a longer string is not read past */
  assert_string_equal(zs_docmeta_province("湖南省计生协", strlen("湖南省")), "湖南");
  size_t n = 0;
  for (const char *const *p = zs_docmeta_provinces(); *p; p++, n++)
    assert_ptr_equal(zs_docmeta_province(*p, strlen(*p)), *p);
  assert_int_equal(n, 34);
}

/* Types are accepted by name and by their short forms; others give NULL. */
static void test_docmeta_type_names(void **state) {
  (void)state;
  static const char *const ok[][2] = {
      {"工作报告", "工作报告"}, {"报告", "工作报告"},     {"工作要点", "工作要点"},
      {"要点", "工作要点"},     {"工作综述", "工作综述"}, {"综述", "工作综述"},
      {"回眸", "工作综述"},     {"回顾", "工作综述"},     {"总结", "工作综述"},
      {"简报", "简报"},         {"通知", "通知"},         {"讲话", "讲话"},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    const char *t = zs_docmeta_type(ok[i][0], strlen(ok[i][0]));
    if (!t || strcmp(t, ok[i][1]) != 0)
      fail_msg("%s gives %s, want %s", ok[i][0], t ? t : "NULL", ok[i][1]);
  }
  static const char *const bad[] = {"论文", "", "工作", "要", "工作要点通知", "简报 "};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    if (zs_docmeta_type(bad[i], strlen(bad[i])))
      fail_msg("'%s' is no type", bad[i]);
  size_t n = 0;
  for (const char *const *t = zs_docmeta_types(); *t; t++, n++)
    assert_ptr_equal(zs_docmeta_type(*t, strlen(*t)), *t);
  assert_int_equal(n, 6);
}

/* ---- year rules --------------------------------------------------------- */

/* A year in the title wins over front matter, headings and body. */
static void test_docmeta_year_title_wins(void **state) {
  (void)state;
  assert_meta("# 某市计生协2023年工作总结\n\n"
              "2019年8月18日\n\n"
              "一、2024年工作安排\n\n"
              "2021年，全市开展服务活动。2021年，全市举办培训。2021年，全市完成任务。\n",
              NULL, NULL, 2023, "工作综述");
  /* written in Chinese numerals */
  assert_meta("二〇二〇年工作要点\n\n一、2024年安排\n\n2021年，开展活动。2021年，完成任务。\n",
              NULL, NULL, 2020, "工作要点");
}

/* Without a year in the title, a date in the front matter gives it. */
static void test_docmeta_year_front_matter(void **state) {
  (void)state;
  assert_meta("# 工作简报\n\n"
              "2019年8月18日\n\n"
              "一、2024年工作安排\n\n"
              "2020年，全市开展服务活动。2020年，全市举办培训。2020年，全市完成任务。\n",
              NULL, NULL, 2019, "简报");
  assert_meta("# 工作简报\n\n"
              "二〇一八年第十九期\n\n"
              "一、2024年工作安排\n\n"
              "2020年，全市开展服务活动。2020年，全市举办培训。\n",
              NULL, NULL, 2018, "简报");
}

/* Without title or front-matter year, the latest year a heading names. */
static void test_docmeta_year_headings_max(void **state) {
  (void)state;
  assert_meta("理事会工作报告\n\n"
              "各位理事：\n\n"
              "一、2020年工作回顾\n\n"
              "2020年，全省开展服务活动。2020年，全省举办培训。\n\n"
              "二、2021年工作安排\n\n"
              "2020年，全省完成任务。2019年，全省打下基础。2020年，全省总结经验。\n",
              NULL, NULL, 2021, "工作报告");
}

/* Failing all else, the year the body names most (Chinese numerals too). */
static void test_docmeta_year_body_majority(void **state) {
  (void)state;
  assert_meta("理事会工作报告\n\n"
              "各位理事：\n\n"
              "一、工作回顾\n\n"
              "2018年，全省开展服务活动。二〇一九年，全省举办培训。2019年，全省完成任务。"
              "2018年以来，全省总结经验。2019年，全省深化改革。2150年的远景不算。\n",
              NULL, NULL, 2019, "工作报告");
  /* no year at all */
  assert_meta("理事会工作报告\n\n各位理事：\n\n全省开展服务活动，举办培训，完成任务。\n", NULL,
              NULL, 0, "工作报告");
}

/* ---- province and organisation rules ------------------------------------- */

/* A province in the title wins over the organisation's and the body's. */
static void test_docmeta_province_title_wins(void **state) {
  (void)state;
  assert_meta("云南2022年工作要点\n\n"
              "贵州省计生协在贵州开展服务活动。贵州各地举办培训。贵州完成任务。\n",
              "贵州省计生协", "云南", 2022, "工作要点");
}

/* Without one in the title, the organisation's province, even against the majority. */
static void test_docmeta_province_from_org(void **state) {
  (void)state;
  assert_meta("2022年工作要点\n\n"
              "四川省计划生育协会在云南开展服务活动。云南各地举办培训。云南完成任务。\n",
              "四川省计划生育协会", "四川", 2022, "工作要点");
  /* the first organisation named, with or without 省 */
  assert_meta("2022年工作简报\n\n"
              "甘肃计生协会联合青海省计生协开展服务活动。青海省计生协举办培训。\n",
              "甘肃计生协会", "甘肃", 2022, "简报");
  /* an organisation named in the title */
  assert_meta("关于印发《河南省计划生育协会2026年工作要点》的通知\n\n"
              "各市计划生育协会：现将工作要点印发给你们，请认真贯彻落实。\n",
              "河南省计划生育协会", "河南", 2026, "工作要点");
}

/* Without title or organisation, the province the body names most. */
static void test_docmeta_province_majority(void **state) {
  (void)state;
  assert_meta("2022年工作要点\n\n"
              "云南各地开展服务活动。贵州各地举办培训。贵州完成任务。\n",
              "", "贵州", 2022, "工作要点");
  assert_meta("2022年工作要点\n\n全省各地开展服务活动，举办培训，完成任务。\n", "", "", 2022,
              "工作要点");
}

/* The type comes from the title, else a title line; a plan's notice is a plan. */
static void test_docmeta_type_rules(void **state) {
  (void)state;
  assert_meta("凝心聚力担使命\n\n2022年省计生协会工作回眸\n\n全省开展服务活动，举办培训。\n", NULL,
              NULL, 2022, "工作综述");
  assert_meta("在全省计生协工作会议上的讲话\n\n同志们：\n\n全省开展服务活动，举办培训。\n", NULL,
              NULL, -1, "讲话");
  assert_meta("关于开展家庭健康促进活动的通知\n\n各市：\n\n全省开展服务活动，举办培训。\n", NULL,
              NULL, -1, "通知");
  assert_meta("凝心聚力担使命\n\n各市：\n\n全省开展服务活动，举办简报培训，形成工作报告。\n", NULL,
              NULL, -1, ""); /* type words in the body do not count */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_docmeta_corpus),
      cmocka_unit_test(test_docmeta_province_names),
      cmocka_unit_test(test_docmeta_type_names),
      cmocka_unit_test(test_docmeta_year_title_wins),
      cmocka_unit_test(test_docmeta_year_front_matter),
      cmocka_unit_test(test_docmeta_year_headings_max),
      cmocka_unit_test(test_docmeta_year_body_majority),
      cmocka_unit_test(test_docmeta_province_title_wins),
      cmocka_unit_test(test_docmeta_province_from_org),
      cmocka_unit_test(test_docmeta_province_majority),
      cmocka_unit_test(test_docmeta_type_rules),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
