/* zs_synonyms: groups of query terms that mean the same (计生协 = 计划生育协会),
 * compiled in from search/synonyms.txt and extendable with the user's own file. */
#ifndef ZS_SYNONYMS_H
#define ZS_SYNONYMS_H

#include <stddef.h>

typedef struct zs_synonyms zs_synonyms;

/* The compiled-in synonyms plus, when user_text is not NULL, those of
 * user_text (same format). Terms are folded with fold_flags. Errors name the
 * line (and `source` for the user's file). Caller frees with zs_synonyms_free. */
int zs_synonyms_load(zs_synonyms **out, const char *user_text, size_t user_len, const char *source,
                     unsigned fold_flags);
void zs_synonyms_free(zs_synonyms *syn);

/* Calls fn(ctx, term, len) for each term that a query for the folded word
 * w[0..len) should also find (never w itself). Returns the first non-zero
 * value of fn, else 0. */
typedef int (*zs_synonym_fn)(void *ctx, const char *term, size_t len);
int zs_synonyms_each(const zs_synonyms *syn, const char *w, size_t len, zs_synonym_fn fn,
                     void *ctx);

/* Number of terms zs_synonyms_each would give for w. */
size_t zs_synonyms_count(const zs_synonyms *syn, const char *w, size_t len);

#endif
