/* zs_index: an index as both sides open it: its directory, its Xapian database
 * and the analysis settings it was written with (folding, lexicon, schema). */
#ifndef ZS_INDEX_H
#define ZS_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_generation.h"
#include "zs_lexicon.h"
#include "zs_xapian.h"

typedef enum zs_index_mode {
  ZS_INDEX_READ,    /* searching: one index, or several (shards) searched as one */
  ZS_INDEX_UPDATE,  /* zhindex: the writer lock, on the current generation */
  ZS_INDEX_REBUILD, /* zhindex --rebuild: the writer lock, on a new empty generation */
} zs_index_mode;

/* What a writer asks of the index. An existing index keeps its folding and
 * lexicon; asking for others needs ZS_INDEX_REBUILD. */
typedef struct zs_index_write_opts {
  const char *lexicon_words; /* words added to the built-in lexicon (one per line), stored
                                in the index; NULL keeps those stored by an earlier run */
  size_t lexicon_len;
  bool no_t2s;              /* fold without the traditional-to-simplified table */
  bool for_remote;          /* keep Xapian's termlists, so xapian-tcpsrv can serve it */
  unsigned flush_threshold; /* Xapian's, in documents (0: Xapian's default) */
} zs_index_write_opts;

/* Fields are read-only to callers, except that a writer moving to another
 * generation replaces db and gen together (zs_index_dir_path). */
typedef struct zs_index {
  zs_db *db;                 /* owned: the writer, or a reader over every shard */
  unsigned fold_flags;       /* zs_fold.h flags the index folds its text with */
  const zs_lexicon *lexicon; /* the built-in lexicon, or `extended` */
  zs_lexicon *extended;      /* owned: built-in plus the index's own words, or NULL */
  size_t nshards;            /* readers: databases searched as one (1 for writers) */
  uint32_t next_file_id;     /* writers: the id the next new file gets */
  zs_index_dir dir;          /* writers: the directory, its lock and generations */
  unsigned gen;              /* writers: the generation db is open on (may be ahead of
                                dir.current until published) */
  bool termlists;            /* writers: its databases keep termlists (for_remote) */
} zs_index;

/* Opens the index at dir (for ZS_INDEX_READ also a shard list or "remote
 * :HOST:PORT", zs_shards.h) and checks that it was analysed as this program
 * analyses; a writer creates it when missing and w may be NULL for readers.
 * Messages name dir and say how to mend it. Caller frees with zs_index_close. */
int zs_index_open(zs_index **out, const char *dir, zs_index_mode mode,
                  const zs_index_write_opts *w);

/* Opens indexes[0..n) for reading as one index: every shard must have been
 * analysed alike. Caller frees with zs_index_close. */
int zs_index_open_many(zs_index **out, const char *const *indexes, size_t n);

/* Closes the database and releases the writer lock; NULL is a no-op. */
void zs_index_close(zs_index *idx);

/* Writes into buf the description of the analysis (schema, folding, lexicon)
 * that an index stores and a query must match: zs_schema.h's format. */
void zs_analysis_describe(char *buf, size_t size, unsigned fold_flags, const zs_lexicon *lx);

#endif
