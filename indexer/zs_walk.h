/* zs_walk: visits the regular files below a path in a stable (sorted) order,
 * following symbolic links but reporting loops instead of running into them. */
#ifndef ZS_WALK_H
#define ZS_WALK_H

#include <sys/stat.h>

/* Called for each regular file; non-zero stops the walk and is returned. */
typedef int (*zs_walk_file_fn)(void *ctx, const char *path, const struct stat *st);
/* Called for each path that cannot be visited, with a short problem text. */
typedef void (*zs_walk_error_fn)(void *ctx, const char *path, const char *problem);

/* Walks root (a file or a directory). Hidden entries (".name") inside
 * directories are skipped. Returns ZS_OK, or the file callback's non-zero value. */
int zs_walk(const char *root, zs_walk_file_fn on_file, zs_walk_error_fn on_error, void *ctx);

#endif
