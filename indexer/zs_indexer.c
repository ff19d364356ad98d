/* zs_indexer: the index-wide side of indexing: opening and checking the index,
 * file ids, per-file records in metadata, the clean-up → passages pipeline. */
#include "zs_indexer.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zs_analyze.h"
#include "zs_clean.h"
#include "zs_error.h"
#include "zs_hash.h"
#include "zs_ingest.h"
#include "zs_passage.h"
#include "zs_passage_doc.h"
#include "zs_paths.h"
#include "zs_record.h"
#include "zs_schema.h"
#include "zs_xapian.h"

/* Whole-file reads: a text file above this is not a report (issue 5 streams). */
#define MAX_FILE_BYTES (256ull << 20)

struct zs_indexer {
  zs_db *db;
  char *dir;
  zs_lexicon *extended; /* builtin + --lexicon words, or NULL */
  const zs_lexicon *lexicon;
  zs_analyzer *analyzer;
  uint32_t next_file_id;
  zs_index_stats stats;
};

bool zs_indexer_supports(const char *path) {
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash))
    return false;
  return strcmp(dot, ".txt") == 0 || strcmp(dot, ".md") == 0 || strcmp(dot, ".TXT") == 0 ||
         strcmp(dot, ".MD") == 0;
}

/* The analysis an index was built with: a query must analyse the same way. */
static void describe_analysis(char *buf, size_t size, const zs_lexicon *lx) {
  snprintf(buf, size, ZS_ANALYSIS_FORMAT, ZS_SCHEMA_VERSION, zs_lexicon_fingerprint(lx));
}

static int read_small_file(const char *path, char **out, size_t *len) {
  int rc = zs_ingest_file(out, len, path, 64u << 20);
  if (rc)
    return zs_error_set(rc, "lexicon %s: %s", path, zs_error_last());
  return ZS_OK;
}

/* Sets up the lexicon: builtin, plus --lexicon words (stored in the index so
 * that zhquery uses the same), or the words stored by an earlier run. */
static int setup_lexicon(zs_indexer *ix, const char *lexicon_path) {
  char *words = NULL;
  size_t len = 0;
  int rc;
  if (lexicon_path) {
    if ((rc = read_small_file(lexicon_path, &words, &len)))
      return rc;
    rc = zs_db_set_metadata(ix->db, ZS_META_LEXICON_EXTRA, words, len);
  } else {
    rc = zs_db_get_metadata(ix->db, ZS_META_LEXICON_EXTRA, &words, &len);
  }
  if (rc == ZS_OK && words && len)
    rc = zs_lexicon_extend(&ix->extended, zs_lexicon_builtin(), words, len);
  free(words);
  ix->lexicon = ix->extended ? ix->extended : zs_lexicon_builtin();
  return rc;
}

/* A new index gets our schema; an existing one must have been built alike. */
static int check_schema(zs_indexer *ix) {
  char want[256];
  describe_analysis(want, sizeof want, ix->lexicon);
  char *have = NULL;
  size_t have_len = 0;
  int rc = zs_db_get_metadata(ix->db, ZS_META_ANALYSIS, &have, &have_len);
  if (rc)
    return rc;
  if (have && strcmp(have, want) != 0) {
    rc = zs_error_set(ZS_EINVAL,
                      "index %s was built with another analysis (%s); run zhindex --rebuild",
                      ix->dir, have);
  } else if (!have) {
    rc = zs_db_set_metadata(ix->db, ZS_META_ANALYSIS, want, strlen(want));
    if (rc == ZS_OK)
      rc = zs_db_set_metadata(ix->db, ZS_META_SCHEMA, ZS_SCHEMA_VERSION,
                              strlen(ZS_SCHEMA_VERSION));
  }
  free(have);
  if (rc)
    return rc;
  char *next = NULL;
  size_t next_len = 0;
  if ((rc = zs_db_get_metadata(ix->db, ZS_META_NEXT_FILE_ID, &next, &next_len)))
    return rc;
  ix->next_file_id = next ? (uint32_t)strtoul(next, NULL, 10) : 1;
  free(next);
  return ZS_OK;
}

int zs_indexer_open(zs_indexer **out, const char *index_dir, const zs_indexer_opts *opts) {
  *out = NULL;
  zs_indexer *ix = calloc(1, sizeof *ix);
  if (!ix || !(ix->dir = strdup(index_dir))) {
    free(ix);
    return zs_error_set(ZS_ENOMEM, "out of memory");
  }
  int rc = zs_mkdir_parents(index_dir);
  if (rc == ZS_OK)
    rc = zs_db_open(&ix->db, index_dir, opts->rebuild ? ZS_DB_OVERWRITE : ZS_DB_WRITE,
                    opts->flush_threshold);
  if (rc == ZS_OK)
    rc = setup_lexicon(ix, opts->lexicon);
  if (rc == ZS_OK)
    rc = check_schema(ix);
  if (rc == ZS_OK)
    rc = zs_analyzer_new(&ix->analyzer, ix->lexicon);
  if (rc) {
    zs_indexer_close(ix);
    return rc;
  }
  *out = ix;
  return ZS_OK;
}

void zs_indexer_close(zs_indexer *ix) {
  if (!ix)
    return;
  zs_analyzer_free(ix->analyzer);
  zs_db_close(ix->db);
  zs_lexicon_free(ix->extended);
  free(ix->dir);
  free(ix);
}

zs_index_stats *zs_indexer_stats(zs_indexer *ix) { return &ix->stats; }

int zs_indexer_commit(zs_indexer *ix) {
  char next[16];
  int n = snprintf(next, sizeof next, "%" PRIu32, ix->next_file_id);
  int rc = zs_db_set_metadata(ix->db, ZS_META_NEXT_FILE_ID, next, (size_t)n);
  return rc ? rc : zs_db_commit(ix->db);
}

static void path_key(char *key, size_t size, const char *path) {
  snprintf(key, size, ZS_META_PATH_PREFIX "%016" PRIx64, zs_fnv64(path, strlen(path)));
}

/* The file id of path: the one it had, or a new one. Paths are compared in
 * full because the metadata key is only a hash of the path. */
static int file_id_for(zs_indexer *ix, const char *path, uint32_t *id) {
  char key[64];
  path_key(key, sizeof key, path);
  char *val = NULL;
  size_t len = 0;
  int rc = zs_db_get_metadata(ix->db, key, &val, &len);
  if (rc)
    return rc;
  if (val) {
    *id = (uint32_t)strtoul(val, NULL, 10);
    free(val);
    return ZS_OK;
  }
  if (ix->next_file_id == UINT32_MAX)
    return zs_error_set(ZS_ETOOBIG, "index holds too many files");
  *id = ix->next_file_id++;
  char num[16];
  int n = snprintf(num, sizeof num, "%" PRIu32, *id);
  return zs_db_set_metadata(ix->db, key, num, (size_t)n);
}

static int store_file_record(zs_indexer *ix, const zs_file_record *fr) {
  char key[32], *buf = NULL;
  size_t len = 0;
  snprintf(key, sizeof key, ZS_META_FILE_PREFIX "%" PRIu32, fr->file_id);
  int rc = zs_file_record_encode(&buf, &len, fr);
  if (rc)
    return rc;
  rc = zs_db_set_metadata(ix->db, key, buf, len);
  free(buf);
  return rc;
}

typedef struct file_job {
  zs_indexer *ix;
  zs_passage_doc_ctx doc;
  uint32_t count;
} file_job;

static int add_passage(void *ctx, const zs_passage *p) {
  file_job *job = ctx;
  int rc = zs_passage_doc_add(&job->doc, job->ix->db, p, job->count);
  if (rc == ZS_OK)
    job->count++;
  return rc;
}

/* Writes the passages of one cleaned file; its old passages go first. */
static int write_passages(zs_indexer *ix, const zs_doc_text *dt, zs_file_record *fr) {
  char fterm[16];
  int n = snprintf(fterm, sizeof fterm, ZS_PREFIX_FILE "%" PRIu32, fr->file_id);
  int rc = zs_db_delete_term(ix->db, fterm, (size_t)n);
  if (rc)
    return rc;
  file_job job = {.ix = ix};
  rc = zs_passage_doc_begin(&job.doc, ix->analyzer, fr->file_id, dt->title);
  if (rc == ZS_OK)
    rc = zs_passages(dt, add_passage, &job);
  zs_passage_doc_end(&job.doc);
  fr->passages = job.count;
  if (rc == ZS_OK)
    rc = store_file_record(ix, fr);
  if (rc == ZS_OK)
    ix->stats.passages += job.count;
  return rc;
}

int zs_indexer_add_file(zs_indexer *ix, const char *path) {
  char abs[PATH_MAX];
  if (!realpath(path, abs))
    return zs_error_set(ZS_ENOTFOUND, "cannot resolve path");
  char *text = NULL;
  size_t len = 0;
  int rc = zs_ingest_file(&text, &len, abs, MAX_FILE_BYTES);
  zs_doc_text dt = {0};
  if (rc == ZS_OK)
    rc = zs_clean_document(&dt, text, len);
  if (rc == ZS_OK) {
    struct stat st;
    zs_file_record fr = {.path = abs, .path_len = strlen(abs), .title = dt.title,
                         .title_len = strlen(dt.title), .size = len};
    if (stat(abs, &st) == 0)
      fr.mtime = st.st_mtime;
    rc = file_id_for(ix, abs, &fr.file_id);
    if (rc == ZS_OK)
      rc = write_passages(ix, &dt, &fr);
  }
  zs_doc_text_free(&dt);
  free(text);
  if (rc == ZS_OK) {
    ix->stats.files_indexed++;
    ix->stats.bytes += len;
  } else {
    ix->stats.files_failed++;
  }
  return rc;
}
