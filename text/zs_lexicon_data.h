/* zs_lexicon_data: private layout of a lexicon hash table, shared by the generator
 * (tools/mklexicon.c, which emits the built-in one as C) and zs_lexicon.c. */
#ifndef ZS_LEXICON_DATA_H
#define ZS_LEXICON_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "zs_lexicon.h"

/* The generated pool is an array of rows, each one string literal of < 4096
 * bytes (the ISO C limit that -Wpedantic enforces) zero-padded to a row. */
#define ZS_LEXICON_ROW 4096

/* An immutable open-addressing table keyed by zs_lexicon_hash (linear probing
 * from hash & mask). */
typedef struct zs_lexicon_table {
  const char *pool;      /* the words, each NUL-terminated, none across a row */
  size_t pool_len;       /* bytes, a multiple of ZS_LEXICON_ROW */
  const uint32_t *slots; /* mask + 1 entries: 0 = empty, else 1 + offset of a word in pool */
  /* Bit (h & prefix_mask) is set for the hash h of every proper prefix (whole
   * code points) of every word: a clear bit means no word extends that string;
   * bit ((h >> 40) & prefix_mask) for every whole word: clear means no word. */
  const uint64_t *prefix_bits;
  uint32_t mask, prefix_mask; /* slots - 1; prefix bits - 1 */
  uint32_t count;             /* words */
  uint32_t max_chars;         /* longest word, in code points */
  char fingerprint[17];
} zs_lexicon_table;

/* Generated from the jieba dictionary and lexicon/ *.txt (zs_lexicon_data.c). */
extern const zs_lexicon_table zs_lexicon_builtin_table;

/* A growable list of folded words, each malloc'ed and owned by the list. */
typedef struct zs_wordvec {
  char **v;
  size_t n, cap;
} zs_wordvec;

/* Appends w (taking ownership: freed on failure too). */
int zs_wordvec_push(zs_wordvec *wv, char *w);
/* Frees the words and the list, and zeroes *wv. */
void zs_wordvec_free(zs_wordvec *wv);

/* Appends the folded words of a word list text (one per line, '#' to the end
 * of a line is a comment, blank lines skipped). */
int zs_lexicon_parse_words(zs_wordvec *wv, const char *text, size_t len);

/* Builds *t over the words of wv (sorted in place; duplicates and the words of
 * `skip`, which may be NULL, left out). The fingerprint hashes base_fp (may be
 * NULL) and the sorted words; with no word left it is base_fp itself. Frees
 * with zs_lexicon_table_free. */
int zs_lexicon_table_build(zs_lexicon_table *t, zs_wordvec *wv, const zs_lexicon *skip,
                           const char *base_fp);
void zs_lexicon_table_free(zs_lexicon_table *t);

#endif
