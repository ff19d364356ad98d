/* zs_search: runs a zhquery query against an index and returns ranked passages
 * with their file, heading, line range and the spans to highlight. */
#ifndef ZS_SEARCH_H
#define ZS_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "zs_analyze.h"
#include "zs_record.h"

typedef struct zs_searcher zs_searcher;

/* Opens the index in index_dir read-only. ZS_ENOTFOUND (the message says how to
 * build one) when there is none; ZS_EINVAL when it was built with another
 * analysis. Caller frees with zs_searcher_close. */
int zs_searcher_open(zs_searcher **out, const char *index_dir);
void zs_searcher_close(zs_searcher *s);

/* The analyzer the index was built with (builtin lexicon plus the index's
 * extra words); borrowed for the searcher's lifetime. */
zs_analyzer *zs_searcher_analyzer(zs_searcher *s);

typedef struct zs_span {
  size_t start, end; /* byte offsets in the hit's text */
} zs_span;

typedef struct zs_hit {
  double score;
  zs_passage_record rec;     /* borrows from the result set */
  const zs_file_record *file; /* borrowed from the searcher */
  zs_span *spans;            /* sorted, non-overlapping */
  size_t nspans;
} zs_hit;

typedef struct zs_hits {
  zs_hit *hit;
  size_t n;
  uint32_t first;                  /* rank of hit[0], 0-based */
  uint32_t total_lower, total_upper; /* matching passages (equal when exact) */
  uint32_t total_estimate;
  struct zs_hits_private *priv;
} zs_hits;

typedef struct zs_search_params {
  uint32_t first; /* 0-based rank of the first hit */
  uint32_t max;   /* hits wanted; 0 = none (count only) */
  uint32_t exact_count_up_to; /* counts are exact up to this many matches */
} zs_search_params;

/* Parses and runs query q[0..len). Malformed queries give ZS_EINVAL with a
 * message naming the column. Caller frees *out with zs_hits_free. */
int zs_search_run(zs_searcher *s, const char *q, size_t len, const zs_search_params *params,
                  zs_hits **out);
void zs_hits_free(zs_hits *h);

#endif
