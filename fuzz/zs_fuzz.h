/* zs_fuzz: what the libFuzzer targets of fuzz/ share: the entry point's
 * prototype, a check that aborts (a finding), UTF-8 trimming, the clean-up path. */
#ifndef ZS_FUZZ_H
#define ZS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry point; declared here for -Wmissing-prototypes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise of an API is a finding like a crash: say which, and abort. */
#define ZS_FUZZ_CHECK(cond) ((cond) ? (void)0 : zs_fuzz_fail(__FILE__, __LINE__, #cond))
_Noreturn void zs_fuzz_fail(const char *file, int line, const char *what);

/* A malloc'd copy of s[0..len) with no NUL after it, so that a read past len
 * is caught by ASan even where the real caller's buffer is NUL-terminated. */
char *zs_fuzz_copy(const uint8_t *s, size_t len);

/* zhindex's path from text to passages: zs_clean_document, zs_docmeta_detect,
 * zs_passages on s[0..len) (valid UTF-8), checking what their headers promise. */
void zs_fuzz_clean_path(const char *s, size_t len);

#endif
