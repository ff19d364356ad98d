/* fuzz_clean: extracted text in, clean blocks and passages out, as zhindex
 * does it (zs_clean_document, zs_docmeta_detect, zs_passages). */
#include <stdlib.h>

#include "zs_fuzz.h"
#include "zs_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t len = zs_utf8_valid_prefix((const char *)data, size);
  char *text = zs_fuzz_copy(data, len);
  zs_fuzz_clean_path(text, len);
  free(text);
  return 0;
}
