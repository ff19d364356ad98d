/* zs_serve_api: search, similar passages, the document list and health. Hits
 * are written by zs_json_write_hits, the writer of `zhquery --json`, into
 * memory and read back, so that the page and the command line share one schema. */
#include "zs_serve_api.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_export.h"
#include "zs_i18n.h"
#include "zs_json_out.h"
#include "zs_qparse.h"
#include "zs_serve_params.h"
#include "zs_serve_pool.h"
#include "zs_similar.h"

/* ---- JSON Lines from the CLI's writers, read back ---- */

typedef int (*lines_writer)(FILE *f, const void *ctx);

/* Parses the JSON Lines of text[0..len] (text[len] is a writable NUL, as
 * open_memstream leaves it) into an array. */
static int parse_lines(char *text, size_t len, json_object **out) {
  json_object *arr = json_object_new_array();
  if (!arr)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  for (char *p = text, *end = text + len; p < end;) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    nl = nl ? nl : end;
    *nl = '\0';
    json_object *o = nl > p ? json_tokener_parse(p) : NULL;
    if (nl > p && (!o || json_object_array_add(arr, o) != 0)) {
      json_object_put(o);
      json_object_put(arr);
      return zs_error_set(ZS_ENOMEM, _("cannot read back the JSON written for the answer"));
    }
    p = nl + 1;
  }
  *out = arr;
  return ZS_OK;
}

/* What write wrote, one JSON object per line, as an array. */
static int written_lines(lines_writer write, const void *ctx, json_object **out) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  int rc = write(f, ctx);
  if (fclose(f) != 0 && rc == ZS_OK)
    rc = zs_error_set(ZS_ENOMEM, _("out of memory writing the answer"));
  if (rc == ZS_OK)
    rc = parse_lines(buf, len, out);
  free(buf);
  return rc;
}

static int write_hits(FILE *f, const void *ctx) {
  return zs_json_write_hits(f, ctx, "");
}

static int write_docs(FILE *f, const void *ctx) {
  return zs_json_write_docs(f, (zs_searcher *)ctx, false);
}

/* The hit objects of h (the summary line dropped: the callers add their own). */
static int hits_json(const zs_hits *h, json_object **out) {
  int rc = written_lines(write_hits, h, out);
  if (rc == ZS_OK) /* the last line is the summary */
    json_object_array_del_idx(*out, json_object_array_length(*out) - 1, 1);
  return rc;
}

/* ---- /api/search ---- */

static const char *const filter_fields[] = {"province", "year", "type", "org"};
#define NFILTERS (sizeof filter_fields / sizeof *filter_fields)

/* Whether field:value reads as that one field with exactly that value: no
 * space, quote or parenthesis in the value that would change the query. */
static bool filter_ok(const char *field, const char *v, size_t len) {
  char buf[ZS_SERVE_MAX_FILTER + 16];
  int n = snprintf(buf, sizeof buf, "%s:%.*s", field, (int)len, v);
  zs_qnode *node = NULL;
  if (n < 0 || (size_t)n >= sizeof buf || zs_qparse(&node, buf, (size_t)n) != ZS_OK)
    return false;
  bool ok = node->kind == ZS_Q_FIELD && strcmp(zs_qfield_name(node->field), field) == 0 &&
            node->len == len && memcmp(node->text, v, len) == 0;
  zs_qnode_free(node);
  return ok;
}

static bool blank(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
      return false;
  return true;
}

/* The query to run: q — in parentheses when filters follow, so that an OR in
 * q cannot swallow them — then each filter as a field. q is parsed alone
 * first, so that its errors name columns of q as typed. *full is malloc'd;
 * filters gets the filters. False with a 400 in *out. */
static bool build_query(const zs_serve_request *rq, const char *q, size_t qlen, char **full,
                        json_object *filters, zs_serve_reply *out) {
  bool has_q = q && !blank(q, qlen);
  zs_qnode *node = NULL;
  if (has_q && zs_qparse(&node, q, qlen) != ZS_OK) {
    zs_serve_reply_error(out, 400, _("bad query: %s"), zs_error_last());
    return false;
  }
  zs_qnode_free(node);
  char fields[NFILTERS * (ZS_SERVE_MAX_FILTER + 12)] = "";
  size_t n = 0;
  for (size_t i = 0; i < NFILTERS; i++) {
    const char *v;
    size_t len;
    if (!zs_serve_param_text(rq, filter_fields[i], ZS_SERVE_MAX_FILTER, &v, &len, out))
      return false;
    if (!v)
      continue;
    if (!filter_ok(filter_fields[i], v, len)) {
      zs_serve_reply_error(out, 400,
                           _("bad %s filter '%s': one value, without spaces, quotes "
                             "or parentheses"),
                           filter_fields[i], v);
      return false;
    }
    n += (size_t)snprintf(fields + n, sizeof fields - n, " %s:%s", filter_fields[i], v);
    json_object_object_add(filters, filter_fields[i], json_object_new_string(v));
  }
  if (!has_q && n == 0) {
    zs_serve_reply_error(out, 400,
                         _("nothing to search: give a query (q) or a filter "
                           "(province, year, type)"));
    return false;
  }
  size_t cap = qlen + n + 3;
  if (!(*full = malloc(cap))) {
    zs_serve_reply_error(out, 500, _("out of memory"));
    return false;
  }
  if (!has_q)
    snprintf(*full, cap, "%s", fields + 1);
  else if (n)
    snprintf(*full, cap, "(%.*s)%s", (int)qlen, q, fields);
  else
    snprintf(*full, cap, "%.*s", (int)qlen, q);
  return true;
}

/* Facet values as arrays, most passages first: a JSON object's keys would not
 * keep that order in JavaScript (keys such as "2025" are sorted). */
static json_object *facets_json(const zs_hits *h, json_object **more) {
  json_object *all = json_object_new_object();
  *more = NULL;
  for (size_t i = 0; i < h->nfacets; i++) {
    const zs_facet *f = &h->facets[i];
    json_object *arr = json_object_new_array();
    size_t n = f->n < ZS_SERVE_MAX_FACET_VALUES ? f->n : ZS_SERVE_MAX_FACET_VALUES;
    for (size_t k = 0; k < n; k++) {
      json_object *v = json_object_new_object();
      json_object_object_add(v, "value", json_object_new_string(f->value[k]));
      json_object_object_add(v, "count", json_object_new_int64(f->count[k]));
      json_object_array_add(arr, v);
    }
    json_object_object_add(all, f->name, arr);
    if (n < f->n) { /* how many values were left out */
      *more = *more ? *more : json_object_new_object();
      json_object_object_add(*more, f->name, json_object_new_int64((int64_t)(f->n - n)));
    }
  }
  return all;
}

static int search_reply(const zs_hits *h, const char *q, const char *full, json_object *filters,
                        bool group, zs_serve_reply *out) {
  json_object *hits = NULL;
  int rc = hits_json(h, &hits);
  if (rc) {
    json_object_put(filters);
    return rc;
  }
  json_object *o = json_object_new_object();
  json_object_object_add(o, "q", json_object_new_string(q ? q : ""));
  json_object_object_add(o, "filters", filters);
  json_object_object_add(o, "query", json_object_new_string(full));
  /* by document: one hit a document, counted by the document facet */
  bool by_doc = group && h->nfacets == ZS_NFACETS;
  json_object_object_add(o, "total",
                         json_object_new_int64(by_doc ? (int64_t)h->facets[ZS_NFACETS - 1].n
                                                      : (int64_t)h->total_estimate));
  if (by_doc)
    json_object_object_add(o, "documents", json_object_new_boolean(true));
  json_object_object_add(o, "exact", json_object_new_boolean(h->total_lower == h->total_upper));
  json_object_object_add(o, "partial_total", json_object_new_int64(h->partial_total));
  json_object_object_add(o, "offset", json_object_new_int64(h->first));
  json_object_object_add(o, "returned", json_object_new_int64((int64_t)h->n));
  json_object_object_add(o, "hits", hits);
  if (h->nfacets) {
    json_object *more;
    json_object_object_add(o, "facets", facets_json(h, &more));
    if (more)
      json_object_object_add(o, "facets_more", more);
  }
  zs_serve_reply_json(out, 200, o);
  return ZS_OK;
}

/* Whether query fails to build (a bad field value): the message is then zs_error_last(). */
static bool fails_alone(zs_searcher *s, const char *query) {
  zs_search_params count = {.max = 0, .exact_count_up_to = 1, .no_highlight = true};
  zs_hits *h = NULL;
  int rc = zs_search_run(s, query, strlen(query), &count, &h);
  zs_hits_free(h);
  return rc == ZS_EINVAL || rc == ZS_ETOOBIG;
}

/* A query that parsed but did not build (unknown province, bad year, ...).
 * With filters, q and then each filter run alone on this error path say which
 * is at fault; a filter's message loses its column, which would point into a
 * query the user never typed. */
static void query_error(zs_searcher *s, const char *q, json_object *filters, zs_serve_reply *out) {
  char why[1024];
  snprintf(why, sizeof why, _("bad query: %s"), zs_error_last());
  bool has_filters = json_object_object_length(filters) > 0;
  if (has_filters && q && !blank(q, strlen(q)) && fails_alone(s, q)) {
    snprintf(why, sizeof why, _("bad query: %s"), zs_error_last());
  } else if (has_filters) {
    json_object_object_foreach(filters, field, value) {
      char alone[ZS_SERVE_MAX_FILTER + 16];
      snprintf(alone, sizeof alone, "%s:%s", field, json_object_get_string(value));
      if (!fails_alone(s, alone))
        continue;
      snprintf(why, sizeof why, _("bad %s filter: %s"), field, zs_error_last());
      char *col = strstr(why, " at column ");
      if (col) {
        size_t digits = strspn(col + 11, "0123456789");
        memmove(col, col + 11 + digits, strlen(col + 11 + digits) + 1);
      }
      break;
    }
  }
  zs_serve_reply_error(out, 400, "%s", why);
}

/* Hits (or precedents) as a CSV or XLSX download. */
static int table_reply(zs_serve_reply *out, int fmt, const char *what, const zs_hits *h,
                       const zs_similar_result *r) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  int rc = h ? zs_export_hits(f, (zs_table_format)fmt, h)
             : zs_export_precedents(f, (zs_table_format)fmt, r);
  if (fclose(f) != 0 && rc == ZS_OK)
    rc = zs_error_set(ZS_ENOMEM, _("out of memory writing the answer"));
  if (rc == ZS_OK)
    zs_serve_reply_table(out, fmt, text, len, what);
  else
    free(text);
  return rc;
}

int zs_serve_api_search(zs_searcher *s, const zs_serve_request *rq, zs_serve_reply *out) {
  static const char *const known[] = {"q",      "offset",       "n",   "facets",  "province",
                                      "year",   "type",         "org", "per_doc", "strict",
                                      "format", "group_by_doc", NULL};
  const char *q;
  size_t qlen;
  uint32_t offset, n, per_doc;
  bool facets, strict, group;
  int fmt;
  if (!zs_serve_check_params(rq, known, out) || !zs_serve_param_export(rq, &fmt, out) ||
      !zs_serve_param_text(rq, "q", ZS_SERVE_MAX_QUERY, &q, &qlen, out) ||
      !zs_serve_param_uint(rq, "offset", 0, 0, ZS_SERVE_MAX_OFFSET, &offset, out) ||
      !zs_serve_param_uint(rq, "n", fmt < 0 ? 10 : ZS_SERVE_MAX_EXPORT, 0,
                           fmt < 0 ? ZS_SERVE_MAX_HITS : ZS_SERVE_MAX_EXPORT, &n, out) ||
      !zs_serve_param_bool(rq, "facets", false, &facets, out) ||
      !zs_serve_param_uint(rq, "per_doc", ZS_PER_DOC_DEFAULT, 0, ZS_SERVE_MAX_PER_DOC, &per_doc,
                           out) ||
      !zs_serve_param_bool(rq, "strict", false, &strict, out) ||
      !zs_serve_param_bool(rq, "group_by_doc", false, &group, out))
    return ZS_OK;
  char *full = NULL;
  json_object *filters = json_object_new_object();
  if (!build_query(rq, q, qlen, &full, filters, out)) {
    json_object_put(filters);
    return ZS_OK;
  }
  /* facets count every match, so the total is exact with them too */
  zs_search_params p = {.first = offset,
                        .max = n,
                        .facets = facets,
                        .spread_per_doc = per_doc,
                        .strict = strict,
                        .group_by_doc = group,
                        .exact_count_up_to = facets ? UINT32_MAX : ZS_EXACT_COUNT_DEFAULT};
  zs_hits *h = NULL;
  int rc = zs_search_run(s, full, strlen(full), &p, &h);
  if (rc == ZS_EINVAL || rc == ZS_ETOOBIG) {
    query_error(s, q, filters, out);
    json_object_put(filters);
    rc = ZS_OK;
  } else if (rc == ZS_OK && fmt >= 0) {
    json_object_put(filters);
    rc = table_reply(out, fmt, "search", h, NULL);
  } else if (rc == ZS_OK) {
    rc = search_reply(h, q, full, filters, group, out);
  } else {
    json_object_put(filters);
  }
  zs_hits_free(h);
  free(full);
  return rc;
}

/* ---- /api/similar ---- */

static json_object *similar_item(const zs_similar_result *r, const zs_precedent *it, size_t rank,
                                 json_object *hits) {
  json_object *o =
      json_object_get(json_object_array_get_idx(hits, (size_t)(it->hit - r->hits->hit)));
  if (!o)
    return NULL;
  zs_json_add_precedent(o, r, it, rank);
  return o;
}

static int similar_reply(const zs_similar_result *r, zs_serve_reply *out) {
  json_object *hits = NULL;
  int rc = hits_json(r->hits, &hits);
  if (rc)
    return rc;
  json_object *o = json_object_new_object(), *words = json_object_new_array(),
              *items = json_object_new_array();
  for (size_t w = 0; w < r->nwords; w++)
    json_object_array_add(words, json_object_new_string(r->words[w]));
  size_t rank = 0;
  for (size_t i = 0; i < r->n; i++) {
    rank += !r->items[i].source;
    json_object *item = similar_item(r, &r->items[i], rank, hits);
    if (item)
      json_object_array_add(items, item);
  }
  json_object_put(hits);
  json_object_object_add(o, "words", words);
  json_object_object_add(o, "items", items);
  zs_serve_reply_json(out, 200, o);
  return ZS_OK;
}

/* The draft: the text parameter (GET) or the body (POST), not both. */
static bool similar_draft(const zs_serve_request *rq, const char **text, size_t *len,
                          zs_serve_reply *out) {
  const zs_serve_param *p = zs_serve_param_find(rq, "text");
  if (p && rq->body) {
    zs_serve_reply_error(out, 400,
                         _("give the draft as the text parameter or as the body, not both"));
    return false;
  }
  *text = p ? p->value : rq->body;
  *len = p ? p->len : rq->body_len;
  if (*len > ZS_SERVE_MAX_DRAFT) {
    zs_serve_reply_error(out, 413, _("the draft is too long: %zu bytes (at most %d)"), *len,
                         ZS_SERVE_MAX_DRAFT);
    return false;
  }
  if (!zs_serve_check_text("the draft", *text ? *text : "", *len, ZS_SERVE_MAX_DRAFT, out))
    return false;
  if (!*text || blank(*text, *len)) {
    zs_serve_reply_error(out, 400, _("the draft is empty: give a paragraph (text, or the body)"));
    return false;
  }
  return true;
}

int zs_serve_api_similar(zs_searcher *s, const zs_serve_request *rq, zs_serve_reply *out) {
  static const char *const known[] = {"text", "n", "per_doc", "where", "format", NULL};
  const char *text, *where;
  size_t len, wlen;
  uint32_t n, per_doc;
  int fmt;
  if (!zs_serve_check_params(rq, known, out) || !zs_serve_param_export(rq, &fmt, out) ||
      !similar_draft(rq, &text, &len, out) ||
      !zs_serve_param_uint(rq, "n", 10, 1, ZS_SERVE_MAX_HITS, &n, out) ||
      !zs_serve_param_uint(rq, "per_doc", 2, 1, ZS_SERVE_MAX_PER_DOC, &per_doc, out) ||
      !zs_serve_param_text(rq, "where", ZS_SERVE_MAX_QUERY, &where, &wlen, out))
    return ZS_OK;
  zs_similar_params p = {
      .max = n, .per_doc = per_doc, .where = where && !blank(where, wlen) ? where : NULL};
  zs_similar_result *r = NULL;
  int rc = zs_similar_run(s, text, len, &p, &r);
  if (rc == ZS_EINVAL || rc == ZS_ETOOBIG) {
    zs_serve_reply_error(out, 400, "%s", zs_error_last());
    rc = ZS_OK;
  } else if (rc == ZS_OK && fmt >= 0) {
    rc = table_reply(out, fmt, "similar", NULL, r);
  } else if (rc == ZS_OK) {
    rc = similar_reply(r, out);
  }
  zs_similar_free(r);
  return rc;
}

/* ---- /api/docs and /api/health ---- */

int zs_serve_api_docs(zs_searcher *s, const zs_serve_request *rq, zs_serve_reply *out) {
  static const char *const known[] = {NULL};
  if (!zs_serve_check_params(rq, known, out))
    return ZS_OK;
  json_object *docs = NULL;
  int rc = written_lines(write_docs, s, &docs);
  if (rc)
    return rc;
  json_object *o = json_object_new_object();
  json_object_object_add(o, "docs", docs);
  zs_serve_reply_json(out, 200, o);
  return ZS_OK;
}

static int count_file(void *ctx, const zs_file_record *f) {
  (void)f;
  ++*(size_t *)ctx;
  return ZS_OK;
}

int zs_serve_api_health(zs_searcher *s, const zs_serve_request *rq, zs_serve_reply *out) {
  static const char *const known[] = {NULL};
  if (!zs_serve_check_params(rq, known, out))
    return ZS_OK;
  size_t files = 0;
  uint32_t passages = 0;
  int rc = zs_searcher_files(s, count_file, &files);
  if (rc == ZS_OK)
    rc = zs_searcher_doc_count(s, &passages);
  if (rc)
    return rc;
  json_object *o = json_object_new_object();
  json_object_object_add(o, "status", json_object_new_string("ok"));
  json_object_object_add(o, "documents", json_object_new_int64((int64_t)files));
  json_object_object_add(o, "passages", json_object_new_int64(passages));
  zs_serve_reply_json(out, 200, o);
  return ZS_OK;
}
