/* zs_utf8: counting the code points of UTF-8 text, shared by the text library,
 * the lexicon generator (which links only part of it) and the tests. */
#ifndef ZS_UTF8_H
#define ZS_UTF8_H

#include <stddef.h>

/* Code points in s[0..len) (valid UTF-8). */
size_t zs_utf8_count(const char *s, size_t len);

#endif
