/* zs_highlight: where the query's strings occur in a passage, as byte spans of
 * the passage as displayed, found on the folded text and mapped back. */
#ifndef ZS_HIGHLIGHT_H
#define ZS_HIGHLIGHT_H

#include <stddef.h>

#include "zs_qbuild.h"
#include "zs_search.h"

/* Spans of every occurrence of every needle in text[0..len) folded with
 * fold_flags, and of every group's strings where all of the group occur
 * (groups may be NULL), sorted and merged where they overlap or touch.
 * Caller frees *out with free(). */
int zs_highlight(zs_span **out, size_t *n, const char *text, size_t len, const zs_needles *nd,
                 const zs_needle_groups *groups, unsigned fold_flags);

#endif
