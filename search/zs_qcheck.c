/* zs_qcheck: substring tests on folded text (memmem: valid UTF-8 matches only
 * on code point boundaries) and comparisons with the file's metadata. */
#define _GNU_SOURCE /* memmem */
#include "zs_qcheck.h"

#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_grow.h"

int zs_strings_add(zs_strings *l, const char *s, size_t len) {
  for (size_t i = 0; i < l->n; i++)
    if (l->len[i] == len && memcmp(l->str[i], s, len) == 0)
      return ZS_OK;
  size_t cap = l->cap;
  if (zs_grow((void **)&l->str, &cap, l->n + 1, sizeof *l->str) ||
      zs_grow((void **)&l->len, &l->cap, l->n + 1, sizeof *l->len))
    return zs_error_set(ZS_ENOMEM, "out of memory building the query");
  char *copy = strndup(s, len);
  if (!copy)
    return zs_error_set(ZS_ENOMEM, "out of memory building the query");
  l->str[l->n] = copy;
  l->len[l->n++] = len;
  return ZS_OK;
}

void zs_strings_free(zs_strings *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->str[i]);
  free(l->str);
  free(l->len);
  memset(l, 0, sizeof *l);
}

void zs_check_free(zs_check *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->nkids; i++)
    zs_check_free(c->kids[i]);
  free(c->kids);
  free(c->str);
  free(c->ids);
  free(c);
}

static bool contains(const char *s, size_t len, const char *needle, size_t nlen) {
  return nlen && memmem(s, len, needle, nlen) != NULL;
}

static bool eval_field(const zs_check *c, const zs_check_view *v) {
  switch (c->field) {
  case ZS_FIELD_YEAR: return v->year >= c->year_lo && v->year <= c->year_hi;
  case ZS_FIELD_PROVINCE: return strcmp(v->province, c->str) == 0;
  case ZS_FIELD_TYPE: return strcmp(v->type, c->str) == 0;
  case ZS_FIELD_HEADING: return contains(v->headings, v->headings_len, c->str, c->len);
  case ZS_FIELD_DOC:
  case ZS_FIELD_ORG:
  case ZS_FIELD_DOCNO:
  case ZS_FIELD_DATE:
    for (size_t i = 0; i < c->nids; i++)
      if (c->ids[i] == v->file_id)
        return true;
    return false;
  }
  return false;
}

bool zs_check_eval(const zs_check *c, const zs_check_view *v) {
  switch (c->kind) {
  case ZS_Q_EXACT: return contains(v->text, v->text_len, c->str, c->len);
  case ZS_Q_TEXT:
    return c->nkids ? zs_check_eval(c->kids[0], v) : contains(v->text, v->text_len, c->str, c->len);
  case ZS_Q_FIELD: return eval_field(c, v);
  case ZS_Q_AND:
    for (size_t i = 0; i < c->nkids; i++)
      if (!zs_check_eval(c->kids[i], v))
        return false;
    return true;
  case ZS_Q_OR:
    for (size_t i = 0; i < c->nkids; i++)
      if (zs_check_eval(c->kids[i], v))
        return true;
    return false;
  case ZS_Q_NOT: return !zs_check_eval(c->kids[0], v);
  }
  return false;
}
