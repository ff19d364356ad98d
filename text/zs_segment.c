/* zs_segment: ICU dictionary word break over the caller's UTF-8 (no copy), then
 * a merge pass that joins adjacent ICU pieces into the longest lexicon word. */
#include "zs_segment.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "zs_error.h"
#include "zs_grow.h"
#include "zs_i18n.h"
#include "zs_utf8.h"

/* An ICU word segment (letters, digits, ideographs, kana), waiting for the merge pass. */
typedef struct piece {
  uint32_t start, end, chars;
} piece;

struct zs_segmenter {
  const zs_lexicon *lx;
  size_t max_chars;
  UBreakIterator *bi;
  UText ut;      /* reopened over each text; ICU keeps its buffers between texts */
  piece *pieces; /* the current run of adjacent pieces */
  size_t npieces, cap;
  /* The punctuation run being gathered: code point cp over [pstart, pend). */
  bool punct_open;
  UChar32 punct_cp;
  uint32_t pstart, pend;
  /* The current call. */
  const char *s;
  zs_token_fn fn;
  void *ctx;
};

int zs_segmenter_new(zs_segmenter **out, const zs_lexicon *lx) {
  if (!out || !lx)
    return zs_error_set(ZS_EINVAL, "zs_segmenter_new: NULL argument");
  zs_segmenter *sg = calloc(1, sizeof *sg);
  if (!sg)
    return zs_error_set(ZS_ENOMEM, "out of memory creating a segmenter");
  sg->ut = (UText)UTEXT_INITIALIZER;
  sg->lx = lx;
  sg->max_chars = zs_lexicon_max_chars(lx);
  UErrorCode err = U_ZERO_ERROR;
  sg->bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &err);
  if (U_FAILURE(err)) {
    zs_segmenter_free(sg);
    return zs_error_set(ZS_EICU, "ubrk_open(UBRK_WORD, zh): %s", u_errorName(err));
  }
  *out = sg;
  return ZS_OK;
}

void zs_segmenter_free(zs_segmenter *sg) {
  if (!sg)
    return;
  if (sg->bi)
    ubrk_close(sg->bi);
  utext_close(&sg->ut);
  free(sg->pieces);
  free(sg);
}

static int emit(zs_segmenter *sg, zs_token_kind kind, size_t start, size_t end) {
  zs_token t = {.kind = kind, .start = start, .end = end};
  return sg->fn(sg->ctx, &t);
}

/* The last piece of the longest lexicon word starting at piece i (i itself
 * when none is longer than the piece). Hashes grow piece by piece; the search
 * stops as soon as no entry can start with what has been read. */
static size_t longest_match(const zs_segmenter *sg, size_t i, size_t n) {
  const piece *p = sg->pieces;
  const char *s = sg->s;
  size_t best = i, chars = p[i].chars;
  if (chars >= sg->max_chars)
    return i;
  uint64_t h = zs_lexicon_hash(ZS_LEXICON_HASH_INIT, s + p[i].start, p[i].end - p[i].start);
  for (size_t j = i + 1; j < n && zs_lexicon_may_extend(sg->lx, h); j++) {
    chars += p[j].chars;
    if (chars > sg->max_chars)
      break;
    h = zs_lexicon_hash(h, s + p[j].start, p[j].end - p[j].start);
    if (zs_lexicon_contains_hashed(sg->lx, h, s + p[i].start, p[j].end - p[i].start))
      best = j;
  }
  return best;
}

/* SUBWORDs inside the word s[start..end): every shorter lexicon word at any
 * code point offset, so 计生协 is found in 计生协会 and 育儿补贴 in 育儿补贴制度. */
static int emit_inner_words(zs_segmenter *sg, size_t start, size_t end) {
  enum { MAX_INNER = 24 };
  size_t at[MAX_INNER + 1], n = 0;
  for (size_t i = start; i < end && n <= MAX_INNER; i++)
    if (((unsigned char)sg->s[i] & 0xC0) != 0x80)
      at[n++] = i;
  if (n < 3 || n > MAX_INNER)
    return 0; /* a 2-character word has no shorter word; a long run is no word */
  at[n] = end;
  int rc = 0;
  for (size_t a = 0; a + 1 < n && rc == 0; a++) {
    uint64_t h = ZS_LEXICON_HASH_INIT;
    for (size_t b = a + 1; b <= n && rc == 0; b++) {
      h = zs_lexicon_hash(h, sg->s + at[b - 1], at[b] - at[b - 1]);
      if (b - a >= 2 && !(a == 0 && b == n) &&
          zs_lexicon_contains_hashed(sg->lx, h, sg->s + at[a], at[b] - at[a]))
        rc = emit(sg, ZS_TOKEN_SUBWORD, at[a], at[b]);
      if (!zs_lexicon_may_extend(sg->lx, h))
        break;
    }
  }
  return rc;
}

/* The WORD over pieces i..j, then its SUBWORDs: the ICU pieces of >= 2 code
 * points that are no lexicon word (those come from the inner scan) when it was
 * merged, and the lexicon words inside it. */
static int emit_merged(zs_segmenter *sg, size_t i, size_t j) {
  const piece *p = sg->pieces;
  int rc = emit(sg, ZS_TOKEN_WORD, p[i].start, p[j].end);
  for (size_t k = i; j > i && k <= j && rc == 0; k++)
    if (p[k].chars >= 2 && !zs_lexicon_contains(sg->lx, sg->s + p[k].start, p[k].end - p[k].start))
      rc = emit(sg, ZS_TOKEN_SUBWORD, p[k].start, p[k].end);
  if (rc == 0)
    rc = emit_inner_words(sg, p[i].start, p[j].end);
  return rc;
}

/* Runs the merge pass over the pending pieces. Unless `all`, keeps the last
 * max_chars pieces, which may still merge with pieces not yet seen. */
static int flush_words(zs_segmenter *sg, bool all) {
  size_t n = sg->npieces, i = 0;
  int rc = 0;
  while (rc == 0 && i < n && (all || n - i > sg->max_chars)) {
    size_t j = longest_match(sg, i, n);
    rc = emit_merged(sg, i, j);
    i = j + 1;
  }
  if (i > 0) /* (pieces is NULL until the first piece) */
    memmove(sg->pieces, sg->pieces + i, (n - i) * sizeof *sg->pieces);
  sg->npieces = n - i;
  return rc;
}

static int flush_punct(zs_segmenter *sg) {
  if (!sg->punct_open)
    return 0;
  sg->punct_open = false;
  return emit(sg, ZS_TOKEN_PUNCT, sg->pstart, sg->pend);
}

static int on_word(zs_segmenter *sg, int32_t a, int32_t b) {
  int rc = flush_punct(sg);
  if (rc)
    return rc;
  if (zs_grow((void **)&sg->pieces, &sg->cap, sg->npieces + 1, sizeof *sg->pieces))
    return zs_error_set(ZS_ENOMEM, "out of memory segmenting text");
  uint32_t chars = (uint32_t)zs_utf8_count(sg->s + a, (size_t)(b - a));
  sg->pieces[sg->npieces++] = (piece){(uint32_t)a, (uint32_t)b, chars};
  /* A long run without punctuation: settle what can no longer change. */
  return sg->npieces >= sg->max_chars + 256 ? flush_words(sg, false) : 0;
}

/* A segment that is not a word: whitespace yields nothing; other code points
 * are punctuation, one token per run of the same code point ("——", "……"). */
static int on_other(zs_segmenter *sg, int32_t a, int32_t b) {
  int rc = flush_words(sg, true);
  const uint8_t *u = (const uint8_t *)sg->s;
  for (int32_t i = a; i < b && rc == 0;) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(u, i, b, c);
    if (u_isUWhiteSpace(c)) {
      rc = flush_punct(sg);
    } else if (sg->punct_open && c == sg->punct_cp && (uint32_t)at == sg->pend) {
      sg->pend = (uint32_t)i;
    } else if ((rc = flush_punct(sg)) == 0) {
      sg->punct_open = true;
      sg->punct_cp = c;
      sg->pstart = (uint32_t)at;
      sg->pend = (uint32_t)i;
    }
  }
  return rc;
}

static int segment_all(zs_segmenter *sg) {
  int rc = 0;
  int32_t prev = ubrk_first(sg->bi);
  for (int32_t b = ubrk_next(sg->bi); b != UBRK_DONE && rc == 0; b = ubrk_next(sg->bi)) {
    if (ubrk_getRuleStatus(sg->bi) >= UBRK_WORD_NONE_LIMIT)
      rc = on_word(sg, prev, b);
    else
      rc = on_other(sg, prev, b);
    prev = b;
  }
  if (rc == 0)
    rc = flush_words(sg, true);
  if (rc == 0)
    rc = flush_punct(sg);
  return rc;
}

int zs_segment(zs_segmenter *sg, const char *s, size_t len, zs_token_fn fn, void *ctx) {
  if (!sg || !fn || (!s && len))
    return zs_error_set(ZS_EINVAL, "zs_segment: NULL argument");
  if (len > INT32_MAX)
    return zs_error_set(ZS_ETOOBIG, _("text of %zu bytes is too big to segment (limit 2 GiB)"),
                        len);
  UErrorCode err = U_ZERO_ERROR;
  utext_openUTF8(&sg->ut, s, (int64_t)len, &err);
  if (U_FAILURE(err))
    return zs_error_set(ZS_EICU, "utext_openUTF8: %s", u_errorName(err));
  ubrk_setUText(sg->bi, &sg->ut, &err);
  if (U_FAILURE(err))
    return zs_error_set(ZS_EICU, "ubrk_setUText: %s", u_errorName(err));
  sg->s = s;
  sg->fn = fn;
  sg->ctx = ctx;
  sg->npieces = 0;
  sg->punct_open = false;
  return segment_all(sg);
}
