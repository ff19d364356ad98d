/* zs_indexer: the index-wide side of indexing: the lock and generations, the
 * analysis check, file ids and records in metadata, and the choice between
 * writing directly and building shards in parallel (Xapian's in-memory
 * inverter is the bottleneck, so the speed-up needs one writer per core). */
#include "zs_indexer.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zs_analyze.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_generation.h"
#include "zs_grow.h"
#include "zs_hash.h"
#include "zs_ingest.h"
#include "zs_record.h"
#include "zs_schema.h"
#include "zs_sidecar.h"
#include "zs_worker.h"

#define DEFAULT_FLUSH 2000
#define MAX_WORKERS 8
/* Below this much input one worker writes directly: shards and compaction
 * would cost more than they save. */
#define SHARD_MIN_BYTES (4u << 20)

struct zs_indexer {
  zs_index_dir dir;
  zs_db *db;    /* writer on generation `gen` */
  unsigned gen; /* may be ahead of dir.current until published */
  zs_indexer_opts opts;
  unsigned fold_flags;  /* zs_fold.h flags of this index */
  zs_lexicon *extended; /* builtin + --lexicon words, or NULL */
  const zs_lexicon *lexicon;
  uint32_t next_file_id;
  zs_file_job *jobs;
  size_t njobs, cap;
  zs_sidecar *sidecar; /* of the folder files were last added from */
  zs_index_stats stats;
};

bool zs_indexer_supports(const char *path) {
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash))
    return false;
  return strcasecmp(dot, ".txt") == 0 || strcasecmp(dot, ".md") == 0;
}

/* Sets up the lexicon: builtin, plus --lexicon words (stored in the index so
 * that zhquery uses the same), or the words stored by an earlier run. */
static int setup_lexicon(zs_indexer *ix) {
  char *words = NULL;
  size_t len = 0;
  int rc;
  if (ix->opts.lexicon) {
    rc = zs_ingest_file(&words, &len, ix->opts.lexicon, 64u << 20);
    if (rc)
      return zs_error_set(rc, "lexicon %s: %s", ix->opts.lexicon, zs_error_last());
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

/* The folding: an existing index keeps its own (asking for another one needs
 * --rebuild); a new one takes the options'. */
static int setup_fold(zs_indexer *ix) {
  char *have = NULL;
  size_t len = 0;
  unsigned want = ix->opts.no_t2s ? ZS_FOLD_DEFAULT & ~(unsigned)ZS_FOLD_T2S : ZS_FOLD_DEFAULT;
  int rc = zs_db_get_metadata(ix->db, ZS_META_FOLD, &have, &len);
  if (rc == ZS_OK && have) {
    if (zs_fold_parse(have, &ix->fold_flags) != ZS_OK)
      rc = zs_error_set(ZS_EINVAL, "index %s: unknown folding '%s'; run zhindex --rebuild",
                        ix->dir.dir, have);
    else if (ix->opts.no_t2s && ix->fold_flags != want)
      rc = zs_error_set(ZS_EINVAL, "index %s folds with %s; --no-t2s needs --rebuild",
                        ix->dir.dir, have);
  } else if (rc == ZS_OK) {
    ix->fold_flags = want;
    const char *desc = zs_fold_describe(want);
    rc = zs_db_set_metadata(ix->db, ZS_META_FOLD, desc, strlen(desc));
  }
  free(have);
  return rc;
}

/* A new index gets our analysis; an existing one must have been built alike. */
static int check_schema(zs_indexer *ix) {
  char want[256];
  zs_analysis_describe(want, sizeof want, ix->fold_flags, ix->lexicon);
  char *have = NULL, *next = NULL;
  size_t have_len = 0, next_len = 0;
  int rc = zs_db_get_metadata(ix->db, ZS_META_ANALYSIS, &have, &have_len);
  if (rc == ZS_OK && have && strcmp(have, want) != 0)
    rc = zs_error_set(ZS_EINVAL, "index %s was built with another analysis (%s); run zhindex "
                      "--rebuild", ix->dir.dir, have);
  else if (rc == ZS_OK && !have)
    rc = zs_db_set_metadata(ix->db, ZS_META_ANALYSIS, want, strlen(want));
  if (rc == ZS_OK)
    rc = zs_db_set_metadata(ix->db, ZS_META_SCHEMA, ZS_SCHEMA_VERSION, strlen(ZS_SCHEMA_VERSION));
  if (rc == ZS_OK)
    rc = zs_db_get_metadata(ix->db, ZS_META_NEXT_FILE_ID, &next, &next_len);
  ix->next_file_id = next ? (uint32_t)strtoul(next, NULL, 10) : 1;
  free(have);
  free(next);
  return rc;
}

/* Opens the writer: on the current generation, or on a new empty one. */
static int open_writer(zs_indexer *ix, bool fresh) {
  char path[4096];
  ix->gen = fresh ? ix->dir.current + 1 : ix->dir.current;
  int rc = zs_index_dir_path(&ix->dir, ix->gen, 0, path, sizeof path);
  if (rc == ZS_OK)
    rc = zs_db_open(&ix->db, path, fresh ? ZS_DB_OVERWRITE : ZS_DB_WRITE,
                    ix->opts.flush_threshold);
  return rc;
}

int zs_indexer_open(zs_indexer **out, const char *index_dir, const zs_indexer_opts *opts) {
  *out = NULL;
  zs_indexer *ix = calloc(1, sizeof *ix);
  if (!ix)
    return zs_error_set(ZS_ENOMEM, "out of memory");
  ix->opts = *opts;
  if (!ix->opts.flush_threshold)
    ix->opts.flush_threshold = DEFAULT_FLUSH;
  int rc = zs_index_dir_lock(&ix->dir, index_dir);
  if (rc == ZS_OK)
    rc = zs_index_dir_clean(&ix->dir); /* leftovers of an interrupted run */
  if (rc == ZS_OK)
    rc = open_writer(ix, opts->rebuild || ix->dir.current == 0);
  if (rc == ZS_OK)
    rc = setup_fold(ix);
  if (rc == ZS_OK)
    rc = setup_lexicon(ix);
  if (rc == ZS_OK)
    rc = check_schema(ix);
  if (rc) {
    zs_indexer_close(ix);
    return rc;
  }
  *out = ix;
  return ZS_OK;
}

static void free_jobs(zs_indexer *ix) {
  for (size_t i = 0; i < ix->njobs; i++) {
    free(ix->jobs[i].path);
    free(ix->jobs[i].title);
  }
  ix->njobs = 0;
}

void zs_indexer_close(zs_indexer *ix) {
  if (!ix)
    return;
  free_jobs(ix);
  free(ix->jobs);
  zs_sidecar_free(ix->sidecar);
  zs_db_close(ix->db);
  zs_lexicon_free(ix->extended);
  zs_index_dir_unlock(&ix->dir);
  free(ix);
}

zs_index_stats *zs_indexer_stats(zs_indexer *ix) { return &ix->stats; }

/* The file id of path: the one it had, or a new one. */
static int file_id_for(zs_indexer *ix, const char *path, uint32_t *id) {
  char key[64], *val = NULL;
  size_t len = 0;
  snprintf(key, sizeof key, ZS_META_PATH_PREFIX "%016" PRIx64, zs_fnv64(path, strlen(path)));
  int rc = zs_db_get_metadata(ix->db, key, &val, &len);
  if (rc || val) {
    *id = val ? (uint32_t)strtoul(val, NULL, 10) : 0;
    free(val);
    return rc;
  }
  if (ix->next_file_id == UINT32_MAX)
    return zs_error_set(ZS_ETOOBIG, "index holds too many files");
  *id = ix->next_file_id++;
  char num[16];
  int n = snprintf(num, sizeof num, "%" PRIu32, *id);
  return zs_db_set_metadata(ix->db, key, num, (size_t)n);
}

static void on_sidecar_error(void *ctx, const char *path, size_t line, const char *problem) {
  zs_indexer *ix = ctx;
  char msg[512];
  snprintf(msg, sizeof msg, "line %zu: %s, ignored", line, problem);
  if (ix->opts.on_error)
    ix->opts.on_error(ix->opts.on_error_ctx, path, msg);
}

/* Copies the sidecar entry of file abs into job; the sidecar of its folder is
 * read once and kept while files of that folder come. */
static int sidecar_entry(zs_indexer *ix, const char *abs, zs_file_job *job) {
  const char *slash = strrchr(abs, '/');
  size_t dir_len = slash ? (size_t)(slash - abs) : 0;
  const char *cached = ix->sidecar ? zs_sidecar_dir(ix->sidecar) : NULL;
  if (!cached || strlen(cached) != dir_len || strncmp(cached, abs, dir_len) != 0) {
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", (int)dir_len, abs);
    zs_sidecar_free(ix->sidecar);
    ix->sidecar = NULL;
    int rc = zs_sidecar_load(&ix->sidecar, dir, on_sidecar_error, ix);
    if (rc)
      return rc;
  }
  const zs_sidecar_entry *e = zs_sidecar_find(ix->sidecar, slash ? slash + 1 : abs);
  if (e) {
    job->side = *e;
    job->side.name = NULL;
    job->has_side = true;
  }
  return ZS_OK;
}

int zs_indexer_add_file(zs_indexer *ix, const char *path) {
  char abs[PATH_MAX];
  struct stat st;
  if (!realpath(path, abs) || stat(abs, &st) != 0)
    return zs_error_set(ZS_ENOTFOUND, "cannot resolve path");
  for (size_t i = 0; i < ix->njobs; i++)
    if (strcmp(ix->jobs[i].path, abs) == 0)
      return ZS_OK; /* named twice */
  if (zs_grow((void **)&ix->jobs, &ix->cap, ix->njobs + 1, sizeof *ix->jobs))
    return zs_error_set(ZS_ENOMEM, "out of memory queueing %s", abs);
  zs_file_job *job = &ix->jobs[ix->njobs];
  memset(job, 0, sizeof *job);
  job->size = (uint64_t)st.st_size;
  job->mtime = st.st_mtime;
  int rc = sidecar_entry(ix, abs, job);
  if (rc == ZS_OK)
    rc = file_id_for(ix, abs, &job->file_id);
  if (rc == ZS_OK && !(job->path = strdup(abs)))
    rc = zs_error_set(ZS_ENOMEM, "out of memory");
  if (rc == ZS_OK)
    ix->njobs++;
  return rc;
}

static unsigned workers_for(const zs_indexer *ix) {
  if (ix->opts.jobs)
    return ix->opts.jobs > MAX_WORKERS ? MAX_WORKERS : ix->opts.jobs;
  uint64_t bytes = 0;
  for (size_t i = 0; i < ix->njobs; i++)
    bytes += ix->jobs[i].size;
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  if (bytes < SHARD_MIN_BYTES || cores < 2)
    return 1;
  return cores > MAX_WORKERS ? MAX_WORKERS : (unsigned)cores;
}

/* Builds shards in parallel threads, then commits and closes them. */
static int build_shards(zs_indexer *ix, zs_job_queue *q, unsigned n, char paths[][4096]) {
  zs_db *shard[MAX_WORKERS] = {0};
  zs_worker w[MAX_WORKERS];
  pthread_t th[MAX_WORKERS];
  unsigned started = 0;
  int rc = ZS_OK;
  for (unsigned i = 0; i < n && rc == ZS_OK; i++) {
    rc = zs_index_dir_path(&ix->dir, 0, i + 1, paths[i], sizeof paths[i]);
    if (rc == ZS_OK)
      rc = zs_db_open(&shard[i], paths[i], ZS_DB_OVERWRITE, ix->opts.flush_threshold);
  }
  for (unsigned i = 0; i < n && rc == ZS_OK; i++) {
    w[i] = (zs_worker){.db = shard[i], .lexicon = ix->lexicon, .fold_flags = ix->fold_flags,
                       .queue = q};
    if (pthread_create(&th[i], NULL, zs_worker_thread, &w[i]) != 0)
      rc = zs_error_set(ZS_ENOMEM, "cannot start an indexing thread");
    else
      started++;
  }
  for (unsigned i = 0; i < started; i++) {
    pthread_join(th[i], NULL);
    if (rc == ZS_OK && w[i].rc)
      rc = zs_error_set(w[i].rc, "%s", w[i].error);
  }
  for (unsigned i = 0; i < n; i++) {
    if (rc == ZS_OK && shard[i])
      rc = zs_db_commit(shard[i]);
    zs_db_close(shard[i]);
  }
  return rc;
}

static int store_file_record(zs_indexer *ix, const zs_file_job *job) {
  zs_file_record fr = {.file_id = job->file_id, .size = job->size, .mtime = job->mtime,
                       .passages = job->passages, .year = job->meta.year, .path = job->path,
                       .path_len = strlen(job->path), .title = job->title,
                       .title_len = strlen(job->title), .org = job->meta.org,
                       .province = job->meta.province, .type = job->meta.type};
  char key[32], *buf = NULL;
  size_t len = 0;
  snprintf(key, sizeof key, ZS_META_FILE_PREFIX "%" PRIu32, job->file_id);
  int rc = zs_file_record_encode(&buf, &len, &fr);
  if (rc == ZS_OK)
    rc = zs_db_set_metadata(ix->db, key, buf, len);
  free(buf);
  return rc;
}

/* After the workers: records of the files indexed (and, when they went to
 * shards, removal of their old passages), reports of those that failed. */
static int settle_jobs(zs_indexer *ix, bool sharded) {
  int rc = ZS_OK;
  for (size_t i = 0; i < ix->njobs && rc == ZS_OK; i++) {
    zs_file_job *job = &ix->jobs[i];
    if (job->rc) {
      ix->stats.files_failed++;
      if (ix->opts.on_error)
        ix->opts.on_error(ix->opts.on_error_ctx, job->path, job->error);
      continue;
    }
    if (sharded) {
      char fterm[16];
      int n = snprintf(fterm, sizeof fterm, ZS_PREFIX_FILE "%" PRIu32, job->file_id);
      rc = zs_db_delete_term(ix->db, fterm, (size_t)n);
    }
    if (rc == ZS_OK)
      rc = store_file_record(ix, job);
    ix->stats.files_indexed++;
    ix->stats.passages += job->passages;
    ix->stats.bytes += job->size;
  }
  char next[16];
  int n = snprintf(next, sizeof next, "%" PRIu32, ix->next_file_id);
  if (rc == ZS_OK)
    rc = zs_db_set_metadata(ix->db, ZS_META_NEXT_FILE_ID, next, (size_t)n);
  return rc == ZS_OK ? zs_db_commit(ix->db) : rc;
}

/* Compacts the generation and the shards into the next generation. */
static int merge_shards(zs_indexer *ix, unsigned n, char paths[][4096]) {
  char gen_path[4096], next_path[4096];
  const char *sources[MAX_WORKERS + 1];
  int rc = zs_index_dir_path(&ix->dir, ix->gen, 0, gen_path, sizeof gen_path);
  if (rc == ZS_OK)
    rc = zs_index_dir_path(&ix->dir, ix->gen + 1, 0, next_path, sizeof next_path);
  sources[0] = gen_path;
  for (unsigned i = 0; i < n; i++)
    sources[i + 1] = paths[i];
  if (rc == ZS_OK)
    rc = zs_db_compact(sources, n + 1, next_path);
  zs_db_close(ix->db);
  ix->db = NULL;
  if (rc == ZS_OK)
    ix->gen++;
  return rc;
}

int zs_indexer_commit(zs_indexer *ix) {
  unsigned n = workers_for(ix);
  zs_job_queue q = {.jobs = ix->jobs, .n = ix->njobs};
  pthread_mutex_init(&q.mu, NULL);
  char (*paths)[4096] = n > 1 ? calloc(n, sizeof *paths) : NULL;
  int rc = n > 1 && !paths ? zs_error_set(ZS_ENOMEM, "out of memory") : ZS_OK;
  ix->stats.workers = n;
  if (rc == ZS_OK && n > 1) {
    rc = build_shards(ix, &q, n, paths);
  } else if (rc == ZS_OK) {
    zs_worker w = {.db = ix->db, .lexicon = ix->lexicon, .fold_flags = ix->fold_flags,
                   .replace = true, .queue = &q};
    if (zs_worker_run(&w))
      rc = zs_error_set(w.rc, "%s", w.error);
  }
  pthread_mutex_destroy(&q.mu);
  if (rc == ZS_OK)
    rc = settle_jobs(ix, n > 1);
  if (rc == ZS_OK && n > 1)
    rc = merge_shards(ix, n, paths);
  if (rc == ZS_OK && ix->gen != ix->dir.current)
    rc = zs_index_dir_publish(&ix->dir, ix->gen);
  if (rc == ZS_OK && !ix->db)
    rc = open_writer(ix, false);
  if (rc == ZS_OK)
    rc = zs_index_dir_clean(&ix->dir);
  free(paths);
  free_jobs(ix);
  return rc;
}
