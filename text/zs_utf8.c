/* zs_utf8: code point counting, in a file of its own so that zs_mklexicon can
 * link it without the rest of the analysis code. */
#include "zs_utf8.h"

size_t zs_utf8_count(const char *s, size_t len) {
  /* Counting lead bytes is exact for valid UTF-8 and needs no decoding. */
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}
