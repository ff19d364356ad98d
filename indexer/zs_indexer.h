/* zs_indexer: turns files into passages in a zhsearch index: one Xapian document
 * per passage; a file indexed again replaces its passages. Large batches are
 * built in parallel shards and compacted into a new generation of the index. */
#ifndef ZS_INDEXER_H
#define ZS_INDEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_worker.h"

typedef struct zs_indexer zs_indexer;

typedef struct zs_index_stats {
  size_t files_added;     /* new files now in the index */
  size_t files_updated;   /* changed files whose passages were replaced */
  size_t files_unchanged; /* same size and time, or same content: left alone */
  size_t files_removed;   /* files gone from the folders walked: their passages removed */
  size_t files_failed;    /* files that could not be indexed (reported; old passages kept) */
  size_t files_pending;   /* not reached because the run was stopped */
  size_t files_skipped;   /* files of a format zhindex does not read */
  size_t files_lossy;     /* files indexed without some of their text (see on_lossy) */
  size_t passages;        /* passages written */
  size_t passages_purged; /* passages of old versions cleared by a rewrite (zs_purge.h) */
  size_t purge_stopped;   /* passages a rewrite stopped by request left (done next run) */
  double purge_secs;      /* time the rewrite took (not indexing time) */
  uint64_t bytes;         /* bytes of the files indexed */
  unsigned workers;       /* threads that built passages in the last commit */
} zs_index_stats;

/* Called once per file that could not be indexed, with the reason. */
typedef void (*zs_index_error_fn)(void *ctx, const char *path, const char *problem);

typedef struct zs_indexer_opts {
  bool rebuild;             /* start from an empty index */
  const char *lexicon;      /* extra lexicon file (one word per line) or NULL */
  unsigned flush_threshold; /* documents buffered before Xapian flushes (0 = 500) */
  unsigned jobs;            /* parallel workers (0 = one for small batches, else one per core) */
  uint64_t run_bytes;       /* with several workers: input per database a worker writes
                               before starting the next, all compacted at the end (0 = 32 MB) */
  uint64_t round_bytes;     /* with several workers: input of the first round merged and
                               committed at once (0 = 4 MB); see ROUND_MIN_BYTES */
  bool no_t2s;              /* a new index keeps traditional characters apart (zs_fold.h) */
  bool for_remote;          /* a new index can be served by xapian-tcpsrv (zs_index.h) */
  bool lossy;               /* index text with bad sequences replaced by U+FFFD (zs_ingest.h) */
  unsigned max_file_mb;     /* larger files are reported (0 = ZS_INGEST_DEFAULT_MAX_MB) */
  zs_progress_fn progress;  /* called as files are taken (see zs_worker.h), or NULL */
  void *progress_ctx;
  zs_index_error_fn on_error;
  void *on_error_ctx;
  /* Called for each file indexed without some of its text (unreadable PDF
   * pages, --lossy replacements), with what was lost; may be NULL. */
  zs_index_error_fn on_lossy;
  /* Called before the index is written again without dead passages (a
   * long, quiet step on a large index), with progress_ctx and their number;
   * may be NULL. */
  void (*on_rewrite)(void *ctx, size_t dead);
} zs_indexer_opts;

/* Opens (creating when missing) the index in directory index_dir for writing.
 * ZS_ELOCKED when another zhindex holds it; ZS_EINVAL when it was built with
 * another analysis (the message says to use --rebuild). Caller frees with
 * zs_indexer_close. opts is copied. */
int zs_indexer_open(zs_indexer **out, const char *index_dir, const zs_indexer_opts *opts);

/* Whether zhindex reads files named like path (by extension). */
bool zs_indexer_supports(const char *path);

/* Queues one file unless the index has it with the same size and time;
 * zs_indexer_commit indexes the queue. ZS_ENOTFOUND when the path does not
 * resolve. */
int zs_indexer_add_file(zs_indexer *ix, const char *path);

/* Names a folder or file being walked: at commit, indexed files below it
 * that this run did not meet and that no longer exist are removed. */
int zs_indexer_add_root(zs_indexer *ix, const char *path);

/* Indexes the queued files, replaces the passages of changed ones, removes
 * files gone from the roots, and makes it all visible to readers at once (a
 * run writing directly commits whole files per batch of a few MB). A file
 * that fails keeps its previous passages and is reported through
 * opts.on_error; only failures of the index itself are returned. */
int zs_indexer_commit(zs_indexer *ix);

/* Asks a running commit to stop after the files being read: what is done is
 * committed, the rest is left for the next run. Async-signal-safe. */
void zs_indexer_request_stop(void);

/* Counters of this run; borrowed, valid until close. */
zs_index_stats *zs_indexer_stats(zs_indexer *ix);

/* Closes (what was not committed is lost). Accepts NULL. */
void zs_indexer_close(zs_indexer *ix);

#endif
