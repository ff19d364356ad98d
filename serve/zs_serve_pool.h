/* zs_serve_pool: searchers for the server's worker threads. A Xapian database
 * (and so a zs_searcher) serves one thread at a time: each request borrows one
 * for its duration, and searchers are reopened now and then to see new commits. */
#ifndef ZS_SERVE_POOL_H
#define ZS_SERVE_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "zs_search.h"

typedef struct zs_serve_pool zs_serve_pool;

typedef struct zs_serve_pool_opts {
  size_t size;               /* searchers, at most; one per worker thread is enough */
  unsigned max_age_s;        /* a searcher older than this is reopened when next borrowed */
  bool synonyms;             /* expand free text with synonyms (zs_searcher_synonyms) */
  const char *synonyms_file; /* the user's synonyms too, or NULL; borrowed for the pool's life */
} zs_serve_pool_opts;

/* A pool over indexes[0..n) (copied) searched as one (zs_searcher_open_many:
 * one index, or shards). Opens one searcher at once, so that an index that
 * cannot be used is reported now (its error, with zs_error_last() saying
 * why). Caller frees with zs_serve_pool_free. */
int zs_serve_pool_new(zs_serve_pool **out, const char *const *indexes, size_t n,
                      const zs_serve_pool_opts *opts);

/* Frees the pool and its searchers; none may be borrowed. Accepts NULL. */
void zs_serve_pool_free(zs_serve_pool *p);

/* Borrows a searcher, waiting while all are in use; opens (or reopens) it when
 * needed. An error when the index cannot be opened (zs_error_last() says why).
 * Give it back with zs_serve_pool_put. */
int zs_serve_pool_get(zs_serve_pool *p, zs_searcher **out);

/* Gives s back. broken: it failed on the index (say, the database was modified
 * under it): it is closed, and the next borrower gets a fresh one. */
void zs_serve_pool_put(zs_serve_pool *p, zs_searcher *s, bool broken);

#endif
