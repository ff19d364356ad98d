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

void zs_test_put(zs_test_buf *b, const void *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->s = realloc(b->s, b->cap);
    assert_non_null(b->s);
  }
  if (n)
    memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void zs_test_puts(zs_test_buf *b, const char *s) {
  zs_test_put(b, s, strlen(s));
}

void zs_test_putf(zs_test_buf *b, const char *fmt, ...) {
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  assert_true(n >= 0 && (size_t)n < sizeof tmp);
  zs_test_put(b, tmp, (size_t)n);
}

void zs_test_le16(zs_test_buf *b, unsigned v) {
  unsigned char c[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
  zs_test_put(b, c, 2);
}

void zs_test_le32(zs_test_buf *b, uint32_t v) {
  zs_test_le16(b, v & 0xFFFF);
  zs_test_le16(b, v >> 16);
}

unsigned zs_test_line_of(const char *text, const char *needle) {
  const char *at = strstr(text, needle);
  if (!at)
    return 0;
  unsigned line = 1;
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return line;
}

static uint32_t crc32_of(const char *s, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= (unsigned char)s[i];
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  return ~c;
}

char *zs_test_make_zip(const zs_test_zip_entry *e, size_t n, size_t *len) {
  zs_test_buf b = {0}, cd = {0};
  for (size_t i = 0; i < n; i++) {
    uint32_t off = (uint32_t)b.len, size = (uint32_t)strlen(e[i].data);
    uint32_t claimed = e[i].claimed ? e[i].claimed : size, crc = crc32_of(e[i].data, size);
    zs_test_le32(&b, 0x04034b50);
    zs_test_le16(&b, 20), zs_test_le16(&b, 0), zs_test_le16(&b, 0), zs_test_le16(&b, 0),
        zs_test_le16(&b, 0x21);
    zs_test_le32(&b, crc), zs_test_le32(&b, claimed), zs_test_le32(&b, claimed);
    zs_test_le16(&b, (unsigned)strlen(e[i].name)), zs_test_le16(&b, 0);
    zs_test_puts(&b, e[i].name);
    zs_test_puts(&b, e[i].data);
    zs_test_le32(&cd, 0x02014b50);
    zs_test_le16(&cd, 20), zs_test_le16(&cd, 20), zs_test_le16(&cd, 0), zs_test_le16(&cd, 0),
        zs_test_le16(&cd, 0), zs_test_le16(&cd, 0x21);
    zs_test_le32(&cd, crc), zs_test_le32(&cd, claimed), zs_test_le32(&cd, claimed);
    zs_test_le16(&cd, (unsigned)strlen(e[i].name)), zs_test_le16(&cd, 0), zs_test_le16(&cd, 0),
        zs_test_le16(&cd, 0);
    zs_test_le16(&cd, 0), zs_test_le32(&cd, 0), zs_test_le32(&cd, off);
    zs_test_puts(&cd, e[i].name);
  }
  uint32_t cd_off = (uint32_t)b.len;
  zs_test_put(&b, cd.s, cd.len);
  zs_test_le32(&b, 0x06054b50);
  zs_test_le16(&b, 0), zs_test_le16(&b, 0), zs_test_le16(&b, (unsigned)n),
      zs_test_le16(&b, (unsigned)n);
  zs_test_le32(&b, (uint32_t)cd.len), zs_test_le32(&b, cd_off), zs_test_le16(&b, 0);
  free(cd.s);
  *len = b.len;
  return b.s;
}
