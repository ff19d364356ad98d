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
#include "zs_docfields.h"
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
  zs_docmeta_detect(&m, &d, NULL);
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
      {"湖南省计划生育协会", "湖南", 2022, "简报"},
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
      {"黑龙江省", "黑龙江"},     {"全国", "全国"},
      {"国家", "全国"},
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
  assert_int_equal(n, 35); /* 34 provincial divisions and 全国 */
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
  assert_int_equal(n, 23);
}

/* ---- year rules --------------------------------------------------------- */

/* A year in the title wins over front matter, headings and body. */
static void test_docmeta_year_title_wins(void **state) {
  (void)state;
  /* a review written in January of the next year is of the year it reviews */
  assert_meta("# 某市计生协2023年工作总结\n\n"
              "2024年1月18日\n\n"
              "一、2024年工作安排\n\n"
              "2021年，全市开展服务活动。2021年，全市举办培训。2021年，全市完成任务。\n",
              NULL, NULL, 2023, "工作综述");
  /* a year far from the date is a subject, not the document's year */
  assert_meta("# 关于同意申办2009年运动会的复函\n\n"
              "2004年4月17日\n\n"
              "同意申办。\n",
              NULL, NULL, 2004, "函");
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

/* Years the body mentions are not the document's: no year is better than a guess. */
static void test_docmeta_year_not_from_body(void **state) {
  (void)state;
  assert_meta("理事会工作报告\n\n"
              "各位理事：\n\n"
              "一、工作回顾\n\n"
              "2018年，全省开展服务活动。二〇一九年，全省举办培训。2019年，全省完成任务。"
              "2018年以来，全省总结经验。2019年，全省深化改革。2150年的远景不算。\n",
              NULL, NULL, 0, "工作报告");
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

/* Without title or organisation, no province: places the body names are not
 * the document's (a national report names Hong Kong and Taiwan). */
static void test_docmeta_province_not_from_body(void **state) {
  (void)state;
  assert_meta("2022年工作要点\n\n"
              "云南各地开展服务活动。贵州各地举办培训。贵州完成任务。\n",
              "", "", 2022, "工作要点");
  assert_meta("政府工作报告\n\n"
              "（2019年3月5日在第十三届全国人民代表大会第二次会议上）\n\n"
              "国务院总理 李克强\n\n"
              "支持香港、澳门融入国家发展大局。香港、澳门保持繁荣稳定。台湾同胞共同努力。\n",
              "国务院", "全国", 2019, "工作报告");
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

/* ---- official documents (GB/T 9704) ------------------------------------- */

/* Title, issuing body, number, date, province and type of the cleaned text s
 * with hints h (may be NULL). */
static void assert_official(const char *s, const zs_docmeta_hints *h, const char *title,
                            const char *org, const char *docno, const char *date,
                            const char *province, const char *type) {
  zs_doc_text d = {0};
  zs_docmeta m;
  assert_int_equal(zs_clean_document(&d, s, strlen(s)), ZS_OK);
  zs_docmeta_detect(&m, &d, h);
  if (strcmp(m.title, title) || strcmp(m.org, org) || strcmp(m.docno, docno) ||
      strcmp(m.date, date) || strcmp(m.province, province) || strcmp(m.type, type)) {
    print_blocks(&d);
    fail_msg("found 《%s》 '%s' '%s' '%s' '%s' '%s'; want 《%s》 '%s' '%s' '%s' '%s' '%s'", m.title,
             m.org, m.docno, m.date, m.province, m.type, title, org, docno, date, province, type);
  }
  zs_doc_text_free(&d);
}

/* A notice as gov.cn's text gives it: number under the title, sign-off, date. */
static void test_docmeta_official_notice(void **state) {
  (void)state;
  assert_official("国务院关于印发国家职业教育改革实施方案的通知\n\n"
                  "国发〔2019〕4号\n"
                  "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
                  "现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。\n"
                  "国务院\n"
                  "2019年1月24日\n"
                  "（此件公开发布）\n"
                  "国家职业教育改革实施方案\n"
                  "职业教育与普通教育是两种不同教育类型，2018年海南、香港开展试点。\n",
                  NULL, "国务院关于印发国家职业教育改革实施方案的通知", "国务院", "国发〔2019〕4号",
                  "2019-01-24", "全国", "通知");
  /* joint issuers; a number written with [ ] and spaces; a date in Chinese numerals */
  assert_official("国务院办公厅、中央军委办公厅关于加强调查和管理工作的通知\n\n"
                  "国办发 [1996] 25 号\n"
                  "各省、自治区、直辖市人民政府：\n"
                  "为做好工作，现通知如下。（国发〔2015〕43号）文件继续执行。\n"
                  "国务院办公厅　中央军委办公厅\n"
                  "一九九六年六月二十九日\n",
                  NULL, "国务院办公厅、中央军委办公厅关于加强调查和管理工作的通知",
                  "国务院办公厅、中央军委办公厅", "国办发〔1996〕25号", "1996-06-29", "全国",
                  "通知");
}

/* A provincial association's document: its 发文机关标志 and number. */
static void test_docmeta_official_provincial(void **state) {
  (void)state;
  assert_official("河南省计划生育协会文件\n\n"
                  "豫计生协〔2026〕2号\n\n"
                  "河南省计划生育协会2026年工作要点\n\n"
                  "2026年全省计生协工作的总体要求是：以服务群众为中心，开展工作。\n\n"
                  "2026年1月15日\n",
                  NULL, "河南省计划生育协会2026年工作要点", "河南省计划生育协会",
                  "豫计生协〔2026〕2号", "2026-01-15", "河南", "工作要点");
}

/* An order: 中华人民共和国国务院令 第706号, signed by the premier. */
static void test_docmeta_official_order(void **state) {
  (void)state;
  assert_official("专利代理条例\n\n"
                  "中华人民共和国国务院令\n"
                  "第706号\n"
                  "《专利代理条例》已经2018年9月6日国务院第23次常务会议修订通过，现予公布。\n"
                  "总理　　李克强\n"
                  "2018年11月6日\n",
                  NULL, "专利代理条例", "国务院", "国令第706号", "2018-11-06", "全国", "条例");
}

/* What the file says of itself wins; a bad hint is ignored, not trusted. */
static void test_docmeta_official_hints(void **state) {
  (void)state;
  zs_docmeta_hints h = {"国务院办公厅关于有效发挥政府性融资担保基金作用的指导意见", "国务院办公厅",
                        "国办发〔2019〕6号", "2019年01月22日"};
  assert_official("索引号：000014349/2019-00006\n\n近年来，各地区、各部门认真贯彻落实。\n", &h,
                  "国务院办公厅关于有效发挥政府性融资担保基金作用的指导意见", "国务院办公厅",
                  "国办发〔2019〕6号", "2019-01-22", "全国", "意见");
  zs_docmeta_hints bad = {"", "见附件", "无", "不详"};
  assert_official("某某工作情况\n\n全省开展工作。\n", &bad, "某某工作情况", "", "", "", "", "");
}

/* Rules that once misfired on real documents (a review of the first rules). */
static void test_docmeta_official_misfires(void **state) {
  (void)state;
  /* 中国计生协 issues; a provincial association it mentions does not */
  assert_official("中国计生协关于开展家庭健康促进行动的通知\n\n"
                  "各省、自治区、直辖市计生协：\n"
                  "湖南省计生协等单位开展了试点，取得经验。现就有关事项通知如下。\n",
                  NULL, "中国计生协关于开展家庭健康促进行动的通知", "中国计生协", "", "", "全国",
                  "通知");
  /* a headline above a date is no sign-off; a department is no ministry */
  assert_official("湖南省计生协2025年工作简报\n\n"
                  "省计生协召开党组理论学习中心组学习会\n\n"
                  "2025年3月5日\n\n"
                  "会议传达学习了有关精神，全体人员参加。\n",
                  NULL, "湖南省计生协2025年工作简报", "湖南省计生协", "", "2025-03-05", "湖南",
                  "简报");
  assert_official("湖南省计生协2025年工作要点\n\n"
                  "全省计生协要抓好各项工作。\n\n"
                  "组织宣传部\n\n"
                  "2025年3月6日\n",
                  NULL, "湖南省计生协2025年工作要点", "组织宣传部", "", "2025-03-06", "湖南",
                  "工作要点");
  /* a working method is no law; news about a plan is no plan */
  assert_official("基层计生协开展群众工作的经验做法\n\n各地积极探索。\n", NULL,
                  "基层计生协开展群众工作的经验做法", "", "", "", "", "");
  assert_official("省计生协召开会议部署2025年工作要点落实\n\n会议要求各地抓好落实。\n", NULL,
                  "省计生协召开会议部署2025年工作要点落实", "", "", "", "", "");
  /* the page's table and its own sign-off disagree on the date: no date */
  zs_docmeta_hints h = {"", "", "国办函〔2004〕36号", "2004年04月17日"};
  assert_official("国务院办公厅关于同意申办运动会的复函\n\n国办函〔2004〕36号\n"
                  "同意申办。\n国务院办公厅\n二〇〇四年四月二十七日\n",
                  &h, "国务院办公厅关于同意申办运动会的复函", "国务院办公厅", "国办函〔2004〕36号",
                  "", "全国", "函");
  /* a title too long for the field is cut between characters */
  char title[2048] = "";
  for (int i = 0; i < 200; i++)
    strcat(title, "长");
  strcat(title, "的通知\n\n正文。\n");
  zs_doc_text d = {0};
  zs_docmeta m;
  assert_int_equal(zs_clean_document(&d, title, strlen(title)), ZS_OK);
  zs_docmeta_detect(&m, &d, NULL);
  assert_int_equal(strlen(m.title) % 3, 0);
  zs_doc_text_free(&d);
}

/* The recognisers alone. */
static void test_docfields(void **state) {
  (void)state;
  char out[128], date[11];
  assert_true(
      zs_docno_line("国办发明电〔2018〕15号", strlen("国办发明电〔2018〕15号"), out, sizeof out));
  assert_string_equal(out, "国办发明电〔2018〕15号");
  assert_true(zs_docno_line(" 湘计生协（2022）19号  签发人：张三",
                            strlen(" 湘计生协（2022）19号  签发人：张三"), out, sizeof out));
  assert_string_equal(out, "湘计生协〔2022〕19号");
  assert_false(
      zs_docno_line("根据国发〔2019〕4号文件", strlen("根据国发〔2019〕4号文件"), out, sizeof out));
  assert_false(zs_docno_line("〔2019〕4号", strlen("〔2019〕4号"), out, sizeof out));
  assert_true(
      zs_date_find("（二〇二二年八月十八日）", strlen("（二〇二二年八月十八日）"), true, date));
  assert_string_equal(date, "2022-08-18");
  assert_true(zs_date_find("2019-1-5", strlen("2019-1-5"), true, date));
  assert_string_equal(date, "2019-01-05");
  assert_false(zs_date_find("2019年1月5日起施行", strlen("2019年1月5日起施行"), true, date));
  assert_false(zs_date_find("2019年13月5日", strlen("2019年13月5日"), false, date));
  assert_true(zs_org_line("中共中央 国务院", strlen("中共中央 国务院"), out, sizeof out));
  assert_string_equal(out, "中共中央、国务院");
  assert_false(zs_org_line("请认真贯彻执行", strlen("请认真贯彻执行"), out, sizeof out));
  assert_true(zs_org_is_national("教育部"));
  assert_false(zs_org_is_national("湖南省教育厅"));
  assert_string_equal(
      zs_type_of_title("《个人所得税法实施条例》", strlen("《个人所得税法实施条例》")), "条例");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_docmeta_corpus),
      cmocka_unit_test(test_docmeta_official_notice),
      cmocka_unit_test(test_docmeta_official_provincial),
      cmocka_unit_test(test_docmeta_official_order),
      cmocka_unit_test(test_docmeta_official_hints),
      cmocka_unit_test(test_docmeta_official_misfires),
      cmocka_unit_test(test_docfields),
      cmocka_unit_test(test_docmeta_province_names),
      cmocka_unit_test(test_docmeta_type_names),
      cmocka_unit_test(test_docmeta_year_title_wins),
      cmocka_unit_test(test_docmeta_year_front_matter),
      cmocka_unit_test(test_docmeta_year_headings_max),
      cmocka_unit_test(test_docmeta_year_not_from_body),
      cmocka_unit_test(test_docmeta_province_title_wins),
      cmocka_unit_test(test_docmeta_province_from_org),
      cmocka_unit_test(test_docmeta_province_not_from_body),
      cmocka_unit_test(test_docmeta_type_rules),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
