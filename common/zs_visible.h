/* zs_visible: text from documents and file names made safe for a terminal and
 * for a spreadsheet: control characters shown, never obeyed; no formula cells. */
#ifndef ZS_VISIBLE_H
#define ZS_VISIBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Bytes of the control character a terminal would act on at s[0..len) — C0
 * other than tab (1), DEL (1), C1 U+0080..U+009F (2) — or 0. */
size_t zs_control_len(const char *s, size_t len);

/* Whether s[0..len) holds such a control character. */
bool zs_has_control(const char *s, size_t len);

/* Writes s[0..len) to out, each such control character as its visible picture
 * (ESC as ␛ U+241B, BEL as ␇, a line feed as ␊, DEL as ␡; C1 as U+FFFD). */
void zs_fput_visible(FILE *out, const char *s, size_t len);

/* s itself when it holds no control character; else its visible form in buf
 * (size bytes, cut at a character if it does not fit). Borrowed: valid while
 * s and buf are. */
const char *zs_visible(const char *s, char *buf, size_t size);

/* Whether a spreadsheet would run a cell starting so (=, +, -, @, tab, CR:
 * OWASP's list for CSV injection); such cells are written with a ' first. */
bool zs_cell_is_formula(const char *s);

/* path as a user can open it: relative to the working directory when below it,
 * control characters shown (zs_visible). In buf, or a suffix of abs_path. */
const char *zs_visible_path(const char *abs_path, char *buf, size_t size);

#endif
