/* zs_hashidx: a hash index over an array the caller owns: finds the element
 * equal to a key, or says where to add it (open addressing, linear probing). */
#ifndef ZS_HASHIDX_H
#define ZS_HASHIDX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Cells hold 1 + an index into the caller's array (0: free); the table is
 * kept at most half full. Zero-initialise; free cell with free(). */
typedef struct zs_hashidx {
  uint32_t *cell;
  size_t ncells;
} zs_hashidx;

/* Whether element i of the caller's array equals the key looked up, and the
 * hash of element i (for growing). */
typedef bool (*zs_hashidx_eq_fn)(const void *ctx, uint32_t i);
typedef uint64_t (*zs_hashidx_hash_fn)(const void *ctx, uint32_t i);

/* Looks up a key of hash h among the n elements indexed so far. When one is
 * equal, *found is its index and *added false; otherwise the next element,
 * n, is indexed under h (the caller appends it) and *added is true. Returns
 * ZS_OK, or ZS_ENOMEM (table unchanged; also past 2^31 elements). */
int zs_hashidx_find_or_add(zs_hashidx *t, uint64_t h, size_t n, zs_hashidx_eq_fn eq,
                           zs_hashidx_hash_fn hash_of, const void *ctx, uint32_t *found,
                           bool *added);

#endif
