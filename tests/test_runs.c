/* test_runs: zhindex with several workers writes many bounded runs and
 * compacts them; the index must answer exactly as one written directly. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zs_test_util.h"

#include "zs_error.h"
#include "zs_indexer.h"
#include "zs_paths.h"
#include "zs_search.h"

#define DIRECT ZS_TEST_TMP "/runs-direct"
#define RUNS ZS_TEST_TMP "/runs-many"

static int add_file(void *ix, const char *path) {
  assert_int_equal(zs_indexer_add_file(ix, path), ZS_OK);
  return 0;
}

static int by_string(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Indexes every file of corpus/ into dir with opts; returns the files added. */
static unsigned index_corpus(const char *dir, zs_indexer_opts opts) {
  zs_indexer *ix = NULL;
  assert_int_equal(zs_indexer_open(&ix, dir, &opts), ZS_OK);
  assert_int_equal(zs_test_for_each_corpus_path(add_file, ix), 0);
  assert_int_equal(zs_indexer_commit(ix), ZS_OK);
  unsigned added = (unsigned)zs_indexer_stats(ix)->files_added;
  zs_indexer_close(ix);
  return added;
}

/* "score file line" of every hit, sorted, so that document ids do not matter. */
static char *digest(zs_searcher *s, const char *q) {
  zs_search_params p = {.max = 1000, .exact_count_up_to = UINT32_MAX, .facets = true};
  zs_hits *h = NULL;
  assert_int_equal(zs_search_run(s, q, strlen(q), &p, &h), ZS_OK);
  char **lines = calloc(h->n + 1, sizeof *lines);
  size_t total = 64;
  for (size_t i = 0; i < h->n; i++) {
    char buf[4200];
    snprintf(buf, sizeof buf, "%.9g %s %u", h->hit[i].score, h->hit[i].file->path,
             h->hit[i].rec.line_first);
    lines[i] = strdup(buf);
    total += strlen(buf) + 1;
  }
  qsort(lines, h->n, sizeof *lines, by_string);
  char *out = calloc(total + 64 * ZS_NFACETS * 64, 1);
  int at = sprintf(out, "total %u\n", h->total_estimate);
  for (size_t i = 0; i < h->n; i++) {
    at += sprintf(out + at, "%s\n", lines[i]);
    free(lines[i]);
  }
  for (size_t f = 0; f < h->nfacets; f++)
    for (size_t i = 0; i < h->facets[f].n && i < 64; i++)
      at += snprintf(out + at, 64, "%s=%.40s:%u\n", h->facets[f].name, h->facets[f].value[i],
                     h->facets[f].count[i]);
  free(lines);
  zs_hits_free(h);
  return out;
}

static void many_runs_answer_as_one_index(void **state) {
  (void)state;
  zs_remove_tree(DIRECT);
  zs_remove_tree(RUNS);
  unsigned direct = index_corpus(DIRECT, (zs_indexer_opts){.rebuild = true, .jobs = 1});
  /* 16 KB per run: each report (20-200 KB) makes a run of its own */
  unsigned runs =
      index_corpus(RUNS, (zs_indexer_opts){.rebuild = true, .jobs = 2, .run_bytes = 16 << 10});
  assert_int_equal(direct, runs);
  assert_true(direct >= 5);

  /* the runs are compacted away */
  DIR *d = opendir(RUNS);
  assert_non_null(d);
  for (struct dirent *e; (e = readdir(d)) != NULL;)
    assert_null(strstr(e->d_name, "shard-"));
  closedir(d);

  zs_searcher *a = NULL, *b = NULL;
  assert_int_equal(zs_searcher_open(&a, DIRECT), ZS_OK);
  assert_int_equal(zs_searcher_open(&b, RUNS), ZS_OK);
  uint32_t na = 0, nb = 0;
  assert_int_equal(zs_searcher_doc_count(a, &na), ZS_OK);
  assert_int_equal(zs_searcher_doc_count(b, &nb), ZS_OK);
  assert_int_equal(na, nb);
  const char *queries[] = {"育儿补贴",       "青春健康", "\"托育\"",           "\"10.6万人\"",
                           "暖心家园 -保险", "\"育\"",   "province:河南 服务", "doc:hunan 宣传"};
  for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
    char *x = digest(a, queries[i]), *y = digest(b, queries[i]);
    assert_true(strlen(x) > strlen("total 0\n"));
    assert_string_equal(x, y);
    free(x);
    free(y);
  }
  zs_searcher_close(a);
  zs_searcher_close(b);

  /* a second run over the same files finds nothing to do */
  assert_int_equal(index_corpus(RUNS, (zs_indexer_opts){.jobs = 2, .run_bytes = 16 << 10}), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(many_runs_answer_as_one_index)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
