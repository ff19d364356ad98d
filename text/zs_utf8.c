/* zs_utf8: code point counting and UTF-8 validation, in a file of its own so
 * that zs_mklexicon can link it without the rest of the analysis code. */
#include "zs_utf8.h"

#include <stdint.h>
#include <unicode/utf8.h>

size_t zs_utf8_count(const char *s, size_t len) {
  /* Counting lead bytes is exact for valid UTF-8 and needs no decoding. */
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}

size_t zs_utf8_valid_prefix(const char *s, size_t len) {
  const uint8_t *u = (const uint8_t *)s;
  size_t i = 0;
  while (i < len) {
    if (u[i] < 0x80) { /* ASCII fast path */
      i++;
      continue;
    }
    size_t start = i;
    UChar32 c;
    /* U8_NEXT takes an int32_t length: walk in windows that fit */
    int32_t off = 0, win = (int32_t)(len - i > 16 ? 16 : len - i);
    U8_NEXT(u + i, off, win, c);
    if (c < 0)
      return start;
    i += (size_t)off;
  }
  return len;
}
