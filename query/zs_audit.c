/* zs_audit: the index finds the passages that may hold a keyword (by bigrams,
 * as a quoted search does), and occurrences are counted in their folded text,
 * so the work grows with the matches, not with the archive times the keywords. */
#define _GNU_SOURCE /* memmem */
#include "zs_audit.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "zs_clean.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_grow.h"
#include "zs_qbuild.h"
#include "zs_render.h"
#include "zs_utf8.h"

/* ---- the keywords file ---- */

typedef struct parser {
  zs_audit_keywords *k;
  size_t kw_cap, problem_cap;
  unsigned flags;
  uint32_t line;
  bool has_bar; /* the line has alternatives */
} parser;

/* Length of the blank (ASCII space, tab, CR or U+3000) at s, or 0. */
static size_t blank_at(const char *s, size_t left) {
  if (left >= 1 && (*s == ' ' || *s == '\t' || *s == '\r'))
    return 1;
  return left >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

/* Drops the blanks at both ends of s[0..*len). */
static void trim(const char **s, size_t *len) {
  size_t n;
  while ((n = blank_at(*s, *len))) {
    *s += n;
    *len -= n;
  }
  for (;;) {
    if (*len >= 1 && blank_at(*s + *len - 1, 1))
      (*len)--;
    else if (*len >= 3 && blank_at(*s + *len - 3, 3) == 3)
      *len -= 3;
    else
      return;
  }
}

__attribute__((format(printf, 2, 3))) static int add_problem(parser *p, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
  zs_audit_keywords *k = p->k;
  if (!msg ||
      zs_grow((void **)&k->problem, &p->problem_cap, k->nproblems + 1, sizeof *k->problem)) {
    free(msg);
    return zs_error_set(ZS_ENOMEM, "out of memory reading the keywords");
  }
  va_start(ap, fmt);
  vsnprintf(msg, (size_t)n + 1, fmt, ap);
  va_end(ap);
  k->problem[k->nproblems++] = (zs_audit_problem){p->line, msg};
  return ZS_OK;
}

/* raw with the spaces the text clean-up removes removed (for a suggestion). */
static char *cleaned_copy(const char *raw, size_t len) {
  char *c = strndup(raw, len);
  if (c)
    zs_clean_spaces(c, len);
  return c;
}

/* Why the folded form f of raw cannot be audited, as a problem; ZS_OK and *ok. */
static int check_folded(parser *p, const char *raw, size_t len, const char *f, size_t flen,
                        const char *plain, size_t plen, bool *ok) {
  *ok = false;
  size_t chars = zs_utf8_count(f, flen);
  if (flen == 0)
    return add_problem(p, "'%.*s' is empty after folding", (int)len, raw);
  if (chars > ZS_AUDIT_MAX_CHARS)
    return add_problem(p, "'%.*s' is too long: %zu characters after folding (at most %d)", (int)len,
                       raw, chars, ZS_AUDIT_MAX_CHARS);
  if (plen != flen || memcmp(plain, f, flen) != 0) {
    /* search removes them from the keyword too, so it would count another string */
    char *fix = cleaned_copy(raw, len);
    int rc = fix ? add_problem(p,
                               "'%.*s' can never occur: the index removes spaces next to "
                               "Chinese characters (write '%s')",
                               (int)len, raw, fix)
                 : zs_error_set(ZS_ENOMEM, "out of memory reading the keywords");
    free(fix);
    return rc;
  }
  *ok = true;
  return ZS_OK;
}

/* Folds one alternative like search folds a quoted query; *out is NULL when
 * it cannot be audited (a problem is recorded). */
static int fold_alternative(parser *p, const char *raw, size_t len, char **out, size_t *out_len) {
  *out = NULL;
  if (len == 0)
    return add_problem(p, p->has_bar ? "empty alternative (nothing between '|')" : "empty keyword");
  if (memchr(raw, '\0', len))
    return add_problem(p, "a NUL byte: the keywords file must be UTF-8 text");
  char *plain = NULL, *f = NULL;
  size_t plen = 0, flen = 0;
  int rc = zs_fold_string_ex(&plain, &plen, raw, len, p->flags);
  if (rc == ZS_EBADUTF8)
    return add_problem(p, "not valid UTF-8");
  if (rc == ZS_OK)
    rc = zs_qbuild_fold(&f, &flen, raw, len, p->flags);
  bool ok = false;
  if (rc == ZS_OK)
    rc = check_folded(p, raw, len, f, flen, plain, plen, &ok);
  free(plain);
  if (rc == ZS_OK && ok) {
    *out = f;
    *out_len = flen;
  } else {
    free(f);
  }
  return rc;
}

/* Appends an alternative to kw, taking folded. */
static int add_alternative(zs_audit_keyword *kw, const char *raw, size_t len, char *folded,
                           size_t flen) {
  size_t n = kw->nalts + 1;
  char **r = realloc(kw->raw, n * sizeof *r);
  if (r)
    kw->raw = r;
  char **a = r ? realloc(kw->alt, n * sizeof *a) : NULL;
  if (a)
    kw->alt = a;
  size_t *l = a ? realloc(kw->alt_len, n * sizeof *l) : NULL;
  if (l)
    kw->alt_len = l;
  char *copy = l ? strndup(raw, len) : NULL;
  if (!copy) {
    free(folded);
    return zs_error_set(ZS_ENOMEM, "out of memory reading the keywords");
  }
  kw->raw[kw->nalts] = copy;
  kw->alt[kw->nalts] = folded;
  kw->alt_len[kw->nalts++] = flen;
  kw->name = kw->raw[0];
  return ZS_OK;
}

static void keyword_free(zs_audit_keyword *kw) {
  for (size_t i = 0; i < kw->nalts; i++) {
    free(kw->raw[i]);
    free(kw->alt[i]);
  }
  free(kw->raw);
  free(kw->alt);
  free(kw->alt_len);
}

/* Keeps kw unless its name repeats an earlier one (columns must differ). */
static int keep_keyword(parser *p, zs_audit_keyword *kw) {
  zs_audit_keywords *k = p->k;
  for (size_t i = 0; i < k->n; i++)
    if (k->kw[i].alt_len[0] == kw->alt_len[0] &&
        memcmp(k->kw[i].alt[0], kw->alt[0], kw->alt_len[0]) == 0) {
      int rc = add_problem(p, "'%s' repeats line %u", kw->name, k->kw[i].line);
      keyword_free(kw);
      return rc;
    }
  if (zs_grow((void **)&k->kw, &p->kw_cap, k->n + 1, sizeof *k->kw)) {
    keyword_free(kw);
    return zs_error_set(ZS_ENOMEM, "out of memory reading the keywords");
  }
  k->kw[k->n++] = *kw;
  return ZS_OK;
}

static int parse_line(parser *p, const char *s, size_t len) {
  trim(&s, &len);
  if (len == 0 || s[0] == '#')
    return ZS_OK;
  zs_audit_keyword kw = {.required = s[0] == '+', .line = p->line};
  if (kw.required) {
    s++;
    len--;
  }
  p->has_bar = memchr(s, '|', len) != NULL;
  int rc = ZS_OK;
  bool bad = false;
  for (size_t i = 0, start = 0; rc == ZS_OK && i <= len; i++) {
    if (i < len && s[i] != '|')
      continue;
    const char *a = s + start;
    size_t alen = i - start, flen = 0;
    start = i + 1;
    trim(&a, &alen);
    char *folded = NULL;
    rc = fold_alternative(p, a, alen, &folded, &flen);
    bad = bad || !folded;
    if (rc == ZS_OK && folded)
      rc = add_alternative(&kw, a, alen, folded, flen);
  }
  if (rc == ZS_OK && !bad)
    return keep_keyword(p, &kw);
  keyword_free(&kw);
  return rc;
}

int zs_audit_parse_keywords(zs_audit_keywords *out, const char *text, size_t len,
                            unsigned fold_flags) {
  memset(out, 0, sizeof *out);
  parser p = {.k = out, .flags = fold_flags};
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* editors' byte order mark */
    text += 3;
    len -= 3;
  }
  int rc = ZS_OK;
  for (size_t at = 0; rc == ZS_OK && at < len;) {
    const char *nl = memchr(text + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - text) : len;
    p.line++;
    rc = parse_line(&p, text + at, end - at);
    at = end + 1;
  }
  if (rc)
    zs_audit_keywords_free(out);
  return rc;
}

void zs_audit_keywords_free(zs_audit_keywords *k) {
  if (!k)
    return;
  for (size_t i = 0; i < k->n; i++)
    keyword_free(&k->kw[i]);
  for (size_t i = 0; i < k->nproblems; i++)
    free(k->problem[i].message);
  free(k->kw);
  free(k->problem);
  memset(k, 0, sizeof *k);
}

/* ---- counting ---- */

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
    return zs_error_set(ZS_ENOMEM, "out of memory listing the documents");
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
    return zs_error_set(ZS_ENOMEM, "out of memory listing the documents");
  return ZS_OK;
}

/* The folded text of a hit's passage, folded once per run. */
static int folded_passage(counter *c, size_t row, const zs_passage_record *rec, folded_text **out) {
  const doc_cache *dc = &c->cache[row];
  if (rec->passage_no >= dc->n)
    return zs_error_set(ZS_ECORRUPT, "passage %u of %s is beyond its document's %u passages",
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
    return zs_error_set(ZS_ENOMEM, "out of memory");
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
    return zs_error_set(ZS_ENOMEM, "out of memory collecting passages");
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
    rc = zs_error_set(ZS_ENOMEM, "out of memory collecting passages");
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
    return zs_error_set(ZS_ECORRUPT, "a passage of file %u, which the index does not list",
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
  zs_search_params p = {.max = UINT32_MAX, .exact_count_up_to = UINT32_MAX, .no_highlight = true};
  zs_qplan plan = {0};
  zs_hits *h = NULL;
  int rc = batch_plan(c->s, c->k, from, to, &plan);
  if (rc == ZS_OK)
    rc = zs_search_plan(c->s, &plan, &p, &h);
  if (rc)
    rc = zs_error_set(rc, "keywords of lines %u to %u: %s", c->k->kw[from].line,
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
  int rc = (c.next = malloc(maxalts * sizeof *c.next)) ? zs_searcher_files(s, add_doc, &c)
                                                       : zs_error_set(ZS_ENOMEM, "out of memory");
  if (rc == ZS_OK && !(out->count = calloc(out->ndocs * k->n + 1, sizeof *out->count)))
    rc = zs_error_set(ZS_ENOMEM, "out of memory");
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

/* ---- output ---- */

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
    return zs_error_set(ZS_ENOMEM, "out of memory");
  for (size_t d = 0; d < r->ndocs; d++) {
    size_t g = 0;
    while (g < m->n && !same_group(&m->row[g], &r->doc[d], by))
      g++;
    if (g == m->n) {
      m->row[g] = new_row(&r->doc[d], by);
      if (!(m->row[m->n++].count = calloc(w, sizeof *m->row[g].count)))
        return zs_error_set(ZS_ENOMEM, "out of memory");
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
    return zs_render_path(g->doc->path, buf, size);
  if (g->unknown)
    return "-";
  if (by == ZS_AUDIT_BY_YEAR) {
    snprintf(buf, size, "%d", g->year);
    return buf;
  }
  return g->name;
}

/* TSV or CSV records. */
typedef struct table {
  FILE *out;
  bool csv;
  bool started; /* the record has a field */
} table;

/* CSV quotes a field with a comma, quote mark or line break and doubles its
 * quote marks (RFC 4180); TSV cannot quote, so tabs and breaks become spaces. */
static void put_field(table *t, const char *s) {
  if (t->started)
    fputc(t->csv ? ',' : '\t', t->out);
  t->started = true;
  if (t->csv && strpbrk(s, ",\"\r\n")) {
    fputc('"', t->out);
    for (; *s; s++) {
      if (*s == '"')
        fputc('"', t->out);
      fputc(*s, t->out);
    }
    fputc('"', t->out);
  } else if (!t->csv && strpbrk(s, "\t\r\n")) {
    for (; *s; s++)
      fputc(*s == '\t' || *s == '\r' || *s == '\n' ? ' ' : *s, t->out);
  } else {
    fputs(s, t->out);
  }
}

static void put_count(table *t, uint64_t n) {
  char buf[24];
  snprintf(buf, sizeof buf, "%llu", (unsigned long long)n);
  put_field(t, buf);
}

static void end_record(table *t) {
  fputs(t->csv ? "\r\n" : "\n", t->out); /* RFC 4180 ends records with CRLF */
  t->started = false;
}

static int finish(FILE *out) {
  return fflush(out) == 0 && !ferror(out) ? ZS_OK : zs_error_set(ZS_EIO, "cannot write the output");
}

static int emit_json(FILE *out, json_object *o) {
  const char *s =
      json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
  if (s) {
    fputs(s, out);
    fputc('\n', out);
  }
  json_object_put(o);
  return s ? finish(out) : zs_error_set(ZS_ENOMEM, "out of memory writing JSON");
}

static void matrix_table(FILE *out, const matrix *m, const zs_audit_keywords *k, zs_audit_by by,
                         bool csv) {
  table t = {out, csv, false};
  char buf[4096];
  put_field(&t, by_names[by]);
  for (size_t i = 0; i < k->n; i++)
    put_field(&t, k->kw[i].name);
  put_field(&t, "total");
  end_record(&t);
  for (size_t g = 0; g < m->n; g++) {
    put_field(&t, row_label(&m->row[g], by, buf, sizeof buf));
    for (size_t i = 0; i <= k->n; i++)
      put_count(&t, m->row[g].count[i]);
    end_record(&t);
  }
  put_field(&t, "total");
  for (size_t i = 0; i <= k->n; i++)
    put_count(&t, m->total[i]);
  end_record(&t);
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
  return emit_json(out, o);
}

int zs_audit_write_matrix(FILE *out, const zs_audit_result *r, const zs_audit_keywords *k,
                          zs_audit_by by, zs_audit_format fmt) {
  matrix m;
  int rc = build_matrix(&m, r, by);
  if (rc == ZS_OK && fmt == ZS_AUDIT_JSON) {
    rc = matrix_json(out, &m, r, k, by);
  } else if (rc == ZS_OK) {
    matrix_table(out, &m, k, by, fmt == ZS_AUDIT_CSV);
    rc = finish(out);
  }
  matrix_free(&m);
  return rc;
}

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
    return emit_json(out, o);
  }
  table t = {out, fmt == ZS_AUDIT_CSV, false};
  const char *head[] = {"keyword", "location", "count", "passage"};
  for (size_t i = 0; i < 4; i++)
    put_field(&t, head[i]);
  end_record(&t);
  for (size_t i = 0; i < r->npassages; i++) {
    const zs_audit_passage *p = &r->passage[i];
    char cwd[4096], loc[4200];
    snprintf(loc, sizeof loc, "%s:%u", zs_render_path(r->doc[p->doc].path, cwd, sizeof cwd),
             p->line_first);
    put_field(&t, k->kw[p->kw].name);
    put_field(&t, loc);
    put_count(&t, p->count);
    put_field(&t, p->text);
    end_record(&t);
  }
  return finish(out);
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
static int missing_record(table *t, json_object *arr, const zs_audit_doc *d,
                          const zs_audit_keywords *k, const size_t *miss, size_t n) {
  if (arr)
    return json_object_array_add(arr, missing_json(d, k, miss, n)) == 0
               ? ZS_OK
               : zs_error_set(ZS_ENOMEM, "out of memory writing JSON");
  char cwd[4096], *names = joined_names(k, miss, n);
  if (!names)
    return zs_error_set(ZS_ENOMEM, "out of memory");
  put_field(t, zs_render_path(d->path, cwd, sizeof cwd));
  put_field(t, names);
  end_record(t);
  free(names);
  return ZS_OK;
}

int zs_audit_write_missing(FILE *out, const zs_audit_result *r, const zs_audit_keywords *k,
                           zs_audit_format fmt, size_t *nmissing) {
  *nmissing = 0;
  size_t *miss = malloc((k->n + 1) * sizeof *miss);
  json_object *arr = fmt == ZS_AUDIT_JSON ? json_object_new_array() : NULL;
  table t = {out, fmt == ZS_AUDIT_CSV, false};
  int rc = miss ? ZS_OK : zs_error_set(ZS_ENOMEM, "out of memory");
  if (rc == ZS_OK && !arr) {
    put_field(&t, "doc");
    put_field(&t, "missing");
    end_record(&t);
  }
  for (size_t d = 0; rc == ZS_OK && d < r->ndocs; d++) {
    size_t n = missing_in(r, k, d, miss);
    *nmissing += n > 0;
    if (n)
      rc = missing_record(&t, arr, &r->doc[d], k, miss, n);
  }
  free(miss);
  if (rc == ZS_OK && arr) {
    json_object *o = json_object_new_object();
    json_object_object_add(o, "documents", json_object_new_int64((int64_t)r->ndocs));
    json_object_object_add(o, "missing", arr);
    return emit_json(out, o);
  }
  json_object_put(arr);
  return rc ? rc : finish(out);
}
