/* zs_hashidx: one open-addressing table for the few places that count or
 * look up many keys (facets over tens of thousands of files). */
#include "zs_hashidx.h"

#include <stdlib.h>

#include "zs_error.h"
#include "zs_i18n.h"

/* Spreads the hash's bits over the table (Fibonacci hashing). */
static size_t home(uint64_t h, size_t ncells) {
  return (size_t)((h * 0x9E3779B97F4A7C15u) >> 32) & (ncells - 1);
}

static int grow(zs_hashidx *t, size_t n, zs_hashidx_hash_fn hash_of, const void *ctx) {
  size_t ncells = t->ncells ? 2 * t->ncells : 64;
  uint32_t *cell = calloc(ncells, sizeof *cell);
  if (!cell)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  for (uint32_t i = 0; i < n; i++) {
    size_t j = home(hash_of(ctx, i), ncells);
    while (cell[j])
      j = (j + 1) & (ncells - 1);
    cell[j] = i + 1;
  }
  free(t->cell);
  t->cell = cell;
  t->ncells = ncells;
  return ZS_OK;
}

int zs_hashidx_find_or_add(zs_hashidx *t, uint64_t h, size_t n, zs_hashidx_eq_fn eq,
                           zs_hashidx_hash_fn hash_of, const void *ctx, uint32_t *found,
                           bool *added) {
  *added = false;
  if (n >= (size_t)INT32_MAX) /* cells hold 32 bits: no memory holds that many keys anyway */
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  if (2 * (n + 1) > t->ncells) {
    int rc = grow(t, n, hash_of, ctx);
    if (rc)
      return rc;
  }
  size_t j = home(h, t->ncells);
  for (; t->cell[j]; j = (j + 1) & (t->ncells - 1))
    if (eq(ctx, t->cell[j] - 1)) {
      *found = t->cell[j] - 1;
      return ZS_OK;
    }
  t->cell[j] = (uint32_t)n + 1;
  *found = (uint32_t)n;
  *added = true;
  return ZS_OK;
}
