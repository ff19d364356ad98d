/* zs_audit_count: the index picks the passages that may hold a keyword (by bigrams), and only
 * those are folded and counted: work grows with the matches, not archive size times keywords. */
#define _GNU_SOURCE /* memmem */
#include "zs_audit.h"

#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_fold.h"
#include "zs_grow.h"
#include "zs_i18n.h"
#include "zs_qbuild.h"

typedef struct folded_text {
  char *text;
  size_t len;
  const char *shown; /* the text as displayed, once a passage lists it (owned by the result) */
} folded_text;

/* A document's passages folded, each when first matched. */
typedef struct doc_cache {
  folded_text *passage;
  uint32_t n;
} doc_cache;

typedef struct counter {
  zs_searcher *s;
  const zs_audit_keywords *k;
  zs_audit_result *r;
  bool want_passages;
  size_t doc_cap, cache_cap, passage_cap, text_cap;
  size_t *row_of; /* file id → index in r->doc, SIZE_MAX for none */
  size_t nids;
  doc_cache *cache; /* per document */
  size_t *next;     /* per alternative: its next occurrence (scratch) */
} counter;

static int add_doc(void *ctx, const zs_file_record *f) {
  counter *c = ctx;
  zs_audit_result *r = c->r;
  size_t ids = c->nids;
  if (zs_grow((void **)&r->doc, &c->doc_cap, r->ndocs + 1, sizeof *r->doc) ||
      zs_grow((void **)&c->cache, &c->cache_cap, r->ndocs + 1, sizeof *c->cache) ||
      zs_grow((void **)&c->row_of, &ids, (size_t)f->file_id + 1, sizeof *c->row_of))
    return zs_error_set(ZS_ENOMEM, _("out of memory listing the documents"));
  for (; c->nids < ids; c->nids++)
    c->row_of[c->nids] = SIZE_MAX;
  zs_audit_doc *d = &r->doc[r->ndocs];
  *d = (zs_audit_doc){.file_id = f->file_id,
                      .year = f->year,
                      .path = strdup(f->path),
                      .title = strdup(f->title),
                      .province = strdup(f->province),
                      .type = strdup(f->type)};
  doc_cache *dc = &c->cache[r->ndocs];
  *dc = (doc_cache){calloc(f->passages ? f->passages : 1, sizeof *dc->passage), f->passages};
  c->row_of[f->file_id] = r->ndocs++;
  if (!d->path || !d->title || !d->province || !d->type || !dc->passage)
    return zs_error_set(ZS_ENOMEM, _("out of memory listing the documents"));
  return ZS_OK;
}

/* The folded text of a hit's passage, folded once per run. */
static int folded_passage(counter *c, size_t row, const zs_passage_record *rec, folded_text **out) {
  const doc_cache *dc = &c->cache[row];
  if (rec->passage_no >= dc->n)
    return zs_error_set(ZS_ECORRUPT, _("passage %u of %s is beyond its document's %u passages"),
                        rec->passage_no, c->r->doc[row].path, dc->n);
  folded_text *ft = &dc->passage[rec->passage_no];
  int rc = ft->text ? ZS_OK
                    : zs_fold_string_ex(&ft->text, &ft->len, rec->text, rec->text_len,
                                        zs_searcher_fold_flags(c->s));
  *out = ft;
  return rc;
}

static size_t find_from(const char *t, size_t n, size_t from, const char *needle, size_t len) {
  const char *m = memmem(t + from, n - from, needle, len);
  return m ? (size_t)(m - t) : SIZE_MAX;
}

/* Non-overlapping occurrences of kw's alternatives in t[0..n), left to right,
 * the longest where several start at one place. next[] remembers each
 * alternative's next occurrence, so each is searched for once per position. */
static uint32_t occurrences(const char *t, size_t n, const zs_audit_keyword *kw, size_t *next) {
  for (size_t i = 0; i < kw->nalts; i++)
    next[i] = find_from(t, n, 0, kw->alt[i], kw->alt_len[i]);
  uint32_t count = 0;
  for (size_t at = 0;;) {
    size_t best = SIZE_MAX, best_len = 0;
    for (size_t i = 0; i < kw->nalts; i++) {
      if (next[i] < at)
        next[i] = find_from(t, n, at, kw->alt[i], kw->alt_len[i]);
      if (next[i] < best || (next[i] == best && next[i] != SIZE_MAX && kw->alt_len[i] > best_len)) {
        best = next[i];
        best_len = kw->alt_len[i];
      }
    }
    if (best == SIZE_MAX)
      return count;
    count++;
    at = best + best_len;
  }
}

/* Keywords searched together: each passage the index returns is read once
 * for all of them, and a batch stays small so that rare keywords are not
 * checked against many passages of a frequent one. */
#define ZS_AUDIT_BATCH 16

/* Passages that may contain an alternative of keywords [from, to): the plan
 * of "a" OR "b" OR … without its exact check (verify), because counting
 * reads every text anyway and the check would read each a second time. */
static int batch_plan(zs_searcher *s, const zs_audit_keywords *k, size_t from, size_t to,
                      zs_qplan *plan) {
  size_t n = 0;
  for (size_t i = from; i < to; i++)
    n += k->kw[i].nalts;
  zs_qnode *leaves = calloc(n, sizeof *leaves);
  zs_qnode **kids = calloc(n, sizeof *kids);
  if (!leaves || !kids) {
    free(leaves);
    free(kids);
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  }
  n = 0;
  for (size_t i = from; i < to; i++)
    for (size_t a = 0; a < k->kw[i].nalts; a++, n++) {
      char *raw = k->kw[i].raw[a];
      leaves[n] = (zs_qnode){.kind = ZS_Q_EXACT, .text = raw, .len = strlen(raw), .column = 1};
      kids[n] = &leaves[n];
    }
  zs_qnode any = {.kind = ZS_Q_OR, .kids = kids, .nkids = n, .column = 1};
  zs_qbuild_env env = zs_searcher_env(s);
  int rc = zs_qbuild(plan, &env, n == 1 ? &leaves[0] : &any);
  plan->verify = false;
  free(leaves);
  free(kids);
  return rc;
}

/* Keeps the displayed text of ft's passage once, however many keywords list it. */
static int keep_shown(counter *c, folded_text *ft, const zs_passage_record *rec) {
  if (ft->shown)
    return ZS_OK;
  zs_audit_result *r = c->r;
  char *text = strndup(rec->text, rec->text_len);
  if (!text || zs_grow((void **)&r->text, &c->text_cap, r->ntexts + 1, sizeof *r->text)) {
    free(text);
    return zs_error_set(ZS_ENOMEM, _("out of memory collecting passages"));
  }
  ft->shown = r->text[r->ntexts++] = text;
  return ZS_OK;
}

static int add_passage(counter *c, size_t kwi, size_t row, const zs_passage_record *rec,
                       folded_text *ft, uint32_t n) {
  zs_audit_result *r = c->r;
  int rc = keep_shown(c, ft, rec);
  if (rc == ZS_OK &&
      zs_grow((void **)&r->passage, &c->passage_cap, r->npassages + 1, sizeof *r->passage))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory collecting passages"));
  if (rc == ZS_OK)
    r->passage[r->npassages++] = (zs_audit_passage){.kw = kwi,
                                                    .doc = row,
                                                    .passage_no = rec->passage_no,
                                                    .line_first = rec->line_first,
                                                    .line_last = rec->line_last,
                                                    .count = n,
                                                    .text = ft->shown};
  return rc;
}

/* By keyword, then document, then passage. */
static int passage_cmp(const void *a, const void *b) {
  const zs_audit_passage *x = a, *y = b;
  if (x->kw != y->kw)
    return x->kw < y->kw ? -1 : 1;
  if (x->doc != y->doc)
    return x->doc < y->doc ? -1 : 1;
  return x->passage_no < y->passage_no ? -1 : x->passage_no > y->passage_no;
}

/* Adds the occurrences of keywords [from, to) in one passage. */
static int count_passage(counter *c, size_t from, size_t to, const zs_passage_record *rec) {
  size_t row = rec->file_id < c->nids ? c->row_of[rec->file_id] : SIZE_MAX;
  if (row == SIZE_MAX)
    return zs_error_set(ZS_ECORRUPT, _("a passage of file %u, which the index does not list"),
                        rec->file_id);
  folded_text *ft = NULL;
  int rc = folded_passage(c, row, rec, &ft);
  for (size_t i = from; rc == ZS_OK && i < to; i++) {
    uint32_t n = occurrences(ft->text, ft->len, &c->k->kw[i], c->next);
    if (n && c->want_passages)
      rc = add_passage(c, i, row, rec, ft, n);
    c->r->count[row * c->r->nkw + i] += n;
    c->r->matching_passages += n > 0;
  }
  return rc;
}

static int count_batch(counter *c, size_t from, size_t to) {
  zs_search_params p = {
      .max = UINT32_MAX, .exact_count_up_to = UINT32_MAX, .no_highlight = true, .shown_only = true};
  zs_qplan plan = {0};
  zs_hits *h = NULL;
  int rc = batch_plan(c->s, c->k, from, to, &plan);
  if (rc == ZS_OK)
    rc = zs_search_plan(c->s, &plan, &p, &h);
  if (rc)
    rc = zs_error_set(rc, _("keywords of lines %u to %u: %s"), c->k->kw[from].line,
                      c->k->kw[to - 1].line, zs_error_last());
  for (size_t i = 0; rc == ZS_OK && i < h->n; i++)
    rc = count_passage(c, from, to, &h->hit[i].rec);
  zs_hits_free(h);
  zs_qplan_free(&plan);
  return rc;
}

static void counter_free(counter *c) {
  for (size_t d = 0; c->cache && d < c->r->ndocs; d++) {
    for (uint32_t i = 0; c->cache[d].passage && i < c->cache[d].n; i++)
      free(c->cache[d].passage[i].text);
    free(c->cache[d].passage);
  }
  free(c->cache);
  free(c->row_of);
  free(c->next);
}

int zs_audit_count(zs_audit_result *out, zs_searcher *s, const zs_audit_keywords *k,
                   bool want_passages) {
  memset(out, 0, sizeof *out);
  out->nkw = k->n;
  counter c = {.s = s, .k = k, .r = out, .want_passages = want_passages};
  size_t maxalts = 1;
  for (size_t i = 0; i < k->n; i++)
    maxalts = k->kw[i].nalts > maxalts ? k->kw[i].nalts : maxalts;
  int rc = (c.next = malloc(maxalts * sizeof *c.next))
               ? zs_searcher_files(s, add_doc, &c)
               : zs_error_set(ZS_ENOMEM, _("out of memory"));
  double table_mb = (double)out->ndocs * (double)k->n * sizeof *out->count / (1 << 20);
  if (rc == ZS_OK && table_mb > ZS_AUDIT_MAX_TABLE_MB)
    rc = zs_error_set(ZS_ETOOBIG,
                      _("%zu keywords in %zu documents need a %.0f MB table of counts (the limit "
                        "is %d MB): audit fewer keywords at a time"),
                      k->n, out->ndocs, table_mb, ZS_AUDIT_MAX_TABLE_MB);
  if (rc == ZS_OK && !(out->count = calloc(out->ndocs * k->n + 1, sizeof *out->count)))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory"));
  for (size_t i = 0; rc == ZS_OK && i < k->n; i += ZS_AUDIT_BATCH)
    rc = count_batch(&c, i, i + ZS_AUDIT_BATCH < k->n ? i + ZS_AUDIT_BATCH : k->n);
  counter_free(&c);
  if (rc == ZS_OK && out->npassages)
    qsort(out->passage, out->npassages, sizeof *out->passage, passage_cmp);
  if (rc)
    zs_audit_result_free(out);
  return rc;
}

void zs_audit_result_free(zs_audit_result *r) {
  if (!r)
    return;
  for (size_t i = 0; i < r->ndocs; i++) {
    free(r->doc[i].path);
    free(r->doc[i].title);
    free(r->doc[i].province);
    free(r->doc[i].type);
  }
  for (size_t i = 0; i < r->ntexts; i++)
    free(r->text[i]);
  free(r->text);
  free(r->doc);
  free(r->count);
  free(r->passage);
  memset(r, 0, sizeof *r);
}
