/* zs_test_text: folding assertions and the reference passages of the corpus;
 * failures end the running cmocka test at the helper, as in zs_test_util. */
#include "zs_test_text.h"

/* cmocka.h needs these four first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_clean.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_passage.h"

/* Checks both results against want and frees them. */
static void assert_both_fold_to(zs_folded *f, char *t, size_t n, const char *want) {
  assert_string_equal(f->text, want);
  assert_int_equal(f->len, strlen(want));
  zs_folded_free(f);
  assert_string_equal(t, want);
  assert_int_equal(n, strlen(want));
  free(t);
}

void zs_test_assert_folds(const char *s, unsigned flags, const char *want) {
  zs_folded f;
  assert_int_equal(zs_fold_ex(&f, s, strlen(s), flags), ZS_OK);
  char *t;
  size_t n;
  assert_int_equal(zs_fold_string_ex(&t, &n, s, strlen(s), flags), ZS_OK);
  assert_both_fold_to(&f, t, n, want);
}

void zs_test_assert_folds_default(const char *s, const char *want) {
  zs_folded f;
  assert_int_equal(zs_fold(&f, s, strlen(s)), ZS_OK);
  char *t;
  size_t n;
  assert_int_equal(zs_fold_string(&t, &n, s, strlen(s)), ZS_OK);
  assert_both_fold_to(&f, t, n, want);
}

/* The collection under way, and the file being cut into passages. */
typedef struct ref_job {
  zs_test_ref_passage *v;
  size_t n, cap;
  unsigned flags;
  zs_test_path_fn *each_file;
  void *ctx;
  const char *file; /* its name, without the directory */
  uint32_t no;      /* the next passage's number */
} ref_job;

static int add_ref(void *ctx, const zs_passage *p) {
  ref_job *job = ctx;
  zs_test_ref_passage r = {.no = job->no++};
  snprintf(r.file, sizeof r.file, "%s", job->file);
  assert_int_equal(zs_fold_string_ex(&r.folded, &r.len, p->text, p->len, job->flags), ZS_OK);
  zs_test_push((void **)&job->v, &job->n, &job->cap, &r, sizeof r);
  return 0;
}

static int add_file(void *ctx, const char *path) {
  ref_job *job = ctx;
  int rc = job->each_file ? job->each_file(job->ctx, path) : 0;
  if (rc)
    return rc;
  size_t len;
  char *text = zs_test_read_file(path, &len);
  zs_doc_text dt;
  rc = zs_clean_document(&dt, text, len);
  if (rc == ZS_OK) {
    const char *slash = strrchr(path, '/');
    job->file = slash ? slash + 1 : path;
    job->no = 0;
    zs_passages(&dt, add_ref, job);
    zs_doc_text_free(&dt);
  }
  free(text);
  return rc;
}

int zs_test_ref_passages(zs_test_ref_passage **out, size_t *n, unsigned fold_flags,
                         zs_test_path_fn *each_file, void *ctx) {
  ref_job job = {.flags = fold_flags, .each_file = each_file, .ctx = ctx};
  int rc = zs_test_for_each_corpus_path(add_file, &job);
  if (rc) {
    zs_test_ref_passages_free(job.v, job.n);
    job.v = NULL;
    job.n = 0;
  }
  *out = job.v;
  *n = job.n;
  return rc;
}

void zs_test_ref_passages_free(zs_test_ref_passage *refs, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(refs[i].folded);
  free(refs);
}
