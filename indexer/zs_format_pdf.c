/* zs_format_pdf: PDF text through poppler-glib, one page after the other, with
 * the first line of each page noted so that a passage can say its page. */
#include <glib.h>
#include <poppler.h>
#include <string.h>

#include "zs_error.h"
#include "zs_format_int.h"

/* The header may follow up to 1 KB of junk (PDF 1.7, annex H); poppler looks
 * there too, and anything without it is no PDF at all. */
static bool has_pdf_header(const char *bytes, size_t len) {
  size_t end = len < 1024 ? len : 1024;
  for (size_t i = 0; i + 5 <= end; i++)
    if (memcmp(bytes + i, "%PDF-", 5) == 0)
      return true;
  return false;
}

static int open_error(GError *err) {
  int rc;
  if (err && g_error_matches(err, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    rc = zs_error_set(ZS_EINVAL, "PDF is password-protected");
  else
    rc = zs_error_set(ZS_EINVAL, "damaged PDF: %s",
                      err && err->message ? err->message : "cannot open");
  if (err)
    g_error_free(err);
  return rc;
}

static int read_pages(PopplerDocument *doc, zs_textbuf *b) {
  int n = poppler_document_get_n_pages(doc), rc = ZS_OK;
  for (int i = 0; i < n && rc == ZS_OK; i++) {
    rc = zs_textbuf_page(b);
    PopplerPage *page = poppler_document_get_page(doc, i);
    if (!page)
      continue; /* a broken page: its number stays taken */
    char *text = poppler_page_get_text(page);
    if (text && rc == ZS_OK)
      rc = zs_textbuf_raw(b, text, strlen(text));
    g_free(text);
    g_object_unref(page);
  }
  return rc;
}

int zs_format_read_pdf(const char *bytes, size_t len, zs_extracted *out) {
  if (!has_pdf_header(bytes, len))
    return zs_error_set(ZS_EINVAL, "not a PDF file");
  GError *err = NULL;
  /* poppler borrows the bytes (the GBytes does not copy); both go before we return */
  GBytes *data = g_bytes_new_static(bytes, len);
  PopplerDocument *doc = poppler_document_new_from_bytes(data, NULL, &err);
  g_bytes_unref(data);
  if (!doc)
    return open_error(err);
  zs_textbuf b;
  zs_textbuf_init(&b);
  int rc = read_pages(doc, &b);
  if (rc == ZS_OK)
    rc = zs_textbuf_finish(&b, out, "PDF (scanned pages need OCR first)");
  zs_textbuf_free(&b);
  g_object_unref(doc);
  return rc;
}
