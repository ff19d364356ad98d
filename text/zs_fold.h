/* zs_fold: the one normalisation of zhsearch (ICU NFKC_Casefold, whitespace runs
 * collapsed to one space, ends trimmed), with a map back to source byte offsets. */
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

/* Folds s[0..len) (valid UTF-8, len < 4 GiB) into *out. Every folded byte
 * remembers the source span it came from, so folded range [a,b) maps back to
 * source range [src_start[a], src_end[b-1]). Caller frees with zs_folded_free. */
int zs_fold(zs_folded *out, const char *s, size_t len);

/* Frees what zs_fold allocated and zeroes *f. Accepts NULL and zeroed structs. */
void zs_folded_free(zs_folded *f);

/* Folded text only, without the offset map (cheaper). Caller frees *out with free(). */
int zs_fold_string(char **out, size_t *out_len, const char *s, size_t len);

#endif
