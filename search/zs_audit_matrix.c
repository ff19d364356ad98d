/* zs_audit_matrix: the audit's counts summed per document, year, province or
 * type, written as a TSV or CSV table or one JSON object. */
#include "zs_audit.h"

#include <stdlib.h>
#include <string.h>

#include "zs_audit_int.h"
#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_visible.h"

static const char *const by_names[] = {"doc", "year", "province", "type"};

const char *zs_audit_by_name(zs_audit_by by) {
  return by_names[by];
}

int zs_audit_by_parse(const char *name) {
  for (int i = 0; i < (int)(sizeof by_names / sizeof by_names[0]); i++)
    if (strcmp(name, by_names[i]) == 0)
      return i;
  return -1;
}

/* A row of the matrix: one document, or the documents of one year, province or type. */
typedef struct row {
  const zs_audit_doc *doc; /* its first document */
  bool unknown;            /* year, province or type unknown: sorted last */
  int year;                /* sort keys */
  const char *name;
  size_t ndocs;
  uint64_t *count; /* nkw counts, then the row's total */
} row;

typedef struct matrix {
  row *row;
  size_t n;
  uint64_t *total; /* nkw column totals, then the grand total */
} matrix;

static bool same_group(const row *g, const zs_audit_doc *d, zs_audit_by by) {
  switch (by) {
  case ZS_AUDIT_BY_YEAR: return g->doc->year == d->year;
  case ZS_AUDIT_BY_PROVINCE: return strcmp(g->doc->province, d->province) == 0;
  case ZS_AUDIT_BY_TYPE: return strcmp(g->doc->type, d->type) == 0;
  default: return false;
  }
}

static row new_row(const zs_audit_doc *d, zs_audit_by by) {
  row g = {.doc = d, .name = ""};
  if (by == ZS_AUDIT_BY_YEAR) {
    g.year = d->year;
    g.unknown = d->year == 0;
  } else if (by != ZS_AUDIT_BY_DOC) {
    g.name = by == ZS_AUDIT_BY_PROVINCE ? d->province : d->type;
    g.unknown = g.name[0] == '\0';
  }
  return g;
}

/* Known before unknown, then by year or name; documents keep file id order. */
static int row_cmp(const void *a, const void *b) {
  const row *x = a, *y = b;
  if (x->unknown != y->unknown)
    return x->unknown ? 1 : -1;
  if (x->year != y->year)
    return x->year < y->year ? -1 : 1;
  int c = strcmp(x->name, y->name);
  if (c)
    return c;
  return x->doc < y->doc ? -1 : x->doc > y->doc;
}

static void matrix_free(matrix *m) {
  for (size_t i = 0; i < m->n; i++)
    free(m->row[i].count);
  free(m->row);
  free(m->total);
}

static int build_matrix(matrix *m, const zs_audit_result *r, zs_audit_by by) {
  size_t w = r->nkw + 1;
  *m = (matrix){calloc(r->ndocs + 1, sizeof *m->row), 0, calloc(w, sizeof *m->total)};
  if (!m->row || !m->total)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  for (size_t d = 0; d < r->ndocs; d++) {
    size_t g = 0;
    while (g < m->n && !same_group(&m->row[g], &r->doc[d], by))
      g++;
    if (g == m->n) {
      m->row[g] = new_row(&r->doc[d], by);
      if (!(m->row[m->n++].count = calloc(w, sizeof *m->row[g].count)))
        return zs_error_set(ZS_ENOMEM, _("out of memory"));
    }
    row *rw = &m->row[g];
    rw->ndocs++;
    for (size_t k = 0; k < r->nkw; k++) {
      uint64_t n = r->count[d * r->nkw + k];
      rw->count[k] += n;
      rw->count[r->nkw] += n;
      m->total[k] += n;
      m->total[r->nkw] += n;
    }
  }
  qsort(m->row, m->n, sizeof *m->row, row_cmp);
  return ZS_OK;
}

/* The first cell of a row: a path as search prints it, a year, a name, or "-". */
static const char *row_label(const row *g, zs_audit_by by, char *buf, size_t size) {
  if (by == ZS_AUDIT_BY_DOC)
    return zs_visible_path(g->doc->path, buf, size);
  if (g->unknown)
    return "-";
  if (by == ZS_AUDIT_BY_YEAR) {
    snprintf(buf, size, "%d", g->year);
    return buf;
  }
  return g->name;
}

/* Headers for people (CSV, XLSX) per grouping. */
static const char *const people_by_names[] = {"文档", "年份", "省份", "类型"};

/* By document, for people: the title, province, year and type beside the file. */
static void doc_columns(zs_table *t, const row *g, bool header) {
  if (header) {
    zs_table_text(t, "标题");
    zs_table_text(t, "省份");
    zs_table_text(t, "年份");
    zs_table_text(t, "类型");
    return;
  }
  zs_table_text(t, g->doc->title);
  zs_table_text(t, g->doc->province);
  zs_table_number(t, g->doc->year ? g->doc->year : -1);
  zs_table_text(t, g->doc->type);
}

static int matrix_table(FILE *out, const matrix *m, const zs_audit_keywords *k, zs_audit_by by,
                        zs_audit_format fmt) {
  zs_table *t = NULL;
  int rc = zs_audit_table_open(&t, out, fmt, "关键词统计");
  if (rc)
    return rc;
  bool people = zs_table_for_people(t), docs = people && by == ZS_AUDIT_BY_DOC;
  const char *total = people ? "合计" : "total";
  char buf[4096];
  zs_table_text(t, people ? people_by_names[by] : by_names[by]);
  if (docs)
    doc_columns(t, NULL, true);
  for (size_t i = 0; i < k->n; i++)
    zs_table_text(t, k->kw[i].name);
  zs_table_text(t, total);
  zs_table_end_row(t);
  for (size_t g = 0; g < m->n; g++) {
    zs_table_text(t, row_label(&m->row[g], by, buf, sizeof buf));
    if (docs)
      doc_columns(t, &m->row[g], false);
    for (size_t i = 0; i <= k->n; i++)
      zs_table_number(t, (int64_t)m->row[g].count[i]);
    zs_table_end_row(t);
  }
  zs_table_text(t, total);
  for (int c = 0; docs && c < 4; c++)
    zs_table_text(t, "");
  for (size_t i = 0; i <= k->n; i++)
    zs_table_number(t, (int64_t)m->total[i]);
  zs_table_end_row(t);
  return zs_table_close(t);
}

static json_object *keywords_json(const zs_audit_keywords *k) {
  json_object *arr = json_object_new_array();
  for (size_t i = 0; i < k->n; i++) {
    json_object *o = json_object_new_object(), *alts = json_object_new_array();
    for (size_t a = 0; a < k->kw[i].nalts; a++)
      json_object_array_add(alts, json_object_new_string(k->kw[i].raw[a]));
    json_object_object_add(o, "name", json_object_new_string(k->kw[i].name));
    json_object_object_add(o, "alternatives", alts);
    json_object_object_add(o, "required", json_object_new_boolean(k->kw[i].required));
    json_object_object_add(o, "line", json_object_new_int64(k->kw[i].line));
    json_object_array_add(arr, o);
  }
  return arr;
}

/* {"documents": n, "counts": {keyword: count, ...}, "total": n} added to o. */
static json_object *add_counts(json_object *o, const zs_audit_keywords *k, const uint64_t *count,
                               size_t ndocs) {
  json_object *counts = json_object_new_object();
  for (size_t i = 0; i < k->n; i++)
    json_object_object_add(counts, k->kw[i].name, json_object_new_int64((int64_t)count[i]));
  json_object_object_add(o, "documents", json_object_new_int64((int64_t)ndocs));
  json_object_object_add(o, "counts", counts);
  json_object_object_add(o, "total", json_object_new_int64((int64_t)count[k->n]));
  return o;
}

static json_object *row_json(const row *g, zs_audit_by by, const zs_audit_keywords *k) {
  json_object *o = json_object_new_object();
  if (by == ZS_AUDIT_BY_DOC) {
    json_object_object_add(o, "file", json_object_new_string(g->doc->path));
    json_object_object_add(o, "title", json_object_new_string(g->doc->title));
  } else if (by == ZS_AUDIT_BY_YEAR) {
    json_object_object_add(o, "year", g->unknown ? NULL : json_object_new_int(g->year));
  } else {
    json_object_object_add(o, by_names[by], g->unknown ? NULL : json_object_new_string(g->name));
  }
  return add_counts(o, k, g->count, g->ndocs);
}

static int matrix_json(FILE *out, const matrix *m, const zs_audit_result *r,
                       const zs_audit_keywords *k, zs_audit_by by) {
  json_object *o = json_object_new_object(), *rows = json_object_new_array();
  for (size_t g = 0; g < m->n; g++)
    json_object_array_add(rows, row_json(&m->row[g], by, k));
  json_object_object_add(o, "by", json_object_new_string(by_names[by]));
  json_object_object_add(o, "keywords", keywords_json(k));
  json_object_object_add(o, "rows", rows);
  json_object_object_add(o, "total", add_counts(json_object_new_object(), k, m->total, r->ndocs));
  return zs_audit_emit_json(out, o);
}

int zs_audit_write_matrix(FILE *out, const zs_audit_result *r, const zs_audit_keywords *k,
                          zs_audit_by by, zs_audit_format fmt) {
  matrix m;
  int rc = build_matrix(&m, r, by);
  if (rc == ZS_OK && fmt == ZS_AUDIT_JSON) {
    rc = matrix_json(out, &m, r, k, by);
  } else if (rc == ZS_OK) {
    rc = matrix_table(out, &m, k, by, fmt);
  }
  matrix_free(&m);
  return rc;
}
