/* zs_fold: NFKC_Casefold plus whitespace collapsing, with a byte map back to the
 * source. Inert code points are copied; only the rest goes through ICU in UTF-16. */
#include "zs_fold.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "zs_error.h"
#include "zs_grow.h"

/* The output under construction, plus the space that is owed before the next
 * visible code point (so runs collapse and the end is trimmed for free). */
typedef struct fold_out {
  char *text;
  size_t len, cap;
  uint32_t *start, *end; /* NULL when no map is wanted */
  size_t start_cap, end_cap;
  bool want_map;
  bool space_owed;
  uint32_t space_start, space_end;
} fold_out;

/* Scratch UTF-16 buffers for one non-inert chunk (reused across chunks). */
typedef struct fold_scratch {
  UChar *src, *dst;
  size_t src_cap, dst_cap;
} fold_scratch;

static bool ascii_space(unsigned b) {
  return b == ' ' || (b >= '\t' && b <= '\r');
}

/* ASCII controls other than whitespace are dropped. */
static bool dropped_control(UChar32 c) {
  return (c < 0x20 || c == 0x7f) && !ascii_space((unsigned)c);
}

static int out_reserve(fold_out *o, size_t n) {
  size_t need = o->len + n + 1; /* and the NUL */
  if (need <= o->cap)
    return ZS_OK;
  /* The maps grow before the text, so o->cap never promises map room that is not
   * there; zs_grow stores each buffer as soon as it moves, so o stays freeable. */
  if ((o->want_map && (zs_grow((void **)&o->start, &o->start_cap, need, sizeof *o->start) ||
                       zs_grow((void **)&o->end, &o->end_cap, need, sizeof *o->end))) ||
      zs_grow((void **)&o->text, &o->cap, need, 1))
    return zs_error_set(ZS_ENOMEM, "out of memory folding text");
  return ZS_OK;
}

static void out_map(fold_out *o, size_t from, uint32_t s0, uint32_t s1) {
  if (!o->want_map)
    return;
  for (size_t k = from; k < o->len; k++) {
    o->start[k] = s0;
    o->end[k] = s1;
  }
}

/* Writes the owed space, if any, before a visible code point. */
static int out_flush_space(fold_out *o) {
  if (!o->space_owed)
    return ZS_OK;
  int rc = out_reserve(o, 1);
  if (rc)
    return rc;
  o->text[o->len++] = ' ';
  out_map(o, o->len - 1, o->space_start, o->space_end);
  o->space_owed = false;
  return ZS_OK;
}

/* Whitespace from source span [s0,s1): owes one space unless at the start. */
static void out_space(fold_out *o, uint32_t s0, uint32_t s1) {
  if (o->len == 0)
    return;
  if (!o->space_owed) {
    o->space_owed = true;
    o->space_start = s0;
  }
  o->space_end = s1;
}

static int out_bytes(fold_out *o, const char *b, size_t n, uint32_t s0, uint32_t s1) {
  int rc = out_flush_space(o);
  if (rc == ZS_OK)
    rc = out_reserve(o, n);
  if (rc)
    return rc;
  memcpy(o->text + o->len, b, n);
  o->len += n;
  out_map(o, o->len - n, s0, s1);
  return ZS_OK;
}

/* A code point produced by ICU: whitespace and controls in ICU's output (e.g.
 * U+FFE3 -> " \u0304") get the same treatment as in the source. */
static int out_cp(fold_out *o, UChar32 c, uint32_t s0, uint32_t s1) {
  if (c < 0x80 ? ascii_space((unsigned)c) : u_isUWhiteSpace(c)) {
    out_space(o, s0, s1);
    return ZS_OK;
  }
  if (dropped_control(c))
    return ZS_OK;
  char buf[U8_MAX_LENGTH];
  size_t n = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  return out_bytes(o, buf, n, s0, s1);
}

static int grow16(UChar **p, size_t *cap, size_t need) {
  if (zs_grow((void **)p, cap, need, sizeof **p))
    return zs_error_set(ZS_ENOMEM, "out of memory folding text");
  return ZS_OK;
}

/* Gathers the chunk starting at s[*pi] (up to the next normalization boundary
 * or whitespace; dropped controls are transparent) into sc->src as UTF-16. */
static int chunk_gather(const UNormalizer2 *n2, fold_scratch *sc, const uint8_t *s, size_t len,
                        size_t *pi, int32_t *n16) {
  size_t i = *pi;
  int32_t n = 0;
  while (i < len) {
    size_t at = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0)
      return zs_error_set(ZS_EBADUTF8, "invalid UTF-8 at byte %zu", at);
    if (dropped_control(c))
      continue;
    if (n > 0 && (u_isUWhiteSpace(c) || unorm2_hasBoundaryBefore(n2, c))) {
      i = at;
      break;
    }
    if (grow16(&sc->src, &sc->src_cap, (size_t)n + 2))
      return ZS_ENOMEM;
    U16_APPEND_UNSAFE(sc->src, n, c);
  }
  *pi = i;
  *n16 = n;
  return ZS_OK;
}

/* Normalises the chunk at s[*pi]; all its output maps to its source span. */
static int fold_chunk(fold_out *o, const UNormalizer2 *n2, fold_scratch *sc, const uint8_t *s,
                      size_t len, size_t *pi) {
  size_t from = *pi;
  int32_t n16 = 0;
  int rc = chunk_gather(n2, sc, s, len, pi, &n16);
  if (rc)
    return rc;
  if (grow16(&sc->dst, &sc->dst_cap, (size_t)n16 * 2 + 8))
    return ZS_ENOMEM;
  UErrorCode err = U_ZERO_ERROR;
  int32_t m = unorm2_normalize(n2, sc->src, n16, sc->dst, (int32_t)sc->dst_cap, &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) {
    if (grow16(&sc->dst, &sc->dst_cap, (size_t)m))
      return ZS_ENOMEM;
    err = U_ZERO_ERROR;
    m = unorm2_normalize(n2, sc->src, n16, sc->dst, (int32_t)sc->dst_cap, &err);
  }
  if (U_FAILURE(err))
    return zs_error_set(ZS_EICU, "unorm2_normalize: %s", u_errorName(err));
  for (int32_t k = 0; k < m;) {
    UChar32 c;
    U16_NEXT(sc->dst, k, m, c);
    if ((rc = out_cp(o, c, (uint32_t)from, (uint32_t)*pi)))
      return rc;
  }
  return ZS_OK;
}

/* One ASCII byte at s[*pi]. ASCII followed by ASCII cannot compose with its
 * neighbours, so it is lower-cased here without ICU (the bulk of Latin text);
 * before a non-ASCII character or a control it goes to fold_chunk, as it may
 * compose with what follows ("e" + U+0301). */
static int fold_ascii(fold_out *o, const UNormalizer2 *n2, fold_scratch *sc, const uint8_t *s,
                      size_t len, size_t *pi) {
  size_t at = (*pi)++;
  unsigned b = s[at];
  if (ascii_space(b)) {
    out_space(o, (uint32_t)at, (uint32_t)*pi);
    return ZS_OK;
  }
  if (dropped_control((UChar32)b))
    return ZS_OK;
  if (*pi == len || (s[*pi] < 0x80 && !dropped_control(s[*pi]))) {
    char lower = (char)(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
    return out_bytes(o, &lower, 1, (uint32_t)at, (uint32_t)*pi);
  }
  *pi = at;
  return fold_chunk(o, n2, sc, s, len, pi);
}

static int fold_run(fold_out *o, const UNormalizer2 *n2, fold_scratch *sc, const uint8_t *s,
                    size_t len) {
  int rc = ZS_OK;
  size_t i = 0;
  while (i < len && rc == ZS_OK) {
    if (s[i] < 0x80) {
      rc = fold_ascii(o, n2, sc, s, len, &i);
      continue;
    }
    size_t at = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0)
      rc = zs_error_set(ZS_EBADUTF8, "invalid UTF-8 at byte %zu", at);
    else if (u_isUWhiteSpace(c))
      out_space(o, (uint32_t)at, (uint32_t)i);
    else if (unorm2_isInert(n2, c))
      rc = out_bytes(o, (const char *)s + at, i - at, (uint32_t)at, (uint32_t)i);
    else {
      i = at;
      rc = fold_chunk(o, n2, sc, s, len, &i);
    }
  }
  return rc;
}

static int fold_any(fold_out *o, const char *s, size_t len) {
  if ((uint64_t)len > UINT32_MAX)
    return zs_error_set(ZS_ETOOBIG, "text of %zu bytes is too big to fold (limit 4 GiB)", len);
  if (!s && len)
    return zs_error_set(ZS_EINVAL, "zs_fold: NULL text");
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *n2 = unorm2_getNFKCCasefoldInstance(&err);
  if (U_FAILURE(err))
    return zs_error_set(ZS_EICU, "unorm2_getNFKCCasefoldInstance: %s", u_errorName(err));
  fold_scratch sc = {0};
  int rc = out_reserve(o, len);
  if (rc == ZS_OK)
    rc = fold_run(o, n2, &sc, (const uint8_t *)s, len);
  free(sc.src);
  free(sc.dst);
  if (rc == ZS_OK)
    o->text[o->len] = '\0';
  return rc;
}

int zs_fold(zs_folded *out, const char *s, size_t len) {
  fold_out o = {.want_map = true};
  int rc = fold_any(&o, s, len);
  if (rc) {
    free(o.text);
    free(o.start);
    free(o.end);
    return rc;
  }
  *out = (zs_folded){.text = o.text, .len = o.len, .src_start = o.start, .src_end = o.end};
  return ZS_OK;
}

void zs_folded_free(zs_folded *f) {
  if (!f)
    return;
  free(f->text);
  free(f->src_start);
  free(f->src_end);
  *f = (zs_folded){0};
}

int zs_fold_string(char **out, size_t *out_len, const char *s, size_t len) {
  fold_out o = {.want_map = false};
  int rc = fold_any(&o, s, len);
  if (rc) {
    free(o.text);
    return rc;
  }
  *out = o.text;
  if (out_len)
    *out_len = o.len;
  return ZS_OK;
}
