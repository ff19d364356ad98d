/* zs_format: the document formats zhindex reads, and one reader per format that
 * turns a document into the plain/markdown UTF-8 text zs_clean understands. */
#ifndef ZS_FORMAT_H
#define ZS_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum zs_format {
  ZS_FORMAT_TEXT,     /* .txt */
  ZS_FORMAT_MARKDOWN, /* .md */
  ZS_FORMAT_HTML,     /* .html .htm .xhtml: text, <title>, h1–h6 */
  ZS_FORMAT_PDF,      /* .pdf: text per page (poppler) */
  ZS_FORMAT_DOCX,     /* .docx: paragraphs, headings from paragraph styles */
  ZS_FORMAT_UNKNOWN,
} zs_format;

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

/* The format of path, by its extension (case-insensitive). */
zs_format zs_format_of(const char *path);

/* "text", "markdown", "HTML", "PDF", "DOCX", "unknown" (static storage). */
const char *zs_format_name(zs_format f);

/* Whether f is read as it is (text, markdown) rather than through a reader:
 * such files go through zs_ingest_file. */
bool zs_format_is_plain(zs_format f);

/* Reads the document bytes[0..len) of format f into *out (zeroed first; free
 * it with zs_extracted_free, also after a failure). Safe on any bytes. Fails
 * with ZS_EINVAL ("not a PDF file", "damaged DOCX: …", password-protected
 * documents), ZS_ETOOBIG (a limit above), ZS_EEMPTY (no text), ZS_EBADUTF8
 * (text or markdown that is not UTF-8) or ZS_ENOMEM; the message names the
 * problem, not the file. Text and markdown are copied (a UTF-8 BOM dropped).
 * Thread-safe: workers read documents in parallel. */
int zs_format_read_mem(zs_format f, const char *bytes, size_t len, zs_extracted *out);

/* Reads the file at path (a regular file of at most ZS_FORMAT_MAX_INPUT bytes)
 * and calls zs_format_read_mem; also ZS_ENOTFOUND, ZS_EIO and ZS_EEMPTY. */
int zs_format_read(zs_format f, const char *path, zs_extracted *out);

void zs_extracted_free(zs_extracted *e);

/* The page (1-based) that text line `line` is on, given page_lines as in
 * zs_extracted; 0 when page_lines is NULL or line comes before page 1. */
uint32_t zs_page_of_line(const uint32_t *page_lines, size_t npages, uint32_t line);

#endif
