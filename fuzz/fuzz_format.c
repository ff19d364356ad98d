/* fuzz_format: one document reader (ZS_FUZZ_FORMAT: HTML, PDF or DOCX) on any
 * bytes, through zs_format_read_mem, then the clean-up path as zhindex goes on. */
#include <string.h>

#include "zs_error.h"
#include "zs_format.h"
#include "zs_format_int.h"
#include "zs_fuzz.h"
#include "zs_utf8.h"

#ifndef ZS_FUZZ_FORMAT
#error "ZS_FUZZ_FORMAT names the reader (fuzz/CMakeLists.txt sets it)"
#endif

/* What zs_format.h promises of the text and of the page map. */
static void check_extracted(const zs_extracted *e) {
  ZS_FUZZ_CHECK(e->text != NULL && e->text[e->len] == '\0');
  ZS_FUZZ_CHECK(zs_utf8_valid_prefix((const char *)e->text, e->len) == e->len);
  ZS_FUZZ_CHECK((e->page_lines == NULL) == (e->npages == 0));
  size_t lines = 1;
  for (size_t i = 0; i < e->len; i++)
    lines += e->text[i] == '\n';
  for (size_t i = 0; i < e->npages; i++)
    ZS_FUZZ_CHECK(e->page_lines[i] >= 1 && (i == 0 || e->page_lines[i - 1] <= e->page_lines[i]));
  uint32_t page = 0;
  for (uint32_t line = 1; line <= lines; line++) { /* pages never go back */
    uint32_t p = zs_page_of_line(e->page_lines, e->npages, line);
    ZS_FUZZ_CHECK(p >= page && p <= e->npages);
    page = p;
  }
}

/* DOCX: an input that does not start like a zip ("PK") is the XML past it,
 * word/document.xml and, after a NUL, word/styles.xml: the zip's CRCs would
 * keep mutations from ever reaching the XML. */
static int read_input(const char *bytes, size_t len, zs_extracted *out) {
#ifdef ZS_FUZZ_DOCX_PARTS
  if (len < 2 || memcmp(bytes, "PK", 2) != 0) {
    const char *nul = memchr(bytes, '\0', len);
    size_t doc_len = nul ? (size_t)(nul - bytes) : len;
    return zs_format_read_docx_parts(bytes, doc_len, nul ? nul + 1 : NULL,
                                     nul ? len - doc_len - 1 : 0, out);
  }
#endif
  return zs_format_read_mem(ZS_FUZZ_FORMAT, bytes, len, out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  zs_extracted e;
  if (read_input((const char *)data, size, &e) == ZS_OK) {
    check_extracted(&e);
    zs_fuzz_clean_path(e.text, e.len);
  }
  zs_extracted_free(&e); /* also after a failure (zs_format.h) */
  return 0;
}
