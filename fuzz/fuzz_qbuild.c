/* fuzz_qbuild: a parsed query built into a plan with the real analyzer and
 * synonyms (no index: doc: finds nothing), checked and highlighted on its own text. */
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_fold.h"
#include "zs_fuzz.h"
#include "zs_highlight.h"
#include "zs_lexicon.h"
#include "zs_qbuild.h"
#include "zs_qparse.h"
#include "zs_synonyms.h"
#include "zs_utf8.h"

/* The folded text of the query stands in for a passage, a heading and a file
 * name alike, so that the exact check and highlighting find something. */
static void use_plan(const zs_qplan *plan, const char *q, size_t len) {
  char *desc = zs_query_describe(plan->query);
  ZS_FUZZ_CHECK(desc != NULL);
  free(desc);

  size_t text_len = zs_utf8_valid_prefix((const char *)q, len);
  char *folded = NULL, *headings = NULL;
  size_t folded_len = 0;
  if (zs_qbuild_fold(&folded, &folded_len, q, text_len, ZS_FOLD_DEFAULT) != ZS_OK)
    return;
  if (!(headings = malloc(folded_len + 1)))
    abort();
  memcpy(headings, folded, folded_len);
  headings[folded_len] = '\n';
  zs_check_view v = {.text = folded,
                     .text_len = folded_len,
                     .headings = headings,
                     .headings_len = folded_len + 1,
                     .file_id = 1,
                     .year = 2025,
                     .province = "湖南",
                     .type = "工作要点"};
  (void)zs_qplan_accepts(plan, &v);
  v.year = 0;
  v.province = v.type = "";
  (void)zs_qplan_accepts(plan, &v);

  zs_span *spans = NULL;
  size_t n = 0;
  if (zs_highlight(&spans, &n, q, text_len, &plan->needles, &plan->needle_groups,
                   ZS_FOLD_DEFAULT) == ZS_OK) {
    for (size_t i = 0; i < n; i++) /* sorted, apart, inside the text */
      ZS_FUZZ_CHECK(spans[i].start < spans[i].end && spans[i].end <= text_len &&
                    (i == 0 || spans[i - 1].end < spans[i].start));
  }
  free(spans);
  free(headings);
  free(folded);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static zs_analyzer *a; /* one per process, as in zhquery */
  static zs_synonyms *syn;
  if (!a && (zs_analyzer_new(&a, zs_lexicon_builtin()) != ZS_OK ||
             zs_synonyms_load(&syn, NULL, 0, NULL, ZS_FOLD_DEFAULT) != ZS_OK))
    abort();
  zs_qbuild_env env = {.analyzer = a, .fold_flags = ZS_FOLD_DEFAULT, .synonyms = syn};

  const char *q = (const char *)data;
  zs_qnode *root = NULL;
  if (zs_qparse(&root, q, size) == ZS_OK) {
    zs_qplan plan = {0};
    if (zs_qbuild(&plan, &env, root) == ZS_OK)
      use_plan(&plan, q, size);
    zs_qplan_free(&plan);
  }
  zs_qnode_free(root);
  return 0;
}
