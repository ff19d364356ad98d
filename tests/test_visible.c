/* Unit tests for common/zs_visible: control characters shown as pictures,
 * clean text passed through untouched, cut whole, formula cells recognised. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zs_visible.h"

/* What zs_fput_visible writes for s. */
static char *written(const char *s, size_t len) {
  char *buf = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&buf, &size);
  assert_non_null(f);
  zs_fput_visible(f, s, len);
  fclose(f);
  return buf;
}

static void test_controls_become_pictures(void **state) {
  (void)state;
  const char s[] = "红\x1b[31m色\a\n\x7f\xc2\x9b"
                   "x\t表";
  char *out = written(s, sizeof s - 1);
  assert_string_equal(out, "红␛[31m色␇␊␡\xEF\xBF\xBDx\t表");
  free(out);
  char buf[64];
  assert_string_equal(zs_visible(s, buf, sizeof buf), "红␛[31m色␇␊␡\xEF\xBF\xBDx\t表");
  assert_true(zs_has_control(s, sizeof s - 1));
}

/* Clean text is returned as it is, not copied; U+0080..U+009F only as C1. */
static void test_clean_text_untouched(void **state) {
  (void)state;
  const char *s = "计生协工作 ®é ½ tab\there";
  char buf[8];
  assert_ptr_equal(zs_visible(s, buf, sizeof buf), s);
  assert_false(zs_has_control(s, strlen(s)));
  char *out = written(s, strlen(s));
  assert_string_equal(out, s);
  free(out);
}

/* A visible form that does not fit is cut before a whole character. */
static void test_cut_whole(void **state) {
  (void)state;
  char buf[8];
  assert_string_equal(zs_visible("\x1b计生协", buf, sizeof buf), "␛计");
}

static void test_formula_cells(void **state) {
  (void)state;
  const char *run[] = {"=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"};
  for (size_t i = 0; i < sizeof run / sizeof run[0]; i++)
    assert_true(zs_cell_is_formula(run[i]));
  const char *keep[] = {"", "计生协", "a=b", "2022", "docs/=cmd.txt"};
  for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
    assert_false(zs_cell_is_formula(keep[i]));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_controls_become_pictures),
      cmocka_unit_test(test_clean_text_untouched),
      cmocka_unit_test(test_cut_whole),
      cmocka_unit_test(test_formula_cells),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
