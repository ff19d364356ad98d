/* zs_format: formats by extension, the dispatch to the readers, and the file
 * read (bounded, so a reader only ever sees memory it can trust the size of). */
#include "zs_format.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include "zs_error.h"
#include "zs_file.h"
#include "zs_format_int.h"

static const struct {
  const char *ext;
  zs_format format;
} extensions[] = {
    {".txt", ZS_FORMAT_TEXT},  {".md", ZS_FORMAT_MARKDOWN}, {".html", ZS_FORMAT_HTML},
    {".htm", ZS_FORMAT_HTML},  {".xhtml", ZS_FORMAT_HTML},  {".pdf", ZS_FORMAT_PDF},
    {".docx", ZS_FORMAT_DOCX},
};

zs_format zs_format_of(const char *path) {
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash))
    return ZS_FORMAT_UNKNOWN;
  for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
    if (strcasecmp(dot, extensions[i].ext) == 0)
      return extensions[i].format;
  return ZS_FORMAT_UNKNOWN;
}

const char *zs_format_name(zs_format f) {
  switch (f) {
  case ZS_FORMAT_TEXT: return "text";
  case ZS_FORMAT_MARKDOWN: return "markdown";
  case ZS_FORMAT_HTML: return "HTML";
  case ZS_FORMAT_PDF: return "PDF";
  case ZS_FORMAT_DOCX: return "DOCX";
  default: return "unknown";
  }
}

bool zs_format_is_plain(zs_format f) {
  return f == ZS_FORMAT_TEXT || f == ZS_FORMAT_MARKDOWN;
}

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

size_t zs_format_utf8_prefix(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    int32_t off = 0, win = n - i > 4 ? 4 : (int32_t)(n - i);
    UChar32 c;
    U8_NEXT((const uint8_t *)s + i, off, win, c);
    if (c < 0)
      return i;
    i += (size_t)off;
  }
  return n;
}

/* Text and markdown from memory, for callers that have no file (the fuzzer):
 * zhindex itself reads them with zs_ingest_file. */
static int read_plain(const char *bytes, size_t len, zs_extracted *out) {
  size_t skip = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  size_t bad = zs_format_utf8_prefix(bytes + skip, len - skip);
  if (bad < len - skip)
    return zs_error_set(ZS_EBADUTF8,
                        "not valid UTF-8 (byte 0x%02X at offset %zu); convert the file to UTF-8",
                        (unsigned char)bytes[skip + bad], skip + bad);
  zs_textbuf b;
  zs_textbuf_init(&b);
  int rc = zs_textbuf_raw(&b, bytes + skip, len - skip);
  if (rc == ZS_OK)
    rc = zs_textbuf_finish(&b, out, "file");
  zs_textbuf_free(&b);
  return rc;
}

int zs_format_read_mem(zs_format f, const char *bytes, size_t len, zs_extracted *out) {
  memset(out, 0, sizeof *out);
  if (!bytes && len)
    return zs_error_set(ZS_EINVAL, "zs_format_read_mem: NULL bytes");
  if (len > ZS_FORMAT_MAX_INPUT)
    return zs_error_set(ZS_ETOOBIG, "file is larger than %u MB", ZS_FORMAT_MAX_INPUT >> 20);
  if (!bytes)
    bytes = "";
  switch (f) {
  case ZS_FORMAT_TEXT:
  case ZS_FORMAT_MARKDOWN: return read_plain(bytes, len, out);
  case ZS_FORMAT_HTML: return zs_format_read_html(bytes, len, out);
  case ZS_FORMAT_PDF: return zs_format_read_pdf(bytes, len, out);
  case ZS_FORMAT_DOCX: return zs_format_read_docx(bytes, len, out);
  default: return zs_error_set(ZS_EINVAL, "unsupported format");
  }
}

/* The whole file, refused beyond ZS_FORMAT_MAX_INPUT. Caller frees *buf. */
static int slurp(const char *path, char **buf, size_t *len) {
  int rc = zs_read_regular_file(path, ZS_FORMAT_MAX_INPUT, buf, len);
  if (rc == ZS_ETOOBIG)
    rc = zs_error_set(rc, "file is larger than %u MB", ZS_FORMAT_MAX_INPUT >> 20);
  return rc;
}

int zs_format_read(zs_format f, const char *path, zs_extracted *out) {
  char *buf = NULL;
  size_t len = 0;
  memset(out, 0, sizeof *out);
  int rc = slurp(path, &buf, &len);
  if (rc == ZS_OK && len == 0)
    rc = zs_error_set(ZS_EEMPTY, "file is empty, nothing to index");
  if (rc == ZS_OK)
    rc = zs_format_read_mem(f, buf, len, out);
  free(buf);
  return rc;
}

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
