/* zs_rank: the parameters of ranking, passed with every search (never read
 * from the environment): tuned defaults, overridable for tuning runs. */
#ifndef ZS_RANK_H
#define ZS_RANK_H

typedef struct zs_rank_params {
  /* weights relative to the words of free text (README, Ranking) */
  double verbatim; /* a text of several parts verbatim: all its bigrams */
  double subword;  /* shorter words inside a query word */
  double heading;  /* the words in a heading above the passage */
  /* BM25: k1 (term frequency saturation) and b (length normalisation) */
  double bm25_k1, bm25_b;
} zs_rank_params;

/* The defaults, tuned on ../shared/eval and checked on other queries. */
#define ZS_RANK_DEFAULTS                                                                           \
  ((zs_rank_params){.verbatim = 1.0, .subword = 0.5, .heading = 0.5, .bm25_k1 = 1.0, .bm25_b = 0.0})

#endif
