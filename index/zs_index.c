/* zs_index: the analysis settings an index records, described in one string
 * so that writer and reader compare them whole. */
#include "zs_index.h"

#include <stdio.h>

#include "zs_fold.h"
#include "zs_schema.h"

void zs_analysis_describe(char *buf, size_t size, unsigned fold_flags, const zs_lexicon *lx) {
  snprintf(buf, size, ZS_ANALYSIS_FORMAT, ZS_SCHEMA_VERSION, zs_fold_describe(fold_flags),
           (fold_flags & ZS_FOLD_T2S) ? zs_fold_t2s_fingerprint() : "-",
           zs_lexicon_fingerprint(lx));
}
