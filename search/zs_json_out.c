/* zs_json_out: json-c builds and escapes every value (passage text can hold
 * any character); highlight spans are converted to code point offsets so that
 * JavaScript or Python can slice the text with them directly. */
#include "zs_json_out.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "zs_analyze.h"
#include "zs_cite.h"
#include "zs_error.h"

static json_object *jstr(const char *s, size_t len) {
  return json_object_new_string_len(s, (int)len);
}

/* The headings of a record as an array, outermost first. */
static json_object *headings_array(const zs_passage_record *r) {
  json_object *arr = json_object_new_array();
  size_t start = 0;
  for (size_t i = 0; i < r->headings_len; i++)
    if (r->headings[i] == '\n') {
      json_object_array_add(arr, jstr(r->headings + start, i - start));
      start = i + 1;
    }
  return arr;
}

/* Highlight spans as [start, end) code point offsets into the text. */
static json_object *spans_array(const zs_hit *hit) {
  json_object *arr = json_object_new_array();
  for (size_t i = 0; i < hit->nspans; i++) {
    json_object *pair = json_object_new_array();
    size_t a = zs_utf8_count(hit->rec.text, hit->spans[i].start);
    size_t b = a + zs_utf8_count(hit->rec.text + hit->spans[i].start,
                                 hit->spans[i].end - hit->spans[i].start);
    json_object_array_add(pair, json_object_new_int64((int64_t)a));
    json_object_array_add(pair, json_object_new_int64((int64_t)b));
    json_object_array_add(arr, pair);
  }
  return arr;
}

/* The fields every object about a file carries. */
static void add_file_fields(json_object *o, const zs_file_record *f) {
  json_object_object_add(o, "file", jstr(f->path, f->path_len));
  json_object_object_add(o, "title", jstr(f->title, f->title_len));
  json_object_object_add(o, "org", json_object_new_string(f->org));
  json_object_object_add(o, "province", json_object_new_string(f->province));
  json_object_object_add(o, "year", f->year ? json_object_new_int(f->year) : NULL);
  json_object_object_add(o, "type", json_object_new_string(f->type));
  json_object_object_add(o, "docno", json_object_new_string(f->docno ? f->docno : ""));
  json_object_object_add(o, "date", f->date && f->date[0] ? json_object_new_string(f->date) : NULL);
}

json_object *zs_json_document(const zs_file_record *f, const zs_hits *h) {
  json_object *o = json_object_new_object(), *passages = json_object_new_array();
  json_object_object_add(o, "kind", json_object_new_string("document"));
  json_object_object_add(o, "id", json_object_new_int64(f->file_id));
  add_file_fields(o, f);
  char original[64];
  snprintf(original, sizeof original, "/api/file?id=%lu", (unsigned long)f->file_id);
  json_object_object_add(o, "original", json_object_new_string(original));
  for (size_t i = 0; i < h->n; i++) {
    const zs_hit *hit = &h->hit[i];
    json_object *p = json_object_new_object(), *lines = json_object_new_array();
    json_object_object_add(p, "no", json_object_new_int64(hit->rec.passage_no));
    json_object_array_add(lines, json_object_new_int64(hit->rec.line_first));
    json_object_array_add(lines, json_object_new_int64(hit->rec.line_last));
    json_object_object_add(p, "lines", lines);
    json_object_object_add(p, "page", hit->rec.page ? json_object_new_int64(hit->rec.page) : NULL);
    json_object_object_add(p, "headings", headings_array(&hit->rec));
    json_object_object_add(p, "text", jstr(hit->rec.text, hit->rec.text_len));
    char cite[1024];
    size_t cite_len = zs_cite(cite, sizeof cite, f, &hit->rec);
    json_object_object_add(p, "cite", jstr(cite, cite_len));
    json_object_array_add(passages, p);
  }
  json_object_object_add(o, "passages", passages);
  return o;
}

static json_object *hit_object(const zs_hit *hit, size_t rank) {
  const char *heading;
  size_t heading_len;
  zs_passage_record_nearest_heading(&hit->rec, &heading, &heading_len);
  json_object *o = json_object_new_object();
  json_object_object_add(o, "kind", json_object_new_string("hit"));
  json_object_object_add(o, "rank", json_object_new_int64((int64_t)rank));
  json_object_object_add(o, "score", json_object_new_double(hit->score));
  add_file_fields(o, hit->file);
  json_object_object_add(o, "doc_id", json_object_new_int64(hit->rec.file_id)); /* /api/doc?id= */
  json_object_object_add(o, "passage", json_object_new_int64(hit->rec.passage_no)); /* its "no" */
  json_object *lines = json_object_new_array();
  json_object_array_add(lines, json_object_new_int64(hit->rec.line_first));
  json_object_array_add(lines, json_object_new_int64(hit->rec.line_last));
  json_object_object_add(o, "lines", lines);
  /* the page of the first line in a paged document (PDF), null otherwise */
  json_object_object_add(o, "page", hit->rec.page ? json_object_new_int64(hit->rec.page) : NULL);
  json_object_object_add(o, "heading", jstr(heading, heading_len));
  json_object_object_add(o, "headings", headings_array(&hit->rec));
  char cite[1024]; /* 《标题》（发文字号），发文机关，成文日期，第N页 */
  size_t cite_len = zs_cite(cite, sizeof cite, hit->file, &hit->rec);
  json_object_object_add(o, "cite", jstr(cite, cite_len));
  json_object_object_add(o, "text", jstr(hit->rec.text, hit->rec.text_len));
  json_object_object_add(o, "highlights", spans_array(hit));
  json_object *copies = json_object_new_array();
  for (size_t i = 0; i < hit->ncopies; i++)
    json_object_array_add(copies, jstr(hit->copies[i]->path, hit->copies[i]->path_len));
  json_object_object_add(o, "copies", copies);
  if (hit->partial) /* holds only some of the words: listed after every full match */
    json_object_object_add(o, "partial", json_object_new_boolean(true));
  return o;
}

static json_object *facets_object(const zs_hits *h) {
  json_object *all = json_object_new_object();
  for (size_t i = 0; i < h->nfacets; i++) {
    json_object *counts = json_object_new_object();
    for (size_t k = 0; k < h->facets[i].n; k++)
      json_object_object_add(counts, h->facets[i].value[k],
                             json_object_new_int64(h->facets[i].count[k]));
    json_object_object_add(all, h->facets[i].name, counts);
  }
  return all;
}

static int emit(FILE *out, json_object *o) {
  const char *s =
      json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
  int ok = s && fputs(s, out) >= 0 && fputc('\n', out) != EOF;
  json_object_put(o);
  return ok ? ZS_OK : zs_error_set(ZS_EIO, "cannot write the JSON output");
}

int zs_json_write_hits(FILE *out, const zs_hits *h, const char *query) {
  int rc = ZS_OK;
  for (size_t i = 0; i < h->n && rc == ZS_OK; i++)
    rc = emit(out, hit_object(&h->hit[i], h->first + i + 1));
  if (rc)
    return rc;
  json_object *s = json_object_new_object();
  json_object_object_add(s, "kind", json_object_new_string("summary"));
  json_object_object_add(s, "query", json_object_new_string(query));
  json_object_object_add(s, "total", json_object_new_int64(h->total_estimate));
  json_object_object_add(s, "exact", json_object_new_boolean(h->total_lower == h->total_upper));
  json_object_object_add(s, "partial_total", json_object_new_int64(h->partial_total));
  json_object_object_add(s, "first", json_object_new_int64((int64_t)h->first + 1));
  json_object_object_add(s, "returned", json_object_new_int64((int64_t)h->n));
  if (h->nfacets)
    json_object_object_add(s, "facets", facets_object(h));
  return emit(out, s);
}

typedef struct docs_ctx {
  FILE *out;
  zs_searcher *s;
  json_object *copies;
} docs_ctx;

static int add_copy_path(void *ctx, const zs_file_record *f) {
  json_object_array_add(((docs_ctx *)ctx)->copies, jstr(f->path, f->path_len));
  return 0;
}

static int write_doc(void *ctx, const zs_file_record *f) {
  docs_ctx *d = ctx;
  json_object *o = json_object_new_object();
  json_object_object_add(o, "kind", json_object_new_string("doc"));
  json_object_object_add(o, "id", json_object_new_int64(f->file_id));
  add_file_fields(o, f);
  json_object_object_add(o, "passages", json_object_new_int64(f->passages));
  d->copies = json_object_new_array();
  json_object_object_add(o, "copies", d->copies);
  int rc = zs_searcher_copies(d->s, f->file_id, add_copy_path, d);
  if (rc) {
    json_object_put(o);
    return rc;
  }
  return emit(d->out, o);
}

int zs_json_write_docs(FILE *out, zs_searcher *s, bool all_copies) {
  docs_ctx d = {out, s, NULL};
  return zs_searcher_each_file(s, all_copies, write_doc, &d);
}

void zs_json_add_precedent(json_object *o, const zs_similar_result *r, const zs_precedent *it,
                           size_t rank) {
  json_object *terms = json_object_new_array(), *also = json_object_new_array();
  json_object_object_add(o, "kind", json_object_new_string(it->source ? "source" : "precedent"));
  json_object_object_add(o, "rank", it->source ? NULL : json_object_new_int64((int64_t)rank));
  json_object_object_add(o, "overlap", json_object_new_double(it->overlap));
  if (!json_object_object_get_ex(o, "cite", NULL)) {
    char cite[1024];
    size_t cite_len = zs_cite(cite, sizeof cite, it->hit->file, &it->hit->rec);
    json_object_object_add(o, "cite", jstr(cite, cite_len));
  }
  for (size_t t = 0; t < it->nterms; t++)
    json_object_array_add(terms, json_object_new_string(r->words[it->terms[t]]));
  json_object_object_add(o, "terms", terms);
  if (!json_object_object_get_ex(o, "copies", NULL)) { /* the same document saved elsewhere */
    json_object *copies = json_object_new_array();
    for (size_t i = 0; i < it->hit->ncopies; i++)
      json_object_array_add(copies, jstr(it->hit->copies[i]->path, it->hit->copies[i]->path_len));
    json_object_object_add(o, "copies", copies);
  }
  for (size_t a = 0; a < it->nalso; a++) {
    const zs_hit *x = &r->hits->hit[it->also_in[a]];
    json_object *ref = json_object_new_object();
    json_object_object_add(ref, "file", json_object_new_string(x->file->path));
    json_object_object_add(ref, "line", json_object_new_int64(x->rec.line_first));
    json_object_array_add(also, ref);
  }
  json_object_object_add(o, "also_in", also);
}
