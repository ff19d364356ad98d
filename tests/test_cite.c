/* zs_cite: 《标题》（发文字号），发文机关，成文日期，第N页 from whatever
 * metadata a document has, nothing else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "zs_cite.h"

static zs_file_record file(const char *path, const char *title, const char *docno, const char *org,
                           const char *date, int year) {
  return (zs_file_record){.path = path,
                          .path_len = strlen(path),
                          .title = title,
                          .title_len = strlen(title),
                          .docno = docno,
                          .org = org,
                          .date = date,
                          .year = year,
                          .province = "",
                          .type = ""};
}

static void expect(const zs_file_record *f, uint32_t passage_no, uint32_t page, const char *want) {
  zs_passage_record rec = {.passage_no = passage_no, .page = page};
  char buf[512];
  size_t n = zs_cite(buf, sizeof buf, f, &rec);
  assert_string_equal(buf, want);
  assert_int_equal(n, strlen(want));
}

static void test_every_part(void **state) {
  (void)state;
  zs_file_record f =
      file("/a/gov-2019-0032.pdf", "国务院关于印发个人所得税专项附加扣除暂行办法的通知",
           "国发〔2018〕41号", "国务院", "2018-12-13", 2018);
  expect(&f, 4, 3,
         "《国务院关于印发个人所得税专项附加扣除暂行办法的通知》（国发〔2018〕41号），国务院，"
         "2018年12月13日，第3页");
  expect(&f, 4, 0,
         "《国务院关于印发个人所得税专项附加扣除暂行办法的通知》（国发〔2018〕41号），国务院，"
         "2018年12月13日，第5段");
}

static void test_missing_parts_left_out(void **state) {
  (void)state;
  zs_file_record f = file("/c/hunan-2022-bulletin-19.txt", "湖南计生协会简报", "", "", "", 2022);
  expect(&f, 0, 0, "《湖南计生协会简报》，2022年，第1段");
  f = file("/c/x.txt", "简报", "", "湖南省计划生育协会", "2022-07", 2022);
  expect(&f, 9, 0, "《简报》，湖南省计划生育协会，2022年7月，第10段");
  f = file("/c/x.txt", "简报", "", "", "2022年", 2022); /* a date not read: the year */
  expect(&f, 0, 0, "《简报》，2022年，第1段");
  f = file("/c/no-title.txt", "", "", "", "", 0);
  expect(&f, 1, 0, "《no-title.txt》，第2段");
}

static void test_title_inside_title(void **state) {
  (void)state;
  zs_file_record f = file("/c/h.txt", "关于印发《河南省计划生育协会2026年工作要点》的通知",
                          "豫计生协〔2026〕2号", "河南省计划生育协会", "2026-02-27", 2026);
  expect(&f, 17, 0,
         "《关于印发〈河南省计划生育协会2026年工作要点〉的通知》（豫计生协〔2026〕2号），"
         "河南省计划生育协会，2026年2月27日，第18段");
}

static void test_cut_at_a_character(void **state) {
  (void)state;
  zs_file_record f = file("/c/h.txt", "河南省计划生育协会", "", "", "", 0);
  zs_passage_record rec = {0};
  char buf[8]; /* 《 and one character, then no room for half of the next */
  size_t n = zs_cite(buf, sizeof buf, &f, &rec);
  assert_int_equal(n, 6);
  assert_string_equal(buf, "《河");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_part),
      cmocka_unit_test(test_missing_parts_left_out),
      cmocka_unit_test(test_title_inside_title),
      cmocka_unit_test(test_cut_at_a_character),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
