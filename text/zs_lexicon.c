/* zs_lexicon: lookups in the built-in word table (generated at build time by
 * tools/mklexicon.c, which builds it with the code below) and in extensions. */
#include "zs_lexicon.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_fold.h"
#include "zs_grow.h"
#include "zs_hash.h"
#include "zs_i18n.h"
#include "zs_lexicon_data.h"
#include "zs_utf8.h"

struct zs_lexicon {
  const zs_lexicon_table *t; /* this level's words */
  const zs_lexicon *base;    /* the level below; NULL for the built-in lexicon */
  zs_lexicon_table own;      /* an extension's words (t points here) */
};

static const zs_lexicon builtin = {.t = &zs_lexicon_builtin_table};

const zs_lexicon *zs_lexicon_builtin(void) {
  return &builtin;
}

/* The lexicon's hash is zs_hash.h's FNV-1a, byte by byte so that it can be
 * continued; its values are in the fingerprint that indexes keep. */
_Static_assert(ZS_LEXICON_HASH_INIT == ZS_FNV64_OFFSET, "the lexicon hash is FNV-1a");

uint64_t zs_lexicon_hash(uint64_t h, const char *w, size_t len) {
  return zs_fnv64_update(h, w, len);
}

/* Folds the high half in: FNV's low bits alone spread less well. */
static uint32_t hash_index(uint64_t h) {
  return (uint32_t)(h ^ (h >> 32));
}

/* Whether the pool word p is w[0..len); never reads past p's NUL. */
static bool word_is(const char *p, const char *w, size_t len) {
  for (size_t k = 0; k < len; k++)
    if (p[k] == '\0' || p[k] != w[k])
      return false;
  return p[len] == '\0';
}

/* Bit of a whole word in prefix_bits: another slice of the hash than the
 * prefixes use, so one bitset answers both questions. */
static uint32_t word_bit(const zs_lexicon_table *t, uint64_t h) {
  return (uint32_t)(h >> 40) & t->prefix_mask;
}

static bool table_find(const zs_lexicon_table *t, uint64_t h, const char *w, size_t len) {
  uint32_t b = word_bit(t, h);
  if (!(t->prefix_bits[b >> 6] >> (b & 63) & 1))
    return false; /* most candidates are no word: answered from a cached bitset */
  for (uint32_t i = hash_index(h) & t->mask;; i = (i + 1) & t->mask) {
    uint32_t v = t->slots[i];
    if (v == 0)
      return false;
    if (word_is(t->pool + v - 1, w, len))
      return true;
  }
}

bool zs_lexicon_contains_hashed(const zs_lexicon *lx, uint64_t h, const char *w, size_t len) {
  for (; lx; lx = lx->base)
    if (table_find(lx->t, h, w, len))
      return true;
  return false;
}

bool zs_lexicon_contains(const zs_lexicon *lx, const char *w, size_t len) {
  return zs_lexicon_contains_hashed(lx, zs_lexicon_hash(ZS_LEXICON_HASH_INIT, w, len), w, len);
}

bool zs_lexicon_may_extend(const zs_lexicon *lx, uint64_t h) {
  for (; lx; lx = lx->base) {
    uint32_t b = hash_index(h) & lx->t->prefix_mask;
    if (lx->t->prefix_bits[b >> 6] >> (b & 63) & 1)
      return true;
  }
  return false;
}

size_t zs_lexicon_max_chars(const zs_lexicon *lx) {
  size_t m = 0;
  for (; lx; lx = lx->base)
    m = lx->t->max_chars > m ? lx->t->max_chars : m;
  return m;
}

size_t zs_lexicon_size(const zs_lexicon *lx) {
  size_t n = 0;
  for (; lx; lx = lx->base)
    n += lx->t->count;
  return n;
}

const char *zs_lexicon_fingerprint(const zs_lexicon *lx) {
  return lx->t->fingerprint;
}

int zs_lexicon_extend(zs_lexicon **out, const zs_lexicon *base, const char *text, size_t len) {
  if (!out || !base || (!text && len))
    return zs_error_set(ZS_EINVAL, "zs_lexicon_extend: NULL argument");
  zs_wordvec wv = {0};
  zs_lexicon *lx = calloc(1, sizeof *lx);
  int rc = lx ? zs_lexicon_parse_words(&wv, text, len)
              : zs_error_set(ZS_ENOMEM, "out of memory extending the lexicon");
  if (rc == ZS_OK)
    rc = zs_lexicon_table_build(&lx->own, &wv, base, base->t->fingerprint);
  zs_wordvec_free(&wv);
  if (rc) {
    free(lx);
    return rc;
  }
  lx->t = &lx->own;
  lx->base = base;
  *out = lx;
  return ZS_OK;
}

void zs_lexicon_free(zs_lexicon *lx) {
  if (!lx || lx->t != &lx->own)
    return; /* NULL, or the built-in lexicon */
  zs_lexicon_table_free(&lx->own);
  free(lx);
}

/* ---- building tables (extensions here, the built-in one in mklexicon) ---- */

int zs_wordvec_push(zs_wordvec *wv, char *w) {
  if (zs_grow((void **)&wv->v, &wv->cap, wv->n + 1, sizeof *wv->v)) {
    free(w);
    return zs_error_set(ZS_ENOMEM, "out of memory reading lexicon words");
  }
  wv->v[wv->n++] = w;
  return ZS_OK;
}

void zs_wordvec_free(zs_wordvec *wv) {
  for (size_t i = 0; i < wv->n; i++)
    free(wv->v[i]);
  free(wv->v);
  *wv = (zs_wordvec){0};
}

int zs_lexicon_parse_words(zs_wordvec *wv, const char *text, size_t len) {
  size_t i = 0;
  while (i < len) {
    const char *nl = memchr(text + i, '\n', len - i);
    size_t eol = nl ? (size_t)(nl - text) : len;
    const char *hash = memchr(text + i, '#', eol - i);
    size_t end = hash ? (size_t)(hash - text) : eol;
    char *w;
    size_t wlen;
    int rc = zs_fold_string(&w, &wlen, text + i, end - i); /* also trims */
    if (rc)
      return rc;
    if (wlen == 0)
      free(w);
    else if ((rc = zs_wordvec_push(wv, w)))
      return rc;
    i = eol + 1;
  }
  return ZS_OK;
}

static int cmp_words(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts wv and moves the words to keep (not empty, not repeated, not in skip)
 * to the front, in order; returns how many. The rest stay owned by wv. */
static size_t select_words(zs_wordvec *wv, const zs_lexicon *skip) {
  qsort(wv->v, wv->n, sizeof *wv->v, cmp_words);
  size_t m = 0;
  for (size_t i = 0; i < wv->n; i++) {
    char *w = wv->v[i];
    if (!*w || (m > 0 && strcmp(wv->v[m - 1], w) == 0) ||
        (skip && zs_lexicon_contains(skip, w, strlen(w))))
      continue;
    wv->v[i] = wv->v[m];
    wv->v[m++] = w;
  }
  return m;
}

/* Where a string of `need` bytes goes in the pool: no string crosses a row,
 * and a row holds at most ZS_LEXICON_ROW - 1 bytes (one literal's limit). */
static size_t pool_place(size_t *used, size_t need) {
  if (*used % ZS_LEXICON_ROW + need > ZS_LEXICON_ROW - 1)
    *used += ZS_LEXICON_ROW - *used % ZS_LEXICON_ROW;
  size_t at = *used;
  *used += need;
  return at;
}

static size_t pow2_at_least(size_t n) {
  size_t p = 1;
  while (p < n)
    p *= 2;
  return p;
}

/* Sizes the table for the first m words of v: pool bytes, slots, prefix bits. */
static int table_size(zs_lexicon_table *t, char *const *v, size_t m, size_t *nbits) {
  size_t used = 0, prefixes = 0, maxc = 0;
  for (size_t i = 0; i < m; i++) {
    size_t len = strlen(v[i]), chars = zs_utf8_count(v[i], len);
    if (len + 1 > ZS_LEXICON_ROW - 1)
      return zs_error_set(ZS_EINVAL, _("lexicon word of %zu bytes is too long"), len);
    pool_place(&used, len + 1);
    prefixes += chars - 1;
    maxc = chars > maxc ? chars : maxc;
  }
  if (m > UINT32_MAX / 4)
    return zs_error_set(ZS_ETOOBIG, _("too many lexicon words (%zu)"), m);
  t->pool_len =
      used ? (used + ZS_LEXICON_ROW - 1) / ZS_LEXICON_ROW * ZS_LEXICON_ROW : ZS_LEXICON_ROW;
  t->mask = (uint32_t)(pow2_at_least(2 * m + 2) - 1);
  /* prefixes repeat; words add one bit each: a few % false "may extend" / "may be a word" */
  *nbits = pow2_at_least(8 * (prefixes + m) + 64);
  t->prefix_mask = (uint32_t)(*nbits - 1);
  t->count = (uint32_t)m;
  t->max_chars = (uint32_t)maxc;
  return ZS_OK;
}

/* Puts word w (len bytes) at pool offset `at`, in the slots, in the prefix bits. */
static void table_put(char *pool, uint32_t *slots, uint64_t *bits, const zs_lexicon_table *t,
                      const char *w, size_t len, size_t at) {
  memcpy(pool + at, w, len + 1);
  uint64_t h = ZS_LEXICON_HASH_INIT;
  for (size_t k = 0; k < len; k++) {
    if (k > 0 && ((unsigned char)w[k] & 0xC0) != 0x80) {
      uint32_t b = hash_index(h) & t->prefix_mask; /* w[0..k) is a proper prefix */
      bits[b >> 6] |= UINT64_C(1) << (b & 63);
    }
    h = zs_lexicon_hash(h, w + k, 1);
  }
  uint32_t wb = word_bit(t, h);
  bits[wb >> 6] |= UINT64_C(1) << (wb & 63);
  uint32_t i = hash_index(h) & t->mask;
  while (slots[i])
    i = (i + 1) & t->mask;
  slots[i] = (uint32_t)at + 1;
}

int zs_lexicon_table_build(zs_lexicon_table *t, zs_wordvec *wv, const zs_lexicon *skip,
                           const char *base_fp) {
  *t = (zs_lexicon_table){0};
  size_t m = select_words(wv, skip), nbits = 0;
  int rc = table_size(t, wv->v, m, &nbits);
  if (rc)
    return rc;
  char *pool = calloc(t->pool_len, 1);
  uint32_t *slots = calloc((size_t)t->mask + 1, sizeof *slots);
  uint64_t *bits = calloc(nbits / 64, sizeof *bits);
  if (!pool || !slots || !bits) {
    free(pool);
    free(slots);
    free(bits);
    return zs_error_set(ZS_ENOMEM, "out of memory building the lexicon");
  }
  uint64_t fp = ZS_LEXICON_HASH_INIT;
  if (base_fp)
    fp = zs_lexicon_hash(fp, base_fp, strlen(base_fp) + 1);
  size_t used = 0;
  for (size_t i = 0; i < m; i++) {
    size_t len = strlen(wv->v[i]);
    table_put(pool, slots, bits, t, wv->v[i], len, pool_place(&used, len + 1));
    fp = zs_lexicon_hash(fp, wv->v[i], len + 1);
  }
  t->pool = pool;
  t->slots = slots;
  t->prefix_bits = bits;
  if (m == 0 && base_fp)
    snprintf(t->fingerprint, sizeof t->fingerprint, "%s", base_fp);
  else
    snprintf(t->fingerprint, sizeof t->fingerprint, "%016" PRIx64, fp);
  return ZS_OK;
}

void zs_lexicon_table_free(zs_lexicon_table *t) {
  /* Only built tables come here: their storage is from malloc. */
  free((void *)t->pool);
  free((void *)t->slots);
  free((void *)t->prefix_bits);
  *t = (zs_lexicon_table){0};
}
