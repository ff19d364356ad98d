/* zs_ingest: reads one file into memory as UTF-8 text that the rest of the
 * pipeline can trust, or says precisely why it cannot. */
#ifndef ZS_INGEST_H
#define ZS_INGEST_H

#include <stddef.h>
#include <stdint.h>

/* Reads path; a UTF-8 byte order mark is dropped. Fails with ZS_EIO (cannot
 * read), ZS_EEMPTY (nothing but whitespace), ZS_EBADUTF8 (message gives the
 * offset of the first bad byte) or ZS_ETOOBIG (over max_bytes). The message
 * does not repeat the path. Caller frees *out with free(). */
int zs_ingest_file(char **out, size_t *out_len, const char *path, uint64_t max_bytes);

/* Offset of the first byte of s[0..len) that is not valid UTF-8, or len. */
size_t zs_utf8_valid_prefix(const char *s, size_t len);

#endif
