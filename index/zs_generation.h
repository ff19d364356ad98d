/* zs_generation: the layout of an index directory: a lock file held by the one
 * zhindex that writes, generations of Xapian databases (gen-NNNNNN), and the
 * stub file XAPIANDB naming the current one, replaced atomically. */
#ifndef ZS_GENERATION_H
#define ZS_GENERATION_H

#include <stddef.h>

typedef struct zs_index_dir {
  char *dir;
  int lock_fd;
  unsigned current; /* current generation, 0 when the index is new */
} zs_index_dir;

/* Creates dir when missing, takes its writer lock and reads the current
 * generation. ZS_ELOCKED ("locked by another zhindex (pid N)") when held.
 * Release with zs_index_dir_unlock. */
int zs_index_dir_lock(zs_index_dir *d, const char *dir);
void zs_index_dir_unlock(zs_index_dir *d);

/* Path of generation gen, or of work area `shard-K` when gen is 0 and
 * shard is >= 1, into buf. */
int zs_index_dir_path(const zs_index_dir *d, unsigned gen, unsigned shard, char *buf, size_t size);

/* Makes gen the current generation: readers opening the index from now on
 * see it; the old generation's files go once no reader holds them open. */
int zs_index_dir_publish(zs_index_dir *d, unsigned gen);

/* Removes generations other than the current one and shard work areas: what a
 * finished or interrupted run leaves behind. */
int zs_index_dir_clean(zs_index_dir *d);

/* Removes generations other than the current one only: the work areas may
 * be in use (the next round's runs are written while a round is merged). */
int zs_index_dir_clean_generations(zs_index_dir *d);

#endif
