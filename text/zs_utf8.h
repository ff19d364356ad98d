/* zs_utf8: counting and validating UTF-8 text, shared by the text library, the
 * lexicon generator (which links only part of it), ingest, fuzzing and tests. */
#ifndef ZS_UTF8_H
#define ZS_UTF8_H

#include <stddef.h>

/* Code points in s[0..len) (valid UTF-8). */
size_t zs_utf8_count(const char *s, size_t len);

/* Offset of the first byte of s[0..len) that is not valid UTF-8, or len. */
size_t zs_utf8_valid_prefix(const char *s, size_t len);

#endif
