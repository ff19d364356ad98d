/* zs_json_out: zhquery --json: one JSON object per line (JSON Lines), a "hit"
 * object per passage and a closing "summary" object; schema in the README. */
#ifndef ZS_JSON_OUT_H
#define ZS_JSON_OUT_H

#include <stdio.h>

#include "zs_search.h"

/* Writes the hits of h and the summary (with facets when h has them). */
int zs_json_write_hits(FILE *out, const zs_hits *h, const char *query);

/* Writes one "doc" object per indexed file. */
int zs_json_write_docs(FILE *out, zs_searcher *s);

#endif
