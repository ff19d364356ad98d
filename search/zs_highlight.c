/* zs_highlight: substring search on the folded passage (memmem: UTF-8 matches
 * always start on code point boundaries), mapped back with zs_fold's offset map. */
#define _GNU_SOURCE /* memmem */
#include "zs_highlight.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_fold.h"

static int cmp_span(const void *a, const void *b) {
  const zs_span *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

/* Sorts spans and merges overlapping or adjacent ones; returns the new count. */
static size_t merge_spans(zs_span *s, size_t n) {
  if (n == 0)
    return 0;
  qsort(s, n, sizeof *s, cmp_span);
  size_t out = 0;
  for (size_t i = 1; i < n; i++) {
    if (s[i].start <= s[out].end) {
      if (s[i].end > s[out].end)
        s[out].end = s[i].end;
    } else {
      s[++out] = s[i];
    }
  }
  return out + 1;
}

static int push_span(zs_span **s, size_t *n, size_t *cap, size_t start, size_t end) {
  if (*n == *cap) {
    size_t c = *cap ? *cap * 2 : 16;
    zs_span *g = realloc(*s, c * sizeof *g);
    if (!g)
      return zs_error_set(ZS_ENOMEM, "out of memory highlighting");
    *s = g;
    *cap = c;
  }
  (*s)[*n].start = start;
  (*s)[*n].end = end;
  (*n)++;
  return ZS_OK;
}

/* Pushes the spans of every occurrence of each of nd's strings in f. */
static int push_needles(zs_span **out, size_t *n, size_t *cap, const zs_folded *f,
                        const zs_needles *nd) {
  int rc = ZS_OK;
  for (size_t i = 0; rc == ZS_OK && i < nd->n; i++) {
    const char *at = f->text, *end = f->text + f->len;
    const char *hit;
    while (rc == ZS_OK && at < end &&
           (hit = memmem(at, (size_t)(end - at), nd->str[i], nd->len[i])) != NULL) {
      size_t a = (size_t)(hit - f->text), b = a + nd->len[i];
      rc = push_span(out, n, cap, f->src_start[a], f->src_end[b - 1]);
      at = hit + 1;
    }
  }
  return rc;
}

static bool holds_all(const zs_folded *f, const zs_needles *group) {
  for (size_t i = 0; i < group->n; i++)
    if (!memmem(f->text, f->len, group->str[i], group->len[i]))
      return false;
  return group->n > 0;
}

int zs_highlight(zs_span **out, size_t *n, const char *text, size_t len, const zs_needles *nd,
                 const zs_needle_groups *groups, unsigned fold_flags) {
  *out = NULL;
  *n = 0;
  zs_folded f = {0};
  int rc = zs_fold_ex(&f, text, len, fold_flags);
  size_t cap = 0;
  if (rc == ZS_OK)
    rc = push_needles(out, n, &cap, &f, nd);
  for (size_t g = 0; rc == ZS_OK && groups && g < groups->n; g++)
    if (holds_all(&f, &groups->group[g]))
      rc = push_needles(out, n, &cap, &f, &groups->group[g]);
  zs_folded_free(&f);
  if (rc) {
    free(*out);
    *out = NULL;
    *n = 0;
    return rc;
  }
  *n = merge_spans(*out, *n);
  return ZS_OK;
}
