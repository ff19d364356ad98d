/* zs_passage: cuts cleaned blocks into passages — one per body paragraph, long ones
 * at ICU sentence ends over a UTF-8 UText, each with its lines and headings. */
#include "zs_passage.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "zs_error.h"
#include "zs_grow.h"
#include "zs_utf8.h"

/* A short last piece may join the one before up to this size. */
#define MERGE_MAX (ZS_PASSAGE_MAX_CHARS + ZS_PASSAGE_MAX_CHARS / 4)

/* The heading stack: entry k is the nearest heading of level k+1. */
typedef struct heads {
  const char *text[ZS_MAX_HEADING_DEPTH];
  size_t len[ZS_MAX_HEADING_DEPTH];
  size_t depth;
} heads;

/* Pieces of the block being cut: start offsets and code point counts. */
typedef struct pieces {
  size_t *at, *ncp;
  size_t n, at_cap, ncp_cap;
} pieces;

typedef struct cutter {
  UBreakIterator *bi; /* opened on the first long block, reused for the rest */
  UText ut;
  bool ut_open;
  pieces pc;
} cutter;

static void heads_set(heads *h, int level, const char *text, size_t len) {
  size_t k = level < 1 ? 0 : (size_t)level - 1;
  if (k >= ZS_MAX_HEADING_DEPTH)
    k = ZS_MAX_HEADING_DEPTH - 1;
  h->text[k] = text;
  h->len[k] = len;
  h->depth = k + 1;
}

static int pieces_push(pieces *pc, size_t at) {
  if (zs_grow((void **)&pc->at, &pc->at_cap, pc->n + 1, sizeof *pc->at) ||
      zs_grow((void **)&pc->ncp, &pc->ncp_cap, pc->n + 1, sizeof *pc->ncp))
    return zs_error_set(ZS_ENOMEM, "out of memory cutting passages");
  pc->at[pc->n] = at;
  pc->ncp[pc->n++] = 0;
  return ZS_OK;
}

/* Greedy: a unit of n code points starting at byte s closes the current piece
 * when it would overflow MAX and the piece has MIN (or could not take it at all). */
static int feed_unit(pieces *pc, size_t s, size_t n) {
  size_t cur = pc->ncp[pc->n - 1];
  if (cur > 0 && cur + n > ZS_PASSAGE_MAX_CHARS &&
      (cur >= ZS_PASSAGE_MIN_CHARS || cur + n > MERGE_MAX)) {
    int rc = pieces_push(pc, s);
    if (rc)
      return rc;
  }
  pc->ncp[pc->n - 1] += n;
  return ZS_OK;
}

static bool clause_mark(UChar32 c) {
  return c == 0xFF0C || c == 0xFF1B || c == ',' || c == ';';
}

/* A sentence longer than MAX: cut after the last clause mark within MAX code
 * points (when that leaves MIN), else hard at MAX on a code point boundary. */
static int feed_long(pieces *pc, const char *t, size_t s, size_t e, size_t n) {
  while (n > ZS_PASSAGE_MAX_CHARS && s < e) {
    size_t q = s, cnt = 0, cut = 0, cutcnt = 0;
    while (cnt < ZS_PASSAGE_MAX_CHARS && q < e) {
      UChar32 c;
      U8_NEXT((const uint8_t *)t, q, e, c);
      cnt++;
      if (clause_mark(c) && cnt >= ZS_PASSAGE_MIN_CHARS) {
        cut = q;
        cutcnt = cnt;
      }
    }
    if (!cut) {
      cut = q;
      cutcnt = cnt;
    }
    int rc = feed_unit(pc, s, cutcnt);
    if (rc)
      return rc;
    s = cut;
    n = n > cutcnt ? n - cutcnt : 0;
  }
  return feed_unit(pc, s, n);
}

static int feed_sentence(pieces *pc, const char *t, size_t s, size_t e) {
  size_t n = zs_utf8_count(t + s, e - s);
  if (n > ZS_PASSAGE_MAX_CHARS)
    return feed_long(pc, t, s, e, n);
  return feed_unit(pc, s, n);
}

/* An ASCII or full-width digit ends at byte i. */
static bool digit_before(const char *t, size_t i) {
  const unsigned char *u = (const unsigned char *)t;
  if (i >= 1 && u[i - 1] >= '0' && u[i - 1] <= '9')
    return true;
  return i >= 3 && u[i - 3] == 0xEF && u[i - 2] == 0xBC && u[i - 1] >= 0x90 && u[i - 1] <= 0x99;
}

/* ICU ends a sentence after the "1．" of a numbered item: not a place to cut. */
static bool numbering_break(const char *t, size_t pos) {
  size_t i = pos;
  while (i > 0 && t[i - 1] == ' ')
    i--;
  if (i >= 1 && t[i - 1] == '.')
    return digit_before(t, i - 1);
  if (i >= 3 && memcmp(t + i - 3, "\xEF\xBC\x8E", 3) == 0) /* ． */
    return digit_before(t, i - 3);
  return false;
}

static int open_iterator(cutter *cx, const char *t, size_t len) {
  UErrorCode st = U_ZERO_ERROR;
  if (!cx->bi)
    cx->bi = ubrk_open(UBRK_SENTENCE, "zh", NULL, 0, &st);
  if (U_SUCCESS(st)) {
    utext_openUTF8(&cx->ut, t, (int64_t)len, &st);
    cx->ut_open = cx->ut_open || U_SUCCESS(st);
  }
  if (U_SUCCESS(st))
    ubrk_setUText(cx->bi, &cx->ut, &st);
  if (U_FAILURE(st))
    return zs_error_set(ZS_EICU, "ICU sentence break iterator: %s", u_errorName(st));
  return ZS_OK;
}

/* Fills cx->pc with the pieces of block text t[0..len). */
static int cut_block(cutter *cx, const char *t, size_t len) {
  cx->pc.n = 0;
  int rc = pieces_push(&cx->pc, 0);
  size_t prev = 0;
  if (!rc && len <= INT32_MAX)
    rc = open_iterator(cx, t, len);
  for (int32_t pos; !rc && len <= INT32_MAX && (pos = ubrk_next(cx->bi)) != UBRK_DONE;) {
    if ((size_t)pos <= prev || ((size_t)pos < len && numbering_break(t, (size_t)pos)))
      continue;
    rc = feed_sentence(&cx->pc, t, prev, (size_t)pos);
    prev = (size_t)pos;
  }
  if (!rc && prev < len)
    rc = feed_sentence(&cx->pc, t, prev, len);
  pieces *pc = &cx->pc;
  if (!rc && pc->n >= 2 && pc->ncp[pc->n - 1] < ZS_PASSAGE_MIN_CHARS &&
      pc->ncp[pc->n - 2] + pc->ncp[pc->n - 1] <= MERGE_MAX) {
    pc->ncp[pc->n - 2] += pc->ncp[pc->n - 1];
    pc->n--;
  }
  return rc;
}

static int emit(const zs_block *b, size_t bi, const heads *h, size_t s, size_t e, zs_passage_fn fn,
                void *ctx) {
  while (s < e && b->text[s] == ' ')
    s++;
  if (s == e)
    return ZS_OK;
  zs_passage p = {
      .text = b->text + s, .len = e - s, .block = bi, .nheadings = h->depth, .kind = b->kind};
  p.line_first = zs_block_line_at(b, s);
  p.line_last = zs_block_line_at(b, e - 1);
  for (size_t k = 0; k < h->depth; k++) {
    p.headings[k].text = h->text[k];
    p.headings[k].len = h->len[k];
  }
  return fn(ctx, &p);
}

static int body_passages(cutter *cx, const zs_block *b, size_t bi, const heads *h, zs_passage_fn fn,
                         void *ctx) {
  if (zs_utf8_count(b->text, b->len) <= ZS_PASSAGE_MAX_CHARS)
    return emit(b, bi, h, 0, b->len, fn, ctx);
  int rc = cut_block(cx, b->text, b->len);
  for (size_t k = 0; !rc && k < cx->pc.n; k++) {
    size_t e = k + 1 < cx->pc.n ? cx->pc.at[k + 1] : b->len;
    rc = emit(b, bi, h, cx->pc.at[k], e, fn, ctx);
  }
  return rc;
}

/* A title or heading as a passage, in its flat form (zs_block.flat) so that
 * searching and counting treat every passage alike. */
static int label_passage(cutter *cx, const zs_block *b, size_t bi, const heads *h, zs_passage_fn fn,
                         void *ctx) {
  if (!b->flat || zs_utf8_count(b->flat, b->flat_len) > ZS_PASSAGE_MAX_CHARS)
    return body_passages(cx, b, bi, h, fn, ctx);
  if (!b->flat_len)
    return ZS_OK;
  zs_passage p = {.text = b->flat,
                  .len = b->flat_len,
                  .block = bi,
                  .nheadings = h->depth,
                  .line_first = b->line_first,
                  .line_last = b->line_last,
                  .kind = b->kind};
  for (size_t k = 0; k < h->depth; k++) {
    p.headings[k].text = h->text[k];
    p.headings[k].len = h->len[k];
  }
  return fn(ctx, &p);
}

int zs_passages(const zs_doc_text *d, zs_passage_fn fn, void *ctx) {
  if (!d || !fn)
    return zs_error_set(ZS_EINVAL, "zs_passages: NULL argument");
  cutter cx = {.ut = UTEXT_INITIALIZER};
  heads h = {0};
  int rc = ZS_OK;
  for (size_t i = 0; i < d->nblocks && !rc; i++) {
    const zs_block *b = &d->blocks[i];
    /* Titles, numbers and headings are text too: a user looks a document up
     * by its 文号 or title. A heading stands under its parents, not itself. */
    if (b->kind == ZS_BLOCK_TITLE) {
      heads none = {0};
      rc = label_passage(&cx, b, i, &none, fn, ctx);
      continue;
    }
    if (b->kind == ZS_BLOCK_HEADING) {
      heads parent = h;
      size_t keep = b->level > 1 ? (size_t)b->level - 1 : 0;
      if (parent.depth > keep)
        parent.depth = keep;
      rc = label_passage(&cx, b, i, &parent, fn, ctx);
      heads_set(&h, b->level, b->text, b->len);
      continue;
    }
    if (b->inline_heading_len)
      heads_set(&h, b->inline_level, b->text, b->inline_heading_len);
    rc = body_passages(&cx, b, i, &h, fn, ctx);
  }
  if (cx.bi)
    ubrk_close(cx.bi);
  if (cx.ut_open)
    utext_close(&cx.ut);
  free(cx.pc.at);
  free(cx.pc.ncp);
  return rc;
}
