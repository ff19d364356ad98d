/* zs_format_text: the text builder of the readers. Every byte goes through
 * put_char, so no reader can hand zs_clean invalid UTF-8 or unbounded text. */
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "zs_error.h"
#include "zs_format_int.h"
#include "zs_grow.h"
#include "zs_i18n.h"
#include "zs_visible.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

void zs_textbuf_init(zs_textbuf *b) {
  memset(b, 0, sizeof *b);
  b->line = 1;
}

void zs_textbuf_free(zs_textbuf *b) {
  free(b->s);
  free(b->pages);
  zs_textbuf_init(b);
}

static int append(zs_textbuf *b, const char *s, size_t n) {
  if (b->line == 0) /* a zeroed, not initialised, builder */
    b->line = 1;
  if (n > ZS_FORMAT_MAX_TEXT - b->len)
    return zs_error_set(ZS_ETOOBIG, _("more than %u MB of text in one document"),
                        ZS_FORMAT_MAX_TEXT >> 20);
  if (zs_grow((void **)&b->s, &b->cap, b->len + n + 1, 1))
    return ZS_ENOMEM;
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
  return ZS_OK;
}

static int newline(zs_textbuf *b) {
  int rc = append(b, "\n", 1);
  if (rc == ZS_OK) {
    b->line++;
    b->written = false;
    b->gap = false;
    b->heading = 0;
  }
  return rc;
}

/* One visible character (UTF-8 bytes c[0..n)): the heading marks or the owed
 * space go first. */
static int put_char(zs_textbuf *b, const char *c, size_t n) {
  int rc = ZS_OK;
  if (!b->written && b->heading > 0) {
    static const char marks[] = "###### ";
    rc = append(b, marks + 6 - b->heading, (size_t)b->heading + 1);
  } else if (b->written && b->gap) {
    rc = append(b, " ", 1);
  }
  b->gap = false;
  b->written = true;
  return rc ? rc : append(b, c, n);
}

/* Length of the character at s[0..n) (n > 0), or 0 when it is not valid UTF-8:
 * then *bad gets the bytes to skip. */
static size_t char_len(const char *s, size_t n, size_t *bad) {
  if ((unsigned char)s[0] < 0x80)
    return 1;
  int32_t off = 0, win = n > 4 ? 4 : (int32_t)n;
  UChar32 c;
  U8_NEXT((const uint8_t *)s, off, win, c);
  if (c < 0) {
    *bad = off > 0 ? (size_t)off : 1;
    return 0;
  }
  return (size_t)off;
}

/* Feeds s[0..n) through: flow mode collapses whitespace into gaps. */
static int feed(zs_textbuf *b, const char *s, size_t n, bool flow) {
  int rc = ZS_OK;
  for (size_t i = 0; i < n && rc == ZS_OK;) {
    unsigned char c = (unsigned char)s[i];
    size_t bad = 1, k = char_len(s + i, n - i, &bad);
    if (k == 0) {
      rc = put_char(b, REPLACEMENT, 3);
      i += bad;
      continue;
    }
    bool brk = c == '\n' || c == '\r' || c == '\f' || c == '\v';
    /* tabs, and control characters (C1 too: two bytes) are blanks of text */
    bool space = !brk && c != '\0' && (c == ' ' || c == '\t' || zs_control_len(s + i, n - i));
    if (flow && (brk || space))
      b->gap = b->written;
    else if (brk)
      rc = newline(b);
    else if (space)
      rc = put_char(b, " ", 1);
    else if (c != '\0')
      rc = put_char(b, s + i, k);
    i += (c == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : k;
  }
  return rc;
}

int zs_textbuf_raw(zs_textbuf *b, const char *s, size_t n) {
  return feed(b, s, n, false);
}

int zs_textbuf_flow(zs_textbuf *b, const char *s, size_t n) {
  return feed(b, s, n, true);
}

int zs_textbuf_endline(zs_textbuf *b) {
  if (!b->written) {
    b->gap = false;
    b->heading = 0;
    return ZS_OK;
  }
  return newline(b);
}

int zs_textbuf_goto_line(zs_textbuf *b, uint32_t line) {
  int keep = b->heading, rc = ZS_OK;
  if (b->written)
    return ZS_OK;
  while (b->line < line && rc == ZS_OK)
    rc = newline(b);
  b->heading = keep;
  return rc;
}

int zs_textbuf_heading(zs_textbuf *b, int level) {
  int rc = zs_textbuf_endline(b);
  b->heading = level < 1 ? 1 : level > 6 ? 6 : level;
  return rc;
}

int zs_textbuf_page(zs_textbuf *b) {
  int rc = zs_textbuf_endline(b);
  if (rc == ZS_OK && zs_grow((void **)&b->pages, &b->pages_cap, b->npages + 1, sizeof *b->pages))
    rc = ZS_ENOMEM;
  if (rc == ZS_OK)
    b->pages[b->npages++] = b->line ? b->line : 1;
  return rc;
}

static bool only_space(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
      return false;
  return true;
}

int zs_textbuf_finish(zs_textbuf *b, zs_extracted *out, const char *what) {
  int rc = zs_textbuf_endline(b);
  if (rc)
    return rc;
  if (only_space(b->s, b->len))
    return zs_error_set(ZS_EEMPTY, _("no text in the %s"), what);
  out->text = b->s;
  out->len = b->len;
  out->page_lines = b->pages;
  out->npages = b->npages;
  b->s = NULL;
  b->pages = NULL;
  zs_textbuf_free(b);
  return ZS_OK;
}
