/* Unit tests for shim/zs_xapian: databases, documents, queries and search over
 * real Xapian databases in a temporary directory. */
#define _XOPEN_SOURCE 700 /* nftw */

/* cmocka.h needs these four first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zs_error.h"
#include "zs_xapian.h"

#define PATH_LEN 512
#define BIT(id) (1u << (id))

typedef struct fixture {
  char dir[PATH_LEN / 2];
} fixture;

/* ---- helpers ------------------------------------------------------------ */

/* Fails the test at the caller's line, printing zs_error_last(), unless rc is ZS_OK. */
#define assert_ok(expr) check_ok((expr), #expr, __FILE__, __LINE__)
static void check_ok(int rc, const char *expr, const char *file, int line) {
  if (rc != ZS_OK) {
    print_error("%s -> %s: %s\n", expr, zs_error_name(rc), zs_error_last());
    _fail(file, line);
  }
}

static void assert_close(double a, double b) {
  double d = a > b ? a - b : b - a;
  if (d > 1e-9 * (a > b ? a : b) + 1e-12) {
    print_error("%.17g != %.17g\n", a, b);
    fail();
  }
}

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  if (!f)
    return -1;
  snprintf(f->dir, sizeof f->dir, "%s/shimXXXXXX", ZS_TEST_TMP);
  if (!mkdtemp(f->dir)) {
    free(f);
    return -1;
  }
  *state = f;
  return 0;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)type;
  (void)ftw;
  return remove(path);
}

static int teardown(void **state) {
  fixture *f = *state;
  int rc = nftw(f->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  free(f);
  return rc;
}

/* Writes "<tempdir>/<name>" into out. */
static void path_of(char out[PATH_LEN], void **state, const char *name) {
  const fixture *f = *state;
  int n = snprintf(out, PATH_LEN, "%s/%s", f->dir, name);
  assert_true(n > 0 && n < PATH_LEN);
}

static zs_db *open_db(const char *path, int mode) {
  zs_db *db = NULL;
  assert_ok(zs_db_open(&db, path, mode, 0));
  assert_non_null(db);
  return db;
}

/* Adds a document whose space-separated words are postings at positions 1..n;
 * data (may be NULL) becomes its data. Returns its id. */
static zs_docid add_words(zs_db *db, const char *words, const char *data) {
  zs_doc *doc;
  assert_ok(zs_doc_new(&doc));
  uint32_t pos = 1;
  for (const char *w = words; *w;) {
    size_t len = strcspn(w, " ");
    if (len > 0)
      assert_ok(zs_doc_add_posting(doc, w, len, pos++, 1));
    w += len;
    w += *w == ' ';
  }
  if (data)
    assert_ok(zs_doc_set_data(doc, data, strlen(data)));
  zs_docid id;
  assert_ok(zs_db_add(db, doc, &id));
  zs_doc_free(doc);
  return id;
}

static uint32_t doc_count(zs_db *db) {
  uint32_t n;
  assert_ok(zs_db_doc_count(db, &n));
  return n;
}

static zs_query *term(const char *t) {
  zs_query *q;
  assert_ok(zs_query_term(&q, t, strlen(t), 1));
  return q;
}

/* op over the n queries that follow, which it frees. */
static zs_query *combine(int op, unsigned window, size_t n, ...) {
  zs_query *subs[8];
  assert_true(n <= 8);
  va_list ap;
  va_start(ap, n);
  for (size_t i = 0; i < n; i++)
    subs[i] = va_arg(ap, zs_query *);
  va_end(ap);
  zs_query *q;
  assert_ok(zs_query_combine(&q, op, subs, n, window));
  for (size_t i = 0; i < n; i++)
    zs_query_free(subs[i]);
  return q;
}

static zs_results *search(zs_db *db, const zs_query *q, const zs_search_opts *opts) {
  zs_results *r;
  assert_ok(zs_search(&r, db, q, opts));
  return r;
}

/* The set of matching docids (all below 32) as a bit mask, leaving out the
 * set under hide (may be NULL); frees q. */
static unsigned take_mask_hiding(zs_db *db, zs_query *q, const char *hide) {
  zs_search_opts opts;
  zs_search_opts_init(&opts);
  opts.max = 100;
  opts.hide_docset = hide;
  zs_results *r = search(db, q, &opts);
  unsigned mask = 0;
  for (size_t i = 0; i < zs_results_size(r); i++) {
    zs_docid id = zs_results_docid(r, i);
    assert_true(id > 0 && id < 32);
    mask |= BIT(id);
  }
  zs_results_free(r);
  zs_query_free(q);
  return mask;
}

static unsigned take_mask(zs_db *db, zs_query *q) {
  return take_mask_hiding(db, q, NULL);
}

static unsigned all_mask(zs_db *db) {
  zs_query *q;
  assert_ok(zs_query_match_all(&q));
  return take_mask(db, q);
}

/* Score of document id under q (which it frees); fails when id does not match. */
static double take_score(zs_db *db, zs_query *q, zs_docid id) {
  zs_search_opts opts;
  zs_search_opts_init(&opts);
  opts.max = 100;
  zs_results *r = search(db, q, &opts);
  double score = -1;
  for (size_t i = 0; i < zs_results_size(r); i++)
    if (zs_results_docid(r, i) == id)
      score = zs_results_score(r, i);
  zs_results_free(r);
  zs_query_free(q);
  assert_true(score >= 0);
  return score;
}

static int db_count_at(const char *path) {
  zs_db *r = open_db(path, ZS_DB_READ);
  int n = (int)doc_count(r);
  zs_db_close(r);
  return n;
}

/* ---- databases ---------------------------------------------------------- */

/* Data (with a NUL byte), values and terms written and committed read back after reopening. */
static void test_shim_round_trip_after_reopen(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  zs_doc *doc;
  assert_ok(zs_doc_new(&doc));
  assert_int_equal(zs_doc_id(doc), 0);
  assert_ok(zs_doc_add_posting(doc, "政策", strlen("政策"), 1, 1));
  assert_ok(zs_doc_add_term(doc, "Xfoo", 4, 2));
  assert_ok(zs_doc_set_data(doc, "报告\0x", strlen("报告") + 2));
  assert_ok(zs_doc_set_value(doc, 0, "v0", 2));
  assert_ok(zs_doc_set_value(doc, 3, "v3", 2));
  zs_docid id;
  assert_ok(zs_db_add(w, doc, &id));
  assert_int_equal(id, 1);
  zs_doc_free(doc);
  assert_ok(zs_db_commit(w));
  zs_db_close(w);

  zs_db *r = open_db(path, ZS_DB_READ);
  assert_int_equal(doc_count(r), 1);
  uint32_t tf;
  assert_ok(zs_db_term_freq(r, "政策", strlen("政策"), &tf));
  assert_int_equal(tf, 1);
  assert_ok(zs_db_term_freq(r, "nope", 4, &tf));
  assert_int_equal(tf, 0);
  assert_ok(zs_db_get_doc(r, id, &doc));
  assert_int_equal(zs_doc_id(doc), id);
  const char *p;
  size_t len;
  assert_ok(zs_doc_get_data(doc, &p, &len));
  assert_int_equal(len, strlen("报告") + 2);
  assert_memory_equal(p, "报告\0x", len);
  assert_ok(zs_doc_get_value(doc, 3, &p, &len));
  assert_int_equal(len, 2);
  assert_memory_equal(p, "v3", 2);
  assert_ok(zs_doc_get_value(doc, 0, &p, &len));
  assert_memory_equal(p, "v0", 2);
  assert_ok(zs_doc_get_value(doc, 1, &p, &len));
  assert_int_equal(len, 0);
  zs_doc_free(doc);
  zs_db_close(r);
}

/* Closing a writer without zs_db_commit stores nothing. */
static void test_shim_close_discards_uncommitted(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  add_words(w, "kept", NULL);
  assert_ok(zs_db_commit(w));
  add_words(w, "dropped", NULL);
  zs_db_close(w);
  assert_int_equal(db_count_at(path), 1);
}

/* ZS_DB_OVERWRITE starts from an empty database. */
static void test_shim_overwrite_discards_content(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  add_words(w, "a", NULL);
  assert_ok(zs_db_commit(w));
  zs_db_close(w);
  w = open_db(path, ZS_DB_OVERWRITE);
  assert_int_equal(doc_count(w), 0);
  zs_db_close(w);
}

/* zs_db_delete_term removes every document indexed by the term, and no others. */
static void test_shim_delete_term_removes_all(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  add_words(w, "gone a", NULL);
  add_words(w, "gone b", NULL);
  zs_docid kept = add_words(w, "stays", NULL);
  assert_ok(zs_db_delete_term(w, "gone", 4));
  assert_ok(zs_db_delete_term(w, "absent", 6));
  assert_int_equal(all_mask(w), BIT(kept)); /* before the commit, in the writer */
  assert_ok(zs_db_commit(w));
  assert_int_equal(doc_count(w), 1);
  assert_int_equal(all_mask(w), BIT(kept));
  zs_db_close(w);
  zs_db *r = open_db(path, ZS_DB_READ);
  assert_int_equal(doc_count(r), 1);
  assert_int_equal(all_mask(r), BIT(kept));
  assert_int_equal(take_mask(r, term("gone")), 0);
  zs_db_close(r);
}

/* Deletions in a cancelled transaction are forgotten with it; those of a
 * later one still count. */
static void test_shim_cancel_forgets_deletions(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  zs_docid a = add_words(w, "x a", NULL), b = add_words(w, "x b", NULL);
  assert_ok(zs_db_commit(w));
  assert_ok(zs_db_begin(w));
  assert_ok(zs_db_delete_term(w, "a", 1));
  assert_int_equal(all_mask(w), BIT(b));
  assert_ok(zs_db_cancel(w));
  assert_int_equal(all_mask(w), BIT(a) | BIT(b));
  assert_int_equal(doc_count(w), 2);
  /* cancelled with nothing read in between: the deletion must not be
   * written by the next transaction's commit */
  assert_ok(zs_db_begin(w));
  assert_ok(zs_db_delete_term(w, "a", 1));
  assert_ok(zs_db_cancel(w));
  assert_ok(zs_db_begin(w));
  zs_docid c = add_words(w, "x c", NULL);
  assert_ok(zs_db_commit(w));
  assert_int_equal(all_mask(w), BIT(a) | BIT(b) | BIT(c));
  assert_ok(zs_db_begin(w));
  assert_ok(zs_db_delete_term(w, "b", 1));
  assert_ok(zs_db_commit(w));
  zs_db_close(w);
  zs_db *r = open_db(path, ZS_DB_READ);
  assert_int_equal(all_mask(r), BIT(a) | BIT(c));
  zs_db_close(r);
}

/* Writes n documents "x dN" (N from 1) into a new database at path, deletes
 * those whose bit is in dead and puts those in held into "docset:held". */
static void write_numbered(const char *path, int n, unsigned dead, unsigned held) {
  zs_db *w = open_db(path, ZS_DB_WRITE);
  zs_docid ids[32];
  size_t nheld = 0;
  for (int i = 1; i <= n; i++) {
    char words[16];
    snprintf(words, sizeof words, "x d%d", i);
    zs_docid id = add_words(w, words, NULL);
    if (held & BIT(i))
      ids[nheld++] = id;
  }
  for (int i = 1; i <= n; i++)
    if (dead & BIT(i)) {
      char t[8];
      snprintf(t, sizeof t, "d%d", i);
      assert_ok(zs_db_delete_term(w, t, strlen(t)));
    }
  assert_ok(zs_db_set_docset(w, ZS_DOCSET_PREFIX "held", ids, nheld));
  assert_ok(zs_db_commit(w));
  zs_db_close(w);
}

/* Compaction renumbers documents source after source: the dead and the other
 * sets follow them, so the merged database shows and hides what its sources
 * did; opened as shards, each shard leaves out its own. */
static void test_shim_docsets_follow_compaction_and_shards(void **state) {
  char a[PATH_LEN], b[PATH_LEN], dest[PATH_LEN], one[PATH_LEN];
  path_of(a, state, "a");
  path_of(b, state, "b");
  path_of(dest, state, "merged");
  path_of(one, state, "one");
  write_numbered(a, 5, BIT(2) | BIT(5), BIT(1));
  write_numbered(b, 4, BIT(1), BIT(3) | BIT(4));
  const char *sources[] = {a, b};
  assert_ok(zs_db_compact(sources, 2, dest));
  zs_db *r = open_db(dest, ZS_DB_READ);
  /* a's 1..5 stay 1..5, b's 1..4 become 6..9 */
  assert_int_equal(doc_count(r), 6);
  assert_int_equal(all_mask(r), BIT(1) | BIT(3) | BIT(4) | BIT(7) | BIT(8) | BIT(9));
  zs_query *all;
  assert_ok(zs_query_match_all(&all));
  assert_int_equal(take_mask_hiding(r, all, ZS_DOCSET_PREFIX "held"), BIT(3) | BIT(4) | BIT(7));
  zs_db_close(r);
  /* one source: the same ids */
  zs_db *w = open_db(a, ZS_DB_WRITE);
  assert_ok(zs_db_compact_to(w, one));
  zs_db_close(w);
  assert_int_equal(db_count_at(one), 3);
  /* shards interleave ids: a's i is 2i-1, b's i is 2i */
  zs_db *s = NULL;
  assert_ok(zs_db_open_shards(&s, sources, 2, 0));
  assert_int_equal(doc_count(s), 6);
  assert_int_equal(all_mask(s), BIT(1) | BIT(5) | BIT(7) | BIT(4) | BIT(6) | BIT(8));
  assert_ok(zs_query_match_all(&all));
  assert_int_equal(take_mask_hiding(s, all, ZS_DOCSET_PREFIX "held"), BIT(5) | BIT(7) | BIT(4));
  zs_db_close(s);
}

/* A damaged set is an error that says so, not passages silently shown. */
static void test_shim_damaged_docset_is_reported(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  add_words(w, "x", NULL);
  assert_ok(zs_db_set_metadata(w, ZS_DOCSET_DEAD, "\x80", 1));
  assert_ok(zs_db_commit(w));
  zs_db_close(w);
  zs_db *r = open_db(path, ZS_DB_READ);
  zs_query *q = term("x");
  zs_results *res = NULL;
  assert_int_equal(zs_search(&res, r, q, NULL), ZS_ECORRUPT);
  assert_non_null(strstr(zs_error_last(), "damaged"));
  zs_query_free(q);
  zs_db_close(r);
}

/* Metadata round-trips through a commit; a missing key gives ZS_OK with NULL. */
static void test_shim_metadata(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  assert_ok(zs_db_set_metadata(w, "schema", "3\0b", 3));
  assert_ok(zs_db_commit(w));
  zs_db_close(w);
  zs_db *r = open_db(path, ZS_DB_READ);
  char *value;
  size_t len;
  assert_ok(zs_db_get_metadata(r, "schema", &value, &len));
  assert_int_equal(len, 3);
  assert_memory_equal(value, "3\0b", 4); /* NUL-terminated too */
  free(value);
  value = (char *)"sentinel";
  len = 99;
  assert_ok(zs_db_get_metadata(r, "missing", &value, &len));
  assert_null(value);
  assert_int_equal(len, 0);
  zs_db_close(r);
}

/* ---- queries ------------------------------------------------------------ */

/* PHRASE matches adjacent terms in order only; a window admits gaps; NEAR ignores order. */
static void test_shim_phrase_needs_adjacent_order(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  zs_docid in_order = add_words(w, "a b c", NULL);
  zs_docid reversed = add_words(w, "b a c", NULL);
  zs_docid gapped = add_words(w, "a x b", NULL);
  assert_int_equal(take_mask(w, combine(ZS_OP_PHRASE, 0, 2, term("a"), term("b"))), BIT(in_order));
  assert_int_equal(take_mask(w, combine(ZS_OP_PHRASE, 3, 2, term("a"), term("b"))),
                   BIT(in_order) | BIT(gapped));
  assert_int_equal(take_mask(w, combine(ZS_OP_NEAR, 2, 2, term("a"), term("b"))),
                   BIT(in_order) | BIT(reversed));
  zs_db_close(w);
}

/* AND, OR, AND_NOT, AND_MAYBE, FILTER and SYNONYM match the documents they promise. */
static void test_shim_boolean_operators(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  zs_docid ab = add_words(w, "a b", NULL);
  zs_docid ac = add_words(w, "a c", NULL);
  zs_docid bc = add_words(w, "b c", NULL);
  zs_docid c = add_words(w, "c", NULL);
  assert_int_equal(take_mask(w, combine(ZS_OP_AND, 0, 2, term("a"), term("b"))), BIT(ab));
  assert_int_equal(take_mask(w, combine(ZS_OP_OR, 0, 2, term("a"), term("b"))),
                   BIT(ab) | BIT(ac) | BIT(bc));
  assert_int_equal(take_mask(w, combine(ZS_OP_AND_NOT, 0, 2, term("a"), term("b"))), BIT(ac));
  assert_int_equal(take_mask(w, combine(ZS_OP_AND_NOT, 0, 3, term("c"), term("a"), term("b"))),
                   BIT(c));
  assert_int_equal(take_mask(w, combine(ZS_OP_AND_MAYBE, 0, 2, term("a"), term("b"))),
                   BIT(ab) | BIT(ac));
  assert_int_equal(take_mask(w, combine(ZS_OP_FILTER, 0, 2, term("a"), term("b"))), BIT(ab));
  assert_int_equal(take_mask(w, combine(ZS_OP_SYNONYM, 0, 2, term("a"), term("b"))),
                   BIT(ab) | BIT(ac) | BIT(bc));
  assert_int_equal(take_mask(w, combine(ZS_OP_AND, 0, 1, term("c"))), BIT(ac) | BIT(bc) | BIT(c));
  /* AND_MAYBE: the optional side adds weight; FILTER: its filter side does not. */
  double a_alone = take_score(w, term("a"), ab);
  assert_true(take_score(w, combine(ZS_OP_AND_MAYBE, 0, 2, term("a"), term("b")), ab) > a_alone);
  assert_close(take_score(w, combine(ZS_OP_FILTER, 0, 2, term("a"), term("b")), ab), a_alone);
  zs_db_close(w);
}

/* Boolean (filter) terms neither add weight when queried nor change the document's score. */
static void test_shim_boolean_terms_do_not_weigh(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  zs_docid tagged = 0, plain = 0;
  for (int i = 0; i < 2; i++) {
    zs_doc *doc;
    assert_ok(zs_doc_new(&doc));
    assert_ok(zs_doc_add_posting(doc, "x", 1, 1, 1));
    assert_ok(zs_doc_add_posting(doc, "y", 1, 2, 1));
    if (i == 0)
      assert_ok(zs_doc_add_boolean_term(doc, "Ktag", 4));
    assert_ok(zs_db_add(w, doc, i == 0 ? &tagged : &plain));
    zs_doc_free(doc);
  }
  add_words(w, "z z", NULL);
  double x_tagged = take_score(w, term("x"), tagged);
  assert_close(take_score(w, term("x"), plain), x_tagged);
  assert_close(take_score(w, combine(ZS_OP_AND, 0, 2, term("x"), term("Ktag")), tagged), x_tagged);
  zs_query *k = term("Ktag");
  assert_int_equal(take_mask(w, combine(ZS_OP_FILTER, 0, 2, term("x"), k)), BIT(tagged));
  zs_db_close(w);
}

/* Scaling one subquery's weight by 3 scales its documents' scores by 3; by 0 makes it boolean. */
static void test_shim_scale_changes_score_ratio(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  zs_docid dx = add_words(w, "x", NULL);
  zs_docid dy = add_words(w, "y", NULL);
  for (int i = 0; i < 4; i++)
    add_words(w, "filler", NULL);
  zs_query *x = term("x"), *x3, *x0;
  assert_ok(zs_query_scale(&x3, x, 3.0));
  assert_ok(zs_query_scale(&x0, x, 0.0));
  zs_query_free(x);
  zs_query *both = combine(ZS_OP_OR, 0, 2, term("y"), x3);
  double sx = take_score(w, both, dx);
  both = combine(ZS_OP_OR, 0, 2, term("y"), term("x"));
  double sx1 = take_score(w, both, dx);
  double sy = take_score(w, term("y"), dy);
  assert_close(sx1, sy);
  assert_close(sx / sy, 3.0);
  assert_close(take_score(w, x0, dx), 0.0);
  zs_db_close(w);
}

/* BM25 ranks the document with more occurrences of a rare term first, with default and custom k1,
 * b. */
static void test_shim_bm25_more_occurrences_rank_first(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  add_words(w, "rare common common common", NULL);
  zs_docid best = add_words(w, "rare rare rare common", NULL);
  for (int i = 0; i < 6; i++)
    add_words(w, "common other other other", NULL);
  zs_query *q = combine(ZS_OP_OR, 0, 2, term("rare"), term("common"));
  zs_search_opts opts;
  zs_search_opts_init(&opts);
  double scores[2];
  for (int i = 0; i < 2; i++) {
    opts.bm25_k1 = i == 0 ? -1 : 2.0;
    opts.bm25_b = i == 0 ? -1 : 0.9;
    zs_results *r = search(w, q, &opts);
    assert_int_equal(zs_results_size(r), 8);
    assert_int_equal(zs_results_docid(r, 0), best);
    assert_true(zs_results_score(r, 0) > zs_results_score(r, 1));
    scores[i] = zs_results_score(r, 0);
    zs_results_free(r);
  }
  assert_true(scores[0] != scores[1]); /* the parameters were used */
  zs_query_free(q);
  zs_db_close(w);
}

/* With check_at_least above the match count, the match count is exact. */
static void test_shim_exact_match_count(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  for (int i = 0; i < 30; i++)
    add_words(w, i % 3 ? "t" : "t u", NULL);
  zs_query *q = term("t");
  zs_search_opts opts;
  zs_search_opts_init(&opts);
  opts.max = 1;
  opts.check_at_least = 1000;
  zs_results *r = search(w, q, &opts);
  uint32_t lo, est, up;
  zs_results_matches(r, &lo, &est, &up);
  assert_int_equal(lo, 30);
  assert_int_equal(est, 30);
  assert_int_equal(up, 30);
  assert_int_equal(zs_results_size(r), 1);
  zs_results_free(r);
  zs_query_free(q);
  zs_db_close(w);
}

/* first/max page through the same ranking a single big page gives. */
static void test_shim_paging(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  const char *docs[] = {"t", "t t", "t t t", "t t t t", "t t t t t"};
  for (int i = 0; i < 5; i++)
    add_words(w, docs[i], NULL);
  zs_query *q = term("t");
  zs_search_opts opts;
  zs_search_opts_init(&opts);
  zs_results *all = search(w, q, &opts);
  assert_int_equal(zs_results_size(all), 5);
  opts.first = 2;
  opts.max = 2;
  zs_results *page = search(w, q, &opts);
  assert_int_equal(zs_results_size(page), 2);
  for (size_t i = 0; i < 2; i++)
    assert_int_equal(zs_results_docid(page, i), zs_results_docid(all, i + 2));
  zs_results_free(all);
  zs_results_free(page);
  zs_query_free(q);
  zs_db_close(w);
}

/* Collapsing on a value slot keeps at most collapse_max results per value. */
static void test_shim_collapse_keeps_n_per_value(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  const char *files = "aaabbc";
  for (int i = 0; i < 6; i++) {
    zs_doc *doc;
    assert_ok(zs_doc_new(&doc));
    assert_ok(zs_doc_add_term(doc, "t", 1, 1));
    assert_ok(zs_doc_set_value(doc, 2, files + i, 1));
    assert_ok(zs_db_add(w, doc, NULL));
    zs_doc_free(doc);
  }
  zs_query *q = term("t");
  zs_search_opts opts;
  zs_search_opts_init(&opts);
  opts.collapse_slot = 2;
  opts.collapse_max = 2;
  zs_results *r = search(w, q, &opts);
  assert_int_equal(zs_results_size(r), 5);
  int per_value[3] = {0, 0, 0};
  for (size_t i = 0; i < zs_results_size(r); i++) {
    zs_doc *doc;
    assert_ok(zs_results_doc(r, i, &doc));
    const char *v;
    size_t len;
    assert_ok(zs_doc_get_value(doc, 2, &v, &len));
    assert_int_equal(len, 1);
    per_value[*v - 'a']++;
    zs_doc_free(doc);
  }
  assert_int_equal(per_value[0], 2);
  assert_int_equal(per_value[1], 2);
  assert_int_equal(per_value[2], 1);
  zs_results_free(r);
  zs_query_free(q);
  zs_db_close(w);
}

/* A facet's value and count, joined as "value=count,…" in the order given. */
typedef struct facet_text {
  char buf[128];
  size_t at;
} facet_text;

static int add_facet(void *ctx, const char *value, size_t len, uint32_t count) {
  facet_text *t = ctx;
  int n = snprintf(t->buf + t->at, sizeof t->buf - t->at, "%.*s=%u,", (int)len, value, count);
  assert_true(n > 0 && (size_t)n < sizeof t->buf - t->at);
  t->at += (size_t)n;
  return 0;
}

/* Facets count each value over all matches (not the page), in value order, per slot. */
static void test_shim_facet_counts_all_matches(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  static const char *const docs[][3] = {
      /* term, slot 3, slot 5 */
      {"t", "hn", "2021"}, {"t", "gz", "2025"}, {"t", "hn", "2022"}, {"t", "hn", "2021"},
      {"u", "hn", "2021"}, {"t", "fj", ""},     {"u", "fj", "2022"}};
  for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
    zs_doc *doc;
    assert_ok(zs_doc_new(&doc));
    assert_ok(zs_doc_add_term(doc, docs[i][0], 1, 1));
    assert_ok(zs_doc_set_value(doc, 3, docs[i][1], strlen(docs[i][1])));
    if (*docs[i][2])
      assert_ok(zs_doc_set_value(doc, 5, docs[i][2], strlen(docs[i][2])));
    assert_ok(zs_db_add(w, doc, NULL));
    zs_doc_free(doc);
  }
  zs_query *q = term("t");
  zs_search_opts opts;
  zs_search_opts_init(&opts);
  opts.max = 1;
  opts.check_at_least = 100;
  opts.facet_slots[0] = 5;
  opts.facet_slots[1] = 3;
  opts.nfacets = 2;
  zs_results *r = search(w, q, &opts);
  assert_int_equal(zs_results_size(r), 1);
  facet_text years = {.at = 0}, places = {.at = 0};
  assert_ok(zs_results_facet(r, 0, add_facet, &years));
  assert_ok(zs_results_facet(r, 1, add_facet, &places));
  assert_string_equal(years.buf, "2021=2,2022=1,2025=1,");
  assert_string_equal(places.buf, "fj=1,gz=1,hn=3,");
  assert_int_equal(zs_results_facet(r, 2, add_facet, &years), ZS_EINVAL); /* not asked for */
  zs_results_free(r);
  opts.nfacets = 0; /* none asked for: none counted */
  r = search(w, q, &opts);
  assert_int_equal(zs_results_facet(r, 0, add_facet, &years), ZS_EINVAL);
  zs_results_free(r);
  zs_query_free(q);
  zs_db_close(w);
}

/* Adds a document with term t and value v in slot 1 (none when v is ""). */
static void add_valued(zs_db *w, const char *t, const char *v) {
  zs_doc *doc;
  assert_ok(zs_doc_new(&doc));
  assert_ok(zs_doc_add_term(doc, t, strlen(t), 1));
  if (*v)
    assert_ok(zs_doc_set_value(doc, 1, v, strlen(v)));
  assert_ok(zs_db_add(w, doc, NULL));
  zs_doc_free(doc);
}

static void facet_of(zs_db *r, const char *t, char *out) {
  zs_query *q = term(t);
  zs_search_opts opts;
  zs_search_opts_init(&opts);
  opts.max = 1;
  opts.check_at_least = 1000;
  opts.facet_slots[0] = 1;
  opts.nfacets = 1;
  zs_results *res = search(r, q, &opts);
  facet_text f = {.at = 0};
  assert_ok(zs_results_facet(res, 0, add_facet, &f));
  strcpy(out, f.at ? f.buf : "");
  zs_results_free(res);
  zs_query_free(q);
}

/* A reader counts facets from a column of the slot after its first search:
 * the same counts, in value order, and after a reopen on a new revision the
 * new documents' values, not the old column's. */
static void test_shim_facet_columns_follow_the_revision(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  for (int i = 0; i < 300; i++) /* runs of one value, gaps, values not every document has */
    add_valued(w, i % 3 ? "t" : "u", i % 7 == 0 ? "" : i < 100 ? "hn" : i < 200 ? "gz" : "fj");
  assert_ok(zs_db_commit(w));
  zs_db *r = open_db(path, ZS_DB_READ);
  char first[256], again[256], third[256];
  facet_of(r, "t", first); /* reading the value stream */
  facet_of(r, "t", again); /* builds the column */
  facet_of(r, "t", third);
  assert_string_equal(first, "fj=58,gz=58,hn=56,");
  assert_string_equal(again, first);
  assert_string_equal(third, first);
  add_valued(w, "t", "ah");
  add_valued(w, "t", "hn");
  assert_ok(zs_db_commit(w));
  assert_ok(zs_db_reopen(r));
  facet_of(r, "t", again);
  assert_string_equal(again, "ah=1,fj=58,gz=58,hn=57,");
  facet_of(r, "t", again);
  assert_string_equal(again, "ah=1,fj=58,gz=58,hn=57,");
  zs_db_close(r);
  zs_db_close(w);
}

/* A prefix query matches exactly the documents with a term starting with the prefix. */
static void test_shim_prefix_matches_prefixed_terms(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  zs_docid apple = add_words(w, "Zapple", NULL);
  zs_docid apricot = add_words(w, "Zapricot", NULL);
  add_words(w, "Zbanana ap", NULL);
  zs_query *q;
  assert_ok(zs_query_prefix(&q, "Zap", 3, 0));
  assert_int_equal(take_mask(w, q), BIT(apple) | BIT(apricot));
  assert_ok(zs_query_prefix(&q, "Zap", 3, 2));
  assert_int_equal(take_mask(w, q), BIT(apple) | BIT(apricot));
  zs_db_close(w);
}

/* A prefix query expanding past max_expansion fails the search with ZS_ETOOBIG. */
static void test_shim_prefix_over_limit_is_toobig(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  add_words(w, "Zapple Zapricot", NULL);
  zs_query *q;
  assert_ok(zs_query_prefix(&q, "Zap", 3, 1));
  zs_results *r = (zs_results *)q; /* sentinel: must become NULL */
  assert_int_equal(zs_search(&r, w, q, NULL), ZS_ETOOBIG);
  assert_null(r);
  assert_non_null(strstr(zs_error_last(), "prefix"));
  zs_query_free(q);
  zs_db_close(w);
}

/* match_all matches every document; match_nothing none. */
static void test_shim_match_all_and_nothing(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  zs_docid a = add_words(w, "a", NULL);
  zs_docid b = add_words(w, "b", NULL);
  zs_query *q;
  assert_ok(zs_query_match_all(&q));
  assert_int_equal(take_mask(w, q), BIT(a) | BIT(b));
  assert_ok(zs_query_match_nothing(&q));
  assert_int_equal(take_mask(w, q), 0);
  zs_db_close(w);
}

/* zs_query_describe names the terms of the query. */
static void test_shim_describe_names_terms(void **state) {
  (void)state;
  zs_query *q = combine(ZS_OP_PHRASE, 0, 2, term("政府"), term("工作"));
  char *desc = zs_query_describe(q);
  assert_non_null(desc);
  assert_non_null(strstr(desc, "政府"));
  assert_non_null(strstr(desc, "PHRASE"));
  free(desc);
  zs_query_free(q);
}

/* ---- errors, locks and transactions ------------------------------------- */

/* Reading a missing database (no directory, or an empty one) is ZS_ENOTFOUND naming the path. */
static void test_shim_missing_db_not_found(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "nope");
  for (int i = 0; i < 2; i++) {
    if (i == 1)
      assert_int_equal(mkdir(path, 0700), 0);
    zs_db *db = (zs_db *)path; /* sentinel: must become NULL */
    assert_int_equal(zs_db_open(&db, path, ZS_DB_READ, 0), ZS_ENOTFOUND);
    assert_null(db);
    assert_non_null(strstr(zs_error_last(), path));
  }
}

/* A second writer on a path is ZS_ELOCKED ("locked", path) until the first one closes. */
static void test_shim_second_writer_locked(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *first = open_db(path, ZS_DB_WRITE);
  zs_db *second = NULL;
  assert_int_equal(zs_db_open(&second, path, ZS_DB_WRITE, 0), ZS_ELOCKED);
  assert_null(second);
  assert_non_null(strstr(zs_error_last(), "locked"));
  assert_non_null(strstr(zs_error_last(), path));
  zs_db_close(first);
  second = open_db(path, ZS_DB_WRITE);
  zs_db_close(second);
}

/* begin, add, cancel stores nothing; begin, add, commit stores the document. */
static void test_shim_transactions(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  assert_ok(zs_db_begin(w));
  add_words(w, "cancelled", NULL);
  assert_ok(zs_db_cancel(w));
  assert_int_equal(doc_count(w), 0);
  assert_int_equal(db_count_at(path), 0);

  assert_ok(zs_db_begin(w));
  add_words(w, "committed", NULL);
  assert_int_equal(db_count_at(path), 0);
  assert_ok(zs_db_commit(w));
  assert_int_equal(db_count_at(path), 1);
  zs_db_close(w);
  assert_int_equal(db_count_at(path), 1);
}

/* A reader keeps seeing the commit it opened at until zs_db_reopen. */
static void test_shim_reader_sees_commit_after_reopen(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  add_words(w, "one", NULL);
  assert_ok(zs_db_commit(w));
  zs_db *r = open_db(path, ZS_DB_READ);
  assert_int_equal(doc_count(r), 1);
  add_words(w, "two", NULL);
  assert_ok(zs_db_commit(w));
  assert_int_equal(doc_count(r), 1);
  assert_ok(zs_db_reopen(r));
  assert_int_equal(doc_count(r), 2);
  zs_db_close(r);
  zs_db_close(w);
}

/* A flush threshold makes Xapian commit every N changes. The variable is
 * left set, not restored after each open: restoring it raced with other
 * threads reading the environment while writers were opened. */
static void test_shim_flush_threshold(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  assert_int_equal(setenv("XAPIAN_FLUSH_THRESHOLD", "77", 1), 0);
  zs_db *w = NULL;
  assert_ok(zs_db_open(&w, path, ZS_DB_WRITE, 3));
  assert_string_equal(getenv("XAPIAN_FLUSH_THRESHOLD"), "3");
  for (int i = 0; i < 4; i++)
    add_words(w, "t", NULL);
  assert_int_equal(db_count_at(path), 3);
  zs_db_close(w);
  assert_int_equal(db_count_at(path), 3);
  /* Threshold 0 leaves the environment alone. */
  assert_int_equal(setenv("XAPIAN_FLUSH_THRESHOLD", "77", 1), 0);
  assert_ok(zs_db_open(&w, path, ZS_DB_WRITE, 0));
  assert_string_equal(getenv("XAPIAN_FLUSH_THRESHOLD"), "77");
  zs_db_close(w);
  assert_int_equal(unsetenv("XAPIAN_FLUSH_THRESHOLD"), 0);
}

/* Records the terms zs_db_all_terms visits; returns 42 after stop_after of them. */
struct visit {
  char seen[8][8];
  int n, stop_after;
};

static int visit_term(void *ctx, const char *term, size_t len) {
  struct visit *v = ctx;
  assert_true(v->n < 8 && len < 8);
  memcpy(v->seen[v->n], term, len);
  v->seen[v->n][len] = '\0';
  return ++v->n == v->stop_after ? 42 : 0;
}

/* all_terms visits the terms with the prefix in sorted order and stops on a non-zero return. */
static void test_shim_all_terms_in_order(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  add_words(w, "Pc Qz Pa", NULL);
  add_words(w, "Pb O Pa", NULL);
  struct visit v = {.n = 0, .stop_after = 0};
  assert_ok(zs_db_all_terms(w, "P", 1, visit_term, &v));
  assert_int_equal(v.n, 3);
  assert_string_equal(v.seen[0], "Pa");
  assert_string_equal(v.seen[1], "Pb");
  assert_string_equal(v.seen[2], "Pc");
  struct visit stop = {.n = 0, .stop_after = 2};
  assert_int_equal(zs_db_all_terms(w, NULL, 0, visit_term, &stop), 42);
  assert_int_equal(stop.n, 2);
  assert_string_equal(stop.seen[0], "O");
  zs_db_close(w);
}

/* metadata_keys visits the keys with the prefix in order and stops on non-zero. */
static void test_shim_metadata_keys_in_order(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  static const char *const keys[] = {"file:3", "file:10", "fold", "file:1", "filex", "a"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    assert_ok(zs_db_set_metadata(w, keys[i], "v", 1));
  assert_ok(zs_db_commit(w));
  zs_db_close(w);
  zs_db *r = open_db(path, ZS_DB_READ);
  struct visit v = {.n = 0, .stop_after = 0};
  assert_ok(zs_db_metadata_keys(r, "file:", visit_term, &v));
  assert_int_equal(v.n, 3);
  assert_string_equal(v.seen[0], "file:1");
  assert_string_equal(v.seen[1], "file:10");
  assert_string_equal(v.seen[2], "file:3");
  struct visit all = {.n = 0, .stop_after = 0};
  assert_ok(zs_db_metadata_keys(r, NULL, visit_term, &all));
  assert_int_equal(all.n, 6);
  assert_string_equal(all.seen[0], "a");
  assert_string_equal(all.seen[5], "fold");
  struct visit stop = {.n = 0, .stop_after = 2};
  assert_int_equal(zs_db_metadata_keys(r, "f", visit_term, &stop), 42);
  assert_int_equal(stop.n, 2);
  struct visit none = {.n = 0, .stop_after = 0};
  assert_ok(zs_db_metadata_keys(r, "zzz", visit_term, &none));
  assert_int_equal(none.n, 0);
  zs_db_close(r);
}

/* compact_to writes a database that opens with the same documents. */
static void test_shim_compact_copy(void **state) {
  char path[PATH_LEN], dest[PATH_LEN];
  path_of(path, state, "db");
  path_of(dest, state, "compact");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  for (int i = 0; i < 3; i++)
    add_words(w, "t u", "data");
  assert_ok(zs_db_commit(w));
  assert_ok(zs_db_compact_to(w, dest));
  zs_db_close(w);
  zs_db *r = open_db(dest, ZS_DB_READ);
  assert_int_equal(doc_count(r), 3);
  uint32_t tf;
  assert_ok(zs_db_term_freq(r, "u", 1, &tf));
  assert_int_equal(tf, 3);
  zs_db_close(r);
}

/* Borrowed data/value pointers stay valid across further reads of the same doc. */
static void test_shim_doc_pointers_stay_valid(void **state) {
  (void)state;
  zs_doc *doc;
  assert_ok(zs_doc_new(&doc));
  assert_ok(zs_doc_set_data(doc, "payload", 7));
  assert_ok(zs_doc_set_value(doc, 1, "one", 3));
  assert_ok(zs_doc_set_value(doc, 2, "two", 3));
  const char *data, *again, *v1, *v2;
  size_t len;
  assert_ok(zs_doc_get_data(doc, &data, &len));
  assert_ok(zs_doc_get_value(doc, 1, &v1, &len));
  for (unsigned slot = 2; slot < 40; slot++) /* grow the value cache */
    assert_ok(zs_doc_get_value(doc, slot, &v2, &len));
  assert_ok(zs_doc_get_value(doc, 2, &v2, &len));
  assert_ok(zs_doc_get_data(doc, &again, &len));
  assert_ptr_equal(again, data);
  assert_memory_equal(data, "payload", 7);
  assert_memory_equal(v1, "one", 3);
  assert_memory_equal(v2, "two", 3);
  assert_ok(zs_doc_set_data(doc, "changed", 7));
  assert_ok(zs_doc_get_data(doc, &data, &len));
  assert_memory_equal(data, "changed", 7);
  zs_doc_free(doc);
}

/* Bad arguments and misuse give ZS_EINVAL or ZS_ENOTFOUND, with outputs cleared. */
static void test_shim_misuse_is_reported(void **state) {
  char path[PATH_LEN];
  path_of(path, state, "db");
  zs_db *w = open_db(path, ZS_DB_WRITE);
  add_words(w, "a", NULL);
  assert_ok(zs_db_commit(w));
  zs_db *r = open_db(path, ZS_DB_READ);
  assert_int_equal(zs_db_set_metadata(r, "k", "v", 1), ZS_EINVAL);
  assert_non_null(strstr(zs_error_last(), "read-only"));
  assert_int_equal(zs_db_begin(r), ZS_EINVAL);
  zs_error_set(ZS_EIO, "the first failure");
  assert_int_equal(zs_db_cancel(w), ZS_OK);                  /* no transaction: nothing to undo, */
  assert_string_equal(zs_error_last(), "the first failure"); /* the failure's message kept */
  assert_int_equal(zs_db_open(NULL, path, ZS_DB_READ, 0), ZS_EINVAL);
  zs_db *db = (zs_db *)path;
  assert_int_equal(zs_db_open(&db, path, 7, 0), ZS_EINVAL);
  assert_null(db);
  zs_doc *doc = (zs_doc *)path;
  assert_int_equal(zs_db_get_doc(r, 99, &doc), ZS_ENOTFOUND);
  assert_null(doc);
  zs_query *q = (zs_query *)path;
  assert_int_equal(zs_query_term(&q, "", 0, 1), ZS_EINVAL);
  assert_null(q);
  assert_int_equal(zs_query_combine(&q, ZS_OP_AND, NULL, 0, 0), ZS_EINVAL);
  assert_int_equal(zs_query_combine(&q, 99, &q, 1, 0), ZS_EINVAL);
  zs_query *t = term("a");
  assert_int_equal(zs_query_scale(&q, t, -1.0), ZS_EINVAL);
  zs_results *res = search(r, t, NULL);
  assert_int_equal(zs_results_docid(res, 5), 0);
  assert_int_equal(zs_results_doc(res, 5, &doc), ZS_EINVAL);
  assert_null(doc);
  zs_results_free(res);
  zs_query_free(t);
  zs_db_close(r);
  zs_db_close(w);
}

/* Every free function and accessor accepts NULL. */
static void test_shim_null_accepted(void **state) {
  (void)state;
  zs_db_close(NULL);
  zs_doc_free(NULL);
  zs_query_free(NULL);
  zs_results_free(NULL);
  zs_search_opts_init(NULL);
  assert_int_equal(zs_results_size(NULL), 0);
  assert_int_equal(zs_doc_id(NULL), 0);
  assert_null(zs_query_describe(NULL));
  uint32_t lo = 1, est = 1, up = 1;
  zs_results_matches(NULL, &lo, &est, &up);
  assert_int_equal(lo + est + up, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_shim_round_trip_after_reopen, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_close_discards_uncommitted, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_overwrite_discards_content, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_delete_term_removes_all, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_cancel_forgets_deletions, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_docsets_follow_compaction_and_shards, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_shim_damaged_docset_is_reported, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_metadata, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_phrase_needs_adjacent_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_boolean_operators, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_boolean_terms_do_not_weigh, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_scale_changes_score_ratio, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_bm25_more_occurrences_rank_first, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_exact_match_count, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_paging, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_collapse_keeps_n_per_value, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_facet_counts_all_matches, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_facet_columns_follow_the_revision, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_prefix_matches_prefixed_terms, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_prefix_over_limit_is_toobig, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_match_all_and_nothing, setup, teardown),
      cmocka_unit_test(test_shim_describe_names_terms),
      cmocka_unit_test_setup_teardown(test_shim_missing_db_not_found, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_second_writer_locked, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_transactions, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_reader_sees_commit_after_reopen, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_flush_threshold, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_all_terms_in_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_metadata_keys_in_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shim_compact_copy, setup, teardown),
      cmocka_unit_test(test_shim_doc_pointers_stay_valid),
      cmocka_unit_test_setup_teardown(test_shim_misuse_is_reported, setup, teardown),
      cmocka_unit_test(test_shim_null_accepted),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
