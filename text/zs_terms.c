/* zs_terms: source text to the index's terms: the side's preparation (query
 * spaces cleaned, then folding with an offset map), zs_analyze's candidates
 * filtered by length, and the field's prefixes. */
#include "zs_terms.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "zs_clean.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_grow.h"
#include "zs_i18n.h"

_Static_assert(sizeof ZS_PREFIX_BIGRAM - 1 + 2 * U8_MAX_LENGTH <= ZS_MAX_TERM_BYTES &&
                   sizeof ZS_PREFIX_HEADING - 1 + ZS_MAX_WORD_BYTES <= ZS_MAX_TERM_BYTES,
               "ZS_MAX_TERM_BYTES holds every term");

static bool valid_side(zs_terms_side side) {
  return side == ZS_TERMS_DOCUMENT || side == ZS_TERMS_QUERY;
}

static bool is_space(UChar32 c) {
  return c >= 0 && u_isUWhiteSpace(c); /* zs_clean's whitespace */
}

/* The source span of each byte of c[0..clen), the text zs_clean_spaces made of
 * src[0..n): bytes it kept are copies, a space it put stands for a whole run. */
static void map_cleaned(const char *src, size_t n, const char *c, size_t clen, uint32_t *from,
                        uint32_t *to) {
  const uint8_t *u = (const uint8_t *)src;
  size_t i = 0, j = 0;
  while (i < n && j < clen) {
    size_t at = i;
    UChar32 ch;
    U8_NEXT(u, i, n, ch);
    if (is_space(ch)) {
      for (size_t q = i; q < n; i = q) {
        U8_NEXT(u, q, n, ch);
        if (!is_space(ch))
          break;
      }
      if (c[j] == ' ') { /* the run, kept as one space (a dropped one is followed by no space) */
        from[j] = (uint32_t)at;
        to[j++] = (uint32_t)i;
      }
      continue;
    }
    for (size_t k = at; k < i && j < clen; k++, j++) {
      from[j] = (uint32_t)at;
      to[j] = (uint32_t)i;
    }
  }
  for (; j < clen; j++) /* not reached: the cleaned text is made of the source */
    from[j] = to[j] = (uint32_t)n;
}

/* A query's text cleaned like a document's (*out NUL-terminated, caller frees)
 * and, when from/to are not NULL, the source span of each of its bytes. */
static int clean_query(const char *s, size_t len, char **out, size_t *out_len, uint32_t **from,
                       uint32_t **to) {
  size_t n = strnlen(s, len); /* a query ends at a NUL, as a C string does */
  if ((uint64_t)n >= UINT32_MAX)
    return zs_error_set(ZS_ETOOBIG, _("text of %zu bytes is too big to analyse"), n);
  char *c = malloc(n + 1);
  if (!c)
    return zs_error_set(ZS_ENOMEM, "out of memory preparing a query");
  memcpy(c, s, n);
  c[n] = '\0';
  size_t clen = zs_clean_spaces(c, n);
  if (from) {
    *from = malloc((clen + 1) * sizeof **from);
    *to = malloc((clen + 1) * sizeof **to);
    if (!*from || !*to) {
      free(*from);
      free(*to);
      free(c);
      return zs_error_set(ZS_ENOMEM, "out of memory preparing a query");
    }
    map_cleaned(s, n, c, clen, *from, *to);
  }
  *out = c;
  *out_len = clen;
  return ZS_OK;
}

int zs_terms_prepare(zs_terms_text *out, zs_terms_side side, unsigned fold_flags, const char *s,
                     size_t len) {
  if (!out || (!s && len) || !valid_side(side))
    return zs_error_set(ZS_EINVAL, "zs_terms_prepare: NULL argument or unknown side");
  zs_folded f = {0};
  if (side == ZS_TERMS_DOCUMENT) {
    int rc = zs_fold_ex(&f, s ? s : "", len, fold_flags);
    if (rc)
      return rc;
  } else {
    char *c = NULL;
    size_t clen = 0;
    uint32_t *from = NULL, *to = NULL;
    int rc = clean_query(s ? s : "", len, &c, &clen, &from, &to);
    if (rc == ZS_OK)
      rc = zs_fold_ex(&f, c, clen, fold_flags);
    for (size_t k = 0; rc == ZS_OK && k < f.len; k++) { /* folded → cleaned → source */
      f.src_start[k] = from[f.src_start[k]];
      f.src_end[k] = to[f.src_end[k] - 1];
    }
    free(c);
    free(from);
    free(to);
    if (rc)
      return rc;
  }
  *out = (zs_terms_text){
      .side = side, .folded = f.text, .len = f.len, .src_start = f.src_start, .src_end = f.src_end};
  return ZS_OK;
}

void zs_terms_text_free(zs_terms_text *t) {
  if (!t)
    return;
  free(t->folded);
  free(t->src_start);
  free(t->src_end);
  *t = (zs_terms_text){0};
}

int zs_terms_fold(char **out, size_t *out_len, zs_terms_side side, unsigned fold_flags,
                  const char *s, size_t len) {
  if (!out || (!s && len) || !valid_side(side))
    return zs_error_set(ZS_EINVAL, "zs_terms_fold: NULL argument or unknown side");
  if (side == ZS_TERMS_DOCUMENT)
    return zs_fold_string_ex(out, out_len, s ? s : "", len, fold_flags);
  char *c = NULL;
  size_t clen = 0;
  int rc = clean_query(s ? s : "", len, &c, &clen, NULL, NULL);
  if (rc == ZS_OK)
    rc = zs_fold_string_ex(out, out_len, c, clen, fold_flags);
  free(c);
  return rc;
}

/* Writes prefix + s[0..len) into buf; its length. */
static size_t put_term(char *buf, const char *prefix, const char *s, size_t len) {
  size_t pl = strlen(prefix);
  memcpy(buf, prefix, pl);
  memcpy(buf + pl, s, len);
  buf[pl + len] = '\0';
  return pl + len;
}

size_t zs_terms_word(char buf[ZS_MAX_TERM_BYTES + 1], zs_terms_field field, const char *w,
                     size_t len) {
  if (len > ZS_MAX_WORD_BYTES || zs_utf8_count(w, len) < ZS_MIN_WORD_CHARS)
    return 0;
  return put_term(buf, field == ZS_TERMS_HEADING ? ZS_PREFIX_HEADING : "", w, len);
}

size_t zs_terms_char_prefix(char buf[ZS_MAX_TERM_BYTES + 1], const char *c, size_t len) {
  size_t i = 0;
  UChar32 ch;
  if (len == 0)
    return 0;
  U8_NEXT((const uint8_t *)c, i, len, ch);
  if (ch < 0 || i != len)
    return 0;
  return put_term(buf, ZS_PREFIX_BIGRAM, c, len);
}

size_t zs_terms_bigram_word(char buf[ZS_MAX_TERM_BYTES + 1], const char *term, size_t len) {
  size_t pl = sizeof ZS_PREFIX_BIGRAM - 1;
  if (len <= pl || memcmp(term, ZS_PREFIX_BIGRAM, pl) != 0 ||
      zs_utf8_count(term + pl, len - pl) != 2)
    return 0;
  return zs_terms_word(buf, ZS_TERMS_BODY, term + pl, len - pl);
}

/* The caller's callback and what it asked for, seen from zs_analyze. */
typedef struct emitter {
  const zs_terms_text *t;
  zs_terms_field field;
  zs_index_term_fn fn;
  void *ctx;
  char buf[ZS_MAX_TERM_BYTES + 1];
  /* a document's body with its words: the folded starts of the words of two
   * code points emitted, whose bigrams are not emitted again (sorted when the
   * bigrams, which come after the words and in text order, begin) */
  bool pairs_wanted, pairs_sorted;
  size_t *pair_at, npairs, pairs_cap, next_pair;
  int error;
} emitter;

static int by_offset(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return (x > y) - (x < y);
}

/* Whether a word of two code points stands for the bigram at folded [start, end). */
static bool pair_is_word(emitter *e, size_t start, size_t end) {
  if (!e->npairs || zs_utf8_count(e->t->folded + start, end - start) != 2)
    return false;
  if (!e->pairs_sorted) {
    qsort(e->pair_at, e->npairs, sizeof *e->pair_at, by_offset);
    e->pairs_sorted = true;
  }
  while (e->next_pair < e->npairs && e->pair_at[e->next_pair] < start)
    e->next_pair++;
  return e->next_pair < e->npairs && e->pair_at[e->next_pair] == start;
}

/* One candidate: a term of the field, or nothing. */
static int emit(void *ctx, const zs_term *c) {
  emitter *e = ctx;
  size_t len = 0;
  switch (c->kind) {
  case ZS_TERM_WORD:
  case ZS_TERM_SUBWORD:
    len = zs_terms_word(e->buf, e->field, c->text, c->len);
    if (len && e->pairs_wanted && zs_utf8_count(c->text, c->len) == 2) {
      if (zs_grow((void **)&e->pair_at, &e->pairs_cap, e->npairs + 1, sizeof *e->pair_at))
        return e->error = ZS_ENOMEM;
      e->pair_at[e->npairs++] = c->start;
    }
    break;
  case ZS_TERM_BIGRAM:
    /* a query's last character alone would demand that a passage end with it */
    if ((e->t->side == ZS_TERMS_DOCUMENT || zs_utf8_count(c->text, c->len) == 2) &&
        !(e->pairs_wanted && pair_is_word(e, c->start, c->end)))
      len = put_term(e->buf, ZS_PREFIX_BIGRAM, c->text, c->len);
    break;
  default: break;
  }
  if (len == 0)
    return 0;
  size_t pl = len - c->len;
  bool mapped = e->t->src_start != NULL;
  zs_index_term t = {.kind = c->kind,
                     .term = e->buf,
                     .len = len,
                     .text = e->buf + pl,
                     .text_len = c->len,
                     .start = mapped ? e->t->src_start[c->start] : c->start,
                     .end = mapped ? e->t->src_end[c->end - 1] : c->end,
                     .folded_start = c->start,
                     .folded_end = c->end};
  return e->fn(e->ctx, &t);
}

int zs_terms_each(zs_analyzer *a, const zs_terms_text *t, zs_terms_field field, unsigned kinds,
                  zs_index_term_fn fn, void *ctx) {
  if (!a || !t || !fn || !valid_side(t->side) || (!t->folded && t->len))
    return zs_error_set(ZS_EINVAL, "zs_terms_each: NULL argument or unprepared text");
  if ((field != ZS_TERMS_BODY && field != ZS_TERMS_HEADING) || (kinds & ~ZS_ANALYZE_INDEX))
    return zs_error_set(ZS_EINVAL, "zs_terms_each: unknown field or kinds 0x%x", kinds);
  if (field == ZS_TERMS_HEADING)
    kinds &= ~(unsigned)ZS_ANALYZE_NGRAMS; /* headings select, the body's bigrams match */
  if (kinds == 0 || t->len == 0)
    return ZS_OK;
  emitter e = {.t = t, .field = field, .fn = fn, .ctx = ctx};
  e.pairs_wanted = t->side == ZS_TERMS_DOCUMENT && (kinds & ZS_ANALYZE_NGRAMS) &&
                   (kinds & (ZS_ANALYZE_WORDS | ZS_ANALYZE_SUBWORDS));
  int rc = zs_analyze(a, t->folded, t->len, kinds, emit, &e);
  free(e.pair_at);
  if (e.error)
    return zs_error_set(e.error, _("out of memory"));
  return rc;
}

int zs_terms(zs_analyzer *a, const zs_terms_spec *spec, const char *s, size_t len,
             zs_index_term_fn fn, void *ctx) {
  if (!spec)
    return zs_error_set(ZS_EINVAL, "zs_terms: NULL spec");
  zs_terms_text t = {.side = spec->side};
  /* no caller of this one-shot form reads source offsets: the indexer, which
   * calls it for every passage, is spared an offset map per folded byte */
  int rc = valid_side(spec->side)
               ? zs_terms_fold(&t.folded, &t.len, spec->side, spec->fold_flags, s, len)
               : zs_error_set(ZS_EINVAL, "zs_terms: unknown side");
  if (rc == ZS_OK)
    rc = zs_terms_each(a, &t, spec->field, spec->kinds, fn, ctx);
  zs_terms_text_free(&t);
  return rc;
}
