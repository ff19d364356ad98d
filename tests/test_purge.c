/* Unit tests of zs_purge: a rewrite keeps exactly the live passages, each
 * built as zhindex built it, and skips a file whose record is damaged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "zs_catalog.h"
#include "zs_fold.h"
#include "zs_lexicon.h"
#include "zs_passage_doc.h"
#include "zs_purge.h"
#include "zs_record.h"

static zs_db *open_new(const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/purge-%ld-%s", ZS_TEST_TMP, (long)getpid(), name);
  zs_db *db = NULL;
  assert_int_equal(zs_db_open(&db, path, ZS_DB_OVERWRITE, 0), ZS_OK);
  return db;
}

/* File id with `n` passages "text0 …", in version `version`, and its record. */
static void add_file(zs_db *db, zs_analyzer *a, uint32_t id, uint32_t version, const char *path,
                     const char *const *texts, size_t n) {
  zs_docmeta meta = {.year = 2022};
  strcpy(meta.province, "河南");
  zs_passage_doc_ctx ctx;
  zs_passage_doc_begin(&ctx, a, id, path, version, &meta, ZS_FOLD_DEFAULT);
  for (size_t i = 0; i < n; i++) {
    zs_passage_record rec = {.file_id = id,
                             .passage_no = (uint32_t)i,
                             .line_first = (uint32_t)i + 1,
                             .line_last = (uint32_t)i + 1,
                             .headings = "一、工作要点\n",
                             .headings_len = strlen("一、工作要点\n"),
                             .text = texts[i],
                             .text_len = strlen(texts[i])};
    assert_int_equal(zs_passage_doc_add_record(&ctx, db, &rec, i == 0), ZS_OK);
  }
  zs_file_record fr = {.file_id = id,
                       .passages = (uint32_t)n,
                       .version = version,
                       .year = 2022,
                       .path = path,
                       .path_len = strlen(path),
                       .title = texts[0],
                       .title_len = strlen(texts[0]),
                       .province = "河南"};
  assert_int_equal(zs_catalog_store(db, &fr), ZS_OK);
}

static uint32_t live(zs_db *db) {
  uint32_t n = 0;
  assert_int_equal(zs_db_doc_count(db, &n), ZS_OK);
  return n;
}

static uint32_t matches(zs_db *db, const char *term) {
  zs_query *q = NULL;
  assert_int_equal(zs_query_term(&q, term, strlen(term), 1), ZS_OK);
  zs_results *r = NULL;
  zs_search_opts o;
  zs_search_opts_init(&o);
  o.check_at_least = 1000;
  assert_int_equal(zs_search(&r, db, q, &o), ZS_OK);
  uint32_t lower = 0, upper = 0;
  zs_results_matches(r, &lower, NULL, &upper);
  assert_int_equal(lower, upper);
  zs_results_free(r);
  zs_query_free(q);
  return lower;
}

static int add_count(void *ctx, zs_docid id, const char *data, size_t len) {
  (void)id;
  (void)data;
  (void)len;
  (*(size_t *)ctx)++;
  return 0;
}

static void test_rewrite_keeps_the_live_passages(void **state) {
  (void)state;
  zs_analyzer *a = NULL;
  assert_int_equal(zs_analyzer_new(&a, zs_lexicon_builtin()), ZS_OK);
  zs_db *src = open_new("src");
  const char *v1[] = {"关于育儿补贴的通知", "发放育儿补贴"};
  const char *v2[] = {"关于育儿补贴的通知", "按月发放育儿补贴", "托育服务"};
  const char *other[] = {"青春健康工作要点", "暖心家园"};
  add_file(src, a, 1, 1, "/a/notice.txt", v1, 2);
  add_file(src, a, 2, 1, "/a/other.txt", other, 2);
  add_file(src, a, 1, 2, "/a/notice.txt", v2, 3); /* a new version of file 1 */
  char vterm[32];
  int n = zs_catalog_version_term(vterm, sizeof vterm, 1, 1);
  assert_int_equal(zs_db_delete_term(src, vterm, (size_t)n), ZS_OK);
  assert_int_equal(zs_db_commit(src), ZS_OK);
  bool due = false;
  assert_int_equal(zs_purge_due(src, &due), ZS_OK);
  assert_true(due); /* 2 dead of 7 */
  zs_db *dest = open_new("dest");
  assert_int_equal(zs_purge_rewrite(src, dest, a, ZS_FOLD_DEFAULT, NULL), ZS_OK);
  uint32_t dead = 0, all = 0;
  assert_int_equal(zs_db_dead_count(dest, &dead, &all), ZS_OK);
  assert_int_equal(dead, 0);
  assert_int_equal(all, 5);
  /* the same postings as the live passages of src: words, headings, filters, front */
  const char *terms[] = {"育儿", "托育", "青春", "XP河南", "XS", vterm};
  for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
    assert_int_equal(matches(dest, terms[i]), matches(src, terms[i]));
  assert_int_equal(matches(dest, "XS"), 2);
  size_t docs = 0;
  assert_int_equal(zs_db_each_doc(dest, NULL, 0, false, add_count, &docs), ZS_OK);
  assert_int_equal(docs, 5);
  zs_db_close(dest);

  /* Ctrl-C: ZS_ESTOP at once, nothing written, src as it was */
  volatile sig_atomic_t stop = 1;
  dest = open_new("stopped");
  assert_int_equal(zs_purge_rewrite(src, dest, a, ZS_FOLD_DEFAULT, &stop), ZS_ESTOP);
  assert_int_equal(live(dest), 0);
  zs_db_close(dest);
  assert_int_equal(live(src), 5);

  /* a damaged file record: that file's passages are left out, the rest kept */
  assert_int_equal(zs_db_set_metadata(src, "file:2", "garbage", 7), ZS_OK);
  assert_int_equal(zs_db_commit(src), ZS_OK);
  dest = open_new("dest2");
  assert_int_equal(zs_purge_rewrite(src, dest, a, ZS_FOLD_DEFAULT, NULL), ZS_OK);
  assert_int_equal(live(dest), 3);
  assert_int_equal(matches(dest, "青春"), 0);
  zs_db_close(dest);
  zs_db_close(src);
  zs_analyzer_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rewrite_keeps_the_live_passages),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
