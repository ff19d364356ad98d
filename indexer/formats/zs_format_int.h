/* zs_format_int: what the format readers share (the text builder of
 * zs_format_text.c; zs_format_common.h's helpers) and the readers' own calls. */
#ifndef ZS_FORMAT_INT_H
#define ZS_FORMAT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_format_common.h"
#include "zs_format_types.h"

/* ---- the text builder (zs_format_text.c): output valid UTF-8 in lines,
 * under the size limit, with page marks ---- */

/* Text being extracted. Zero it (or zs_textbuf_init) before use; the reader
 * owns it and frees it with zs_textbuf_free unless zs_textbuf_finish took it. */
typedef struct zs_textbuf {
  char *s; /* NUL-terminated at len once anything was written */
  size_t len, cap;
  uint32_t line;   /* number (1-based) of the line being written */
  bool written;    /* the current line has text */
  bool gap;        /* flow text: a space is owed before the next character */
  int heading;     /* markdown level of the current line, written before its first text */
  uint32_t *pages; /* first line of each page so far */
  size_t npages, pages_cap;
} zs_textbuf;

void zs_textbuf_init(zs_textbuf *b);
void zs_textbuf_free(zs_textbuf *b);

/* Appends s[0..n) keeping its line breaks (\r\n and \r become \n, \f and \v
 * too). In both appenders invalid UTF-8 becomes U+FFFD, NUL is dropped and
 * other control characters become spaces. ZS_ETOOBIG past ZS_FORMAT_MAX_TEXT. */
int zs_textbuf_raw(zs_textbuf *b, const char *s, size_t n);

/* Appends s[0..n) as flowing text (HTML, DOCX runs): each run of whitespace,
 * line breaks included, becomes one space; none opens a line. */
int zs_textbuf_flow(zs_textbuf *b, const char *s, size_t n);

/* Ends the current line unless it holds no text yet. */
int zs_textbuf_endline(zs_textbuf *b);

/* When no text is on the current line, adds empty lines until the current
 * line is number `line` (none when it is already there or past it). */
int zs_textbuf_goto_line(zs_textbuf *b, uint32_t line);

/* Ends the current line; the next line is a markdown heading of level 1–6
 * ("## " is written before its first text; an empty heading writes nothing). */
int zs_textbuf_heading(zs_textbuf *b, int level);

/* Ends the current line; what follows is a new page. */
int zs_textbuf_page(zs_textbuf *b);

/* Ends the text and moves it (and the pages) into out. ZS_EEMPTY ("no text in
 * the <what>") when nothing but whitespace was written. */
int zs_textbuf_finish(zs_textbuf *b, zs_extracted *out, const char *what);

/* ---- the readers ---- */

/* The readers behind zs_format_read_mem (same contract). */
int zs_format_read_html(const char *bytes, size_t len, zs_extracted *out);
int zs_format_read_pdf(const char *bytes, size_t len, zs_extracted *out);
int zs_format_read_docx(const char *bytes, size_t len, zs_extracted *out);

/* The DOCX reader past the zip: word/document.xml and word/styles.xml (NULL
 * when absent) as bytes, borrowed. For fuzzing the XML side, which the zip's
 * CRCs keep a fuzzer away from. */
int zs_format_read_docx_parts(const char *document, size_t document_len, const char *styles_xml,
                              size_t styles_len, zs_extracted *out);

#endif
