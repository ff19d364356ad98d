/* zs_terms: the one place that decides what a term is: how each side prepares
 * text, which of zs_analyze's candidates become terms, their length limits and
 * prefixes. zhindex stores what it gives for a document; zhquery looks up what
 * it gives for a query, so a term the query side makes is one the index made. */
#ifndef ZS_TERMS_H
#define ZS_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "zs_analyze.h"

/* Prefixes of the terms made from text. Words carry none: folded text never
 * starts with an upper-case ASCII letter, so no word can look prefixed. */
#define ZS_PREFIX_BIGRAM "B"  /* two adjacent code points, or a document's last one alone */
#define ZS_PREFIX_HEADING "H" /* word of a heading above the passage */

/* The other terms of a passage's document, not made from its text. */
/* The one term of the passages that say what a document is (its title lines,
 * a line holding only its number): a small boost, so that a search for a
 * title or a 文号 finds the document before the passages that cite it. */
#define ZS_TERM_FRONT "XS"

/* Words (and sub-words) from ZS_MIN_WORD_CHARS code points to ZS_MAX_WORD_BYTES
 * bytes of folded text are terms: one character is found through its bigrams,
 * longer runs (URLs, digit strings) are not words. */
#define ZS_MIN_WORD_CHARS 2
#define ZS_MAX_WORD_BYTES 64
/* The longest term, prefix included (a buffer for one needs one byte more). */
#define ZS_MAX_TERM_BYTES (1 + ZS_MAX_WORD_BYTES)

typedef enum zs_terms_side {
  /* Text of a document (a passage, a heading), cleaned by zs_clean already:
   * folded only. Its last code point is a bigram term too, so that every
   * character starts a bigram term (a one-character query looks them up). */
  ZS_TERMS_DOCUMENT = 1,
  /* Text a user typed (a query, a draft, a synonym): the spaces inside Chinese
   * text removed as zs_clean removes them from documents (zs_clean_spaces),
   * then folded; text from a NUL on is ignored. No lone last code point. */
  ZS_TERMS_QUERY = 2,
} zs_terms_side;

typedef enum zs_terms_field {
  ZS_TERMS_BODY = 1,    /* the passage: words unprefixed, bigrams under ZS_PREFIX_BIGRAM */
  ZS_TERMS_HEADING = 2, /* a heading above it: words under ZS_PREFIX_HEADING, no bigrams */
} zs_terms_field;

/* One final term, as the index stores it. */
typedef struct zs_index_term {
  zs_term_kind kind; /* ZS_TERM_WORD, ZS_TERM_SUBWORD or ZS_TERM_BIGRAM */
  const char *term;  /* the term's bytes, prefix included; NUL-terminated; valid
                        during the callback only */
  size_t len;        /* bytes of term */
  const char *text;  /* the folded text it stands for: term without its prefix */
  size_t text_len;
  /* its bytes in the source text (in the folded text for zs_terms, which
   * builds no offset map); a source character that folds into several
   * (㍿ → 株式会社) lends its whole span to each term inside it, so the spans
   * of neighbouring terms may overlap */
  size_t start, end;
  size_t folded_start, folded_end; /* its bytes in the prepared (folded) text */
} zs_index_term;

/* Returns 0 to go on; anything else stops the terms and is returned. */
typedef int (*zs_index_term_fn)(void *ctx, const zs_index_term *t);

/* Text prepared for analysis by one side: what the terms are made of. */
typedef struct zs_terms_text {
  zs_terms_side side;
  char *folded; /* NUL-terminated */
  size_t len;   /* bytes of folded */
  /* per folded byte (len entries), as zs_folded: the source span it came from,
   * so folded [a,b) is source [src_start[a], src_end[b-1]); NULL in the text
   * zs_terms prepares, whose terms give folded offsets */
  uint32_t *src_start, *src_end;
} zs_terms_text;

/* Prepares s[0..len) (UTF-8) for side with the index's fold_flags (zs_fold.h).
 * Caller frees with zs_terms_text_free; *out is untouched on failure
 * (ZS_EINVAL, ZS_EBADUTF8, ZS_ETOOBIG, ZS_ENOMEM, ZS_EICU). */
int zs_terms_prepare(zs_terms_text *out, zs_terms_side side, unsigned fold_flags, const char *s,
                     size_t len);

/* Frees what zs_terms_prepare allocated and zeroes *t. Accepts NULL and zeroed structs. */
void zs_terms_text_free(zs_terms_text *t);

/* The folded text of zs_terms_prepare alone, without the offset map (cheaper):
 * what a side's terms are made of, for substring checks and highlighting.
 * Caller frees *out with free(); *out is untouched on failure. out_len may be NULL. */
int zs_terms_fold(char **out, size_t *out_len, zs_terms_side side, unsigned fold_flags,
                  const char *s, size_t len);

/* Calls fn for every term of prepared text t (borrowed) in field whose kind
 * `kinds` selects: ZS_ANALYZE_WORDS, ZS_ANALYZE_SUBWORDS, ZS_ANALYZE_NGRAMS or
 * ZS_ANALYZE_INDEX for all. Words and sub-words come first, in text order (a
 * word's sub-words after it), then bigrams in text order. A term may come more
 * than once (each occurrence counts). In a document's text with its words, a
 * pair of code points that a word or sub-word of two code points stands for
 * is not a bigram term too: one posting instead of two, so the pair xy is
 * found as the bigram term or the word term (zs_terms_bigram_word), and its
 * occurrences are the two terms' together. Returns ZS_OK, ZS_EINVAL (an
 * unknown field or kind), an error of analysis, or fn's non-zero value. */
int zs_terms_each(zs_analyzer *a, const zs_terms_text *t, zs_terms_field field, unsigned kinds,
                  zs_index_term_fn fn, void *ctx);

/* What zs_terms_prepare and zs_terms_each are asked. */
typedef struct zs_terms_spec {
  zs_terms_side side;
  zs_terms_field field;
  unsigned kinds;      /* as in zs_terms_each */
  unsigned fold_flags; /* the index's folding */
} zs_terms_spec;

/* The folded text of source s[0..len) (zs_terms_fold, without the offset map),
 * then zs_terms_each: start and end of each term are folded offsets. */
int zs_terms(zs_analyzer *a, const zs_terms_spec *spec, const char *s, size_t len,
             zs_index_term_fn fn, void *ctx);

/* The term of field that word w[0..len), folded text (of a zs_terms_text),
 * is stored as, written into buf (NUL-terminated): its length, or 0 when w is
 * no term (shorter than ZS_MIN_WORD_CHARS code points or longer than
 * ZS_MAX_WORD_BYTES bytes). zs_terms_each makes its words with it. */
size_t zs_terms_word(char buf[ZS_MAX_TERM_BYTES + 1], zs_terms_field field, const char *w,
                     size_t len);

/* The word term that may stand for bigram term term[0..len) in a document
 * (the same two code points, unprefixed), written into buf (NUL-terminated):
 * its length, or 0 when term is no bigram of two code points. A pair is found
 * by either term; as one (Xapian's SYNONYM) their occurrences add up to the
 * pair's. */
size_t zs_terms_bigram_word(char buf[ZS_MAX_TERM_BYTES + 1], const char *term, size_t len);

/* The start that all bigram terms beginning with folded code point c[0..len)
 * share, written into buf (NUL-terminated): its length, or 0 when c is not one
 * code point. A one-character query matches the terms with this prefix and
 * the word terms of two code points that start with c. */
size_t zs_terms_char_prefix(char buf[ZS_MAX_TERM_BYTES + 1], const char *c, size_t len);

#endif
