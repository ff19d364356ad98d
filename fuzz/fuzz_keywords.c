/* fuzz_keywords: the keywords file of `zhquery audit` (zs_audit_parse_keywords),
 * on raw bytes as read from the user's file. */
#include <stdlib.h>
#include <string.h>

#include "zs_audit.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_fuzz.h"

/* Every line is a keyword, a problem, or skipped; keywords are as zs_audit.h says. */
static void check(const zs_audit_keywords *k) {
  uint32_t last = 0;
  for (size_t i = 0; i < k->n; i++) {
    const zs_audit_keyword *w = &k->kw[i];
    ZS_FUZZ_CHECK(w->nalts >= 1 && w->name == w->raw[0]);
    ZS_FUZZ_CHECK(w->line > last);
    last = w->line;
    for (size_t j = 0; j < w->nalts; j++)
      ZS_FUZZ_CHECK(w->alt_len[j] > 0 && strlen(w->alt[j]) == w->alt_len[j] && w->raw[j] != NULL);
  }
  for (size_t i = 0; i < k->nproblems; i++)
    ZS_FUZZ_CHECK(k->problem[i].line >= 1 && k->problem[i].message[0] != '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = zs_fuzz_copy(data, size);
  zs_audit_keywords k = {0};
  int rc = zs_audit_parse_keywords(&k, text, size, ZS_FOLD_DEFAULT);
  ZS_FUZZ_CHECK(rc == ZS_OK);
  check(&k);
  zs_audit_keywords_free(&k);
  free(text);
  return 0;
}
