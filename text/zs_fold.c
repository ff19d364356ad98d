/* zs_fold: NFKC_Casefold, optionally traditional->simplified per code point, plus
 * whitespace collapsing, with a byte map back to the source. Inert code points
 * are copied (or looked up); only the rest goes through ICU in UTF-16. */
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
#include "zs_i18n.h"
#include "zs_t2s_data.h"

/* The output under construction, plus the space that is owed before the next
 * visible code point (so runs collapse and the end is trimmed for free). */
typedef struct fold_out {
  char *text;
  size_t len, cap;
  uint32_t *start, *end; /* NULL when no map is wanted */
  size_t start_cap, end_cap;
  bool want_map;
  bool t2s; /* ZS_FOLD_T2S */
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

/* Target of c in a sorted (from, to) array, or c itself. */
static UChar32 t2s_search(const uint32_t (*pairs)[2], size_t n, UChar32 c) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (pairs[mid][0] < (uint32_t)c)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && pairs[lo][0] == (uint32_t)c ? (UChar32)pairs[lo][1] : c;
}

/* The simplified form of an NFKC_CF-folded code point (c itself when it has
 * none). Targets are fixed points, so applying it once is enough. */
static inline UChar32 t2s_map(UChar32 c) {
  const zs_t2s_table *t = &zs_t2s_builtin_table;
  if (c < ZS_T2S_MIN_KEY) /* the bulk of non-Han text */
    return c;
  if (c < 0x10000) {
    uint16_t v = t->blocks[t->index[c >> 8]][c & 0xff];
    if (v != ZS_T2S_SEE_SUPP)
      return v ? (UChar32)v : c;
  }
  return t2s_search(t->supp, t->nsupp, c);
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
    return zs_error_set(ZS_ENOMEM, _("out of memory folding text"));
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

/* A visible code point, as UTF-8, from source span [s0,s1). */
static int out_utf8(fold_out *o, UChar32 c, uint32_t s0, uint32_t s1) {
  char buf[U8_MAX_LENGTH];
  size_t n = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  return out_bytes(o, buf, n, s0, s1);
}

/* A code point produced by ICU: whitespace and controls in ICU's output (e.g.
 * U+FFE3 -> " \u0304") get the same treatment as in the source; the rest is
 * NFKC_CF-folded, so T2S applies to it here. */
static int out_cp(fold_out *o, UChar32 c, uint32_t s0, uint32_t s1) {
  if (c < 0x80 ? ascii_space((unsigned)c) : u_isUWhiteSpace(c)) {
    out_space(o, s0, s1);
    return ZS_OK;
  }
  if (dropped_control(c))
    return ZS_OK;
  return out_utf8(o, o->t2s ? t2s_map(c) : c, s0, s1);
}

/* An inert source code point s[at..i): NFKC_CF leaves it as it is, so its own
 * bytes are copied, unless T2S maps it. */
static int out_inert(fold_out *o, UChar32 c, const uint8_t *s, size_t at, size_t i) {
  UChar32 t = o->t2s ? t2s_map(c) : c;
  if (t != c)
    return out_utf8(o, t, (uint32_t)at, (uint32_t)i);
  return out_bytes(o, (const char *)s + at, i - at, (uint32_t)at, (uint32_t)i);
}

static int grow16(UChar **p, size_t *cap, size_t need) {
  if (zs_grow((void **)p, cap, need, sizeof **p))
    return zs_error_set(ZS_ENOMEM, _("out of memory folding text"));
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
    else if (c >= 0x4e00 && c <= 0x9fff) /* ideographs: inert (test_fold checks), no ICU */
      rc = out_inert(o, c, s, at, i);
    else if (u_isUWhiteSpace(c))
      out_space(o, (uint32_t)at, (uint32_t)i);
    else if (unorm2_isInert(n2, c))
      rc = out_inert(o, c, s, at, i);
    else {
      i = at;
      rc = fold_chunk(o, n2, sc, s, len, &i);
    }
  }
  return rc;
}

static int fold_any(fold_out *o, const char *s, size_t len) {
  if ((uint64_t)len > UINT32_MAX)
    return zs_error_set(ZS_ETOOBIG, _("text of %zu bytes is too big to fold (limit 4 GiB)"), len);
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

/* Refuses flags this version does not know, so a newer index is not misread. */
static int check_flags(unsigned flags) {
  if (flags & ~(unsigned)ZS_FOLD_T2S)
    return zs_error_set(ZS_EINVAL, "unknown fold flags 0x%x", flags);
  return ZS_OK;
}

int zs_fold_ex(zs_folded *out, const char *s, size_t len, unsigned flags) {
  fold_out o = {.want_map = true, .t2s = (flags & ZS_FOLD_T2S) != 0};
  int rc = check_flags(flags);
  if (rc == ZS_OK)
    rc = fold_any(&o, s, len);
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

int zs_fold(zs_folded *out, const char *s, size_t len) {
  return zs_fold_ex(out, s, len, ZS_FOLD_DEFAULT);
}

int zs_fold_string_ex(char **out, size_t *out_len, const char *s, size_t len, unsigned flags) {
  fold_out o = {.want_map = false, .t2s = (flags & ZS_FOLD_T2S) != 0};
  int rc = check_flags(flags);
  if (rc == ZS_OK)
    rc = fold_any(&o, s, len);
  if (rc) {
    free(o.text);
    return rc;
  }
  *out = o.text;
  if (out_len)
    *out_len = o.len;
  return ZS_OK;
}

int zs_fold_string(char **out, size_t *out_len, const char *s, size_t len) {
  return zs_fold_string_ex(out, out_len, s, len, ZS_FOLD_DEFAULT);
}

/* The stored names of the foldings, indexed by flags; never change one. */
static const char *const fold_names[] = {"nfkc_cf+ws", "nfkc_cf+ws+t2s"};

const char *zs_fold_describe(unsigned flags) {
  return flags <= ZS_FOLD_T2S ? fold_names[flags] : NULL;
}

int zs_fold_parse(const char *desc, unsigned *flags) {
  for (unsigned f = 0; desc && f < sizeof fold_names / sizeof *fold_names; f++)
    if (strcmp(desc, fold_names[f]) == 0) {
      *flags = f;
      return ZS_OK;
    }
  return zs_error_set(ZS_EINVAL, _("unknown folding \"%s\" (built by a newer zhsearch?)"),
                      desc ? desc : "(null)");
}

const char *zs_fold_t2s_fingerprint(void) {
  return zs_t2s_builtin_table.fingerprint;
}
