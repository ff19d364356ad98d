/* zs_fuzz: helpers of the fuzz targets (see zs_fuzz.h). */
#include "zs_fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_clean.h"
#include "zs_docmeta.h"
#include "zs_error.h"
#include "zs_passage.h"

void zs_fuzz_fail(const char *file, int line, const char *what) {
  fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
  abort();
}

char *zs_fuzz_copy(const uint8_t *s, size_t len) {
  char *p = malloc(len ? len : 1);
  if (!p)
    abort();
  if (len)
    memcpy(p, s, len);
  return p;
}

/* A passage must lie inside its block, headings inside theirs. */
static int on_passage(void *ctx, const zs_passage *p) {
  const zs_doc_text *d = ctx;
  ZS_FUZZ_CHECK(p->block < d->nblocks);
  const zs_block *b = &d->blocks[p->block];
  const char *base = p->text == b->flat ? b->flat : b->text; /* a title's or heading's flat form */
  size_t base_len = p->text == b->flat ? b->flat_len : b->len;
  ZS_FUZZ_CHECK(p->text >= base && p->len <= base_len &&
                (size_t)(p->text - base) <= base_len - p->len);
  ZS_FUZZ_CHECK(p->line_first >= 1 && p->line_first <= p->line_last);
  ZS_FUZZ_CHECK(p->nheadings <= ZS_MAX_HEADING_DEPTH);
  volatile unsigned char sink = 0; /* touch every byte, for ASan */
  for (size_t i = 0; i < p->len; i++)
    sink ^= (unsigned char)p->text[i];
  for (size_t h = 0; h < p->nheadings; h++)
    for (size_t i = 0; i < p->headings[h].len; i++)
      sink ^= (unsigned char)p->headings[h].text[i];
  (void)sink;
  return 0;
}

static void check_blocks(const zs_doc_text *d) {
  ZS_FUZZ_CHECK(d->title != NULL);
  for (size_t i = 0; i < d->nblocks; i++) {
    const zs_block *b = &d->blocks[i];
    ZS_FUZZ_CHECK(b->text[b->len] == '\0');
    ZS_FUZZ_CHECK(b->nmarks >= 1 && b->marks[0].offset == 0);
    ZS_FUZZ_CHECK(b->line_first >= 1 && b->line_first <= b->line_last);
    ZS_FUZZ_CHECK(b->inline_heading_len <= b->len);
    for (size_t m = 0; m < b->nmarks; m++)
      ZS_FUZZ_CHECK(b->marks[m].offset <= b->len);
    uint32_t line = zs_block_line_at(b, b->len ? b->len - 1 : 0);
    ZS_FUZZ_CHECK(line >= b->line_first && line <= b->line_last);
  }
}

void zs_fuzz_clean_path(const char *s, size_t len) {
  zs_doc_text d = {0};
  if (zs_clean_document(&d, s, len) == ZS_OK) {
    check_blocks(&d);
    zs_docmeta meta;
    zs_docmeta_detect(&meta, &d, NULL);
    ZS_FUZZ_CHECK(memchr(meta.org, '\0', sizeof meta.org) &&
                  memchr(meta.province, '\0', sizeof meta.province) &&
                  memchr(meta.type, '\0', sizeof meta.type));
    ZS_FUZZ_CHECK(zs_passages(&d, on_passage, &d) == ZS_OK);
  }
  zs_doc_text_free(&d);
}
