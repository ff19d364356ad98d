/* zs_shards: turns what the user names as the index (directories, stub files
 * listing shards, "remote :HOST:PORT") into the list of shards to open. */
#ifndef ZS_SHARDS_H
#define ZS_SHARDS_H

#include <stddef.h>

typedef struct zs_shard_list {
  char **spec; /* a database directory, or "remote :HOST:PORT" */
  size_t n;
} zs_shard_list;

/* Expands indexes[0..n) in order. Each is:
 *  - a zhsearch index directory (its XAPIANDB stub names the current
 *    generation) or any directory whose XAPIANDB lists several databases;
 *  - a stub file in Xapian's format, one database per line: "auto PATH" or
 *    "glass PATH" (relative to the stub's folder; PATH may itself be an index
 *    directory or another stub) or "remote :HOST:PORT" (xapian-tcpsrv);
 *    blank lines and lines starting with '#' are skipped;
 *  - "remote :HOST:PORT" itself, or a plain Xapian database directory.
 * Errors name the stub file and line. Caller frees with zs_shard_list_free. */
int zs_shards_expand(zs_shard_list *out, const char *const *indexes, size_t n);
void zs_shard_list_free(zs_shard_list *l);

#endif
