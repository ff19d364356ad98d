/* zs_grow: realloc-doubling with the size arithmetic checked, written once for
 * the growable arrays of the libraries, tools, benchmarks and tests. */
#include "zs_grow.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"

int zs_grow(void **array, size_t *cap, size_t need, size_t elem_size) {
  if (need <= *cap)
    return ZS_OK;
  size_t n = *cap > ZS_GROW_MIN ? *cap : ZS_GROW_MIN;
  while (n < need)
    n = n > SIZE_MAX / 2 ? need : n * 2;
  /* No object may pass PTRDIFF_MAX bytes (pointer differences must fit). */
  if (elem_size && n > PTRDIFF_MAX / elem_size)
    return zs_error_set(ZS_ENOMEM, "array of %zu elements of %zu bytes is too big", n, elem_size);
  /* Callers pass the address of a typed pointer (zs_term **, say); moving it as
   * bytes rather than through a void * lvalue keeps clear of strict aliasing. */
  void *old;
  memcpy(&old, array, sizeof old);
  void *v = realloc(old, n * elem_size);
  if (!v)
    return zs_error_set(ZS_ENOMEM, "out of memory growing an array to %zu elements of %zu bytes", n,
                        elem_size);
  memcpy(array, &v, sizeof v);
  *cap = n;
  return ZS_OK;
}
