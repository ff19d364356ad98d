/* zs_index: an index as both sides see it: the analysis settings it was
 * written with (folding, lexicon, schema), stored in it and checked on open. */
#ifndef ZS_INDEX_H
#define ZS_INDEX_H

#include <stddef.h>

#include "zs_lexicon.h"

/* Writes into buf the description of the analysis (schema, folding, lexicon)
 * that an index stores and a query must match: zs_schema.h's format. */
void zs_analysis_describe(char *buf, size_t size, unsigned fold_flags, const zs_lexicon *lx);

#endif
