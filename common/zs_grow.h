/* zs_grow: the one "grow an array by doubling" of zhsearch, so that every
 * growable buffer checks for overflow and reports ZS_ENOMEM the same way. */
#ifndef ZS_GROW_H
#define ZS_GROW_H

#include <stddef.h>

/* Smallest capacity (in elements) zs_grow allocates. */
#define ZS_GROW_MIN 16

/* Makes the array *array of *cap elements of elem_size bytes hold at least need
 * elements: when need > *cap, reallocates to *cap (at least ZS_GROW_MIN) doubled
 * until it holds need, and updates *array and *cap. Call as
 * zs_grow((void **)&v, &cap, n + 1, sizeof *v); *array may be NULL with *cap 0.
 * The array stays the caller's (free it with free()). Returns ZS_OK, or
 * ZS_ENOMEM (via zs_error_set) on failure or overflow, leaving *array and *cap
 * as they were. */
int zs_grow(void **array, size_t *cap, size_t need, size_t elem_size);

#endif
