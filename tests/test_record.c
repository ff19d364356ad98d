/* Unit tests for index/zs_record: passage and file records round-trip and
 * damaged bytes are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zs_error.h"
#include "zs_record.h"

/* A passage record decodes to the fields it was encoded from, text byte-exact. */
static void test_record_passage_round_trip(void **state) {
  (void)state;
  const char *heads = "一、工作回顾\n（三）推进改革\n";
  const char *text = "全省各级计生协\n以习近平…\0binary";
  zs_passage_record in = {7, 3, 19, 23, 2, heads, strlen(heads), text, 30};
  char *buf;
  size_t len;
  assert_int_equal(zs_passage_record_encode(&buf, &len, &in), ZS_OK);
  zs_passage_record out;
  assert_int_equal(zs_passage_record_decode(&out, buf, len), ZS_OK);
  assert_int_equal(out.file_id, 7);
  assert_int_equal(out.passage_no, 3);
  assert_int_equal(out.line_first, 19);
  assert_int_equal(out.line_last, 23);
  assert_int_equal(out.page, 2);
  assert_int_equal(out.text_len, 30);
  assert_memory_equal(out.text, text, 30);
  const char *h;
  size_t hl;
  zs_passage_record_nearest_heading(&out, &h, &hl);
  assert_int_equal(hl, strlen("（三）推进改革"));
  assert_memory_equal(h, "（三）推进改革", hl);
  free(buf);
}

/* A record of an index written before pages were kept (zsp1) still decodes,
 * with page 0. */
static void test_record_passage_v1(void **state) {
  (void)state;
  static const char v1[] = "zsp1 7 3 19 23 2 4\nh\ntext";
  zs_passage_record out;
  assert_int_equal(zs_passage_record_decode(&out, v1, sizeof v1 - 1), ZS_OK);
  assert_int_equal(out.file_id, 7);
  assert_int_equal(out.line_last, 23);
  assert_int_equal(out.page, 0);
  assert_int_equal(out.headings_len, 2);
  assert_memory_equal(out.text, "text", 4);
  for (size_t cut = 0; cut < sizeof v1 - 1; cut++)
    assert_int_equal(zs_passage_record_decode(&out, v1, cut), ZS_ECORRUPT);
}

/* The header must be exactly what the encoder writes: a field too many or too
 * few, a sign, a leading zero, a doubled space or a trailing byte is damage. */
static void test_record_passage_strict_header(void **state) {
  (void)state;
  static const char *const bad[] = {
      "zsp2 7 3 19 23 2 4\nh\ntext",            /* v2 without the page */
      "zsp1 7 3 19 23 1 2 4\nh\ntext",          /* v1 with one */
      "zsp2 7 3 19 23 -1 2 4\nh\ntext",         /* negative page */
      "zsp2 7 3 19 23 01 2 4\nh\ntext",         /* leading zero */
      "zsp2 7 3 19 23 +1 2 4\nh\ntext",         /* sign */
      "zsp2 7 3 19 23  1 2 4\nh\ntext",         /* two spaces */
      "zsp2 7 3 19 23 1 2 4 \nh\ntext",         /* trailing space */
      "zsp2 7 3 19 23 1 2 4x\nh\ntext",         /* trailing byte */
      "zsp2 7 3 19 23 1 2 5\nh\ntext",          /* lengths do not add up */
      "zsp3 7 3 19 23 1 2 4\nh\ntext",          /* unknown version */
      "zsp2 4294967296 3 19 23 1 2 4\nh\ntext", /* past 32 bits */
      "zsp2 7 3 19 23 1 2\nh\ntext",            /* a field missing at the end */
      "zsp2 \nh\ntext",                         /* no fields */
  };
  zs_passage_record out;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    assert_int_equal(zs_passage_record_decode(&out, bad[i], strlen(bad[i])), ZS_ECORRUPT);
    assert_int_equal(out.text_len, 0); /* nothing half-decoded is left */
  }
  static const char good[] = "zsp2 7 3 19 23 1 2 4\nh\ntext";
  assert_int_equal(zs_passage_record_decode(&out, good, sizeof good - 1), ZS_OK);
  assert_int_equal(out.page, 1);
  static const char zeros[] = "zsp2 4294967295 0 0 0 0 0 4\ntext";
  assert_int_equal(zs_passage_record_decode(&out, zeros, sizeof zeros - 1), ZS_OK);
  assert_int_equal(out.file_id, UINT32_MAX);
  assert_int_equal(out.headings_len, 0);
  assert_int_equal(out.text_len, 4);
}

/* A passage with no headings has an empty nearest heading. */
static void test_record_no_heading(void **state) {
  (void)state;
  zs_passage_record in = {1, 0, 1, 1, 0, "", 0, "x", 1};
  char *buf;
  size_t len;
  assert_int_equal(zs_passage_record_encode(&buf, &len, &in), ZS_OK);
  zs_passage_record out;
  assert_int_equal(zs_passage_record_decode(&out, buf, len), ZS_OK);
  const char *h;
  size_t hl;
  zs_passage_record_nearest_heading(&out, &h, &hl);
  assert_int_equal(hl, 0);
  free(buf);
}

/* A file record round-trips path, title, size, mtime and the metadata. */
static void test_record_file_round_trip(void **state) {
  (void)state;
  zs_file_record in = {.file_id = 42,
                       .size = 123456789012ull,
                       .mtime = -5,
                       .passages = 77,
                       .version = 3,
                       .hash = 0xfedcba9876543210ull,
                       .year = 2025,
                       .path = "/a b/报告.txt",
                       .path_len = strlen("/a b/报告.txt"),
                       .title = "标题",
                       .title_len = strlen("标题"),
                       .org = "贵州省计划生育协会",
                       .province = "贵州",
                       .type = "工作综述",
                       .docno = "黔计生协〔2025〕3号",
                       .date = "2025-12-30",
                       .sig = "00ff"};
  char *buf;
  size_t len;
  assert_int_equal(zs_file_record_encode(&buf, &len, &in), ZS_OK);
  zs_file_record out;
  assert_int_equal(zs_file_record_decode(&out, buf, len), ZS_OK);
  assert_int_equal(out.file_id, 42);
  assert_true(out.size == 123456789012ull);
  assert_true(out.mtime == -5);
  assert_int_equal(out.passages, 77);
  assert_int_equal(out.version, 3);
  assert_true(out.hash == 0xfedcba9876543210ull);
  assert_int_equal(out.year, 2025);
  assert_int_equal(out.path_len, in.path_len);
  assert_memory_equal(out.path, in.path, in.path_len);
  assert_memory_equal(out.title, "标题", out.title_len);
  assert_string_equal(out.path, "/a b/报告.txt"); /* decoded strings are C strings */
  assert_string_equal(out.title, "标题");
  assert_string_equal(out.org, "贵州省计划生育协会");
  assert_string_equal(out.province, "贵州");
  assert_string_equal(out.type, "工作综述");
  assert_string_equal(out.docno, "黔计生协〔2025〕3号");
  assert_string_equal(out.date, "2025-12-30");
  assert_string_equal(out.sig, "00ff");
  free(buf);
}

/* Unknown metadata (NULL or empty) decodes as empty strings and year 0. */
static void test_record_file_without_metadata(void **state) {
  (void)state;
  zs_file_record in = {.file_id = 1, .path = "/x", .path_len = 2, .title = "", .title_len = 0};
  char *buf;
  size_t len;
  assert_int_equal(zs_file_record_encode(&buf, &len, &in), ZS_OK);
  zs_file_record out;
  assert_int_equal(zs_file_record_decode(&out, buf, len), ZS_OK);
  assert_string_equal(out.org, "");
  assert_string_equal(out.province, "");
  assert_string_equal(out.type, "");
  assert_string_equal(out.docno, "");
  assert_string_equal(out.date, "");
  assert_string_equal(out.sig, "");
  assert_int_equal(out.year, 0);
  for (size_t cut = 0; cut < len; cut++)
    assert_int_equal(zs_file_record_decode(&out, buf, cut), ZS_ECORRUPT);
  free(buf);
}

/* Truncated, foreign or inconsistent bytes give ZS_ECORRUPT, never a crash. */
static void test_record_damaged_refused(void **state) {
  (void)state;
  zs_passage_record in = {1, 2, 3, 4, 5, "h\n", 2, "text", 4};
  char *buf;
  size_t len;
  assert_int_equal(zs_passage_record_encode(&buf, &len, &in), ZS_OK);
  zs_passage_record out;
  for (size_t cut = 0; cut < len; cut++)
    assert_int_equal(zs_passage_record_decode(&out, buf, cut), ZS_ECORRUPT);
  zs_file_record fout;
  assert_int_equal(zs_file_record_decode(&fout, buf, len), ZS_ECORRUPT);
  assert_int_equal(zs_passage_record_decode(&out, NULL, 0), ZS_ECORRUPT);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_record_passage_round_trip),
      cmocka_unit_test(test_record_passage_v1),
      cmocka_unit_test(test_record_passage_strict_header),
      cmocka_unit_test(test_record_no_heading),
      cmocka_unit_test(test_record_file_round_trip),
      cmocka_unit_test(test_record_file_without_metadata),
      cmocka_unit_test(test_record_damaged_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
