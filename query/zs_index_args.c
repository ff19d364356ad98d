/* zs_index_args: --index, repeatable: the indexes a zhquery command searches,
 * or the default index (zs_paths.h) when none is named. */
#include "zs_index_args.h"

#include "zs_error.h"
#include "zs_paths.h"

int zs_index_args_add(zs_index_args *a, const char *index) {
  if (a->n == ZS_MAX_INDEX_ARGS)
    return zs_error_set(ZS_ETOOBIG, "more than %d --index options; list the shards in a stub "
                        "file instead", ZS_MAX_INDEX_ARGS);
  a->given[a->n++] = index;
  return ZS_OK;
}

bool zs_index_args_given(const zs_index_args *a) { return a->n > 0; }

int zs_index_args_finish(zs_index_args *a) {
  if (a->n)
    return ZS_OK;
  int rc = zs_default_index_path(a->fallback, sizeof a->fallback);
  if (rc == ZS_OK)
    a->given[a->n++] = a->fallback;
  return rc;
}

int zs_index_args_open(const zs_index_args *a, zs_searcher **out) {
  if (!a->n)
    return zs_error_set(ZS_EINVAL, "no index given");
  return zs_searcher_open_many(out, a->given, a->n);
}
