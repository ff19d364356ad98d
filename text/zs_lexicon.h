/* zs_lexicon: the word list that the segmenter merges ICU pieces against: a
 * general list (jieba's words of frequency >= 5, from Debian) plus the domain
 * terms of text/lexicon/, compiled into the program, extendable at run time. */
#ifndef ZS_LEXICON_H
#define ZS_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct zs_lexicon zs_lexicon;

/* The built-in lexicon (static storage: never freed). */
const zs_lexicon *zs_lexicon_builtin(void);

/* A lexicon made of `base` plus the words of `text` (one word per line, '#'
 * starts a comment, blank lines skipped; words are folded like all text).
 * base is borrowed and must outlive *out. Caller frees with zs_lexicon_free. */
int zs_lexicon_extend(zs_lexicon **out, const zs_lexicon *base, const char *text, size_t len);
void zs_lexicon_free(zs_lexicon *lx);

/* Whether the folded word w[0..len) is in the lexicon. */
bool zs_lexicon_contains(const zs_lexicon *lx, const char *w, size_t len);

/* Start value for zs_lexicon_hash (the hash of the empty string). */
#define ZS_LEXICON_HASH_INIT UINT64_C(0xcbf29ce484222325)

/* The lookup hash of a string s followed by w[0..len), given the hash h of s:
 * a caller growing a candidate piece by piece hashes each byte once. */
uint64_t zs_lexicon_hash(uint64_t h, const char *w, size_t len);

/* zs_lexicon_contains for a word whose zs_lexicon_hash is h. */
bool zs_lexicon_contains_hashed(const zs_lexicon *lx, uint64_t h, const char *w, size_t len);

/* False when no entry starts with, and is longer than, the string whose
 * zs_lexicon_hash is h (true may be wrong, false never is): tells a caller
 * growing a candidate when to stop. */
bool zs_lexicon_may_extend(const zs_lexicon *lx, uint64_t h);

/* Longest entry, in code points (bounds the merge pass). */
size_t zs_lexicon_max_chars(const zs_lexicon *lx);

/* Number of entries. */
size_t zs_lexicon_size(const zs_lexicon *lx);

/* A short stable fingerprint of the entries (hex), stored in each index so a
 * query is analysed with the lexicon its index was built with. Borrowed. */
const char *zs_lexicon_fingerprint(const zs_lexicon *lx);

#endif
