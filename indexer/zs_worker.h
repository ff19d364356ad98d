/* zs_worker: the per-file pipeline (read, clean, passages, documents) run by
 * one thread per shard, or directly against the index for small batches. */
#ifndef ZS_WORKER_H
#define ZS_WORKER_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_copies.h"
#include "zs_docmeta.h"
#include "zs_ingest.h"
#include "zs_lexicon.h"
#include "zs_sidecar.h"
#include "zs_xapian.h"

typedef enum zs_job_state {
  ZS_JOB_PENDING = 0, /* not taken (the run was stopped first) */
  ZS_JOB_DONE,        /* passages of the new version written */
  ZS_JOB_SAME,        /* content unchanged (only the file's time changed): nothing written */
  ZS_JOB_FAILED,      /* not indexed: rc and error say why; the old version stays */
} zs_job_state;

/* One file to index, and what became of it. */
typedef struct zs_file_job {
  char *path; /* absolute */
  uint32_t file_id;
  uint32_t version;     /* of the passages written now */
  uint32_t old_version; /* the version in the index, 0 for a new file */
  uint64_t old_hash;    /* the content hash in the index */
  uint64_t size;
  int64_t mtime;
  bool has_side;         /* side holds the sidecar's entry for this file */
  zs_sidecar_entry side; /* (its name is not kept) */
  zs_job_state state;
  int rc;          /* why the file was not indexed */
  char error[512]; /* the message when rc != ZS_OK */
  uint64_t hash;   /* of the bytes read */
  char *title;     /* when indexed */
  zs_docmeta meta; /* when indexed: detected, then overridden by the sidecar */
  uint32_t passages;
  char sig[ZS_SIG_HEX + 1]; /* when indexed: its text's signature (zs_copies.h), or "" */
  char lost[256];           /* when indexed: what of its text could not be indexed, or "" */
} zs_file_job;

/* Called (under the queue's lock) after each job is taken: files and bytes
 * taken so far out of the totals. */
typedef void (*zs_progress_fn)(void *ctx, size_t files, size_t total_files, uint64_t bytes,
                               uint64_t total_bytes);

/* Jobs shared by the workers of one run; each job is taken by one worker. */
typedef struct zs_job_queue {
  zs_file_job *jobs;
  size_t n;
  size_t next;
  pthread_mutex_t mu;
  const volatile sig_atomic_t *stop; /* when set, no further job is taken (may be NULL) */
  zs_progress_fn progress;           /* may be NULL */
  void *progress_ctx;
  uint64_t taken_bytes, total_bytes;
  size_t total_files;    /* of the whole run (n may end a batch or a round before) */
  zs_ingest_opts ingest; /* how text files are read */
  /* CLOCK_MONOTONIC seconds after which no job is taken but the first one
   * from round_first on (0: none): a round of work that ends in time. */
  double deadline;
  size_t round_first;
} zs_job_queue;

/* CLOCK_MONOTONIC now, in seconds (what deadlines are compared with). */
double zs_worker_now(void);

typedef struct zs_worker {
  zs_db *db;                 /* borrowed: where passages go */
  const zs_lexicon *lexicon; /* borrowed */
  unsigned fold_flags;       /* zs_fold.h flags of the index */
  zs_job_queue *queue;
  uint64_t budget; /* stop taking jobs once files of this many bytes are taken (0: no limit) */
  uint64_t taken;  /* bytes of the files taken so far */
  int rc;          /* a failure of db itself, which stops the worker */
  char error[512];
} zs_worker;

/* Takes jobs from the queue until none is left, a stop is asked for, db
 * fails or the budget is spent. Returns w->rc. */
int zs_worker_run(zs_worker *w);

/* pthread entry point around zs_worker_run. */
void *zs_worker_thread(void *w);

#endif
