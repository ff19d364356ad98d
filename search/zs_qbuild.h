/* zs_qbuild: turns a parsed query into a plan: a Xapian query built through the
 * same analysis the indexer used, plus, where terms can only narrow the
 * candidates, the exact conditions to check on each candidate passage. */
#ifndef ZS_QBUILD_H
#define ZS_QBUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_qparse.h"
#include "zs_rank.h"
#include "zs_synonyms.h"
#include "zs_terms.h"
#include "zs_xapian.h"

/* Folded strings whose occurrences are highlighted. */
typedef struct zs_needles {
  char **str;
  size_t *len;
  size_t n, cap;
} zs_needles;

/* Groups of strings that are highlighted only where all of a group occur
 * (the parts of a word or synonym matched by all its parts). */
typedef struct zs_needle_groups {
  zs_needles *group;
  size_t n, cap;
} zs_needle_groups;

/* What the exact check sees of a candidate passage. */
typedef struct zs_check_view {
  const char *text; /* folded passage text */
  size_t text_len;
  const char *headings; /* folded headings, each ended by '\n' */
  size_t headings_len;
  uint32_t file_id;
  int year;
  const char *province, *type; /* "" when unknown */
} zs_check_view;

/* What building a query needs from its surroundings. */
typedef struct zs_qbuild_env {
  zs_analyzer *analyzer;
  unsigned fold_flags;         /* the index's folding (zs_fold.h) */
  const zs_synonyms *synonyms; /* NULL: no expansion */
  const zs_rank_params *rank;  /* borrowed; NULL: ZS_RANK_DEFAULTS */
  /* Ids of the indexed files whose field (doc: name, org:, docno:, date:)
   * matches the folded value; caller frees *ids with free(). */
  int (*find_docs)(void *ctx, zs_qfield field, const char *value, size_t len, uint32_t **ids,
                   size_t *n);
  /* The term (zs_file_key_term) of file id's passages, written into buf;
   * returns its length, or a negative ZS_E* code. */
  int (*file_term)(void *ctx, uint32_t id, char *buf, size_t size);
  /* Calls fn(fctx, term, len) for every indexed term starting with prefix.
   * NULL: Xapian expands the prefix itself, shard by shard, so that scores of
   * sharded indexes would differ from one index's. */
  int (*prefix_terms)(void *ctx, const char *prefix, size_t len,
                      int (*fn)(void *fctx, const char *term, size_t len), void *fctx);
  void *ctx;
} zs_qbuild_env;

typedef struct zs_check zs_check; /* the query as conditions on a zs_check_view */

typedef struct zs_qplan {
  zs_query *query; /* what Xapian runs */
  /* The passages that hold only some parts of the free text (some words of
   * 新媒体宣传, or of 宣传 品牌), to list after those of query, marked: the
   * same query with the parts ORed, without query's matches. NULL when the
   * free text has one part, or when the plan must verify. */
  zs_query *partial;
  bool verify;         /* whether its matches must pass zs_qplan_accepts */
  bool check_headings; /* whether the check reads headings */
  /* only exact strings rank: the shorter a passage holding them, the closer
   * it is to being that string (a 文号 line, a title), so length counts */
  bool prefer_short;
  bool quoted; /* it holds an exact string (every occurrence must be found) */
  zs_check *check;
  zs_needles needles;             /* strings of the non-excluded parts, to highlight */
  zs_needle_groups needle_groups; /* … and parts, each group where all of it occurs */
  zs_needles partial_needles;     /* what partial matches show: any part of any word */
} zs_qplan;

/* Builds the plan of root. Malformed field values give ZS_EINVAL with the
 * column. Caller frees with zs_qplan_free. */
int zs_qbuild(zs_qplan *plan, const zs_qbuild_env *env, const zs_qnode *root);
void zs_qplan_free(zs_qplan *plan);

/* Whether a passage satisfies the query: quoted strings, headings and
 * exclusions by substring, free text by any of its words or synonyms,
 * fields by the file's metadata. */
bool zs_qplan_accepts(const zs_qplan *plan, const zs_check_view *v);

/* The query string s[0..len) as the query's terms are made of it:
 * zs_terms_fold of the query side (spaces inside Chinese removed as
 * zs_clean_spaces does, then folded with fold_flags). Caller frees *out. */
int zs_qbuild_fold(char **out, size_t *out_len, const char *s, size_t len, unsigned fold_flags);

/* Parses a year or year range ("2025", "2020..2023", "2020..", "..2023")
 * into [*lo, *hi]; ZS_EINVAL (message without position) when malformed. */
int zs_qbuild_years(const char *s, size_t len, int *lo, int *hi);

/* Parses a date: value — 2019, 2019-01, 2019-01-22 (or 2019年1月22日), or a
 * range of them A..B, A.., ..B — into the bounds a file's YYYY-MM-DD date
 * must lie within: strcmp(date, lo) >= 0 && strcmp(date, hi) <= 0. ZS_EINVAL
 * with a message otherwise. */
int zs_qbuild_dates(const char *s, size_t len, char lo[12], char hi[12]);

#endif
