/* zs_fold: the one normalisation of zhsearch (ICU NFKC_Casefold, traditional to
 * simplified Chinese, whitespace runs collapsed, ends trimmed), with an offset map. */
#ifndef ZS_FOLD_H
#define ZS_FOLD_H

#include <stddef.h>
#include <stdint.h>

typedef struct zs_folded {
  char *text;          /* folded UTF-8, NUL-terminated */
  size_t len;          /* bytes in text, without the NUL */
  uint32_t *src_start; /* len entries: source offset where the byte's source span starts */
  uint32_t *src_end;   /* len entries: source offset where the byte's source span ends */
} zs_folded;

/* Foldings. ZS_FOLD_T2S maps traditional Chinese to simplified, one code point
 * at a time after NFKC_Casefold (OpenCC's t2s single-character table, compiled
 * in at build time; no phrase conversion, so the offset map stays exact and
 * index and query fold alike). 0 is NFKC_Casefold + whitespace only. */
enum { ZS_FOLD_T2S = 1 };
#define ZS_FOLD_DEFAULT ZS_FOLD_T2S

/* Folds s[0..len) (valid UTF-8, len < 4 GiB) into *out as flags say. Every
 * folded byte remembers the source span it came from, so folded range [a,b)
 * maps back to source range [src_start[a], src_end[b-1]); a character that T2S
 * replaces maps back to the source character. Folding folded text again with
 * the same flags returns it unchanged. Caller frees with zs_folded_free; *out
 * is untouched on failure (ZS_EINVAL for unknown flags, ZS_EBADUTF8,
 * ZS_ETOOBIG, ZS_ENOMEM, ZS_EICU). */
int zs_fold_ex(zs_folded *out, const char *s, size_t len, unsigned flags);

/* zs_fold_ex(out, s, len, ZS_FOLD_DEFAULT). */
int zs_fold(zs_folded *out, const char *s, size_t len);

/* Frees what zs_fold allocated and zeroes *f. Accepts NULL and zeroed structs. */
void zs_folded_free(zs_folded *f);

/* Folded text only, without the offset map (cheaper). Caller frees *out with
 * free(); *out is untouched on failure. out_len may be NULL. */
int zs_fold_string_ex(char **out, size_t *out_len, const char *s, size_t len, unsigned flags);

/* zs_fold_string_ex(out, out_len, s, len, ZS_FOLD_DEFAULT); caller frees *out. */
int zs_fold_string(char **out, size_t *out_len, const char *s, size_t len);

/* A short stable name of a folding, for storage in an index: "nfkc_cf+ws" for
 * 0, "nfkc_cf+ws+t2s" for ZS_FOLD_T2S; NULL for flags this version does not
 * know. Static storage. */
const char *zs_fold_describe(unsigned flags);

/* The reverse of zs_fold_describe: sets *flags, or returns ZS_EINVAL (via
 * zs_error_set) for a name it does not know, leaving *flags untouched. */
int zs_fold_parse(const char *desc, unsigned *flags);

/* 16 hex digits identifying the built-in T2S table (a hash of its entries):
 * new OpenCC data gives a new fingerprint. Static storage. */
const char *zs_fold_t2s_fingerprint(void);

#endif
