/* zs_search: the read side of an index: checks it was built with our analysis,
 * runs queries, decodes stored passages and caches the records of their files. */
#include "zs_search.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zs_error.h"
#include "zs_fold.h"
#include "zs_highlight.h"
#include "zs_qbuild.h"
#include "zs_qparse.h"
#include "zs_schema.h"
#include "zs_xapian.h"

/* A file's record with the buffer it borrows from. */
typedef struct cached_file {
  zs_file_record rec;
  char *bytes;
} cached_file;

struct zs_searcher {
  zs_db *db;
  zs_lexicon *extended;
  zs_analyzer *analyzer;
  cached_file *files; /* indexed by file id */
  size_t nfiles;
};

struct zs_hits_private {
  char **data; /* stored records the hits borrow from */
};

static int open_lexicon(zs_searcher *s, const char *dir) {
  char *words = NULL, *have = NULL;
  size_t len = 0, have_len = 0;
  int rc = zs_db_get_metadata(s->db, ZS_META_LEXICON_EXTRA, &words, &len);
  if (rc == ZS_OK && words && len)
    rc = zs_lexicon_extend(&s->extended, zs_lexicon_builtin(), words, len);
  const zs_lexicon *lx = s->extended ? s->extended : zs_lexicon_builtin();
  if (rc == ZS_OK)
    rc = zs_db_get_metadata(s->db, ZS_META_ANALYSIS, &have, &have_len);
  char want[256];
  snprintf(want, sizeof want, ZS_ANALYSIS_FORMAT, ZS_SCHEMA_VERSION, zs_lexicon_fingerprint(lx));
  if (rc == ZS_OK && !have)
    rc = zs_error_set(ZS_ENOTFOUND, "%s is not a zhsearch index (or it is empty); build it "
                      "with: zhindex --index %s FOLDER", dir, dir);
  else if (rc == ZS_OK && strcmp(have, want) != 0)
    rc = zs_error_set(ZS_EINVAL, "index %s was built by another version of zhsearch (%s); "
                      "rebuild it with: zhindex --rebuild --index %s FOLDER", dir, have, dir);
  if (rc == ZS_OK)
    rc = zs_analyzer_new(&s->analyzer, lx);
  free(words);
  free(have);
  return rc;
}

int zs_searcher_open(zs_searcher **out, const char *index_dir) {
  *out = NULL;
  struct stat st;
  if (stat(index_dir, &st) != 0)
    return zs_error_set(ZS_ENOTFOUND, "no index at %s; build one with: zhindex --index %s FOLDER",
                        index_dir, index_dir);
  zs_searcher *s = calloc(1, sizeof *s);
  if (!s)
    return zs_error_set(ZS_ENOMEM, "out of memory");
  int rc = zs_db_open(&s->db, index_dir, ZS_DB_READ, 0);
  if (rc == ZS_ENOTFOUND)
    rc = zs_error_set(rc, "no index at %s; build one with: zhindex --index %s FOLDER", index_dir,
                      index_dir);
  if (rc == ZS_OK)
    rc = open_lexicon(s, index_dir);
  if (rc) {
    zs_searcher_close(s);
    return rc;
  }
  *out = s;
  return ZS_OK;
}

void zs_searcher_close(zs_searcher *s) {
  if (!s)
    return;
  for (size_t i = 0; i < s->nfiles; i++)
    free(s->files[i].bytes);
  free(s->files);
  zs_analyzer_free(s->analyzer);
  zs_lexicon_free(s->extended);
  zs_db_close(s->db);
  free(s);
}

zs_analyzer *zs_searcher_analyzer(zs_searcher *s) { return s->analyzer; }

/* The record of file id, read from metadata once and cached. */
static int file_record(zs_searcher *s, uint32_t id, const zs_file_record **out) {
  if (id >= s->nfiles) {
    size_t n = (size_t)id + 64;
    cached_file *grown = realloc(s->files, n * sizeof *grown);
    if (!grown)
      return zs_error_set(ZS_ENOMEM, "out of memory");
    memset(grown + s->nfiles, 0, (n - s->nfiles) * sizeof *grown);
    s->files = grown;
    s->nfiles = n;
  }
  cached_file *cf = &s->files[id];
  if (!cf->bytes) {
    char key[32];
    size_t len;
    snprintf(key, sizeof key, ZS_META_FILE_PREFIX "%" PRIu32, id);
    int rc = zs_db_get_metadata(s->db, key, &cf->bytes, &len);
    if (rc == ZS_OK && !cf->bytes)
      rc = zs_error_set(ZS_ECORRUPT, "index has passages of file %" PRIu32 " but no record of it",
                        id);
    if (rc == ZS_OK)
      rc = zs_file_record_decode(&cf->rec, cf->bytes, len);
    if (rc) {
      free(cf->bytes);
      cf->bytes = NULL;
      return rc;
    }
  }
  *out = &cf->rec;
  return ZS_OK;
}

/* Fills hit i of h from result i of r. */
static int fill_hit(zs_searcher *s, zs_results *r, size_t i, const zs_needles *nd, zs_hits *h) {
  zs_doc *doc = NULL;
  const char *data;
  size_t len = 0;
  zs_hit *hit = &h->hit[i];
  hit->score = zs_results_score(r, i);
  int rc = zs_results_doc(r, i, &doc);
  if (rc == ZS_OK)
    rc = zs_doc_get_data(doc, &data, &len);
  if (rc == ZS_OK && !(h->priv->data[i] = malloc(len + 1)))
    rc = zs_error_set(ZS_ENOMEM, "out of memory");
  if (rc == ZS_OK) {
    memcpy(h->priv->data[i], data, len);
    h->priv->data[i][len] = '\0';
    rc = zs_passage_record_decode(&hit->rec, h->priv->data[i], len);
  }
  if (rc == ZS_OK)
    rc = file_record(s, hit->rec.file_id, &hit->file);
  if (rc == ZS_OK)
    rc = zs_highlight(&hit->spans, &hit->nspans, hit->rec.text, hit->rec.text_len, nd);
  zs_doc_free(doc);
  return rc;
}

static int collect_hits(zs_searcher *s, zs_results *r, const zs_needles *nd, zs_hits *h) {
  size_t n = zs_results_size(r);
  h->hit = calloc(n ? n : 1, sizeof *h->hit);
  h->priv->data = calloc(n ? n : 1, sizeof *h->priv->data);
  if (!h->hit || !h->priv->data)
    return zs_error_set(ZS_ENOMEM, "out of memory");
  h->n = n;
  for (size_t i = 0; i < n; i++) {
    int rc = fill_hit(s, r, i, nd, h);
    if (rc)
      return rc;
  }
  return ZS_OK;
}

/* The exact check of a plan on a candidate's stored passage (Xapian calls it
 * for each candidate when the plan asks for verification). */
static int accept_candidate(void *ctx, const char *data, size_t len) {
  const zs_qplan *plan = ctx;
  zs_passage_record rec;
  char *folded = NULL;
  size_t flen = 0;
  if (zs_passage_record_decode(&rec, data, len) != ZS_OK ||
      zs_fold_string(&folded, &flen, rec.text, rec.text_len) != ZS_OK)
    return 0;
  int ok = zs_qplan_accepts(plan, folded, flen);
  free(folded);
  return ok;
}

int zs_search_run(zs_searcher *s, const char *q, size_t len, const zs_search_params *params,
                  zs_hits **out) {
  *out = NULL;
  zs_qnode *tree = NULL;
  zs_qplan plan = {0};
  zs_results *results = NULL;
  zs_hits *h = calloc(1, sizeof *h);
  int rc = h && (h->priv = calloc(1, sizeof *h->priv)) ? ZS_OK
                                                       : zs_error_set(ZS_ENOMEM, "out of memory");
  if (rc == ZS_OK)
    rc = zs_qparse(&tree, q, len);
  if (rc == ZS_OK)
    rc = zs_qbuild(&plan, s->analyzer, tree);
  if (rc == ZS_OK) {
    zs_search_opts opts;
    zs_search_opts_init(&opts);
    opts.first = params->first;
    opts.max = params->max;
    opts.check_at_least = params->exact_count_up_to;
    if (plan.verify) {
      opts.accept = accept_candidate;
      opts.accept_ctx = &plan;
    }
    rc = zs_search(&results, s->db, plan.query, &opts);
  }
  if (rc == ZS_OK) {
    h->first = params->first;
    zs_results_matches(results, &h->total_lower, &h->total_estimate, &h->total_upper);
    rc = collect_hits(s, results, &plan.needles, h);
  }
  zs_results_free(results);
  zs_qplan_free(&plan);
  zs_qnode_free(tree);
  if (rc) {
    zs_hits_free(h);
    return rc;
  }
  *out = h;
  return ZS_OK;
}

void zs_hits_free(zs_hits *h) {
  if (!h)
    return;
  for (size_t i = 0; i < h->n; i++) {
    free(h->hit[i].spans);
    if (h->priv && h->priv->data)
      free(h->priv->data[i]);
  }
  if (h->priv)
    free(h->priv->data);
  free(h->priv);
  free(h->hit);
  free(h);
}
