/* zs_serve_audit: POST /api/audit: a keyword list in the syntax of `zhquery
 * audit` keyword files, counted exactly in every document, answered with the
 * matrix the CLI writes (JSON, or CSV to download). */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_audit.h"
#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_serve_api.h"
#include "zs_serve_params.h"
#include "zs_serve_pool.h"
#include "zs_table.h"

/* The keyword list's problems, each with its line, as one 400. */
static void problems_reply(const zs_audit_keywords *k, zs_serve_reply *out) {
  json_object *o = json_object_new_object(), *arr = json_object_new_array();
  char first[600];
  snprintf(first, sizeof first, _("line %u: %s"), k->problem[0].line, k->problem[0].message);
  for (size_t i = 0; i < k->nproblems; i++) {
    json_object *p = json_object_new_object();
    json_object_object_add(p, "line", json_object_new_int64(k->problem[i].line));
    json_object_object_add(p, "message", json_object_new_string(k->problem[i].message));
    json_object_array_add(arr, p);
  }
  char msg[700];
  snprintf(msg, sizeof msg,
           P_("the keyword list has %zu problem; %s", "the keyword list has %zu problems; %s",
              k->nproblems),
           k->nproblems, first);
  json_object_object_add(o, "error", json_object_new_string(msg));
  json_object_object_add(o, "problems", arr);
  zs_serve_reply_json(out, 400, o);
}

/* The matrix written into memory; *text is malloc'd. */
static int write_matrix(const zs_audit_result *r, const zs_audit_keywords *k, zs_audit_by by,
                        zs_audit_format fmt, char **text, size_t *len) {
  FILE *f = open_memstream(text, len);
  if (!f)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  int rc = zs_audit_write_matrix(f, r, k, by, fmt);
  if (fclose(f) != 0 && rc == ZS_OK)
    rc = zs_error_set(ZS_ENOMEM, _("out of memory writing the audit"));
  return rc;
}

static bool audit_options(const zs_serve_request *rq, zs_audit_by *by, int *fmt,
                          zs_serve_reply *out) {
  static const char *const known[] = {"by", "format", NULL};
  if (!zs_serve_check_params(rq, known, out))
    return false;
  const zs_serve_param *b = zs_serve_param_find(rq, "by");
  int parsed = b ? zs_audit_by_parse(b->value) : ZS_AUDIT_BY_DOC;
  if (parsed < 0 || (b && strlen(b->value) != b->len)) {
    zs_serve_reply_error(out, 400, _("by must be doc, year, province or type"));
    return false;
  }
  *by = (zs_audit_by)parsed;
  return zs_serve_param_export(rq, fmt, out);
}

/* Parses the body into keywords; false with a 400 when it has problems. */
static bool audit_keywords(zs_searcher *s, const zs_serve_request *rq, zs_audit_keywords *k,
                           int *rc, zs_serve_reply *out) {
  *rc = ZS_OK;
  if (rq->body_len && memchr(rq->body, '\0', rq->body_len)) {
    zs_serve_reply_error(out, 400, _("the keyword list contains a NUL byte"));
    return false;
  }
  if ((*rc = zs_audit_parse_keywords(k, rq->body ? rq->body : "", rq->body_len,
                                     zs_searcher_fold_flags(s))) != ZS_OK)
    return false;
  if (k->nproblems)
    problems_reply(k, out);
  else if (k->n == 0)
    zs_serve_reply_error(out, 400,
                         _("the keyword list is empty: one keyword per line "
                           "(a|b counts alternatives together, +keyword is required)"));
  else if (k->n > ZS_SERVE_MAX_KEYWORDS)
    zs_serve_reply_error(out, 400, _("too many keywords: %zu (at most %d)"), k->n,
                         ZS_SERVE_MAX_KEYWORDS);
  else
    return true;
  return false;
}

static int count(zs_audit_result *r, zs_searcher *s, const zs_audit_keywords *k) {
  int rc = zs_audit_count(r, s, k, false);
  return rc;
}

int zs_serve_api_audit(zs_searcher *s, const zs_serve_request *rq, zs_serve_reply *out) {
  zs_audit_by by;
  int fmt;
  if (!audit_options(rq, &by, &fmt, out))
    return ZS_OK;
  zs_audit_keywords k = {0};
  zs_audit_result r = {0};
  char *text = NULL;
  size_t len = 0;
  int rc;
  if (audit_keywords(s, rq, &k, &rc, out) && (rc = count(&r, s, &k)) == ZS_OK &&
      (rc = write_matrix(&r, &k, by,
                         fmt == ZS_TABLE_CSV    ? ZS_AUDIT_CSV
                         : fmt == ZS_TABLE_XLSX ? ZS_AUDIT_XLSX
                                                : ZS_AUDIT_JSON,
                         &text, &len)) == ZS_OK) {
    if (fmt >= 0) {
      zs_serve_reply_table(out, fmt, text, len, "audit");
      text = NULL;
    } else {
      zs_serve_reply_json_text(out, 200, text, len);
    }
  }
  free(text);
  zs_audit_result_free(&r);
  zs_audit_keywords_free(&k);
  return rc;
}
