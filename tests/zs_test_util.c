/* zs_test_util: file, corpus and collecting helpers of the unit tests; failures
 * end the running cmocka test at the helper, as an assertion in the test would. */
#include "zs_test_util.h"

/* cmocka.h needs these four first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_file.h"
#include "zs_grow.h"

const char *const zs_test_corpus_files[ZS_TEST_NCORPUS] = {
    "hunan-2021-council-report.txt", "guizhou-2025-work-review.txt", "hunan-2022-bulletin-19.txt",
    "fujian-2022-work-review.txt",   "henan-2026-work-points.txt",
};

char *zs_test_read_file(const char *path, size_t *len) {
  char *text = NULL;
  int rc = zs_read_file(path, &text, len);
  if (rc != ZS_OK)
    print_error("%s\n", zs_error_last());
  assert_int_equal(rc, ZS_OK);
  return text;
}

char *zs_test_read_corpus(const char *name, size_t *len) {
  char path[4096];
  assert_true(snprintf(path, sizeof path, "%s/%s", ZS_CORPUS_DIR, name) < (int)sizeof path);
  return zs_test_read_file(path, len);
}

int zs_test_for_each_corpus_path(zs_test_path_fn *fn, void *ctx) {
  DIR *d = opendir(ZS_CORPUS_DIR);
  assert_non_null(d);
  int rc = 0;
  for (struct dirent *e; rc == 0 && (e = readdir(d));) {
    size_t nl = strlen(e->d_name);
    if (nl < 5 || strcmp(e->d_name + nl - 4, ".txt") != 0)
      continue;
    char path[4096];
    assert_true(snprintf(path, sizeof path, "%s/%s", ZS_CORPUS_DIR, e->d_name) < (int)sizeof path);
    rc = fn(ctx, path);
  }
  closedir(d);
  return rc;
}

/* zs_test_for_each_corpus_file's walk: its callback and how many files. */
typedef struct text_walk {
  zs_test_text_fn *fn;
  void *ctx;
  size_t n;
} text_walk;

static int read_and_call(void *ctx, const char *path) {
  text_walk *w = ctx;
  size_t len;
  char *text = zs_test_read_file(path, &len);
  w->fn(w->ctx, text, len);
  free(text);
  w->n++;
  return 0;
}

size_t zs_test_for_each_corpus_file(zs_test_text_fn *fn, void *ctx) {
  text_walk w = {fn, ctx, 0};
  zs_test_for_each_corpus_path(read_and_call, &w);
  return w.n;
}

void zs_test_push(void **v, size_t *n, size_t *cap, const void *elem, size_t elem_size) {
  assert_int_equal(zs_grow(v, cap, *n + 1, elem_size), ZS_OK);
  /* *v is the caller's typed pointer: read as bytes, as zs_grow does. */
  char *base;
  memcpy(&base, v, sizeof base);
  memcpy(base + *n * elem_size, elem, elem_size);
  (*n)++;
}
