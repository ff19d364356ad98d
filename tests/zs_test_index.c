/* zs_test_index: the corpus indexed as zhindex does, in-process, with the
 * reference passages collected from the same files in the same walk. */
#include "zs_test_index.h"

#include "zs_error.h"
#include "zs_fold.h"
#include "zs_indexer.h"
#include "zs_paths.h"

static int index_file(void *ctx, const char *path) {
  return zs_indexer_add_file(ctx, path);
}

int zs_test_index_corpus(const char *dir, zs_searcher **searcher, zs_test_ref_passage **refs,
                         size_t *n) {
  *searcher = NULL;
  *refs = NULL;
  *n = 0;
  zs_remove_tree(dir);
  zs_indexer *ix;
  zs_indexer_opts opts = {.rebuild = true};
  int rc = zs_indexer_open(&ix, dir, &opts);
  if (rc)
    return rc;
  rc = zs_test_ref_passages(refs, n, ZS_FOLD_DEFAULT, index_file, ix);
  if (rc == ZS_OK)
    rc = zs_indexer_commit(ix);
  zs_indexer_close(ix);
  if (rc == ZS_OK)
    rc = zs_searcher_open(searcher, dir);
  if (rc) {
    zs_test_ref_passages_free(*refs, *n);
    *refs = NULL;
    *n = 0;
  }
  return rc;
}
