/* zs_test_text: helpers for the tests of zs_text and of what is built on it:
 * folding assertions and the corpus's passages cleaned and folded as zhindex does. */
#ifndef ZS_TEST_TEXT_H
#define ZS_TEST_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "zs_test_util.h"

/* Folds s with flags through zs_fold_ex and zs_fold_string_ex and checks that
 * both give want (text and length); fails the test otherwise. */
void zs_test_assert_folds(const char *s, unsigned flags, const char *want);

/* The same through the default entry points zs_fold and zs_fold_string. */
void zs_test_assert_folds_default(const char *s, const char *want);

/* One passage of the corpus as the index holds it: cleaned (zs_clean_document,
 * zs_passages) and folded. */
typedef struct zs_test_ref_passage {
  char file[128]; /* the file's name, without its directory */
  uint32_t no;    /* 0-based passage number in its file */
  char *folded;   /* owned, NUL-terminated */
  size_t len;     /* bytes of folded */
} zs_test_ref_passage;

/* Collects every passage of every corpus file (zs_test_for_each_corpus_path
 * order) folded with fold_flags into *out, *n of them. When each_file is not
 * NULL it is first called with each file's path (to index it, say). Returns
 * ZS_OK, or the first nonzero return of each_file or error of
 * zs_clean_document, with *out NULL and *n 0. Fails the test when a file
 * cannot be read or folded. The caller frees *out with
 * zs_test_ref_passages_free. */
int zs_test_ref_passages(zs_test_ref_passage **out, size_t *n, unsigned fold_flags,
                         zs_test_path_fn *each_file, void *ctx);
void zs_test_ref_passages_free(zs_test_ref_passage *refs, size_t n);

#endif
