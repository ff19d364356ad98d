/* zs_format_types: what every reader fills and every caller gets (through
 * zs_format.h): the size limits, a document's properties, its extracted text. */
#ifndef ZS_FORMAT_TYPES_H
#define ZS_FORMAT_TYPES_H

#include <stddef.h>
#include <stdint.h>

/* Limits that keep one hostile or absurd file from taking the machine's memory. */
#define ZS_FORMAT_MAX_INPUT (256u << 20) /* bytes of any document file */
#define ZS_FORMAT_MAX_HTML (32u << 20)   /* bytes of an HTML file (parsed into a tree) */
#define ZS_FORMAT_MAX_PART (64u << 20)   /* uncompressed bytes of one part of a DOCX */
#define ZS_FORMAT_MAX_TEXT (64u << 20)   /* bytes of text taken out of one document */

/* What a file says about itself outside its running text: an HTML page's
 * metadata table (索引号/发文机关/发文字号/成文日期/标题, as gov.cn pages
 * have) and <meta> tags, a DOCX's core properties, a PDF's document info.
 * Raw values as the file gives them (trimmed, NUL-terminated, cut to fit),
 * "" when it says nothing: zs_docmeta checks and normalises them. */
typedef struct zs_doc_props {
  char title[512];
  char org[256];   /* 发文机关 */
  char docno[128]; /* 发文字号 */
  char date[64];   /* 成文日期, as written ("2019年01月22日", "2019-01-22") */
} zs_doc_props;

/* Text taken out of a document. */
typedef struct zs_extracted {
  /* UTF-8 (always valid), NUL-terminated at len, lines ended by '\n'. Headings
   * are markdown heading lines ("## …"); a document title is a leading "# …". */
  char *text;
  size_t len;
  /* Paged formats (PDF): page_lines[i] is the first line (1-based) of page
   * i + 1, ascending; an empty page has the first line of the next. NULL and 0
   * for other formats. */
  uint32_t *page_lines;
  size_t npages;
  zs_doc_props props;
  /* Text the reader could not take (pages that cannot be read), for the
   * user: "" when none. */
  char lost[160];
} zs_extracted;

/* The calls below are zs_format_common.c's. */

/* Frees what e holds (its text and page map) and zeroes it; NULL is fine. */
void zs_extracted_free(zs_extracted *e);

/* The page (1-based) that text line `line` is on, given page_lines as in
 * zs_extracted; 0 when page_lines is NULL or line comes before page 1. */
uint32_t zs_page_of_line(const uint32_t *page_lines, size_t npages, uint32_t line);

#endif
