/* zs_format_common: the helpers of zs_format_common.c that every reader may use
 * (libxml2's set-up, code points, whitespace, title properties); not for callers. */
#ifndef ZS_FORMAT_COMMON_H
#define ZS_FORMAT_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* libxml2's one-time set-up, done once for all threads. */
void zs_format_xml_init(void);

/* The code point at s[*i] (advancing *i), or -1 for a byte that starts none:
 * a bad byte is stepped over alone. */
int32_t zs_format_next_cp(const char *s, size_t n, size_t *i);

/* Whitespace: C0 controls, space, DEL, NBSP, U+2000–U+200B, U+3000, U+FEFF. */
bool zs_format_is_space(int32_t c);

/* Narrows [*a, *e) of s to drop whitespace at both ends. */
void zs_format_trim(const char *s, size_t *a, size_t *e);

/* dst[cap] gets s[0..n) trimmed when it is a real title (a PDF's document
 * info, a DOCX's core properties), else "": not a file name, a program's
 * placeholder ("Microsoft Word - x.doc", "untitled", "文档1") or junk. */
void zs_format_title_prop(char *dst, size_t cap, const char *s, size_t n);

#endif
