/* zs_qbuild: turns a parsed query into a Xapian query through the same analysis
 * the indexer used, and collects the folded strings to highlight in hits. */
#ifndef ZS_QBUILD_H
#define ZS_QBUILD_H

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

/* Builds *out from root. needles receives the strings of the non-excluded
 * parts of the query. Caller frees *out with zs_query_free and needles with
 * zs_needles_free. */
int zs_qbuild(zs_query **out, zs_needles *needles, zs_analyzer *a, const zs_qnode *root);
void zs_needles_free(zs_needles *nd);

/* The query string s[0..len) prepared like document text: spaces inside
 * Chinese removed (zs_clean_spaces), then folded. Caller frees *out. */
int zs_qbuild_fold(char **out, size_t *out_len, const char *s, size_t len);

#endif
