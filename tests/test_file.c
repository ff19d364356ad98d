/* Unit tests for common/zs_file: whole files read byte-exact and NUL-terminated,
 * across several read chunks, empty, and missing; atomic writes by rename. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zs_error.h"
#include "zs_file.h"

/* Writes n bytes of a repeating pattern (with NULs) to ZS_TEST_TMP/name. */
static void write_pattern(char *path, size_t size, const char *name, size_t n) {
  snprintf(path, size, "%s/%s", ZS_TEST_TMP, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  for (size_t i = 0; i < n; i++)
    assert_int_not_equal(fputc((int)(i * 7 % 251), f), EOF);
  assert_int_equal(fclose(f), 0);
}

/* A file larger than several read chunks comes back byte for byte, plus a NUL. */
static void test_file_read_large(void **state) {
  (void)state;
  char path[1024];
  size_t n = 300000;
  write_pattern(path, sizeof path, "file-large.bin", n);
  char *text = NULL;
  size_t len = 0;
  assert_int_equal(zs_read_file(path, &text, &len), ZS_OK);
  assert_int_equal(len, n);
  for (size_t i = 0; i < n; i++)
    assert_int_equal((unsigned char)text[i], i * 7 % 251);
  assert_int_equal(text[n], '\0');
  free(text);
  remove(path);
}

/* An empty file gives an empty, NUL-terminated buffer. */
static void test_file_read_empty(void **state) {
  (void)state;
  char path[1024];
  write_pattern(path, sizeof path, "file-empty.bin", 0);
  char *text = NULL;
  size_t len = 99;
  assert_int_equal(zs_read_file(path, &text, &len), ZS_OK);
  assert_int_equal(len, 0);
  assert_non_null(text);
  assert_string_equal(text, "");
  free(text);
  remove(path);
}

/* A missing file is ZS_ENOTFOUND, named in the message, *out untouched. */
static void test_file_missing(void **state) {
  (void)state;
  char *text = (char *)"untouched";
  size_t len = 7;
  assert_int_equal(zs_read_file(ZS_TEST_TMP "/no-such-file", &text, &len), ZS_ENOTFOUND);
  assert_string_equal(text, "untouched");
  assert_int_equal(len, 7);
  assert_non_null(strstr(zs_error_last(), "no-such-file"));
}

static void write_greeting(FILE *f, const void *ctx) {
  fprintf(f, "hello %s\n", (const char *)ctx);
}

/* The file appears whole under its name; no .tmp file is left behind. */
static void test_file_write_atomic(void **state) {
  (void)state;
  const char *path = ZS_TEST_TMP "/file-atomic.txt";
  assert_int_equal(zs_write_file_atomic(path, write_greeting, "world"), ZS_OK);
  char *text = NULL;
  size_t len = 0;
  assert_int_equal(zs_read_file(path, &text, &len), ZS_OK);
  assert_string_equal(text, "hello world\n");
  free(text);
  assert_int_equal(zs_read_file(ZS_TEST_TMP "/file-atomic.txt.tmp", &text, &len), ZS_ENOTFOUND);
  remove(path);
}

/* A directory that does not exist is ZS_EIO, named in the message. */
static void test_file_write_atomic_fails(void **state) {
  (void)state;
  const char *path = ZS_TEST_TMP "/no-such-dir/out.txt";
  assert_int_equal(zs_write_file_atomic(path, write_greeting, "world"), ZS_EIO);
  assert_non_null(strstr(zs_error_last(), "no-such-dir"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_file_read_large),
      cmocka_unit_test(test_file_read_empty),
      cmocka_unit_test(test_file_missing),
      cmocka_unit_test(test_file_write_atomic),
      cmocka_unit_test(test_file_write_atomic_fails),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
