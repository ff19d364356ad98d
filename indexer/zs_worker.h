/* zs_worker: the per-file pipeline (read, clean, passages, documents) run by
 * one thread per shard, or directly against the index for small batches. */
#ifndef ZS_WORKER_H
#define ZS_WORKER_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_docmeta.h"
#include "zs_lexicon.h"
#include "zs_sidecar.h"
#include "zs_xapian.h"

/* One file to index, and what became of it. */
typedef struct zs_file_job {
  char *path; /* absolute */
  uint32_t file_id;
  uint64_t size;
  int64_t mtime;
  bool has_side;         /* side holds the sidecar's entry for this file */
  zs_sidecar_entry side; /* (its name is not kept) */
  int rc;          /* ZS_OK, or why the file was not indexed */
  char error[512]; /* the message when rc != ZS_OK */
  char *title;     /* when indexed */
  zs_docmeta meta; /* when indexed: detected, then overridden by the sidecar */
  uint32_t passages;
} zs_file_job;

/* Jobs shared by the workers of one run; each job is taken by one worker. */
typedef struct zs_job_queue {
  zs_file_job *jobs;
  size_t n;
  size_t next;
  pthread_mutex_t mu;
} zs_job_queue;

typedef struct zs_worker {
  zs_db *db;                 /* borrowed: where passages go */
  const zs_lexicon *lexicon; /* borrowed */
  unsigned fold_flags;       /* zs_fold.h flags of the index */
  bool replace;              /* delete a file's old passages from db first */
  zs_job_queue *queue;
  int rc;           /* a failure of db itself, which stops the worker */
  char error[512];
} zs_worker;

/* Takes jobs from the queue until none is left or db fails. Returns w->rc. */
int zs_worker_run(zs_worker *w);

/* pthread entry point around zs_worker_run. */
void *zs_worker_thread(void *w);

#endif
