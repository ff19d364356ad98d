/* zs_format: the document formats zhindex reads, and one reader per format that
 * turns a document into the plain/markdown UTF-8 text zs_clean understands. */
#ifndef ZS_FORMAT_H
#define ZS_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "zs_format_types.h" /* the limits, zs_doc_props, zs_extracted */

typedef enum zs_format {
  ZS_FORMAT_TEXT,     /* .txt */
  ZS_FORMAT_MARKDOWN, /* .md */
  ZS_FORMAT_HTML,     /* .html .htm .xhtml: text, <title>, h1–h6 */
  ZS_FORMAT_PDF,      /* .pdf: text per page (poppler) */
  ZS_FORMAT_DOCX,     /* .docx: paragraphs, headings from paragraph styles */
  ZS_FORMAT_UNKNOWN,
} zs_format;

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
 * documents), ZS_ETOOBIG (a limit of zs_format_types.h), ZS_EEMPTY (no text),
 * ZS_EBADUTF8 (text or markdown that is not UTF-8) or ZS_ENOMEM; the message names the
 * problem, not the file. Text and markdown are copied (a UTF-8 BOM dropped).
 * Thread-safe: workers read documents in parallel. */
int zs_format_read_mem(zs_format f, const char *bytes, size_t len, zs_extracted *out);

/* Reads the file at path (a regular file of at most ZS_FORMAT_MAX_INPUT bytes)
 * and calls zs_format_read_mem; also ZS_ENOTFOUND, ZS_EIO and ZS_EEMPTY. */
int zs_format_read(zs_format f, const char *path, zs_extracted *out);

#endif
