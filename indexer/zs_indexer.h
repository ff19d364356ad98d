/* zs_indexer: turns files into passages in a zhsearch index: clean-up, passages,
 * analysis, one Xapian document per passage; a file re-indexed replaces its passages. */
#ifndef ZS_INDEXER_H
#define ZS_INDEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct zs_indexer zs_indexer;

typedef struct zs_index_stats {
  size_t files_indexed; /* files whose passages are now in the index */
  size_t files_failed;  /* files that could not be indexed (reported) */
  size_t files_skipped; /* files of a format zhindex does not read */
  size_t passages;      /* passages written */
  uint64_t bytes;       /* bytes of the files indexed */
} zs_index_stats;

typedef struct zs_indexer_opts {
  bool rebuild;            /* start from an empty index */
  const char *lexicon;     /* extra lexicon file (one word per line) or NULL */
  unsigned flush_threshold; /* documents buffered before Xapian flushes (0 = default) */
} zs_indexer_opts;

/* Opens (creating when missing) the index in directory index_dir for writing.
 * ZS_ELOCKED when another zhindex holds it; ZS_EINVAL when it was built with
 * another analysis (the message says to use --rebuild). Caller frees with
 * zs_indexer_close. */
int zs_indexer_open(zs_indexer **out, const char *index_dir, const zs_indexer_opts *opts);

/* Whether zhindex reads files named like path (by extension). */
bool zs_indexer_supports(const char *path);

/* Indexes one file, replacing what the index held for it. On failure the
 * index keeps the file's previous passages and zs_error_last() says why
 * (without the path). */
int zs_indexer_add_file(zs_indexer *ix, const char *path);

/* Makes everything added so far visible to readers. */
int zs_indexer_commit(zs_indexer *ix);

/* Counters of this run; borrowed, valid until close. */
zs_index_stats *zs_indexer_stats(zs_indexer *ix);

/* Closes without committing (commit first). Accepts NULL. */
void zs_indexer_close(zs_indexer *ix);

#endif
