/* zs_ingest: reads one file into memory as UTF-8 text that the rest of the
 * pipeline can trust (encoding detected and converted), or says why it cannot. */
#ifndef ZS_INGEST_H
#define ZS_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_utf8.h" /* zs_utf8_valid_prefix */

/* Default per-file limit. A worker holds its file about three times over (the
 * text, the cleaned blocks, the passages being indexed): with two workers,
 * 64 MB files keep zhindex near 400 MB (under 500 MB whatever the text). */
#define ZS_INGEST_DEFAULT_MAX_MB 64

/* Each line counts this many bytes more toward the limit: cleaning keeps up
 * to about 240 bytes per line (3 x 80) when every line is a paragraph, so a
 * file of millions of short lines costs no more than one long line. */
#define ZS_INGEST_LINE_COST 80

/* Encodings zs_ingest reads (GB18030 covers GBK and GB2312). */
typedef enum zs_encoding {
  ZS_ENC_UTF8 = 0,
  ZS_ENC_GB18030,
  ZS_ENC_BIG5,
  ZS_ENC_UTF16LE,
  ZS_ENC_UTF16BE,
} zs_encoding;

typedef struct zs_ingest_opts {
  uint64_t max_bytes; /* of the file and of its UTF-8 text; 0 = ZS_INGEST_DEFAULT_MAX_MB */
  bool lossy;         /* replace bad sequences by U+FFFD instead of failing */
} zs_ingest_opts;

/* What reading found (filled also on failure, as far as it got). */
typedef struct zs_ingest_info {
  zs_encoding encoding;
  bool bom;        /* the file started with a byte order mark (dropped) */
  size_t replaced; /* bad sequences replaced by U+FFFD (lossy only) */
  size_t controls; /* control characters (NUL, ESC, BEL, C1…) replaced by spaces */
} zs_ingest_info;

/* Reads path as a document's text: a BOM decides the encoding (UTF-8,
 * UTF-16LE/BE); otherwise valid UTF-8 is UTF-8, and other text is GB18030 or
 * Big5 as ICU's detector ranks them (see zs_ingest.c). NULs become spaces.
 * Fails with ZS_ENOTFOUND or ZS_EIO (cannot open or read), ZS_ETOOBIG (the
 * bytes, their UTF-8, or the UTF-8 plus ZS_INGEST_LINE_COST per line, over
 * the limit),
 * ZS_EINVAL ("binary file, skipped"), ZS_EBADUTF8 (no encoding fits: the
 * message names the most likely one and the offset of its first bad byte),
 * ZS_EEMPTY (nothing but whitespace), ZS_ENOMEM or ZS_EICU. The message does
 * not repeat the path. *out is NUL-terminated; caller frees it with free().
 * info may be NULL; opts may be NULL (defaults). Thread-safe. */
int zs_ingest_read(char **out, size_t *out_len, zs_ingest_info *info, const char *path,
                   const zs_ingest_opts *opts);

/* The same on bytes in memory. buf is taken: it must come from malloc with
 * room for len + 1 bytes, and is freed or returned as *out. */
int zs_ingest_buffer(char **out, size_t *out_len, zs_ingest_info *info, char *buf, size_t len,
                     const zs_ingest_opts *opts);

/* zs_ingest_read without lossy replacement, with a limit of max_bytes on the
 * bytes alone (lines count for nothing: for word lists, not documents).
 * Caller frees *out with free(). */
int zs_ingest_file(char **out, size_t *out_len, const char *path, uint64_t max_bytes);

/* "UTF-8", "GB18030", "Big5", "UTF-16LE", "UTF-16BE" (static storage). */
const char *zs_encoding_name(zs_encoding e);

#endif
