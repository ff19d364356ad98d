/* Regression tests for what the fuzz targets of fuzz/ found: each input goes
 * through the entry points its target used, and must now pass cleanly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "zs_clean.h"
#include "zs_docmeta.h"
#include "zs_error.h"
#include "zs_passage.h"
#include "zs_test_util.h"

static int count_passage(void *ctx, const zs_passage *p) {
  (void)p;
  (*(size_t *)ctx)++;
  return 0;
}

/* fuzz_clean's path: zs_clean_document, zs_docmeta_detect, zs_passages.
 * Returns the number of passages. */
static size_t clean_pipeline(const char *s, size_t len) {
  zs_doc_text d = {0};
  assert_int_equal(zs_clean_document(&d, s, len), ZS_OK);
  assert_non_null(d.title);
  zs_docmeta meta;
  zs_docmeta_detect(&meta, &d, NULL);
  size_t n = 0;
  assert_int_equal(zs_passages(&d, count_passage, &n), ZS_OK);
  zs_doc_text_free(&d);
  return n;
}

/* fuzz_clean, the empty input: no lines, so the line array was NULL and
 * build() computed NULL + 0 (UBSan: "applying zero offset to null pointer",
 * zs_clean.c build); the same for text of nothing but line ends or spaces. */
static void test_fuzz_clean_no_lines(void **state) {
  (void)state;
  static const char empty[1] = "";
  assert_int_equal(clean_pipeline(empty, 0), 0);
  assert_int_equal(clean_pipeline("\n\n", 2), 0);
  assert_int_equal(clean_pipeline("   ", 3), 0);
  assert_int_equal(clean_pipeline("\r\n \r\n", 5), 0);
}

/* fuzz_clean: a document with no title line before its first body paragraph
 * left the paragraph array NULL when build_title() passed it on as NULL + 0. */
static void test_fuzz_clean_no_title_lines(void **state) {
  (void)state;
  static const char body[] =
      "全省各级计生协切实提高政治站位，始终坚持把党的领导贯穿计生协工作全过程，"
      "引导广大育龄群众听党话、跟党走，各项工作取得了明显成效。\n";
  assert_int_equal(clean_pipeline(body, sizeof body - 1), 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fuzz_clean_no_lines),
      cmocka_unit_test(test_fuzz_clean_no_title_lines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
