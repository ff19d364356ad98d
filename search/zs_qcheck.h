/* zs_qcheck: the exact form of a query, evaluated on one candidate passage
 * (private to zs_qbuild; zhquery's match decider calls it through the plan). */
#ifndef ZS_QCHECK_H
#define ZS_QCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_qbuild.h"
#include "zs_qparse.h"

/* A list of owned strings (the needles' type: same use). */
typedef zs_needles zs_strings;

struct zs_check {
  zs_qkind kind;
  zs_qfield field; /* FIELD */
  char *str;       /* TEXT, EXACT, FIELD heading/province/type: folded value */
  size_t len;
  int year_lo, year_hi; /* FIELD year */
  uint32_t *ids;        /* FIELD doc: matching file ids */
  size_t nids;
  /* AND, OR, NOT; TEXT: one, what it matches by (its parts, its synonyms) */
  zs_check **kids;
  size_t nkids;
};

/* Appends a copy of s unless present. */
int zs_strings_add(zs_strings *l, const char *s, size_t len);
void zs_strings_free(zs_strings *l);

void zs_check_free(zs_check *c);
bool zs_check_eval(const zs_check *c, const zs_check_view *v);

#endif
