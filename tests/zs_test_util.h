/* zs_test_util: helpers shared by the cmocka unit tests: whole files and the
 * corpus read into memory, growable arrays for callbacks to collect into, and
 * byte builders for the documents the format tests make. */
#ifndef ZS_TEST_UTIL_H
#define ZS_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* The five reports of corpus/ in a fixed order: tests index their expected
 * values by position in this list. */
#define ZS_TEST_NCORPUS 5
extern const char *const zs_test_corpus_files[ZS_TEST_NCORPUS];

/* The whole file at path, NUL-terminated, its size in *len; fails the test when
 * it cannot be read. The caller frees the result with free(). */
char *zs_test_read_file(const char *path, size_t *len);

/* zs_test_read_file of ZS_CORPUS_DIR/name; the caller frees the result. */
char *zs_test_read_corpus(const char *name, size_t *len);

/* Called with the path of one corpus file (borrowed for the call); a nonzero
 * return stops the walk. */
typedef int zs_test_path_fn(void *ctx, const char *path);

/* Calls fn on the path of every *.txt file of ZS_CORPUS_DIR, in directory
 * order, until it returns nonzero; returns that value, or 0 after the last
 * file. Fails the test when the directory cannot be read. */
int zs_test_for_each_corpus_path(zs_test_path_fn *fn, void *ctx);

/* Called with the contents of one corpus file (borrowed for the call). */
typedef void zs_test_text_fn(void *ctx, const char *text, size_t len);

/* Calls fn on every *.txt file of ZS_CORPUS_DIR, in directory order; returns
 * how many. Fails the test when the directory or a file cannot be read. */
size_t zs_test_for_each_corpus_file(zs_test_text_fn *fn, void *ctx);

/* Appends the elem_size bytes at elem to the array *v of *n elements and
 * capacity *cap (NULL, 0, 0 to start), growing it as needed; fails the test
 * when memory runs out. Call as zs_test_push((void **)&v, &n, &cap, x,
 * sizeof *v). The caller frees *v with free(). */
void zs_test_push(void **v, size_t *n, size_t *cap, const void *elem, size_t elem_size);

/* Bytes being built (a PDF, a ZIP, a page): NUL-terminated at len once
 * anything was put. Zero it to start; the caller frees s with free(). Each
 * appender fails the test when memory runs out. */
typedef struct zs_test_buf {
  char *s;
  size_t len, cap;
} zs_test_buf;

void zs_test_put(zs_test_buf *b, const void *s, size_t n);
void zs_test_puts(zs_test_buf *b, const char *s);
void zs_test_putf(zs_test_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void zs_test_le16(zs_test_buf *b, unsigned v); /* little-endian, as ZIP headers are */
void zs_test_le32(zs_test_buf *b, uint32_t v);

/* One file of a ZIP archive; claimed, when not 0, is the size written into
 * the headers (a lie, to test limits). */
typedef struct zs_test_zip_entry {
  const char *name, *data;
  uint32_t claimed;
} zs_test_zip_entry;

/* A ZIP archive of the n entries, stored uncompressed, its size in *len. The
 * caller frees it with free(). */
char *zs_test_make_zip(const zs_test_zip_entry *e, size_t n, size_t *len);

/* The 1-based line of text on which needle starts, 0 when absent. */
unsigned zs_test_line_of(const char *text, const char *needle);

#endif
