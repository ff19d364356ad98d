/* zs_purge: the passages of replaced and removed files stay in the databases
 * as dead ones (zs_xapian.h); when they grow to a large share of the index,
 * the generation is written again without them. */
#ifndef ZS_PURGE_H
#define ZS_PURGE_H

#include <signal.h> /* sig_atomic_t */
#include <stdbool.h>

#include "zs_terms.h"
#include "zs_xapian.h"

/* Whether db (a writer) has enough dead passages to be written again: a
 * quarter of its documents, so that the rewrites of an index updated file by
 * file cost a bounded share of its indexing. */
int zs_purge_due(zs_db *db, bool *due);

/* Writes the live passages of src into dest (a new, empty writer), each
 * analysed again from its stored record with a (there is no termlist to copy
 * its terms from), in the same order, with src's metadata; the sets of
 * copies are made again for the new ids. Commits dest. When *stop is set
 * (stop may be NULL) it returns ZS_ESTOP at once, dest uncommitted. */
int zs_purge_rewrite(zs_db *src, zs_db *dest, zs_analyzer *a, unsigned fold_flags,
                     const volatile sig_atomic_t *stop);

#endif
