/* fuzz_ingest: a .txt or .md file's bytes through zs_ingest_buffer (encoding
 * detection and conversion), strict and lossy, then the clean-up path. */
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_fuzz.h"
#include "zs_ingest.h"
#include "zs_utf8.h"

/* zs_ingest_buffer takes a malloc'd buffer with room for len + 1 bytes. */
static int ingest(char **out, size_t *len, zs_ingest_info *info, const uint8_t *data, size_t size,
                  bool lossy) {
  char *buf = malloc(size + 1);
  if (!buf)
    abort();
  memcpy(buf, data, size);
  zs_ingest_opts opts = {.lossy = lossy};
  return zs_ingest_buffer(out, len, info, buf, size, &opts);
}

/* UTF-8, NUL-terminated, and no NUL inside (they become spaces). */
static void check_text(const char *s, size_t len) {
  ZS_FUZZ_CHECK(s != NULL && s[len] == '\0' && memchr(s, '\0', len) == NULL);
  ZS_FUZZ_CHECK(zs_utf8_valid_prefix((const char *)s, len) == len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *strict = NULL, *lossy = NULL;
  size_t strict_len = 0, lossy_len = 0;
  zs_ingest_info si, li;
  int rc = ingest(&strict, &strict_len, &si, data, size, false);
  int lrc = ingest(&lossy, &lossy_len, &li, data, size, true);
  if (rc == ZS_OK) {
    check_text(strict, strict_len);
    /* what reads strictly reads the same when lossy, with nothing replaced */
    ZS_FUZZ_CHECK(lrc == ZS_OK && li.replaced == 0 && li.encoding == si.encoding);
    ZS_FUZZ_CHECK(lossy_len == strict_len && memcmp(lossy, strict, strict_len) == 0);
    zs_fuzz_clean_path(strict, strict_len);
  } else if (lrc == ZS_OK) {
    check_text(lossy, lossy_len);
    zs_fuzz_clean_path(lossy, lossy_len);
  }
  free(strict);
  free(lossy);
  return 0;
}
