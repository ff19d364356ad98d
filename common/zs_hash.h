/* zs_hash: FNV-1a 64-bit, the one byte-string hash of zhsearch (metadata keys,
 * lexicon table); fast and good enough for keys that are checked on lookup. */
#ifndef ZS_HASH_H
#define ZS_HASH_H

#include <stddef.h>
#include <stdint.h>

#define ZS_FNV64_OFFSET 0xcbf29ce484222325ull
#define ZS_FNV64_PRIME 0x100000001b3ull

/* Continues hash h over s[0..len); start with ZS_FNV64_OFFSET. */
static inline uint64_t zs_fnv64_update(uint64_t h, const void *s, size_t len) {
  const unsigned char *p = s;
  for (size_t i = 0; i < len; i++) {
    h ^= p[i];
    h *= ZS_FNV64_PRIME;
  }
  return h;
}

static inline uint64_t zs_fnv64(const void *s, size_t len) {
  return zs_fnv64_update(ZS_FNV64_OFFSET, s, len);
}

#endif
