/* zs_passage_doc: one passage → one Xapian document: its terms (words, sub-words,
 * bigrams; heading words under their prefix), metadata filters and values, file
 * id and the stored record. */
#ifndef ZS_PASSAGE_DOC_H
#define ZS_PASSAGE_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_docmeta.h"
#include "zs_passage.h"
#include "zs_record.h"
#include "zs_terms.h"
#include "zs_xapian.h"

/* Per-file state, reused for each passage of the file. */
typedef struct zs_passage_doc_ctx {
  zs_analyzer *analyzer; /* borrowed */
  uint32_t file_id;
  const char *path;       /* the file's path (borrowed), for its key */
  uint32_t version;       /* of the file record these passages belong to */
  const zs_docmeta *meta; /* borrowed */
  unsigned fold_flags;
  /* Pages of a paged document (zs_format.h's page_lines, borrowed), NULL when
   * the file has none: set after zs_passage_doc_begin. */
  const uint32_t *page_lines;
  size_t npages;
} zs_passage_doc_ctx;

/* Prepares ctx for the passages of version `version` of file file_id at path
 * (borrowed) with metadata meta (borrowed), folding text with fold_flags. */
void zs_passage_doc_begin(zs_passage_doc_ctx *ctx, zs_analyzer *a, uint32_t file_id,
                          const char *path, uint32_t version, const zs_docmeta *meta,
                          unsigned fold_flags);

/* Builds passage p (number passage_no of its file) and adds it to db. */
int zs_passage_doc_add(zs_passage_doc_ctx *ctx, zs_db *db, const zs_passage *p,
                       uint32_t passage_no);

/* Builds the passage stored as rec again (the same document zs_passage_doc_add
 * made of it, given whether it had ZS_TERM_FRONT) and adds it to db. */
int zs_passage_doc_add_record(zs_passage_doc_ctx *ctx, zs_db *db, const zs_passage_record *rec,
                              bool front);

#endif
