/* zs_similar: precedents for a draft: the archive's passages that share the
 * draft's most distinctive words, at most N per document, with the draft's
 * own source marked and near-identical passages collapsed. */
#ifndef ZS_SIMILAR_H
#define ZS_SIMILAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_search.h"

typedef struct zs_similar_params {
  uint32_t max;     /* precedents wanted */
  uint32_t per_doc; /* at most this many passages of one document */
  const char
      *where; /* a query (fields such as province: or -year:) the precedents must match, or NULL */
} zs_similar_params;

typedef struct zs_precedent {
  const zs_hit *hit; /* borrowed from the result's hits */
  bool source;       /* the draft itself (or a near-identical copy of it) */
  double overlap;    /* share of the smaller text's character pairs found in the other */
  size_t *terms;     /* indexes into zs_similar_result.words found in the passage */
  size_t nterms;
  size_t *also_in; /* indexes into hits of near-identical passages folded into this one */
  size_t nalso;
} zs_precedent;

typedef struct zs_similar_result {
  zs_hits *hits;
  zs_precedent *items; /* sources first, then precedents best first */
  size_t n;
  char **words; /* the draft's distinctive words that were searched, weightiest first */
  char **terms; /* their index terms (zs_terms), at the same index */
  double *weights;
  size_t nwords;
} zs_similar_result;

/* Finds precedents for text[0..len). ZS_EINVAL for a draft with no word the
 * index knows, or a malformed `where`. Caller frees *out with zs_similar_free. */
int zs_similar_run(zs_searcher *s, const char *text, size_t len, const zs_similar_params *p,
                   zs_similar_result **out);
void zs_similar_free(zs_similar_result *r);

#endif
