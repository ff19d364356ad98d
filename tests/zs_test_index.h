/* zs_test_index: for the tests that search the real corpus in-process: a fresh
 * index of corpus/ with the reference passages to check its answers against. */
#ifndef ZS_TEST_INDEX_H
#define ZS_TEST_INDEX_H

#include <stddef.h>

#include "zs_search.h"
#include "zs_test_text.h"

/* Indexes every corpus file into a new index at dir (what was there is removed
 * first), collects their passages on the way (zs_test_ref_passages with
 * ZS_FOLD_DEFAULT) into *refs, *n of them, and opens *searcher on the index.
 * Returns ZS_OK, or the indexer's or searcher's error with *searcher and
 * *refs NULL and *n 0. The caller closes *searcher with zs_searcher_close and
 * frees *refs with zs_test_ref_passages_free. */
int zs_test_index_corpus(const char *dir, zs_searcher **searcher, zs_test_ref_passage **refs,
                         size_t *n);

#endif
