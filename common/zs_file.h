/* zs_file: reading a whole file into memory, and writing one atomically, shared
 * by the table generators, the benchmarks and the tests. */
#ifndef ZS_FILE_H
#define ZS_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Reads all of the file at path into *out (NUL-terminated; *len bytes before the
 * NUL, which the file may also contain). The caller frees *out with free().
 * Returns ZS_OK, ZS_ENOTFOUND (cannot open), ZS_EIO or ZS_ENOMEM; *out is
 * untouched on failure. */
int zs_read_file(const char *path, char **out, size_t *len);

/* Reads up to size bytes from fd into buf, retrying interrupted and short
 * reads, until size bytes or end of file; *got = bytes read. ZS_EIO on error. */
int zs_read_fd(int fd, char *buf, size_t size, size_t *got);

/* Reads the regular file at path whole into *out (NUL-terminated, *len bytes
 * before the NUL), refusing one over max bytes before reading it: ZS_ENOTFOUND
 * (no such file), ZS_EIO (not a regular file, cannot read), ZS_ETOOBIG,
 * ZS_ENOMEM. Messages do not repeat the path. Caller frees *out with free(). */
int zs_read_regular_file(const char *path, uint64_t max, char **out, size_t *len);

/* The same for an open stream (read to its end; not closed). Messages name
 * it "standard input". Caller frees *out with free(). */
int zs_read_stream(FILE *f, char **out, size_t *len);

/* Writes the file at path through write_fn(f, ctx) into path.tmp, then renames
 * it over path, so a failed run leaves no half file behind (path.tmp is
 * removed). write_fn reports nothing: errors are taken from the stream. ctx is
 * passed through, borrowed. Returns ZS_OK, ZS_EINVAL (path too long) or
 * ZS_EIO, with zs_error_set's message. */
int zs_write_file_atomic(const char *path, void (*write_fn)(FILE *f, const void *ctx),
                         const void *ctx);

#endif
