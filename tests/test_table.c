/* zs_table: TSV for tools, CSV with one byte order mark and RFC 4180 quoting,
 * XLSX a workbook; cells a spreadsheet would run as formulas are defused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zs_error.h"
#include "zs_table.h"

/* The table of fmt with a header and one row, as bytes (*len); caller frees. */
static char *written(zs_table_format fmt, size_t *len) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  assert_non_null(f);
  zs_table *t = NULL;
  assert_int_equal(zs_table_open(&t, f, fmt, "表"), ZS_OK);
  zs_table_text(t, "标题");
  zs_table_text(t, "次数");
  zs_table_end_row(t);
  zs_table_text(t, "=HYPERLINK(\"x\"),\t育儿\n补贴");
  zs_table_number(t, 42);
  zs_table_decimal(t, 1.5);
  zs_table_number(t, -1); /* unknown: an empty cell */
  zs_table_end_row(t);
  assert_int_equal(zs_table_close(t), ZS_OK);
  fclose(f);
  return buf;
}

static void test_csv(void **state) {
  (void)state;
  size_t len;
  char *csv = written(ZS_TABLE_CSV, &len);
  const char *want = "\xEF\xBB\xBF标题,次数\r\n"
                     "\"'=HYPERLINK(\"\"x\"\"),\t育儿␊补贴\",42,1.50,\r\n"; /* no line break */
  assert_int_equal(len, strlen(want));
  assert_memory_equal(csv, want, len);
  free(csv);
}

static void test_tsv(void **state) {
  (void)state;
  size_t len;
  char *tsv = written(ZS_TABLE_TSV, &len);
  const char *want =
      "标题\t次数\n'=HYPERLINK(\"x\"), 育儿␊补贴\t42\t1.50\t\n"; /* no tab, no break */
  assert_string_equal(tsv, want);
  free(tsv);
}

static void test_xlsx(void **state) {
  (void)state;
  size_t len;
  char *xlsx = written(ZS_TABLE_XLSX, &len);
  assert_true(len > 1000);
  assert_memory_equal(xlsx, "PK\x03\x04", 4); /* a zip archive: the workbook */
  free(xlsx);
  assert_int_equal(zs_table_format_parse("xlsx"), ZS_TABLE_XLSX);
  assert_int_equal(zs_table_format_parse("xls"), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_csv),
      cmocka_unit_test(test_tsv),
      cmocka_unit_test(test_xlsx),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
