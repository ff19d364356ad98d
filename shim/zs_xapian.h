/* zs_xapian: the C face of Xapian 1.4 for zhsearch (implemented in xapian_shim.cc).
 * Opaque handles; every function returns ZS_OK or a negative ZS_E* code and sets
 * zs_error_last(); no C++ exception ever crosses this header. */
#ifndef ZS_XAPIAN_H
#define ZS_XAPIAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct zs_db zs_db;           /* an open database (reader or writer) */
typedef struct zs_doc zs_doc;         /* a document being built, or one read back */
typedef struct zs_query zs_query;     /* an immutable query tree node */
typedef struct zs_results zs_results; /* one page of ranked results */

typedef uint32_t zs_docid;

/* ---- databases ---------------------------------------------------------- */

enum zs_db_mode {
  ZS_DB_READ = 0,      /* read-only; ZS_ENOTFOUND when there is no database */
  ZS_DB_WRITE = 1,     /* open for writing, create when missing */
  ZS_DB_OVERWRITE = 2, /* create for writing, discarding any existing content */
  /* Or'ed with a writing mode: a database this open creates keeps Xapian's
   * termlists, through which a remote xapian-tcpsrv sends documents (about
   * twice the size). An existing database keeps what it was created with. */
  ZS_DB_TERMLISTS = 0x10,
};

/* Opens the database in directory `path`. A writer that finds the database
 * locked by another writer fails with ZS_ELOCKED and a message naming `path`.
 * `flush_threshold` (writers only, 0 = Xapian's default) is the number of
 * changed documents buffered in memory before Xapian flushes to disk.
 * Caller frees *out with zs_db_close. */
int zs_db_open(zs_db **out, const char *path, int mode, unsigned flush_threshold);

/* Opens shards specs[0..n) read-only as one database. Xapian interleaves their
 * documents (zs_db_shard_of tells a document's shard) and combines their
 * statistics, so scores equal those of one database holding every document.
 * A spec is a database directory or stub file, or "remote :HOST:PORT" for a
 * database served by xapian-tcpsrv; timeout_ms bounds connecting to a remote
 * shard and each call to it (0 = 10 s). A shard that cannot be opened or
 * reached fails the whole open (ZS_EUNAVAIL for a remote one), its spec named:
 * results are never silently partial. Caller frees with zs_db_close. */
int zs_db_open_shards(zs_db **out, const char *const *specs, size_t n, unsigned timeout_ms);

/* Shards of db: 1 for a database opened with zs_db_open. */
size_t zs_db_shard_count(const zs_db *db);
/* The shard (0-based, in open order) that document id comes from. */
size_t zs_db_shard_of(const zs_db *db, zs_docid id);
/* The spec shard was opened from (its path for zs_db_open); borrowed. */
const char *zs_db_shard_name(const zs_db *db, size_t shard);
/* Metadata of one shard, as zs_db_get_metadata (which reads the first shard's):
 * caller frees *out with free(). */
int zs_db_shard_get_metadata(zs_db *db, size_t shard, const char *key, char **out, size_t *out_len);

/* Closes (a writer commits nothing implicitly: call zs_db_commit first) and
 * frees. Accepts NULL. */
void zs_db_close(zs_db *db);

/* Writers: a transaction groups changes so readers see all or none of them
 * (Xapian begin_transaction(flushed=false)); commit ends it. Without begin,
 * commit just flushes pending changes. */
int zs_db_begin(zs_db *db);
int zs_db_commit(zs_db *db);
/* Discards the changes of the current transaction; with none open (a failed
 * commit ended it) does nothing and keeps the last error message. */
int zs_db_cancel(zs_db *db);

/* Readers: reopen to see the latest commit. */
int zs_db_reopen(zs_db *db);

/* Number of documents searches can find (the dead left out), through *out. */
int zs_db_doc_count(zs_db *db, uint32_t *out);

/* Number of documents indexed by `term`, through *out (0 when absent). */
int zs_db_term_freq(zs_db *db, const char *term, size_t len, uint32_t *out);

/* Database metadata (a key-value store beside the documents).
 * get: *out is NUL-terminated, caller frees with free(); a missing key gives
 * ZS_OK with *out = NULL and *out_len = 0. */
int zs_db_get_metadata(zs_db *db, const char *key, char **out, size_t *out_len);
int zs_db_set_metadata(zs_db *db, const char *key, const char *value, size_t len);

/* Writers: adds doc as a new document; *out_id (may be NULL) gets its id. */
int zs_db_add(zs_db *db, const zs_doc *doc, zs_docid *out_id);

/* Document id sets: a metadata key starting with ZS_DOCSET_PREFIX holds a set
 * of document ids, which compaction renumbers with the documents (sets of
 * several sources are united). Databases are written without termlists (half
 * their size), so a document cannot be deleted or changed once added: it is
 * left out of searches through ZS_DOCSET_DEAD instead. */
#define ZS_DOCSET_PREFIX "docset:"
#define ZS_DOCSET_DEAD ZS_DOCSET_PREFIX "dead"

/* Writers: removes every document indexed by term (none is not an error)
 * from searches and counts, by adding it to ZS_DOCSET_DEAD; it is written
 * with the transaction. */
int zs_db_delete_term(zs_db *db, const char *term, size_t len);

/* Writers: makes the set under key (ZS_DOCSET_PREFIX…) ids[0..n), in any
 * order; n 0 removes it. */
int zs_db_set_docset(zs_db *db, const char *key, const zs_docid *ids, size_t n);

/* Dead documents (zs_db_delete_term) and all documents, dead ones included. */
int zs_db_dead_count(zs_db *db, uint32_t *dead, uint32_t *all);

/* Calls fn(ctx, id, data, len) for every live document indexed by term (every
 * one when len is 0), in id order, until fn returns non-zero (returned);
 * data is the document's (borrowed for the call), or NULL when !with_data. */
typedef int (*zs_doc_visit_fn)(void *ctx, zs_docid id, const char *data, size_t len);
int zs_db_each_doc(zs_db *db, const char *term, size_t len, bool with_data, zs_doc_visit_fn fn,
                   void *ctx);

/* Reads document `id`. Caller frees *out with zs_doc_free. */
int zs_db_get_doc(zs_db *db, zs_docid id, zs_doc **out);

/* Calls fn(ctx, term, len) for every term starting with prefix, in sorted
 * order, until fn returns non-zero (that value is returned). */
typedef int (*zs_term_visit_fn)(void *ctx, const char *term, size_t len);
int zs_db_all_terms(zs_db *db, const char *prefix, size_t prefix_len, zs_term_visit_fn fn,
                    void *ctx);

/* Calls fn(ctx, key, len) for every metadata key starting with prefix, in
 * sorted order, until fn returns non-zero (that value is returned). */
int zs_db_metadata_keys(zs_db *db, const char *prefix, zs_term_visit_fn fn, void *ctx);

/* Writes a compacted copy of the database (for a writer, as last committed;
 * not of several shards) to directory `dest`. */
int zs_db_compact_to(zs_db *db, const char *dest);

/* Writes one compacted database holding the documents of every database in
 * sources[0..n) (directories or stubs), in that order, to directory dest.
 * Document ids are renumbered; metadata comes from the first source that has
 * each key. */
int zs_db_compact(const char *const *sources, size_t n, const char *dest);

/* ---- documents ---------------------------------------------------------- */

/* Caller frees with zs_doc_free (accepts NULL). */
int zs_doc_new(zs_doc **out);
void zs_doc_free(zs_doc *doc);

/* Adds term at position pos (1-based, as Xapian wants) with wdf += wdf_inc. */
int zs_doc_add_posting(zs_doc *doc, const char *term, size_t len, uint32_t pos, uint32_t wdf_inc);
/* Adds term without position, wdf += wdf_inc. */
int zs_doc_add_term(zs_doc *doc, const char *term, size_t len, uint32_t wdf_inc);
/* Adds a filter term (wdf 0, no position): matches but never weighs. */
int zs_doc_add_boolean_term(zs_doc *doc, const char *term, size_t len);
int zs_doc_set_data(zs_doc *doc, const char *data, size_t len);
int zs_doc_set_value(zs_doc *doc, unsigned slot, const char *value, size_t len);

/* Borrowed pointers, valid until the doc is changed or freed. Missing value
 * gives len 0. */
int zs_doc_get_data(const zs_doc *doc, const char **data, size_t *len);
int zs_doc_get_value(const zs_doc *doc, unsigned slot, const char **value, size_t *len);
/* The document's id when it was read from a database, else 0. */
zs_docid zs_doc_id(const zs_doc *doc);

/* ---- queries ------------------------------------------------------------ */

enum zs_query_op {
  ZS_OP_AND,       /* all subqueries match; weights add */
  ZS_OP_OR,        /* any matches; weights add */
  ZS_OP_AND_NOT,   /* first matches and none of the rest */
  ZS_OP_AND_MAYBE, /* first must match; the rest only add weight */
  ZS_OP_FILTER,    /* first matches and all of the rest, which add no weight */
  ZS_OP_SYNONYM,   /* matches like OR, weighted as one term */
  ZS_OP_PHRASE,    /* subqueries (terms) occur in order, within `window` positions */
  ZS_OP_NEAR,      /* subqueries occur in any order within `window` positions */
};

/* Queries are immutable and reference counted inside: building a node copies
 * what it needs from its children, so the caller still frees each child.
 * Every constructor: caller frees *out with zs_query_free (accepts NULL). */
int zs_query_term(zs_query **out, const char *term, size_t len, uint32_t wqf);
/* Every document (for pure filters). */
int zs_query_match_all(zs_query **out);
/* Matches nothing. */
int zs_query_match_nothing(zs_query **out);
/* OR of every term that starts with prefix (Xapian OP_WILDCARD); at most
 * max_expansion terms (0 = no limit), more gives ZS_ETOOBIG at search time. */
int zs_query_prefix(zs_query **out, const char *prefix, size_t len, unsigned max_expansion);
/* op over n subqueries; window is used by PHRASE and NEAR only (0 = n). */
int zs_query_combine(zs_query **out, int op, zs_query *const *subs, size_t n, unsigned window);
/* A copy of q whose weights are multiplied by factor (>= 0; 0 makes it boolean). */
int zs_query_scale(zs_query **out, const zs_query *q, double factor);
void zs_query_free(zs_query *q);
/* Xapian's own description of the query, for debugging; caller frees with free(). */
char *zs_query_describe(const zs_query *q);

/* ---- search ------------------------------------------------------------- */

#define ZS_MAX_FACETS 8

typedef struct zs_search_opts {
  uint32_t first;          /* rank of the first result to return (0-based) */
  uint32_t max;            /* how many results to return */
  uint32_t check_at_least; /* make counts exact up to this many matches (0 = Xapian's default) */
  int collapse_slot;       /* value slot to collapse on, or -1 for none */
  uint32_t collapse_max;   /* with collapse_slot: results kept per value */
  double bm25_k1, bm25_b;  /* BM25 parameters (< 0 = Xapian's defaults 1 / 0.5) */
  /* When set, a candidate matches only if accept(accept_ctx, id, data, len) on
   * its id and stored data returns non-zero; counts then count accepted
   * documents only. Facets count accepted documents before collapsing, as
   * Xapian's match spies do. With remote shards (where Xapian runs no match
   * decider) the check runs here on every candidate, so counts are exact. */
  int (*accept)(void *accept_ctx, zs_docid id, const char *data, size_t len);
  void *accept_ctx;
  /* Value slots whose values are counted over the matches examined (all of
   * them when check_at_least is at least the number of matches). */
  unsigned facet_slots[ZS_MAX_FACETS];
  size_t nfacets;
  /* A document id set (ZS_DOCSET_PREFIX…) left out of the matches, or NULL.
   * Dead documents (ZS_DOCSET_DEAD) are always left out. */
  const char *hide_docset;
} zs_search_opts;

/* Fills opts with: first 0, max 10, no collapse, default BM25 (k1, b = -1). */
void zs_search_opts_init(zs_search_opts *opts);

/* Runs q and returns one page of results. Caller frees with zs_results_free,
 * before closing db. */
int zs_search(zs_results **out, zs_db *db, const zs_query *q, const zs_search_opts *opts);
void zs_results_free(zs_results *r);

/* Number of results in this page. */
size_t zs_results_size(const zs_results *r);
/* Matches in the whole database: lower bound, estimate and upper bound (equal
 * when the count is exact). */
void zs_results_matches(const zs_results *r, uint32_t *lower, uint32_t *estimated, uint32_t *upper);
zs_docid zs_results_docid(const zs_results *r, size_t i);
double zs_results_score(const zs_results *r, size_t i);
/* Calls fn(ctx, value, len, count) for each value counted in facet number
 * `facet` (an index into opts.facet_slots), in sorted value order, until fn
 * returns non-zero (that value is returned). */
typedef int (*zs_facet_fn)(void *ctx, const char *value, size_t len, uint32_t count);
int zs_results_facet(const zs_results *r, size_t facet, zs_facet_fn fn, void *ctx);

/* Reads result i's document. Caller frees *out with zs_doc_free. */
int zs_results_doc(const zs_results *r, size_t i, zs_doc **out);

#ifdef __cplusplus
}
#endif

#endif
