/* zs_clean_int: private to zs_clean.c and zs_heading.c — the prepared source line,
 * the paragraph under construction, character classes and the structure passes. */
#ifndef ZS_CLEAN_INT_H
#define ZS_CLEAN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unicode/umachine.h>

#include "zs_clean.h"

/* Numbering kinds at the start of a line; they double as heading style keys. */
enum {
  ZS_NUM_NONE = 0,
  ZS_NUM_CN,       /* 一、 */
  ZS_NUM_CN_PAREN, /* （一） (一) */
  ZS_NUM_AR,       /* 1． 1. 1、 */
  ZS_NUM_AR_PAREN, /* （1） (1) */
  ZS_NUM_NEWS,     /* 01 … 09 newspaper section numbers */
  ZS_STYLE_BOLD,   /* an unnumbered **bold** heading */
  ZS_STYLE_MD,     /* + number of #: an unnumbered markdown heading */
};

#define ZS_CLEAN_MAX_DEPTH 8 /* same as ZS_MAX_HEADING_DEPTH of zs_passage.h */
#define ZS_HEAD_MAX_CP 64    /* numbered text longer than this is a paragraph */

/* One non-blank source line, stripped of whitespace and markdown. */
typedef struct zs_line {
  const char *s; /* in the builder's scratch buffer; not NUL-terminated */
  size_t len;
  size_t bold;     /* bytes of a leading **bold** span (0 when none) */
  uint32_t no;     /* 1-based source line */
  uint32_t width;  /* display columns: CJK and full-width forms count 2 */
  uint32_t ncp;    /* code points other than whitespace */
  uint8_t md;      /* number of # of a markdown heading, 0 otherwise */
  bool list;       /* a "- " list item */
  int num;         /* numbering at the start (ZS_NUM_*) */
  bool end_stop;   /* ends a sentence (。！？；：… before closing quotes) */
  bool end_clause; /* ends on ，,、 */
  bool inner_stop; /* a sentence ends somewhere before the last character */
  bool done;       /* already placed in a paragraph */
} zs_line;

/* A paragraph on its way to becoming a block. */
typedef struct zs_para {
  zs_block b;
  size_t bold; /* bytes of a leading **bold** span in b.text (0 when none) */
  uint8_t md;
  bool list;
  bool dropped;
} zs_para;

/* Character classes (zs_heading.c). */
bool zs_is_stop(UChar32 c);   /* 。！？!?；; */
bool zs_is_end(UChar32 c);    /* a stop, ：: or … */
bool zs_is_clause(UChar32 c); /* ，,、 */
bool zs_is_closer(UChar32 c); /* closing quotes and brackets */
/* The code point at s[*i] (advancing *i), or -1 at the end or on a bad sequence. */
UChar32 zs_next_cp(const char *s, size_t len, size_t *i);

/* Numbering at the start of s[0..len) (ZS_NUM_*); *prefix gets the bytes of the
 * number, its punctuation and the spaces after it. */
int zs_numbering(const char *s, size_t len, size_t *prefix);

/* Whether a leading line may be part of the title block (first: it is line 1). */
bool zs_title_line(const zs_line *l, bool first);

/* Whether s is an official document number line, such as 豫计生协〔2026〕2号. */
bool zs_docnum_line(const char *s, size_t len);

/* Sets kind, level, inline_heading_len and inline_level of every non-title paragraph. */
void zs_classify(zs_para *p, size_t n);

#endif
