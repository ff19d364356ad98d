/* zs_qbuild: turns a parsed query into a plan: a Xapian query built through the
 * same analysis the indexer used, plus, where bigram terms can only narrow the
 * candidates, the exact conditions to check on each candidate's text. */
#ifndef ZS_QBUILD_H
#define ZS_QBUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "zs_analyze.h"
#include "zs_qparse.h"
#include "zs_xapian.h"

/* Folded strings whose occurrences are highlighted. */
typedef struct zs_needles {
  char **str;
  size_t *len;
  size_t n;
} zs_needles;

typedef struct zs_check zs_check; /* the exact conditions, see zs_qplan_accepts */

typedef struct zs_qplan {
  zs_query *query;   /* what Xapian runs */
  bool verify;       /* whether its matches must pass zs_qplan_accepts */
  zs_check *check;   /* the query as conditions on folded text */
  zs_needles needles; /* strings of the non-excluded parts, to highlight */
} zs_qplan;

/* Builds the plan of root. Caller frees with zs_qplan_free. */
int zs_qbuild(zs_qplan *plan, zs_analyzer *a, const zs_qnode *root);
void zs_qplan_free(zs_qplan *plan);

/* Whether a passage whose folded text is s[0..len) satisfies the query:
 * quoted strings and exclusions by substring, free text by any of its words. */
bool zs_qplan_accepts(const zs_qplan *plan, const char *s, size_t len);

/* The query string s[0..len) prepared like document text: spaces inside
 * Chinese removed (zs_clean_spaces), then folded. Caller frees *out. */
int zs_qbuild_fold(char **out, size_t *out_len, const char *s, size_t len);

#endif
