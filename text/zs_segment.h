/* zs_segment: Chinese word segmentation: ICU's dictionary word break over a
 * UTF-8 UText, then a merge pass joining adjacent ICU pieces into the longest
 * lexicon word. Tokens leave through a callback with byte offsets; no list. */
#ifndef ZS_SEGMENT_H
#define ZS_SEGMENT_H

#include <stddef.h>

#include "zs_lexicon.h"

typedef enum zs_token_kind {
  ZS_TOKEN_WORD = 1,    /* a word: the merged unit (letters, digits, ideographs) */
  ZS_TOKEN_SUBWORD = 2, /* inside a WORD: a shorter lexicon word (at any offset) or,
                           in a merged WORD, an ICU piece of >= 2 code points */
  ZS_TOKEN_PUNCT = 3,   /* punctuation or symbol (one ICU segment), not a word */
} zs_token_kind;

typedef struct zs_token {
  zs_token_kind kind;
  size_t start, end; /* byte offsets in the segmented text */
} zs_token;

/* Returns 0 to go on; anything else stops segmentation and is returned. */
typedef int (*zs_token_fn)(void *ctx, const zs_token *tok);

typedef struct zs_segmenter zs_segmenter;

/* A segmenter owns one ICU break iterator, reused for every text; not
 * thread-safe (one per thread). lx is borrowed. Caller frees with zs_segmenter_free. */
int zs_segmenter_new(zs_segmenter **out, const zs_lexicon *lx);
void zs_segmenter_free(zs_segmenter *sg);

/* Segments s[0..len) (folded UTF-8, len < 2 GiB). Whitespace yields no token.
 * Tokens come in text order; a WORD's SUBWORDs follow it. Returns ZS_OK, an
 * error, or the callback's non-zero value. */
int zs_segment(zs_segmenter *sg, const char *s, size_t len, zs_token_fn fn, void *ctx);

#endif
