/* zs_clean: from text extracted from PDFs and web pages to clean blocks: lines
 * rejoined into paragraphs, spaces inside Chinese removed, duplicates dropped,
 * headings recognised, the title found, every block's source lines kept. */
#ifndef ZS_CLEAN_H
#define ZS_CLEAN_H

#include <stddef.h>
#include <stdint.h>

/* Where a run of cleaned bytes came from: from byte `offset` of the block's
 * text on (until the next mark), the text is from source line `line` (1-based). */
typedef struct zs_line_mark {
  uint32_t offset;
  uint32_t line;
} zs_line_mark;

typedef enum zs_block_kind {
  ZS_BLOCK_BODY = 0,    /* a paragraph of running text: becomes passages */
  ZS_BLOCK_HEADING = 1, /* a section heading: labels the blocks after it */
  ZS_BLOCK_TITLE = 2,   /* part of the document title */
} zs_block_kind;

typedef struct zs_block {
  zs_block_kind kind;
  char *text; /* cleaned UTF-8 (not folded), NUL-terminated, no line breaks */
  size_t len;
  uint32_t line_first, line_last; /* source lines covered, 1-based, inclusive */
  zs_line_mark *marks;            /* nmarks >= 1; marks[0].offset == 0 */
  size_t nmarks;
  /* HEADING: nesting depth, 1 = outermost. The depth comes from the numbering
   * style (一、 > （一） > 1． > （1）, markdown # levels for unnumbered ones),
   * in the order styles first appear in the document. 0 for other kinds. */
  int level;
  /* BODY: bytes at the start of text that are an inline heading, as in
   * "（一）加强政治建设。持续深化…" or "**一、机构改革。**安化县…" (0 when none). */
  size_t inline_heading_len;
  /* BODY with an inline heading: its nesting depth, as `level` is for headings
   * (the inline heading takes part in the same nesting); 0 otherwise. */
  int inline_level;
  /* TITLE and HEADING: the text without the spaces their layout kept between
   * Chinese parts ("凝心聚力担使命 踔厉奋发新征程"), which the body's clean-up
   * would have removed: the text they are searched as. NULL when the same. */
  char *flat;
  size_t flat_len;
} zs_block;

typedef struct zs_doc_text {
  char *title; /* NUL-terminated; "" when none found */
  zs_block *blocks;
  size_t nblocks;
} zs_doc_text;

/* Cleans s[0..len) (valid UTF-8; \n, \r\n or \r line ends). Caller frees with
 * zs_doc_text_free. */
int zs_clean_document(zs_doc_text *out, const char *s, size_t len);
void zs_doc_text_free(zs_doc_text *d);

/* Removes in place the whitespace that extraction put inside Chinese text: a
 * whitespace run goes when a CJK character (ideograph, CJK or full-width
 * punctuation) stands on one side and a CJK character, digit or punctuation
 * on the other; other runs become one space, and runs at either end go.
 * Returns the new length (s is NUL-terminated there when it shrank). Used on
 * documents and on query strings alike. */
size_t zs_clean_spaces(char *s, size_t len);

/* Source line of cleaned byte `offset` of block b. */
uint32_t zs_block_line_at(const zs_block *b, size_t offset);

#endif
