/* zs_format: formats by extension, the dispatch to the readers, and the file
 * read (bounded, so a reader only ever sees memory it can trust the size of). */
#include "zs_format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zs_error.h"
#include "zs_file.h"
#include "zs_format_int.h"
#include "zs_i18n.h"
#include "zs_utf8.h"

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

/* Text and markdown from memory, for callers that have no file (the fuzzer):
 * zhindex itself reads them with zs_ingest_file. */
static int read_plain(const char *bytes, size_t len, zs_extracted *out) {
  size_t skip = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  size_t bad = zs_utf8_valid_prefix(bytes + skip, len - skip);
  if (bad < len - skip)
    return zs_error_set(ZS_EBADUTF8,
                        _("not valid UTF-8 (byte 0x%02X at offset %zu); convert the file to UTF-8"),
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
    return zs_error_set(ZS_ETOOBIG, _("file is larger than %u MB"), ZS_FORMAT_MAX_INPUT >> 20);
  if (!bytes)
    bytes = "";
  switch (f) {
  case ZS_FORMAT_TEXT:
  case ZS_FORMAT_MARKDOWN: return read_plain(bytes, len, out);
  case ZS_FORMAT_HTML: return zs_format_read_html(bytes, len, out);
  case ZS_FORMAT_PDF: return zs_format_read_pdf(bytes, len, out);
  case ZS_FORMAT_DOCX: return zs_format_read_docx(bytes, len, out);
  default: return zs_error_set(ZS_EINVAL, _("unsupported format"));
  }
}

/* The whole file, refused beyond ZS_FORMAT_MAX_INPUT. Caller frees *buf. */
static int slurp(const char *path, char **buf, size_t *len) {
  int rc = zs_read_regular_file(path, ZS_FORMAT_MAX_INPUT, buf, len);
  if (rc == ZS_ETOOBIG)
    rc = zs_error_set(rc, _("file is larger than %u MB"), ZS_FORMAT_MAX_INPUT >> 20);
  return rc;
}

int zs_format_read(zs_format f, const char *path, zs_extracted *out) {
  char *buf = NULL;
  size_t len = 0;
  memset(out, 0, sizeof *out);
  int rc = slurp(path, &buf, &len);
  if (rc == ZS_OK && len == 0)
    rc = zs_error_set(ZS_EEMPTY, _("file is empty, nothing to index"));
  if (rc == ZS_OK)
    rc = zs_format_read_mem(f, buf, len, out);
  free(buf);
  return rc;
}
