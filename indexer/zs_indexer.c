/* zs_indexer: the index-wide side of indexing: the lock and generations, the
 * analysis check, file ids and records in metadata, and the choice between
 * writing directly and building shards in parallel (Xapian's in-memory
 * inverter is the bottleneck, so the speed-up needs one writer per core). */
#include "zs_indexer.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "zs_analyze.h"
#include "zs_catalog.h"
#include "zs_copies.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_format.h"
#include "zs_generation.h"
#include "zs_grow.h"
#include "zs_hash.h"
#include "zs_i18n.h"
#include "zs_index.h"
#include "zs_ingest.h"
#include "zs_paths.h"
#include "zs_purge.h"
#include "zs_record.h"
#include "zs_schema.h"
#include "zs_sidecar.h"
#include "zs_worker.h"

/* Documents Xapian buffers before a flush: its in-memory inversion slows as
 * the buffer's term map grows, so small batches cost less CPU and memory
 * (100 MB: 79-103 s of CPU at 500, 110-117 s at 2000). */
#define DEFAULT_FLUSH 500
#define MAX_WORKERS 8
/* Below this much input one worker writes directly: shards and compaction
 * would cost more than they save. */
#define SHARD_MIN_BYTES (4u << 20)
/* Input a worker writes into one database (a run) before starting the next.
 * Xapian's cost of a flush grows with the database it updates: one growing
 * database per worker rewrote its tables over and over (a 1 GB archive wrote
 * 70 GB); bounded runs, merged once by compaction, write each posting a few
 * times whatever the archive's size. */
#define RUN_BYTES (32u << 20)
/* A sharded run works in rounds: each round's runs are merged into the index
 * and its records committed, so a crash costs at most the round in progress.
 * A round ends after ROUND_MIN_BYTES of input (then as much as the index
 * holds, so that merging, which copies the whole index, costs about twice its
 * final size; at most ROUND_MAX_BYTES), or after ROUND_SECONDS of work, or
 * after ROUND_MERGE_FACTOR times the last merge's time if that is longer (so
 * merging takes at most about a fifth of the time). */
#define ROUND_MIN_BYTES (4u << 20)
#define ROUND_MAX_BYTES (256u << 20)
#define ROUND_SECONDS 5.0
#define ROUND_MERGE_FACTOR 4.0

struct zs_indexer {
  zs_index *idx; /* the writer: its db, generation, settings and next file id */
  zs_indexer_opts opts;
  zs_file_job *jobs;
  size_t njobs, cap;
  zs_sidecar *sidecar; /* of the folder files were last added from */
  char **roots;        /* the folders and files walked: files gone from them are removed */
  size_t nroots, roots_cap;
  uint8_t *seen; /* by file id: met in this run (indexed, unchanged or failed) */
  size_t seen_cap;
  zs_index_stats stats;
  unsigned runs_named; /* work areas named so far: a round's runs never reuse the last one's */
};

static volatile sig_atomic_t stop_requested;

void zs_indexer_request_stop(void) {
  stop_requested = 1;
}

bool zs_indexer_supports(const char *path) {
  return zs_format_of(path) != ZS_FORMAT_UNKNOWN;
}

int zs_indexer_open(zs_indexer **out, const char *index_dir, const zs_indexer_opts *opts) {
  *out = NULL;
  zs_indexer *ix = calloc(1, sizeof *ix);
  if (!ix)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  ix->opts = *opts;
  if (!ix->opts.flush_threshold)
    ix->opts.flush_threshold = DEFAULT_FLUSH;
  if (!ix->opts.run_bytes)
    ix->opts.run_bytes = RUN_BYTES;
  if (!ix->opts.round_bytes)
    ix->opts.round_bytes = ROUND_MIN_BYTES;
  zs_index_write_opts w = {.no_t2s = opts->no_t2s,
                           .for_remote = opts->for_remote,
                           .flush_threshold = ix->opts.flush_threshold};
  char *words = NULL;
  int rc = ZS_OK;
  if (opts->lexicon && (rc = zs_ingest_file(&words, &w.lexicon_len, opts->lexicon, 64u << 20)))
    rc = zs_error_set(rc, _("lexicon %s: %s"), opts->lexicon, zs_error_last());
  w.lexicon_words = words;
  if (rc == ZS_OK)
    rc = zs_index_open(&ix->idx, index_dir, opts->rebuild ? ZS_INDEX_REBUILD : ZS_INDEX_UPDATE, &w);
  free(words);
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
  for (size_t i = 0; i < ix->nroots; i++)
    free(ix->roots[i]);
  free(ix->roots);
  free(ix->seen);
  zs_sidecar_free(ix->sidecar);
  zs_index_close(ix->idx);
  free(ix);
}

zs_index_stats *zs_indexer_stats(zs_indexer *ix) {
  return &ix->stats;
}

static int mark_seen(zs_indexer *ix, uint32_t id) {
  size_t cap = ix->seen_cap;
  if (zs_grow((void **)&ix->seen, &cap, (size_t)id + 1, 1))
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  memset(ix->seen + ix->seen_cap, 0, cap - ix->seen_cap);
  ix->seen_cap = cap;
  ix->seen[id] = 1;
  return ZS_OK;
}

int zs_indexer_add_root(zs_indexer *ix, const char *path) {
  char abs[PATH_MAX];
  if (!realpath(path, abs))
    return ZS_OK; /* a root that does not exist removes nothing */
  if (zs_grow((void **)&ix->roots, &ix->roots_cap, ix->nroots + 1, sizeof *ix->roots) ||
      !(ix->roots[ix->nroots] = strdup(abs)))
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  ix->nroots++;
  return ZS_OK;
}

static void on_sidecar_error(void *ctx, const char *path, size_t line, const char *problem) {
  zs_indexer *ix = ctx;
  char msg[512];
  snprintf(msg, sizeof msg, _("line %zu: %s, ignored"), line, problem);
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

/* A new job for abs, of the version after `old` (NULL for a new file). */
static int queue_job(zs_indexer *ix, const char *abs, const struct stat *st,
                     const zs_file_record *old) {
  if (zs_grow((void **)&ix->jobs, &ix->cap, ix->njobs + 1, sizeof *ix->jobs))
    return zs_error_set(ZS_ENOMEM, _("out of memory queueing %s"), abs);
  zs_file_job *job = &ix->jobs[ix->njobs];
  memset(job, 0, sizeof *job);
  job->size = (uint64_t)st->st_size;
  job->mtime = st->st_mtime;
  if (old) {
    job->file_id = old->file_id;
    job->old_version = old->version;
    job->old_hash = old->hash;
    job->version = old->version + 1;
  } else if (ix->idx->next_file_id == UINT32_MAX) {
    return zs_error_set(ZS_ETOOBIG, _("index holds too many files"));
  } else {
    job->file_id = ix->idx->next_file_id++;
    job->version = 1;
  }
  int rc = sidecar_entry(ix, abs, job);
  if (rc == ZS_OK && !(job->path = strdup(abs)))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory"));
  if (rc == ZS_OK)
    rc = mark_seen(ix, job->file_id);
  if (rc == ZS_OK)
    ix->njobs++;
  return rc;
}

int zs_indexer_add_file(zs_indexer *ix, const char *path) {
  char abs[PATH_MAX];
  struct stat st;
  if (!realpath(path, abs) || stat(abs, &st) != 0)
    return zs_error_set(ZS_ENOTFOUND, _("cannot resolve path"));
  for (size_t i = 0; i < ix->njobs; i++)
    if (strcmp(ix->jobs[i].path, abs) == 0)
      return ZS_OK; /* named twice */
  bool found;
  zs_catalog_entry e;
  int rc = zs_catalog_find(ix->idx->db, abs, &found, &e);
  if (rc == ZS_OK && found && e.rec.size == (uint64_t)st.st_size && e.rec.mtime == st.st_mtime) {
    ix->stats.files_unchanged++; /* same size and time: not even read */
    rc = mark_seen(ix, e.rec.file_id);
  } else if (rc == ZS_OK) {
    rc = queue_job(ix, abs, &st, found ? &e.rec : NULL);
  }
  zs_catalog_entry_free(&e);
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

/* The runs of one sharded commit: databases the workers write, in order. */
typedef struct run_list {
  zs_indexer *ix;
  zs_job_queue *queue;
  pthread_mutex_t mu; /* guards the fields below */
  char **paths;
  size_t n, cap;
  int rc;
  char error[512];
} run_list;

/* Reserves the next run's directory name. */
static int new_run(run_list *r, char *path, size_t size) {
  pthread_mutex_lock(&r->mu);
  int rc = zs_grow((void **)&r->paths, &r->cap, r->n + 1, sizeof *r->paths)
               ? zs_error_set(ZS_ENOMEM, _("out of memory"))
               : zs_index_dir_path(&r->ix->idx->dir, 0, ++r->ix->runs_named, path, size);
  if (rc == ZS_OK && !(r->paths[r->n] = strdup(path)))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory"));
  if (rc == ZS_OK)
    r->n++;
  pthread_mutex_unlock(&r->mu);
  return rc;
}

static void fail_runs(run_list *r, int rc) {
  pthread_mutex_lock(&r->mu);
  if (r->rc == ZS_OK) {
    r->rc = rc;
    snprintf(r->error, sizeof r->error, "%s", zs_error_last());
  }
  pthread_mutex_unlock(&r->mu);
}

/* One worker thread: run after run until the queue is empty or a run fails. */
static void *run_worker(void *arg) {
  run_list *r = arg;
  zs_indexer *ix = r->ix;
  for (bool more = true; more;) {
    char path[4096];
    zs_db *db = NULL;
    int rc = new_run(r, path, sizeof path);
    if (rc == ZS_OK)
      rc = zs_db_open(&db, path, ZS_DB_OVERWRITE | (ix->idx->termlists ? ZS_DB_TERMLISTS : 0),
                      ix->opts.flush_threshold);
    zs_worker w = {.db = db,
                   .lexicon = ix->idx->lexicon,
                   .fold_flags = ix->idx->fold_flags,
                   .queue = r->queue,
                   .budget = ix->opts.run_bytes};
    if (rc == ZS_OK && zs_worker_run(&w))
      rc = zs_error_set(w.rc, "%s", w.error);
    if (rc == ZS_OK)
      rc = zs_db_commit(db);
    zs_db_close(db);
    if (rc)
      fail_runs(r, rc);
    more = rc == ZS_OK && w.taken >= w.budget; /* a run cut short: nothing left to take */
  }
  return NULL;
}

/* One round's workers, building runs of jobs [from, q->n) while the main
 * thread merges the round before. */
typedef struct round_work {
  run_list r;
  pthread_t th[MAX_WORKERS];
  unsigned started;
  size_t from;
} round_work;

/* Starts n workers on jobs [from, to), taking none after secs of work (but
 * the first). Nothing else may take jobs from q until join_round. */
static void start_round(zs_indexer *ix, zs_job_queue *q, unsigned n, round_work *w, size_t from,
                        size_t to, double secs) {
  memset(w, 0, sizeof *w);
  w->r.ix = ix;
  w->r.queue = q;
  w->from = from;
  pthread_mutex_init(&w->r.mu, NULL);
  q->n = to;
  q->round_first = from;
  q->deadline = zs_worker_now() + secs;
  for (unsigned i = 0; i < n; i++)
    if (pthread_create(&w->th[w->started], NULL, run_worker, &w->r) == 0)
      w->started++;
}

/* Waits for the round's workers; *end is the first job none of them took
 * (every job before it is done). */
static int join_round(round_work *w, size_t *end) {
  for (unsigned i = 0; i < w->started; i++)
    pthread_join(w->th[i], NULL);
  pthread_mutex_lock(&w->r.queue->mu);
  *end = w->r.queue->next;
  pthread_mutex_unlock(&w->r.queue->mu);
  if (w->r.rc)
    return zs_error_set(w->r.rc, "%s", w->r.error);
  return w->started ? ZS_OK : zs_error_set(ZS_ENOMEM, _("cannot start an indexing thread"));
}

/* Stops a round early: its workers finish the files they hold, take no more. */
static void cut_round(round_work *w) {
  zs_job_queue *q = w->r.queue;
  pthread_mutex_lock(&q->mu);
  q->round_first = 0;
  q->deadline = 1e-9; /* long past */
  pthread_mutex_unlock(&q->mu);
}

/* Removes the round's runs (merged, or not wanted) and frees it. */
static void free_round(round_work *w) {
  for (size_t i = 0; i < w->r.n; i++) {
    zs_remove_tree(w->r.paths[i]);
    free(w->r.paths[i]);
  }
  free(w->r.paths);
  pthread_mutex_destroy(&w->r.mu);
}

static int store_job_record(zs_indexer *ix, const zs_file_job *job) {
  zs_file_record fr = {.file_id = job->file_id,
                       .size = job->size,
                       .mtime = job->mtime,
                       .passages = job->passages,
                       .version = job->version,
                       .hash = job->hash,
                       .year = job->meta.year,
                       .path = job->path,
                       .path_len = strlen(job->path),
                       .title = job->title,
                       .title_len = strlen(job->title),
                       .org = job->meta.org,
                       .province = job->meta.province,
                       .type = job->meta.type,
                       .docno = job->meta.docno,
                       .date = job->meta.date,
                       .sig = job->sig};
  return zs_catalog_store(ix->idx->db, &fr);
}

/* A file whose content did not change: only its time is new. */
static int touch_record(zs_indexer *ix, const zs_file_job *job) {
  bool found;
  zs_catalog_entry e;
  int rc = zs_catalog_find(ix->idx->db, job->path, &found, &e);
  if (rc == ZS_OK && found) {
    e.rec.mtime = job->mtime;
    e.rec.size = job->size;
    rc = zs_catalog_store(ix->idx->db, &e.rec);
  }
  zs_catalog_entry_free(&e);
  return rc;
}

/* After the workers, in the writer: for each file written, the old version's
 * passages go and the record is stored; failures are reported. */
static int settle_jobs(zs_indexer *ix, zs_file_job *jobs, size_t n) {
  int rc = ZS_OK;
  for (size_t i = 0; i < n && rc == ZS_OK; i++) {
    zs_file_job *job = &jobs[i];
    if (job->state == ZS_JOB_FAILED) {
      ix->stats.files_failed++;
      if (ix->opts.on_error)
        ix->opts.on_error(ix->opts.on_error_ctx, job->path, job->error);
    } else if (job->state == ZS_JOB_SAME) {
      ix->stats.files_unchanged++;
      rc = touch_record(ix, job);
    } else if (job->state == ZS_JOB_DONE) {
      char vterm[32];
      int len = zs_catalog_version_term(vterm, sizeof vterm, job->file_id, job->old_version);
      if (job->old_version)
        rc = len < 0 ? len : zs_db_delete_term(ix->idx->db, vterm, (size_t)len);
      if (rc == ZS_OK)
        rc = store_job_record(ix, job);
      *(job->old_version ? &ix->stats.files_updated : &ix->stats.files_added) += 1;
      if (job->lost[0]) {
        ix->stats.files_lossy++;
        if (ix->opts.on_lossy)
          ix->opts.on_lossy(ix->opts.on_error_ctx, job->path, job->lost);
      }
      ix->stats.passages += job->passages;
      ix->stats.bytes += job->size;
    }
  }
  char next[16];
  int len = snprintf(next, sizeof next, "%" PRIu32, ix->idx->next_file_id);
  return rc ? rc : zs_db_set_metadata(ix->idx->db, ZS_META_NEXT_FILE_ID, next, (size_t)len);
}

static int finish_run(zs_indexer *ix);

/* Whether path lies in one of the walked roots. */
static bool under_roots(const zs_indexer *ix, const char *path) {
  for (size_t i = 0; i < ix->nroots; i++) {
    size_t n = strlen(ix->roots[i]);
    if (strncmp(path, ix->roots[i], n) == 0 && (path[n] == '\0' || path[n] == '/'))
      return true;
  }
  return false;
}

/* Records of files gone, collected before any is removed (removing while
 * Xapian iterates the keys would disturb the iteration). */
typedef struct gone_list {
  zs_indexer *ix;
  zs_file_record *recs; /* path points into paths[i] */
  char **paths;
  size_t n, cap, paths_cap;
} gone_list;

/* Whether the file is known not to exist. A path that cannot be looked at
 * (a folder without permission, an I/O error) may well still hold the file:
 * its passages stay until it is seen to be gone. */
static bool known_gone(const char *path) {
  struct stat st;
  if (lstat(path, &st) == 0)
    return false;
  return errno == ENOENT || errno == ENOTDIR;
}

/* A file of the walked roots that this run did not meet and that no longer
 * exists is gone. */
static int collect_gone(void *ctx, const zs_file_record *rec) {
  gone_list *g = ctx;
  zs_indexer *ix = g->ix;
  bool seen = rec->file_id < ix->seen_cap && ix->seen[rec->file_id];
  if (seen || !under_roots(ix, rec->path) || !known_gone(rec->path))
    return ZS_OK;
  if (zs_grow((void **)&g->recs, &g->cap, g->n + 1, sizeof *g->recs) ||
      zs_grow((void **)&g->paths, &g->paths_cap, g->n + 1, sizeof *g->paths) ||
      !(g->paths[g->n] = strdup(rec->path)))
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  g->recs[g->n] = *rec;
  g->recs[g->n].path = g->paths[g->n];
  g->n++;
  return ZS_OK;
}

/* What closes a run, in its last transaction: the files gone from the roots
 * lose their passages and records. An interrupted run has not met every
 * file, so it removes none. */
/* Copies are grouped again when this run changed what the index holds: an
 * unchanged archive re-indexes without reading a passage. */
static bool run_changed(const zs_indexer *ix) {
  return ix->stats.files_added || ix->stats.files_updated || ix->stats.files_removed;
}

static int update_copies(zs_indexer *ix) {
  char *stale = NULL; /* a run killed after committing files, before grouping */
  size_t len = 0;
  int rc = zs_db_get_metadata(ix->idx->db, ZS_META_COPIES_STALE, &stale, &len);
  bool due = run_changed(ix) || (stale && len);
  free(stale);
  if (rc == ZS_OK && due)
    rc = zs_copies_update(ix->idx->db);
  if (rc == ZS_OK && due)
    rc = zs_db_set_metadata(ix->idx->db, ZS_META_COPIES_STALE, "", 0);
  return rc;
}

static int finish_run(zs_indexer *ix) {
  if (stop_requested || ix->nroots == 0)
    return update_copies(ix);
  gone_list g = {.ix = ix};
  int rc = zs_catalog_each(ix->idx->db, collect_gone, &g);
  for (size_t i = 0; i < g.n; i++) {
    if (rc == ZS_OK)
      rc = zs_catalog_remove(ix->idx->db, &g.recs[i]);
    free(g.paths[i]);
  }
  if (rc == ZS_OK)
    ix->stats.files_removed += g.n;
  free(g.recs);
  free(g.paths);
  return rc == ZS_OK ? update_copies(ix) : rc;
}

/* Writes the generation again without its dead passages when they are many
 * (zs_purge.h), into the next generation, published as any other. */
static int purge_if_due(zs_indexer *ix) {
  bool due = false;
  uint32_t dead = 0, all = 0;
  int rc = zs_purge_due(ix->idx->db, &due);
  if (rc || !due || stop_requested)
    return rc;
  rc = zs_db_dead_count(ix->idx->db, &dead, &all);
  if (rc == ZS_OK && ix->opts.on_rewrite)
    ix->opts.on_rewrite(ix->opts.progress_ctx, dead);
  double t0 = zs_worker_now();
  char next[4096];
  if (rc == ZS_OK)
    rc = zs_index_dir_path(&ix->idx->dir, ix->idx->gen + 1, 0, next, sizeof next);
  zs_db *dest = NULL;
  zs_analyzer *a = NULL;
  if (rc == ZS_OK)
    rc = zs_db_open(&dest, next, ZS_DB_OVERWRITE | (ix->idx->termlists ? ZS_DB_TERMLISTS : 0),
                    ix->opts.flush_threshold);
  if (rc == ZS_OK)
    rc = zs_analyzer_new(&a, ix->idx->lexicon);
  if (rc == ZS_OK)
    rc = zs_purge_rewrite(ix->idx->db, dest, a, ix->idx->fold_flags, &stop_requested);
  zs_analyzer_free(a);
  ix->stats.purge_secs = zs_worker_now() - t0;
  if (rc == ZS_ESTOP) { /* what was committed stands; the unfinished one is cleaned up */
    zs_db_close(dest);
    ix->stats.purge_stopped = dead;
    return ZS_OK;
  }
  if (rc) {
    zs_db_close(dest);
    return rc;
  }
  zs_db_close(ix->idx->db);
  ix->idx->db = dest;
  ix->idx->gen++;
  ix->stats.passages_purged += dead;
  return ZS_OK;
}

/* Compacts the generation and the runs into the next one, and opens it. */
static int merge_runs(zs_indexer *ix, const run_list *r) {
  char gen_path[4096], next_path[4096];
  const char **sources = calloc(r->n + 1, sizeof *sources);
  if (!sources)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  zs_db_close(ix->idx->db); /* nothing uncommitted: the run's changes go to the new generation */
  ix->idx->db = NULL;
  int rc = zs_index_dir_path(&ix->idx->dir, ix->idx->gen, 0, gen_path, sizeof gen_path);
  if (rc == ZS_OK)
    rc = zs_index_dir_path(&ix->idx->dir, ix->idx->gen + 1, 0, next_path, sizeof next_path);
  sources[0] = gen_path;
  for (size_t i = 0; i < r->n; i++)
    sources[i + 1] = r->paths[i];
  if (rc == ZS_OK)
    rc = zs_db_compact(sources, r->n + 1, next_path);
  free(sources);
  if (rc == ZS_OK)
    rc = zs_db_open(&ix->idx->db, next_path, ZS_DB_WRITE, ix->opts.flush_threshold);
  if (rc == ZS_OK)
    ix->idx->gen++;
  return rc;
}

/* The jobs of one transaction when one worker writes directly: whole files,
 * bounded input, so that memory stays bounded and readers see whole files. */
static size_t batch_end(const zs_indexer *ix, size_t from) {
  uint64_t bytes = 0;
  size_t i = from;
  while (i < ix->njobs && (i == from || (bytes < SHARD_MIN_BYTES && i - from < 2000)))
    bytes += ix->jobs[i++].size;
  return i;
}

/* One worker in this thread, batch after batch, each its own transaction. */
static int run_direct(zs_indexer *ix, zs_job_queue *q) {
  int rc = ZS_OK;
  for (size_t from = 0; rc == ZS_OK && from < ix->njobs;) {
    size_t to = batch_end(ix, from);
    q->n = to;
    zs_worker w = {.db = ix->idx->db,
                   .lexicon = ix->idx->lexicon,
                   .fold_flags = ix->idx->fold_flags,
                   .queue = q};
    rc = zs_db_begin(ix->idx->db);
    if (rc == ZS_OK && zs_worker_run(&w))
      rc = zs_error_set(w.rc, "%s", w.error);
    if (rc == ZS_OK)
      rc = settle_jobs(ix, ix->jobs + from, to - from);
    if (rc == ZS_OK && (to == ix->njobs || stop_requested))
      rc = finish_run(ix);                   /* removals go with the last batch */
    else if (rc == ZS_OK && run_changed(ix)) /* grouped with the last batch */
      rc = zs_db_set_metadata(ix->idx->db, ZS_META_COPIES_STALE, "1", 1);
    if (rc == ZS_OK)
      rc = zs_db_commit(ix->idx->db);
    else
      zs_db_cancel(ix->idx->db);
    from = stop_requested ? ix->njobs : to;
  }
  return rc;
}

static int add_size(void *ctx, const zs_file_record *rec) {
  *(uint64_t *)ctx += rec->size;
  return ZS_OK;
}

/* Merges the runs of a joined round (jobs [w->from, end)) with the current
 * generation into the next, where the records of its jobs (and, in the last
 * round, the removals) are committed at once and which is then published.
 * *merge_secs is the time the merge took. */
static int merge_round(zs_indexer *ix, round_work *w, size_t end, bool last, double *merge_secs) {
  double t0 = zs_worker_now();
  int rc = merge_runs(ix, &w->r);
  *merge_secs = zs_worker_now() - t0;
  if (rc == ZS_OK)
    rc = zs_db_begin(ix->idx->db);
  if (rc == ZS_OK)
    rc = settle_jobs(ix, ix->jobs + w->from, end - w->from);
  if (rc == ZS_OK && last)
    rc = finish_run(ix);
  else if (rc == ZS_OK && run_changed(ix)) /* grouped with the last round */
    rc = zs_db_set_metadata(ix->idx->db, ZS_META_COPIES_STALE, "1", 1);
  if (rc == ZS_OK)
    rc = zs_db_commit(ix->idx->db);
  else if (ix->idx->db)
    zs_db_cancel(ix->idx->db);
  if (rc == ZS_OK) /* committed and named: a crash from here on keeps this round */
    rc = zs_index_dir_publish(&ix->idx->dir, ix->idx->gen);
  if (rc == ZS_OK) /* the next round's runs are being written: generations only */
    rc = zs_index_dir_clean_generations(&ix->idx->dir);
  return rc;
}

/* The jobs of the round that starts at from, after indexed bytes are in. */
static size_t round_end(const zs_indexer *ix, size_t from, uint64_t indexed) {
  uint64_t want = indexed > ix->opts.round_bytes ? indexed : ix->opts.round_bytes;
  if (want > ROUND_MAX_BYTES && ix->opts.round_bytes < ROUND_MAX_BYTES)
    want = ROUND_MAX_BYTES;
  uint64_t bytes = 0;
  size_t to = from;
  while (to < ix->njobs && (to == from || bytes < want))
    bytes += ix->jobs[to++].size;
  return to;
}

/* Jobs [from, to) were taken but will not be committed (their round was
 * not merged): counted as left for the next run, which indexes them again. */
static void leave_for_next_run(zs_indexer *ix, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    ix->jobs[i].state = ZS_JOB_PENDING;
}

/* Stops a started round and drops its runs: its files go to the next run. */
static void drop_round(zs_indexer *ix, round_work *w) {
  size_t end;
  cut_round(w);
  join_round(w, &end);
  free_round(w);
  leave_for_next_run(ix, w->from, end);
}

/* Rounds bounded in input and in time (see ROUND_MIN_BYTES). While a round is
 * merged (one thread: Xapian compacts alone), the next one's workers already
 * write its runs, so that no core waits for the merge; a crash costs at most
 * those two rounds. */
static int run_sharded(zs_indexer *ix, zs_job_queue *q, unsigned n) {
  uint64_t indexed = 0;
  double merge_secs = 0;
  int rc = zs_catalog_each(ix->idx->db, add_size, &indexed);
  if (rc)
    return rc;
  round_work rounds[2], *cur = &rounds[0], *next = &rounds[1];
  start_round(ix, q, n, cur, 0, round_end(ix, 0, indexed), ROUND_SECONDS);
  for (;;) {
    size_t end;
    rc = join_round(cur, &end);
    for (size_t i = cur->from; i < end; i++)
      indexed += ix->jobs[i].size;
    bool more = rc == ZS_OK && end < ix->njobs && !stop_requested;
    if (more) {
      double secs = ROUND_MERGE_FACTOR * merge_secs;
      start_round(ix, q, n, next, end, round_end(ix, end, indexed),
                  secs > ROUND_SECONDS ? secs : ROUND_SECONDS);
    }
    if (rc == ZS_OK)
      rc = merge_round(ix, cur, end, !more, &merge_secs);
    if (rc)
      leave_for_next_run(ix, cur->from, end);
    free_round(cur);
    if (!more)
      break;
    round_work *t = cur;
    cur = next;
    next = t;
    /* a failed merge, or Ctrl-C during it: the round already started is not
     * merged too (that would copy the whole index once more) */
    if (rc || stop_requested) {
      char why[1024];
      snprintf(why, sizeof why, "%s", zs_error_last());
      drop_round(ix, cur);
      if (rc) /* the merge's failure, not what stopping the round said */
        zs_error_set(rc, "%s", why);
      break;
    }
  }
  q->deadline = 0;
  return rc;
}

int zs_indexer_commit(zs_indexer *ix) {
  unsigned n = workers_for(ix);
  zs_job_queue q = {.jobs = ix->jobs,
                    .n = ix->njobs,
                    .total_files = ix->njobs,
                    .stop = &stop_requested,
                    .progress = ix->opts.progress,
                    .progress_ctx = ix->opts.progress_ctx,
                    .ingest = {(uint64_t)ix->opts.max_file_mb << 20, ix->opts.lossy}};
  for (size_t i = 0; i < ix->njobs; i++)
    q.total_bytes += ix->jobs[i].size;
  pthread_mutex_init(&q.mu, NULL);
  ix->stats.workers = n;
  int rc;
  if (n > 1 && ix->njobs) {
    rc = run_sharded(ix, &q, n);
  } else if (ix->njobs) {
    rc = run_direct(ix, &q);
  } else { /* nothing to read: files may still have gone */
    rc = zs_db_begin(ix->idx->db);
    if (rc == ZS_OK)
      rc = finish_run(ix);
    rc = rc == ZS_OK ? zs_db_commit(ix->idx->db) : (zs_db_cancel(ix->idx->db), rc);
  }
  pthread_mutex_destroy(&q.mu);
  /* what was committed stands: a failed rewrite is tried again next run */
  if (rc == ZS_OK && purge_if_due(ix) != ZS_OK && ix->opts.on_error) {
    char why[512];
    snprintf(why, sizeof why,
             _("could not write the index again without old passages (what was committed stands; "
               "the next run tries again): %s"),
             zs_error_last());
    ix->opts.on_error(ix->opts.on_error_ctx, ix->idx->dir.dir, why);
  }
  for (size_t i = 0; i < ix->njobs; i++)
    ix->stats.files_pending += ix->jobs[i].state == ZS_JOB_PENDING;
  if (rc == ZS_OK && ix->idx->gen != ix->idx->dir.current)
    rc = zs_index_dir_publish(&ix->idx->dir, ix->idx->gen);
  if (rc == ZS_OK)
    rc = zs_index_dir_clean(&ix->idx->dir);
  free_jobs(ix);
  return rc;
}
