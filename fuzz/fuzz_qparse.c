/* fuzz_qparse: the zhquery query language parser, on the raw bytes that
 * zhquery hands it from its command line. */
#include <string.h>

#include "zs_error.h"
#include "zs_fuzz.h"
#include "zs_qparse.h"

/* The tree zs_qparse.h describes: strings NUL-terminated at len, NOT with one
 * child, AND and OR with children, columns inside the query. */
static void check_node(const zs_qnode *n, size_t max_col, int depth) {
  ZS_FUZZ_CHECK(depth < 10000);
  ZS_FUZZ_CHECK(n->column >= 1 && n->column <= max_col);
  switch (n->kind) {
  case ZS_Q_TEXT:
  case ZS_Q_EXACT:
  case ZS_Q_FIELD:
    ZS_FUZZ_CHECK(n->text != NULL && n->text[n->len] == '\0');
    ZS_FUZZ_CHECK(n->nkids == 0);
    if (n->kind == ZS_Q_FIELD)
      ZS_FUZZ_CHECK(strcmp(zs_qfield_name(n->field), "?") != 0);
    break;
  case ZS_Q_NOT: ZS_FUZZ_CHECK(n->nkids == 1); break;
  case ZS_Q_AND:
  case ZS_Q_OR: ZS_FUZZ_CHECK(n->nkids >= 1); break;
  default: ZS_FUZZ_CHECK(!"unknown node kind");
  }
  for (size_t i = 0; i < n->nkids; i++) {
    ZS_FUZZ_CHECK(n->kids[i] != NULL);
    check_node(n->kids[i], max_col, depth + 1);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  zs_qnode *root = NULL;
  int rc = zs_qparse(&root, (const char *)data, size);
  if (rc == ZS_OK) {
    ZS_FUZZ_CHECK(root != NULL);
    check_node(root, size + 1, 0);
  } else {
    ZS_FUZZ_CHECK(root == NULL && zs_error_last()[0] != '\0');
  }
  zs_qnode_free(root);
  return 0;
}
