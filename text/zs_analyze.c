/* zs_analyze: folded text to candidate tokens: the segmenter's words and
 * sub-words, then a bigram per adjacent pair of code points and one for the last alone. */
#include "zs_analyze.h"

#include <stdbool.h>
#include <stdlib.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "zs_error.h"
#include "zs_fold.h"
#include "zs_i18n.h"
#include "zs_segment.h"

struct zs_analyzer {
  zs_segmenter *sg;
};

int zs_analyzer_new(zs_analyzer **out, const zs_lexicon *lx) {
  if (!out || !lx)
    return zs_error_set(ZS_EINVAL, "zs_analyzer_new: NULL argument");
  zs_analyzer *a = calloc(1, sizeof *a);
  if (!a)
    return zs_error_set(ZS_ENOMEM, "out of memory creating an analyzer");
  int rc = zs_segmenter_new(&a->sg, lx);
  if (rc) {
    free(a);
    return rc;
  }
  *out = a;
  return ZS_OK;
}

void zs_analyzer_free(zs_analyzer *a) {
  if (!a)
    return;
  zs_segmenter_free(a->sg);
  free(a);
}

/* The caller's callback and what it asked for, seen from the segmenter. */
typedef struct forward {
  const char *s;
  unsigned flags;
  zs_term_fn fn;
  void *ctx;
} forward;

static int forward_token(void *ctx, const zs_token *tok) {
  const forward *f = ctx;
  zs_term t = {.text = f->s + tok->start,
               .len = tok->end - tok->start,
               .start = tok->start,
               .end = tok->end};
  switch (tok->kind) {
  case ZS_TOKEN_WORD: t.kind = ZS_TERM_WORD; break;
  case ZS_TOKEN_SUBWORD: t.kind = ZS_TERM_SUBWORD; break;
  case ZS_TOKEN_PUNCT: t.kind = ZS_TERM_PUNCT; break;
  }
  bool wanted = (t.kind == ZS_TERM_WORD && (f->flags & ZS_ANALYZE_WORDS)) ||
                (t.kind == ZS_TERM_SUBWORD && (f->flags & ZS_ANALYZE_SUBWORDS)) ||
                (t.kind == ZS_TERM_PUNCT && (f->flags & ZS_ANALYZE_PUNCT));
  if (!wanted)
    return 0;
  return f->fn(f->ctx, &t);
}

static int emit_gram(zs_term_kind kind, const char *s, size_t start, size_t end, uint32_t pos,
                     zs_term_fn fn, void *ctx) {
  zs_term t = {
      .kind = kind, .text = s + start, .len = end - start, .start = start, .end = end, .pos = pos};
  return fn(ctx, &t);
}

/* A bigram per adjacent pair that is not two spaces, at the index of its
 * first code point, then the last code point alone (unless a space): every
 * non-space code point starts at least one bigram term. */
static int ngrams(const char *s, size_t len, zs_term_fn fn, void *ctx) {
  const uint8_t *u = (const uint8_t *)s;
  size_t i = 0, prev = 0;
  bool prev_space = true;
  int rc = 0;
  uint32_t k = 0;
  for (; i < len && rc == 0; k++) {
    size_t at = i;
    UChar32 c;
    U8_NEXT(u, i, len, c);
    if (c < 0)
      return zs_error_set(ZS_EBADUTF8, "invalid UTF-8 at byte %zu", at);
    bool space = c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : u_isUWhiteSpace(c);
    if (k > 0 && !(space && prev_space))
      rc = emit_gram(ZS_TERM_BIGRAM, s, prev, i, k - 1, fn, ctx);
    prev = at;
    prev_space = space;
  }
  if (rc == 0 && k > 0 && !prev_space)
    rc = emit_gram(ZS_TERM_BIGRAM, s, prev, len, k - 1, fn, ctx);
  return rc;
}

int zs_analyze(zs_analyzer *a, const char *s, size_t len, unsigned flags, zs_term_fn fn,
               void *ctx) {
  if (!a || !fn || (!s && len))
    return zs_error_set(ZS_EINVAL, "zs_analyze: NULL argument");
  if ((flags & ZS_ANALYZE_NGRAMS) && (uint64_t)len > UINT32_MAX)
    return zs_error_set(ZS_ETOOBIG, _("text of %zu bytes is too big to analyse"), len);
  int rc = ZS_OK;
  if (flags & (ZS_ANALYZE_WORDS | ZS_ANALYZE_SUBWORDS | ZS_ANALYZE_PUNCT)) {
    forward f = {.s = s, .flags = flags, .fn = fn, .ctx = ctx};
    rc = zs_segment(a->sg, s, len, forward_token, &f);
  }
  if (rc == ZS_OK && (flags & ZS_ANALYZE_NGRAMS))
    rc = ngrams(s, len, fn, ctx);
  return rc;
}
