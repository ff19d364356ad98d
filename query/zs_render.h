/* zs_render: prints hits for people: rank, title, heading, path:line and the
 * passage with matches in bold on a terminal, in [brackets] otherwise. */
#ifndef ZS_RENDER_H
#define ZS_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "zs_search.h"

typedef struct zs_render_opts {
  bool bold;         /* ANSI bold for matches (a terminal without NO_COLOR) */
  const char *query; /* echoed in the header line */
  bool cite;         /* a line with the citation (zs_cite) under each hit's place */
  bool by_doc;       /* one hit a document (--group-by-doc): the header counts documents */
  bool hide_facets;  /* h's facets were counted for the header only */
} zs_render_opts;

/* "   引用：《标题》（发文字号），…，第N段\n" of hit (zs_cite), for --cite. */
void zs_render_cite(FILE *out, const zs_hit *hit);

/* Prints the header (number of matches), the facets when h has them, and
 * every hit of h to out. */
void zs_render_hits(FILE *out, const zs_hits *h, const zs_render_opts *opts);

/* Prints one line per indexed file: id, year, province, type, passages,
 * title and path. */
int zs_render_docs(FILE *out, zs_searcher *s, bool all_copies);

/* The passage of hit with its spans marked (bold or [brackets]); a control
 * character in the text is shown, never sent to the terminal. */
void zs_render_passage(FILE *out, const zs_hit *hit, bool bold);

#endif
