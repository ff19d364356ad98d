/* Unit tests for common/zs_error: the per-thread last-error message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "zs_error.h"

/* zs_error_set formats the message and returns the code it was given. */
static void test_error_set_returns_code_and_formats(void **state) {
  (void)state;
  assert_int_equal(zs_error_set(ZS_ENOTFOUND, "no index at %s", "/x"), ZS_ENOTFOUND);
  assert_string_equal(zs_error_last(), "no index at /x");
  assert_int_equal(zs_error_code(), ZS_ENOTFOUND);
}

/* After clear, the message is empty but never NULL. */
static void test_error_clear_gives_empty_message(void **state) {
  (void)state;
  zs_error_set(ZS_EIO, "boom");
  zs_error_clear();
  assert_non_null(zs_error_last());
  assert_string_equal(zs_error_last(), "");
  assert_int_equal(zs_error_code(), ZS_OK);
}

/* A message longer than the buffer is cut, not overflowed. */
static void test_error_long_message_truncated(void **state) {
  (void)state;
  char big[4096];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  zs_error_set(ZS_EINVAL, "%s", big);
  assert_true(strlen(zs_error_last()) < sizeof big - 1);
}

/* The message may quote the last one, as a caller adding context does. */
static void test_error_message_may_quote_last(void **state) {
  (void)state;
  zs_error_set(ZS_EINVAL, "a group needs two terms or more");
  zs_error_set(ZS_EINVAL, "%s: rule %d: %s", "my.txt", 3, zs_error_last());
  assert_string_equal(zs_error_last(), "my.txt: rule 3: a group needs two terms or more");
  assert_int_equal(zs_error_code(), ZS_EINVAL);
}

/* Every code has a name. */
static void test_error_names(void **state) {
  (void)state;
  assert_string_equal(zs_error_name(ZS_ELOCKED), "ZS_ELOCKED");
  assert_string_equal(zs_error_name(ZS_OK), "ZS_OK");
  assert_string_equal(zs_error_name(12345), "ZS_E?");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_error_set_returns_code_and_formats),
      cmocka_unit_test(test_error_clear_gives_empty_message),
      cmocka_unit_test(test_error_long_message_truncated),
      cmocka_unit_test(test_error_message_may_quote_last),
      cmocka_unit_test(test_error_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
