/* zs_file: reading a whole file into memory, shared by the lexicon generator,
 * the benchmarks and the tests. */
#ifndef ZS_FILE_H
#define ZS_FILE_H

#include <stddef.h>
#include <stdio.h>

/* Reads all of the file at path into *out (NUL-terminated; *len bytes before the
 * NUL, which the file may also contain). The caller frees *out with free().
 * Returns ZS_OK, ZS_ENOTFOUND (cannot open), ZS_EIO or ZS_ENOMEM; *out is
 * untouched on failure. */
int zs_read_file(const char *path, char **out, size_t *len);

/* The same for an open stream (read to its end; not closed). Messages name
 * it "standard input". */
int zs_read_stream(FILE *f, char **out, size_t *len);

#endif
