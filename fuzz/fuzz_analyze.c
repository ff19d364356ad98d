/* fuzz_analyze: the analysis path of indexer and query, zs_fold_ex then
 * zs_analyze, under every folding and every combination of analysis flags. */
#include <stdlib.h>
#include <string.h>

#include "zs_analyze.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_fuzz.h"
#include "zs_lexicon.h"
#include "zs_utf8.h"

typedef struct seen {
  const char *s;
  size_t len;
  unsigned flags;
} seen;

/* A term must point into the analysed text and be of a kind that was asked for. */
static int on_term(void *ctx, const zs_term *t) {
  const seen *v = ctx;
  ZS_FUZZ_CHECK(t->start <= t->end && t->end <= v->len);
  ZS_FUZZ_CHECK(t->text == v->s + t->start && t->len == t->end - t->start);
  switch (t->kind) {
  case ZS_TERM_WORD: ZS_FUZZ_CHECK(v->flags & ZS_ANALYZE_WORDS); break;
  case ZS_TERM_SUBWORD: ZS_FUZZ_CHECK(v->flags & ZS_ANALYZE_SUBWORDS); break;
  case ZS_TERM_PUNCT: ZS_FUZZ_CHECK(v->flags & ZS_ANALYZE_PUNCT); break;
  case ZS_TERM_BIGRAM: ZS_FUZZ_CHECK(v->flags & ZS_ANALYZE_NGRAMS); break;
  default: ZS_FUZZ_CHECK(!"unknown term kind");
  }
  return 0;
}

/* Byte 0 chooses: bit 0 the folding (T2S or not), bits 1-4 the analysis
 * flags, bit 5 whether invalid UTF-8 reaches zs_fold_ex (its error path) or
 * the input is cut before it. The rest is the text. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static zs_analyzer *a; /* one per process, as in zhquery: building it is slow */
  if (!a && zs_analyzer_new(&a, zs_lexicon_builtin()) != ZS_OK)
    abort();
  if (size < 1)
    return 0;
  unsigned fold_flags = data[0] & 1 ? ZS_FOLD_T2S : 0;
  unsigned flags = (data[0] >> 1) & 15u;
  size_t len = size - 1;
  if (!(data[0] & 32))
    len = zs_utf8_valid_prefix((const char *)data + 1, len);
  char *src = zs_fuzz_copy(data + 1, len);

  zs_folded f = {0};
  int rc = zs_fold_ex(&f, src, len, fold_flags);
  ZS_FUZZ_CHECK(rc == ZS_OK || rc == ZS_EBADUTF8);
  if (rc == ZS_OK) {
    ZS_FUZZ_CHECK(f.text[f.len] == '\0');
    for (size_t i = 0; i < f.len; i++)
      ZS_FUZZ_CHECK(f.src_start[i] <= f.src_end[i] && f.src_end[i] <= len);
    /* the cheaper path folds alike, and folding is idempotent (zs_fold.h) */
    char *again = NULL;
    size_t again_len = 0;
    ZS_FUZZ_CHECK(zs_fold_string_ex(&again, &again_len, src, len, fold_flags) == ZS_OK);
    ZS_FUZZ_CHECK(again_len == f.len && memcmp(again, f.text, f.len) == 0);
    free(again);
    again = NULL;
    ZS_FUZZ_CHECK(zs_fold_string_ex(&again, &again_len, f.text, f.len, fold_flags) == ZS_OK);
    ZS_FUZZ_CHECK(again_len == f.len && memcmp(again, f.text, f.len) == 0);
    free(again);

    seen v = {f.text, f.len, flags};
    ZS_FUZZ_CHECK(zs_analyze(a, f.text, f.len, flags, on_term, &v) == ZS_OK);
  }
  zs_folded_free(&f);
  free(src);
  return 0;
}
