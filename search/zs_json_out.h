/* zs_json_out: zhquery --json: one JSON object per line (JSON Lines), a "hit"
 * object per passage and a closing "summary" object; schema in the README. */
#ifndef ZS_JSON_OUT_H
#define ZS_JSON_OUT_H

#include <stdio.h>

#include "zs_search.h"
#include "zs_similar.h"

struct json_object;

/* Writes the hits of h and the summary (with facets when h has them). */
int zs_json_write_hits(FILE *out, const zs_hits *h, const char *query);

/* Adds to o what `zhquery similar --json` and serve's /api/similar say of a
 * precedent beyond its passage: kind, rank, overlap, the draft's words it
 * holds ("terms") and the near-identical passages folded into it ("also_in"). */
void zs_json_add_precedent(struct json_object *o, const zs_similar_result *r,
                           const zs_precedent *it, size_t rank);

/* The document view of file f: its metadata, "original" (the API path of
 * the file as saved) and "passages", each with "no", "lines", "page",
 * "headings", "text" and "cite", in document order (h from
 * zs_search_document). The caller owns the object (json_object_put). */
struct json_object *zs_json_document(const zs_file_record *f, const zs_hits *h);

/* Writes one "doc" object per indexed file. */
int zs_json_write_docs(FILE *out, zs_searcher *s, bool all_copies);

#endif
