/* zs_analyze: the one tokenizer under the terms (zs_terms.h): folded text in,
 * candidate tokens out (words, sub-words, character bigrams, punctuation), shaped
 * like an FTS5 tokenizer: a callback per token, offsets into the caller's text. */
#ifndef ZS_ANALYZE_H
#define ZS_ANALYZE_H

#include <stddef.h>
#include <stdint.h>

#include "zs_lexicon.h"
#include "zs_utf8.h" /* zs_utf8_count, used with terms */

typedef enum zs_term_kind {
  ZS_TERM_WORD = 1,    /* a segmented word, of any length */
  ZS_TERM_SUBWORD = 2, /* a shorter lexicon word or an ICU piece inside a word */
  ZS_TERM_PUNCT = 3,   /* punctuation token (reported only with ZS_ANALYZE_PUNCT) */
  ZS_TERM_BIGRAM = 5,  /* two adjacent code points (a space may be one of them), or the
                          last code point of the text alone: every non-space code point
                          starts a bigram, so a character is found by its prefix */
} zs_term_kind;

typedef struct zs_term {
  zs_term_kind kind;
  const char *text; /* points into the analysed text; NOT NUL-terminated */
  size_t len;
  size_t start, end; /* byte offsets in the analysed (folded) text */
  uint32_t pos;      /* bigrams: 0-based code point index of the first char; else 0 */
} zs_term;

typedef int (*zs_term_fn)(void *ctx, const zs_term *t);

enum zs_analyze_flags {
  ZS_ANALYZE_WORDS = 1,    /* WORD terms */
  ZS_ANALYZE_SUBWORDS = 2, /* SUBWORD terms */
  ZS_ANALYZE_NGRAMS = 4,   /* BIGRAM terms */
  ZS_ANALYZE_PUNCT = 8,    /* PUNCT terms (for segmentation output) */
  ZS_ANALYZE_INDEX = ZS_ANALYZE_WORDS | ZS_ANALYZE_SUBWORDS | ZS_ANALYZE_NGRAMS,
};

typedef struct zs_analyzer zs_analyzer;

/* One analyzer per thread; lx is borrowed. Caller frees with zs_analyzer_free. */
int zs_analyzer_new(zs_analyzer **out, const zs_lexicon *lx);
void zs_analyzer_free(zs_analyzer *a);

/* Analyses folded text s[0..len) (output of zs_fold). Words come in text
 * order, then n-grams in text order. Which tokens become terms, with which
 * prefix, is zs_terms's decision, not the caller's. Returns ZS_OK, an error,
 * or the callback's non-zero value. */
int zs_analyze(zs_analyzer *a, const char *s, size_t len, unsigned flags, zs_term_fn fn, void *ctx);

#endif
