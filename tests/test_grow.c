/* Unit tests for common/zs_grow: growth by doubling, contents kept, no work when
 * there is room, and sizes that overflow refused with the array left alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "zs_error.h"
#include "zs_grow.h"

/* From NULL the array gets at least ZS_GROW_MIN elements, then doubles, and
 * what was stored survives every move. */
static void test_grow_doubles_and_keeps_contents(void **state) {
  (void)state;
  int *v = NULL;
  size_t cap = 0;
  assert_int_equal(zs_grow((void **)&v, &cap, 1, sizeof *v), ZS_OK);
  assert_non_null(v);
  assert_int_equal(cap, ZS_GROW_MIN);
  for (size_t n = 0; n < 1000; n++) {
    assert_int_equal(zs_grow((void **)&v, &cap, n + 1, sizeof *v), ZS_OK);
    assert_true(cap >= n + 1);
    v[n] = (int)n;
  }
  assert_int_equal(cap, 1024);
  for (size_t n = 0; n < 1000; n++)
    assert_int_equal(v[n], (int)n);
  free(v);
}

/* A need the capacity already covers changes nothing. */
static void test_grow_enough_room_is_noop(void **state) {
  (void)state;
  char *v = NULL;
  size_t cap = 0;
  assert_int_equal(zs_grow((void **)&v, &cap, 100, 1), ZS_OK);
  char *was = v;
  size_t had = cap;
  assert_int_equal(zs_grow((void **)&v, &cap, had, 1), ZS_OK);
  assert_ptr_equal(v, was);
  assert_int_equal(cap, had);
  free(v);
}

/* A large jump goes straight to a big enough power-of-two multiple. */
static void test_grow_large_need(void **state) {
  (void)state;
  double *v = NULL;
  size_t cap = 0;
  assert_int_equal(zs_grow((void **)&v, &cap, 5000, sizeof *v), ZS_OK);
  assert_int_equal(cap, 8192);
  v[4999] = 1.0;
  free(v);
}

/* Element counts whose byte size overflows give ZS_ENOMEM and leave the array. */
static void test_grow_overflow_refused(void **state) {
  (void)state;
  int *v = NULL;
  size_t cap = 0;
  assert_int_equal(zs_grow((void **)&v, &cap, 4, sizeof *v), ZS_OK);
  int *was = v;
  size_t had = cap;
  assert_int_equal(zs_grow((void **)&v, &cap, SIZE_MAX / 2, sizeof *v), ZS_ENOMEM);
  assert_int_equal(zs_error_code(), ZS_ENOMEM);
  assert_int_equal(zs_grow((void **)&v, &cap, SIZE_MAX, 1), ZS_ENOMEM);
  assert_ptr_equal(v, was);
  assert_int_equal(cap, had);
  free(v);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_grow_doubles_and_keeps_contents),
      cmocka_unit_test(test_grow_enough_room_is_noop),
      cmocka_unit_test(test_grow_large_need),
      cmocka_unit_test(test_grow_overflow_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
