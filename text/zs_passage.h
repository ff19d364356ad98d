/* zs_passage: cuts a cleaned document into passages, the unit of search: one per
 * body paragraph, long ones cut at sentence ends (ICU) into ~150–400 characters,
 * each with its line range and the headings it stands under. */
#ifndef ZS_PASSAGE_H
#define ZS_PASSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "zs_clean.h"

#define ZS_PASSAGE_MIN_CHARS 150
#define ZS_PASSAGE_MAX_CHARS 400
#define ZS_MAX_HEADING_DEPTH 8

typedef struct zs_passage {
  const char *text; /* borrowed from the zs_doc_text block (its text or flat); NOT NUL-terminated */
  size_t len;
  uint32_t line_first, line_last; /* source lines, 1-based, inclusive */
  /* Headings the passage stands under, outermost first (borrowed from block
   * texts, NOT NUL-terminated); the last is the nearest. An inline heading of
   * the passage's own paragraph counts as its nearest heading. */
  struct {
    const char *text;
    size_t len;
  } headings[ZS_MAX_HEADING_DEPTH];
  size_t nheadings;
  size_t block;       /* index of the source block */
  zs_block_kind kind; /* of the source block: TITLE and HEADING blocks are passages too */
} zs_passage;

/* Returns 0 to go on; anything else stops and is returned. */
typedef int (*zs_passage_fn)(void *ctx, const zs_passage *p);

/* Calls fn for each passage of d in document order. Uses one ICU sentence
 * break iterator for the whole call. */
int zs_passages(const zs_doc_text *d, zs_passage_fn fn, void *ctx);

#endif
