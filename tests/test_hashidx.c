/* Unit tests for common/zs_hashidx: each distinct key indexed once, equal keys
 * found again across growth, and colliding hashes told apart by equality. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zs_error.h"
#include "zs_hash.h"
#include "zs_hashidx.h"

typedef struct words {
  char (*w)[32]; /* w[n] holds the word looked up */
  size_t n;
  bool same_hash; /* every word hashes alike: only equality tells them apart */
} words;

static bool same_word(const void *ctx, uint32_t i) {
  const words *s = ctx;
  return strcmp(s->w[i], s->w[s->n]) == 0;
}

static uint64_t word_hash(const void *ctx, uint32_t i) {
  const words *s = ctx;
  return s->same_hash ? 42 : zs_fnv64(s->w[i], strlen(s->w[i]));
}

/* Adds word (or finds it); returns its index. */
static uint32_t add(zs_hashidx *t, words *s, const char *word, bool *added) {
  snprintf(s->w[s->n], sizeof s->w[s->n], "%s", word);
  uint32_t at = UINT32_MAX;
  assert_int_equal(zs_hashidx_find_or_add(t, word_hash(s, (uint32_t)s->n), s->n, same_word,
                                          word_hash, s, &at, added),
                   ZS_OK);
  if (*added) {
    assert_int_equal(at, s->n);
    s->n++;
  }
  return at;
}

static void count_words(bool same_hash, size_t distinct) {
  words s = {.w = calloc(distinct + 1, sizeof *s.w), .same_hash = same_hash};
  assert_non_null(s.w);
  zs_hashidx t = {0};
  char word[24];
  bool added;
  for (size_t round = 0; round < 3; round++)
    for (size_t i = 0; i < distinct; i++) {
      snprintf(word, sizeof word, "w%zu", i);
      uint32_t at = add(&t, &s, word, &added);
      assert_int_equal(added, round == 0);
      assert_int_equal(at, i); /* the first round added them in order */
    }
  assert_int_equal(s.n, distinct);
  assert_true(t.ncells >= 2 * distinct);
  free(t.cell);
  free(s.w);
}

/* Twenty thousand words, each added once then found twice, the table grown
 * from 64 cells on the way. */
static void test_distinct_keys_indexed_once(void **state) {
  (void)state;
  count_words(false, 20000);
}

/* When every hash collides, equality alone keeps the keys apart. */
static void test_colliding_hashes_kept_apart(void **state) {
  (void)state;
  count_words(true, 300);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_distinct_keys_indexed_once),
      cmocka_unit_test(test_colliding_hashes_kept_apart),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
