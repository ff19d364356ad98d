/* zs_audit_lists: the audit's lists: every passage with occurrences, and the
 * documents that lack a required keyword, as TSV, CSV or JSON. */
#include "zs_audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_audit_int.h"
#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_visible.h"

static json_object *passage_json(const zs_audit_passage *p, const zs_audit_result *r,
                                 const zs_audit_keywords *k) {
  json_object *o = json_object_new_object(), *lines = json_object_new_array();
  json_object_array_add(lines, json_object_new_int64(p->line_first));
  json_object_array_add(lines, json_object_new_int64(p->line_last));
  json_object_object_add(o, "keyword", json_object_new_string(k->kw[p->kw].name));
  json_object_object_add(o, "file", json_object_new_string(r->doc[p->doc].path));
  json_object_object_add(o, "lines", lines);
  json_object_object_add(o, "count", json_object_new_int64(p->count));
  json_object_object_add(o, "text", json_object_new_string(p->text));
  return o;
}

int zs_audit_write_passages(FILE *out, const zs_audit_result *r, const zs_audit_keywords *k,
                            zs_audit_format fmt) {
  if (fmt == ZS_AUDIT_JSON) {
    json_object *o = json_object_new_object(), *arr = json_object_new_array();
    for (size_t i = 0; i < r->npassages; i++)
      json_object_array_add(arr, passage_json(&r->passage[i], r, k));
    json_object_object_add(o, "passages", arr);
    return zs_audit_emit_json(out, o);
  }
  zs_table *t = NULL;
  int rc = zs_audit_table_open(&t, out, fmt, "关键词所在段落");
  if (rc)
    return rc;
  bool people = zs_table_for_people(t);
  static const char *const tool_head[] = {"keyword", "location", "count", "passage"};
  static const char *const people_head[] = {"关键词", "标题", "位置", "次数", "段落"};
  for (size_t i = 0; i < (people ? 5 : 4); i++)
    zs_table_text(t, people ? people_head[i] : tool_head[i]);
  zs_table_end_row(t);
  for (size_t i = 0; i < r->npassages; i++) {
    const zs_audit_passage *p = &r->passage[i];
    char cwd[4096], loc[4200];
    snprintf(loc, sizeof loc, "%s:%u", zs_visible_path(r->doc[p->doc].path, cwd, sizeof cwd),
             p->line_first);
    zs_table_text(t, k->kw[p->kw].name);
    if (people)
      zs_table_text(t, r->doc[p->doc].title);
    zs_table_text(t, loc);
    zs_table_number(t, p->count);
    zs_table_text(t, p->text);
    zs_table_end_row(t);
  }
  return zs_table_close(t);
}

/* The required keywords document d has no occurrence of, as indexes into k. */
static size_t missing_in(const zs_audit_result *r, const zs_audit_keywords *k, size_t d,
                         size_t *miss) {
  size_t n = 0;
  for (size_t i = 0; i < k->n; i++)
    if (k->kw[i].required && r->count[d * r->nkw + i] == 0)
      miss[n++] = i;
  return n;
}

/* The names of miss joined by '|' (the keywords file's separator, so never in a name). */
static char *joined_names(const zs_audit_keywords *k, const size_t *miss, size_t n) {
  size_t size = 1;
  for (size_t i = 0; i < n; i++)
    size += strlen(k->kw[miss[i]].name) + 1;
  char *s = malloc(size);
  for (size_t i = 0, at = 0; s && i < n; i++)
    at += (size_t)sprintf(s + at, "%s%s", i ? "|" : "", k->kw[miss[i]].name);
  if (s && n == 0)
    s[0] = '\0';
  return s;
}

static json_object *missing_json(const zs_audit_doc *d, const zs_audit_keywords *k,
                                 const size_t *miss, size_t n) {
  json_object *o = json_object_new_object(), *names = json_object_new_array();
  for (size_t i = 0; i < n; i++)
    json_object_array_add(names, json_object_new_string(k->kw[miss[i]].name));
  json_object_object_add(o, "file", json_object_new_string(d->path));
  json_object_object_add(o, "title", json_object_new_string(d->title));
  json_object_object_add(o, "missing", names);
  return o;
}

/* One document's record; ZS_ENOMEM only. */
static int missing_record(zs_table *t, json_object *arr, const zs_audit_doc *d,
                          const zs_audit_keywords *k, const size_t *miss, size_t n) {
  if (arr)
    return json_object_array_add(arr, missing_json(d, k, miss, n)) == 0
               ? ZS_OK
               : zs_error_set(ZS_ENOMEM, _("out of memory writing JSON"));
  char cwd[4096], *names = joined_names(k, miss, n);
  if (!names)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  zs_table_text(t, zs_visible_path(d->path, cwd, sizeof cwd));
  if (zs_table_for_people(t))
    zs_table_text(t, d->title);
  zs_table_text(t, names);
  zs_table_end_row(t);
  free(names);
  return ZS_OK;
}

int zs_audit_write_missing(FILE *out, const zs_audit_result *r, const zs_audit_keywords *k,
                           zs_audit_format fmt, size_t *nmissing) {
  *nmissing = 0;
  size_t *miss = malloc((k->n + 1) * sizeof *miss);
  json_object *arr = fmt == ZS_AUDIT_JSON ? json_object_new_array() : NULL;
  zs_table *t = NULL;
  int rc = miss ? ZS_OK : zs_error_set(ZS_ENOMEM, _("out of memory"));
  if (rc == ZS_OK && !arr)
    rc = zs_audit_table_open(&t, out, fmt, "缺少的关键词");
  if (rc == ZS_OK && t) {
    bool people = zs_table_for_people(t);
    zs_table_text(t, people ? "文档" : "doc");
    if (people)
      zs_table_text(t, "标题");
    zs_table_text(t, people ? "缺少" : "missing");
    zs_table_end_row(t);
  }
  for (size_t d = 0; rc == ZS_OK && d < r->ndocs; d++) {
    size_t n = missing_in(r, k, d, miss);
    *nmissing += n > 0;
    if (n)
      rc = missing_record(t, arr, &r->doc[d], k, miss, n);
  }
  free(miss);
  if (rc == ZS_OK && arr) {
    json_object *o = json_object_new_object();
    json_object_object_add(o, "documents", json_object_new_int64((int64_t)r->ndocs));
    json_object_object_add(o, "missing", arr);
    return zs_audit_emit_json(out, o);
  }
  json_object_put(arr);
  int closed = zs_table_close(t);
  return rc ? rc : closed;
}
