/* zs_format_common: what the readers share (libxml2's set-up, code points and
 * whitespace, the check of a title property) and zs_extracted's own calls. */
#include "zs_format_common.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zs_format_types.h"
#include "zs_utf8.h"

/* ---- libxml2 ---- */

static void xml_init_once(void) {
  xmlInitParser();
}

/* libxml2 reports encoding and I/O trouble through this, whatever the parse
 * options say; a reader reports in its own words instead. */
static void xml_quiet(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

void zs_format_xml_init(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, xml_init_once);
  xmlSetGenericErrorFunc(NULL, xml_quiet); /* per thread */
}

/* ---- characters ---- */

int32_t zs_format_next_cp(const char *s, size_t n, size_t *i) {
  const unsigned char *u = (const unsigned char *)s;
  unsigned char c = u[*i];
  size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (k == 0 || *i + k > n) {
    (*i)++;
    return -1;
  }
  int32_t cp = k == 1 ? c : c & (0x7F >> k);
  for (size_t j = 1; j < k; j++) {
    if ((u[*i + j] & 0xC0) != 0x80) {
      (*i)++;
      return -1;
    }
    cp = cp << 6 | (u[*i + j] & 0x3F);
  }
  *i += k;
  return cp;
}

bool zs_format_is_space(int32_t c) {
  return (c >= 0 && c <= 0x20) || c == 0x7F || c == 0xA0 || c == 0x3000 || c == 0xFEFF ||
         (c >= 0x2000 && c <= 0x200B);
}

void zs_format_trim(const char *s, size_t *a, size_t *e) {
  while (*a < *e) {
    size_t q = *a;
    if (!zs_format_is_space(zs_format_next_cp(s, *e, &q)))
      break;
    *a = q;
  }
  while (*e > *a) {
    size_t p = *e - 1;
    while (p > *a && ((unsigned char)s[p] & 0xC0) == 0x80 && *e - p < 4)
      p--;
    size_t q = p;
    if (!zs_format_is_space(zs_format_next_cp(s, *e, &q)) || q != *e)
      break;
    *e = p;
  }
}

/* ---- document properties ---- */

static bool has_suffix(const char *s, size_t n, const char *suffix) {
  size_t k = strlen(suffix);
  return n >= k && strncasecmp(s + n - k, suffix, k) == 0;
}

/* A title that names no document: a file name, a program's placeholder,
 * ASCII without two words in it. */
static bool junk_title(const char *s, size_t n) {
  static const char *const ext[] = {".doc", ".docx", ".dot", ".dotx", ".wps", ".wpt",  ".rtf",
                                    ".pdf", ".txt",  ".htm", ".html", ".xls", ".xlsx", ".et",
                                    ".ppt", ".pptx", ".dps", ".odt",  ".tmp", ".md",   ".tif"};
  static const char *const placeholder[] = {"untitled",
                                            "untitled document",
                                            "document",
                                            "doc",
                                            "title",
                                            "new document",
                                            "presentation",
                                            "powerpoint presentation",
                                            "powerpoint 演示文稿",
                                            "slide",
                                            "book",
                                            "sheet",
                                            "无标题",
                                            "无标题文档",
                                            "无题",
                                            "标题",
                                            "文档",
                                            "新建文档",
                                            "新建 microsoft word 文档",
                                            "microsoft word 文档",
                                            "新建 doc 文档",
                                            "演示文稿",
                                            "空白文档",
                                            "word 文档",
                                            "wps 文字"};
  if (n > 10 && strncasecmp(s, "Microsoft ", 10) == 0 && memchr(s, '-', n))
    return true; /* "Microsoft Word - x.doc": the file name Office printed */
  for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
    if (has_suffix(s, n, ext[i]))
      return true;
  if (memchr(s, '\\', n) || s[0] == '/')
    return true;   /* a path */
  size_t core = n; /* "Untitled-1", "文档1", "Document 2" */
  while (core > 0 && ((s[core - 1] >= '0' && s[core - 1] <= '9') || s[core - 1] == ' ' ||
                      s[core - 1] == '-' || s[core - 1] == '_'))
    core--;
  for (size_t i = 0; i < sizeof placeholder / sizeof placeholder[0]; i++)
    if (strlen(placeholder[i]) == core && strncasecmp(s, placeholder[i], core) == 0)
      return true;
  size_t cjk = 0, words = 0, letters = 0, visible = 0, run = 0;
  for (size_t i = 0; i <= n;) {
    int32_t c = i < n ? zs_format_next_cp(s, n, &i) : (i++, -1);
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F);
    cjk += (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000;
    visible += c >= 0 && !zs_format_is_space(c);
    letters += letter;
    if (letter)
      run++;
    else {
      words += run >= 2;
      run = 0;
    }
  }
  if (cjk >= 2)
    return false;
  return words < 2 || letters * 2 < visible;
}

void zs_format_title_prop(char *dst, size_t cap, const char *s, size_t n) {
  if (cap == 0)
    return;
  dst[0] = '\0';
  if (!s || zs_utf8_valid_prefix(s, n) < n)
    return;
  size_t a = 0, e = n;
  zs_format_trim(s, &a, &e);
  if (a == e || junk_title(s + a, e - a))
    return;
  size_t k = e - a < cap ? e - a : cap - 1;
  while (k > 0 && k < e - a && ((unsigned char)s[a + k] & 0xC0) == 0x80)
    k--; /* cut at a character boundary */
  for (size_t i = 0; i < k; i++) {
    unsigned char c = (unsigned char)s[a + i];
    dst[i] = c < 0x20 || c == 0x7F ? ' ' : (char)c; /* one line */
  }
  dst[k] = '\0';
}

/* ---- extracted text ---- */

void zs_extracted_free(zs_extracted *e) {
  if (!e)
    return;
  free(e->text);
  free(e->page_lines);
  memset(e, 0, sizeof *e);
}

uint32_t zs_page_of_line(const uint32_t *page_lines, size_t npages, uint32_t line) {
  if (!page_lines || npages == 0 || line < page_lines[0])
    return 0;
  /* the last page that starts at or before line (an empty page before it
   * shares its first line and loses) */
  size_t lo = 0, hi = npages;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (page_lines[mid] <= line)
      lo = mid;
    else
      hi = mid;
  }
  return lo + 1 > UINT32_MAX ? UINT32_MAX : (uint32_t)(lo + 1);
}
