/* zs_index_args: the --index options of every zhquery command: one or more
 * indexes (directories, shard lists, remote shards) searched as one. */
#ifndef ZS_INDEX_ARGS_H
#define ZS_INDEX_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "zs_search.h"

#define ZS_MAX_INDEX_ARGS 64

typedef struct zs_index_args {
  const char *given[ZS_MAX_INDEX_ARGS]; /* borrowed from argv */
  size_t n;
  char fallback[4096]; /* the default index when none is given */
} zs_index_args;

/* Records one --index value; ZS_ETOOBIG past ZS_MAX_INDEX_ARGS. */
int zs_index_args_add(zs_index_args *a, const char *index);

/* Whether --index was given. */
bool zs_index_args_given(const zs_index_args *a);

/* Fills in the default index when none was given (zs_paths.h). */
int zs_index_args_finish(zs_index_args *a);

/* Opens what was given (or the default) as one searcher; caller frees with
 * zs_searcher_close. */
int zs_index_args_open(const zs_index_args *a, zs_searcher **out);

#endif
