/* zs_search: runs a zhquery query against an index and returns ranked passages
 * with their file, heading, line range and the spans to highlight. */
#ifndef ZS_SEARCH_H
#define ZS_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_analyze.h"
#include "zs_rank.h"
#include "zs_record.h"

typedef struct zs_searcher zs_searcher;

/* Opens the index in index_dir read-only. ZS_ENOTFOUND (the message says how to
 * build one) when there is none; ZS_EINVAL when it was built with another
 * analysis. Caller frees with zs_searcher_close. */
int zs_searcher_open(zs_searcher **out, const char *index_dir);

/* Opens indexes[0..n) as one index: each may be an index directory, a stub
 * file listing shards (local or "remote :HOST:PORT") or a remote spec (see
 * zs_shards.h). Results, scores and counts are those of one index holding
 * every shard's passages; file ids are renumbered shard after shard. Every
 * shard must be reachable and analysed alike, or the open fails naming it.
 * Remote shards time out after $ZHSEARCH_REMOTE_TIMEOUT seconds (default 10).
 * Caller frees with zs_searcher_close. */
int zs_searcher_open_many(zs_searcher **out, const char *const *indexes, size_t n);
void zs_searcher_close(zs_searcher *s);

/* The analyzer the index was built with (builtin lexicon plus the index's
 * extra words); borrowed for the searcher's lifetime. */
zs_analyzer *zs_searcher_analyzer(zs_searcher *s);

/* How the index folded text (zs_fold.h flags): queries fold the same way. */
unsigned zs_searcher_fold_flags(const zs_searcher *s);

/* Synonyms for free text: the built-in ones plus those of user_file (NULL for
 * none), or none at all when !enabled. Errors name the file and line. */
int zs_searcher_synonyms(zs_searcher *s, bool enabled, const char *user_file);

/* The synonyms in use (NULL when off); borrowed. */
const struct zs_synonyms *zs_searcher_get_synonyms(const zs_searcher *s);

/* Calls fn for the record of every indexed file, in file id order, but not
 * for copies of another file (the same text saved again: see zs_copies.h). */
typedef int (*zs_file_fn)(void *ctx, const zs_file_record *f);
int zs_searcher_files(zs_searcher *s, zs_file_fn fn, void *ctx);

/* The same, copies included when all_copies. */
int zs_searcher_each_file(zs_searcher *s, bool all_copies, zs_file_fn fn, void *ctx);

/* Calls fn for each copy of file id (none when it has none). */
int zs_searcher_copies(zs_searcher *s, uint32_t id, zs_file_fn fn, void *ctx);

typedef struct zs_span {
  size_t start, end; /* byte offsets in the hit's text */
} zs_span;

typedef struct zs_hit {
  double score;
  zs_passage_record rec;      /* borrows from the result set */
  const zs_file_record *file; /* borrowed from the searcher */
  zs_span *spans;             /* sorted, non-overlapping */
  size_t nspans;
  const zs_file_record **copies; /* the same document saved elsewhere (borrowed records) */
  size_t ncopies;
  bool partial; /* holds only some parts of the free text (after every full match) */
} zs_hit;

/* Matching passages counted by one value of a field. */
typedef struct zs_facet {
  const char *name; /* "province", "year", "type", "org", "doc" (the last) */
  char **value;     /* the field's values (file names for "doc"), most passages first */
  uint32_t *count;
  size_t n;
} zs_facet;

#define ZS_NFACETS 5

typedef struct zs_hits {
  zs_facet facets[ZS_NFACETS];
  size_t nfacets; /* 0 unless asked for */
  zs_hit *hit;
  size_t n;
  uint32_t first;                    /* rank of hit[0], 0-based */
  uint32_t total_lower, total_upper; /* matching passages (equal when exact) */
  uint32_t total_estimate;
  /* passages holding only some parts of the free text (some words of
   * 新媒体宣传): listed after the full matches, which total_* count; counted
   * only when the full matches are counted exactly, else 0 */
  uint32_t partial_total;
  bool partial_exact;
  struct zs_hits_private *priv;
} zs_hits;

/* How far zhquery and zhquery serve count matches exactly by default; past
 * it they report Xapian's estimate ("about N"). */
#define ZS_EXACT_COUNT_DEFAULT 10000

/* Passages of one document that a search shows among the first
 * ZS_SPREAD_WINDOW before the other documents' (zhquery --per-doc, the page's
 * per_doc), by default: one long document does not fill the first page. */
#define ZS_PER_DOC_DEFAULT 3
#define ZS_SPREAD_WINDOW 50

typedef struct zs_search_params {
  uint32_t first;             /* 0-based rank of the first hit */
  uint32_t max;               /* hits wanted; 0 = none (count only) */
  uint32_t exact_count_up_to; /* counts are exact up to this many matches */
  bool facets;                /* count matching passages per province, year, type and document */
  bool group_by_doc;          /* only the best passage of each document (per_doc = 1) */
  uint32_t per_doc;           /* at most this many passages of one document (0 = no limit) */
  /* Among the first ZS_SPREAD_WINDOW passages, a document's passages after
   * its first spread_per_doc come after the other documents' (0: rank
   * order). Nothing is left out and counts stay; pages agree with each other. */
  uint32_t spread_per_doc;
  bool no_highlight; /* leave zs_hit.spans empty (callers that only count) */
  bool all_copies;   /* search copies of a document too (else only the one shown) */
  /* leave out even a copy's passages that its shown file lacks, which only
   * quoted strings find otherwise (audits: one row per document, counted in
   * the file shown for it) */
  bool shown_only;
  bool strict;                /* no partial matches after the full ones */
  const zs_rank_params *rank; /* NULL: ZS_RANK_DEFAULTS */
} zs_search_params;

/* Parses and runs query q[0..len). Malformed queries give ZS_EINVAL with a
 * message naming the column. Caller frees *out with zs_hits_free. */
int zs_search_run(zs_searcher *s, const char *q, size_t len, const zs_search_params *params,
                  zs_hits **out);

/* Runs a plan built with zs_searcher_env (see zs_qbuild.h); plan stays the
 * caller's. Caller frees *out with zs_hits_free. */
struct zs_qplan;
int zs_search_plan(zs_searcher *s, const struct zs_qplan *plan, const zs_search_params *params,
                   zs_hits **out);

/* What zs_qbuild needs to build plans for this index. */
struct zs_qbuild_env zs_searcher_env(zs_searcher *s);

/* Passages indexed by term (its exact bytes, prefix included) / in all. */
/* Every passage of file id in document order, as the hits of *out (no
 * ranking, no highlights): the document view. ZS_ENOTFOUND when the index has
 * no file id. Caller frees *out with zs_hits_free. */
#define ZS_DOCUMENT_MAX_PASSAGES 100000
int zs_search_document(zs_searcher *s, uint32_t id, zs_hits **out);

/* The record of file id (borrowed: valid until s is closed). ZS_ENOTFOUND
 * when the index has no such file. */
int zs_searcher_file(zs_searcher *s, uint32_t id, const zs_file_record **out);

int zs_searcher_term_freq(zs_searcher *s, const char *term, size_t len, uint32_t *df);
int zs_searcher_doc_count(zs_searcher *s, uint32_t *n);
void zs_hits_free(zs_hits *h);

#endif
