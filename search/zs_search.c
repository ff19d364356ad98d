/* zs_search: the read side of an index: checks it was built with our analysis,
 * runs query plans (with the exact check as Xapian's match decider), decodes
 * stored passages, caches file records, counts facets. */
#define _GNU_SOURCE /* memmem */
#include "zs_search.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zs_docfields.h"
#include "zs_error.h"
#include "zs_file.h"
#include "zs_fold.h"
#include "zs_grow.h"
#include "zs_hash.h"
#include "zs_hashidx.h"
#include "zs_highlight.h"
#include "zs_i18n.h"
#include "zs_index.h"
#include "zs_qbuild.h"
#include "zs_qparse.h"
#include "zs_schema.h"
#include "zs_synonyms.h"
#include "zs_xapian.h"

/* A file's record with the buffer it borrows from. */
typedef struct cached_file {
  zs_file_record rec;
  char *bytes;
  /* folded file name, issuing body and number, for doc:, org:, docno: (NULL until needed) */
  char *folded_name, *folded_org, *folded_docno;
  char year_text[8]; /* rec.year as four digits for facets ("" until needed) */
} cached_file;

struct zs_searcher {
  zs_index *idx; /* the database (every shard) and the analysis settings */
  zs_analyzer *analyzer;
  zs_synonyms *synonyms;
  /* Indexed by file id. Each record is allocated alone and never moves, because
   * hits keep pointers to it while later lookups grow this table. */
  cached_file **files;
  size_t nfiles;
  /* File ids are per shard; the searcher numbers them on: shard k's file i is
   * file_offset[k] + i, for i in 1..shard_files[k]. One index: the same ids. */
  uint32_t *file_offset, *shard_files;
  uint32_t max_file_id; /* ids are 1..max */
  /* Copies (indexer/zs_copies.h): by file id, the id of the file shown in its
   * place (0: shown itself); NULL when the index has none. */
  uint32_t *shown_for;
  bool any_copies;                  /* whether searches leave out the copies' passages */
  uint32_t *first_copy, *next_copy; /* by file id: its copies, as a list (0 ends it) */
  /* file key -> searcher file id, as facets have looked them up */
  struct key_id {
    uint64_t key;
    uint32_t id;
  } * key_ids;
  size_t nkeys, keys_cap;
  zs_hashidx key_index;
};

struct zs_hits_private {
  char **data; /* stored records the hits borrow from */
};

/* How many file ids each shard has given out, and where its ids start. */
static int number_files(zs_searcher *s) {
  s->file_offset = calloc(s->idx->nshards, sizeof *s->file_offset);
  s->shard_files = calloc(s->idx->nshards, sizeof *s->shard_files);
  if (!s->file_offset || !s->shard_files)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  for (size_t k = 0; k < s->idx->nshards; k++) {
    char *next = NULL;
    size_t len = 0;
    int rc = zs_db_shard_get_metadata(s->idx->db, k, ZS_META_NEXT_FILE_ID, &next, &len);
    uint32_t n = next ? (uint32_t)strtoul(next, NULL, 10) - 1 : 0;
    free(next);
    if (rc)
      return rc;
    if (n > UINT32_MAX - s->max_file_id)
      return zs_error_set(ZS_ETOOBIG, _("the shards hold more than 2^32 files"));
    s->file_offset[k] = s->max_file_id;
    s->shard_files[k] = n;
    s->max_file_id += n;
  }
  return ZS_OK;
}

/* The copies each shard recorded, for naming them; zhindex listed their
 * passages (ZS_DOCSET_COPIES), which searches leave out (copies_hidden). */
static int read_copies(zs_searcher *s) {
  int rc = ZS_OK;
  bool any = false;
  for (size_t k = 0; rc == ZS_OK && k < s->idx->nshards; k++) {
    char *groups = NULL;
    size_t len = 0;
    rc = zs_db_shard_get_metadata(s->idx->db, k, ZS_META_COPIES, &groups, &len);
    if (rc == ZS_OK && groups && len && !s->shown_for &&
        (!(s->shown_for = calloc((size_t)s->max_file_id + 1, sizeof *s->shown_for)) ||
         !(s->first_copy = calloc((size_t)s->max_file_id + 1, sizeof *s->first_copy)) ||
         !(s->next_copy = calloc((size_t)s->max_file_id + 1, sizeof *s->next_copy))))
      rc = zs_error_set(ZS_ENOMEM, _("out of memory"));
    uint32_t shown = 0;
    for (char *at = groups; rc == ZS_OK && at && at < groups + len;) {
      char *end;
      unsigned long local = strtoul(at, &end, 10);
      if (end == at)
        break;
      bool first = shown == 0;
      uint32_t id =
          local >= 1 && local <= s->shard_files[k] ? s->file_offset[k] + (uint32_t)local : 0;
      if (first)
        shown = id ? id : UINT32_MAX;
      else if (id && shown != UINT32_MAX && id != shown && !s->shown_for[id] &&
               !s->first_copy[id]) { /* each file in one group, once: no loops */
        s->shown_for[id] = shown;
        s->next_copy[id] = s->first_copy[shown];
        s->first_copy[shown] = id;
        any = true;
      }
      if (*end == '\n')
        shown = 0;
      at = *end ? end + 1 : end;
    }
    free(groups);
  }
  s->any_copies = any;
  return rc;
}

/* The searcher's id of file `local` of the shard holding document docid; 0
 * when the shard has no such file. */
static uint32_t file_id_of(const zs_searcher *s, uint32_t docid, uint32_t local) {
  size_t k = zs_db_shard_of(s->idx->db, docid);
  return k < s->idx->nshards && local >= 1 && local <= s->shard_files[k] ? s->file_offset[k] + local
                                                                         : 0;
}

int zs_searcher_open(zs_searcher **out, const char *index_dir) {
  return zs_searcher_open_many(out, &index_dir, 1);
}

int zs_searcher_open_many(zs_searcher **out, const char *const *indexes, size_t n) {
  *out = NULL;
  zs_searcher *s = calloc(1, sizeof *s);
  if (!s)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  int rc = zs_index_open_many(&s->idx, indexes, n);
  if (rc == ZS_OK)
    rc = zs_analyzer_new(&s->analyzer, s->idx->lexicon);
  if (rc == ZS_OK)
    rc = number_files(s);
  if (rc == ZS_OK)
    rc = read_copies(s);
  if (rc == ZS_OK)
    rc = zs_searcher_synonyms(s, true, NULL);
  if (rc) {
    zs_searcher_close(s);
    return rc;
  }
  *out = s;
  return ZS_OK;
}

void zs_searcher_close(zs_searcher *s) {
  if (!s)
    return;
  for (size_t i = 0; i < s->nfiles; i++)
    if (s->files[i]) {
      free(s->files[i]->bytes);
      free(s->files[i]->folded_name);
      free(s->files[i]->folded_org);
      free(s->files[i]->folded_docno);
      free(s->files[i]);
    }
  free(s->files);
  free(s->key_ids);
  free(s->key_index.cell);
  free(s->file_offset);
  free(s->shard_files);
  free(s->shown_for);
  free(s->first_copy);
  free(s->next_copy);
  zs_synonyms_free(s->synonyms);
  zs_analyzer_free(s->analyzer);
  zs_index_close(s->idx);
  free(s);
}

zs_analyzer *zs_searcher_analyzer(zs_searcher *s) {
  return s->analyzer;
}

unsigned zs_searcher_fold_flags(const zs_searcher *s) {
  return s->idx->fold_flags;
}

const struct zs_synonyms *zs_searcher_get_synonyms(const zs_searcher *s) {
  return s->synonyms;
}

int zs_searcher_synonyms(zs_searcher *s, bool enabled, const char *user_file) {
  zs_synonyms_free(s->synonyms);
  s->synonyms = NULL;
  if (!enabled)
    return ZS_OK;
  char *text = NULL;
  size_t len = 0;
  int rc = user_file ? zs_read_file(user_file, &text, &len) : ZS_OK;
  if (rc)
    return zs_error_set(rc, _("synonyms %s: %s"), user_file, zs_error_last());
  rc = zs_synonyms_load(&s->synonyms, text, len, user_file, s->idx->fold_flags);
  free(text);
  return rc;
}

/* The record of file id, read from metadata once and cached; NULL record
 * (ZS_ENOTFOUND) for an id the index does not know. */
static int file_record(zs_searcher *s, uint32_t id, cached_file **out) {
  *out = NULL;
  if (id >= s->nfiles) {
    size_t cap = s->nfiles;
    if (zs_grow((void **)&s->files, &cap, (size_t)id + 1, sizeof *s->files))
      return zs_error_set(ZS_ENOMEM, _("out of memory"));
    memset(s->files + s->nfiles, 0, (cap - s->nfiles) * sizeof *s->files);
    s->nfiles = cap;
  }
  if (!s->files[id] && !(s->files[id] = calloc(1, sizeof **s->files)))
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  cached_file *cf = s->files[id];
  if (!cf->bytes) {
    size_t k = 0; /* the shard whose ids hold id */
    while (k + 1 < s->idx->nshards && id > s->file_offset[k + 1])
      k++;
    char key[ZS_META_KEY_SIZE];
    size_t len = 0;
    zs_file_record_key(key, sizeof key, id - s->file_offset[k]);
    int rc = id && id <= s->max_file_id
                 ? zs_db_shard_get_metadata(s->idx->db, k, key, &cf->bytes, &len)
                 : ZS_OK;
    if (rc == ZS_OK && !cf->bytes)
      return zs_error_set(ZS_ENOTFOUND, _("the index has no record of file %lu"),
                          (unsigned long)id);
    if (rc == ZS_OK)
      rc = zs_file_record_decode(&cf->rec, cf->bytes, len);
    if (rc == ZS_OK)
      cf->rec.file_id = id;
    if (rc) {
      free(cf->bytes);
      cf->bytes = NULL;
      return rc;
    }
  }
  *out = cf;
  return ZS_OK;
}

int zs_searcher_files(zs_searcher *s, zs_file_fn fn, void *ctx) {
  return zs_searcher_each_file(s, false, fn, ctx);
}

int zs_searcher_each_file(zs_searcher *s, bool all_copies, zs_file_fn fn, void *ctx) {
  for (uint32_t id = 1; id <= s->max_file_id; id++) {
    cached_file *cf = NULL;
    if (!all_copies && s->shown_for && s->shown_for[id])
      continue;
    int rc = file_record(s, id, &cf);
    if (rc == ZS_ENOTFOUND)
      continue; /* an id given to a file that then failed */
    if (rc == ZS_OK)
      rc = fn(ctx, &cf->rec);
    if (rc)
      return rc;
  }
  return ZS_OK;
}

int zs_searcher_copies(zs_searcher *s, uint32_t id, zs_file_fn fn, void *ctx) {
  for (uint32_t c = s->first_copy && id <= s->max_file_id ? s->first_copy[id] : 0; c;
       c = s->next_copy[c]) {
    cached_file *cf = NULL;
    int rc = file_record(s, c, &cf);
    if (rc == ZS_ENOTFOUND)
      continue;
    if (rc == ZS_OK)
      rc = fn(ctx, &cf->rec);
    if (rc)
      return rc;
  }
  return ZS_OK;
}

/* The folded form of what field `field` of a file is matched against:
 * doc: its file name, org: its issuing body, docno: its number. */
static int folded_field(zs_searcher *s, cached_file *cf, zs_qfield field, const char **out) {
  char **slot = field == ZS_FIELD_ORG     ? &cf->folded_org
                : field == ZS_FIELD_DOCNO ? &cf->folded_docno
                                          : &cf->folded_name;
  if (!*slot) {
    const char *v = field == ZS_FIELD_ORG     ? cf->rec.org
                    : field == ZS_FIELD_DOCNO ? cf->rec.docno
                                              : NULL;
    if (!v) {
      const char *slash = strrchr(cf->rec.path, '/');
      v = slash ? slash + 1 : cf->rec.path;
    }
    size_t fl;
    int rc = zs_fold_string_ex(slot, &fl, v, strlen(v), s->idx->fold_flags);
    if (rc)
      return rc;
  }
  *out = *slot;
  return ZS_OK;
}

/* Whether the issuing bodies orgs ("A、B", folded) are value or include it
 * as one of them: org:国务院 is not 国务院办公厅. */
static bool names_issuer(const char *orgs, const char *value, size_t len) {
  size_t all = strlen(orgs);
  if (all == len && memcmp(orgs, value, len) == 0)
    return true;
  for (const char *at = orgs; *at;) {
    const char *sep = strstr(at, "、");
    size_t n = sep ? (size_t)(sep - at) : strlen(at);
    if (n == len && memcmp(at, value, len) == 0)
      return true;
    at += n + (sep ? strlen("、") : 0);
  }
  return false;
}

/* doc:, org:, docno:, date:: the ids of the files whose field matches value
 * (folded): contains it, or for date: lies in its range. */
static int find_docs(void *ctx, zs_qfield field, const char *value, size_t len, uint32_t **ids,
                     size_t *n) {
  zs_searcher *s = ctx;
  size_t cap = 0;
  char lo[12] = "", hi[12] = "", number[128], *folded_number = NULL;
  *ids = NULL;
  *n = 0;
  int rc = field == ZS_FIELD_DATE ? zs_qbuild_dates(value, len, lo, hi) : ZS_OK;
  /* 国办发[2019]6号 finds 国办发〔2019〕6号: numbers compare in their usual form */
  if (rc == ZS_OK && field == ZS_FIELD_DOCNO && zs_docno_line(value, len, number, sizeof number)) {
    rc = zs_fold_string_ex(&folded_number, &len, number, strlen(number), s->idx->fold_flags);
    value = folded_number;
  }
  for (uint32_t id = 1; rc == ZS_OK && id <= s->max_file_id; id++) {
    cached_file *cf = NULL;
    rc = file_record(s, id, &cf);
    if (rc == ZS_ENOTFOUND) {
      rc = ZS_OK;
      continue;
    }
    bool match = false;
    const char *have = NULL;
    if (rc == ZS_OK && field == ZS_FIELD_DATE)
      match = cf->rec.date[0] && strcmp(cf->rec.date, lo) >= 0 && strcmp(cf->rec.date, hi) <= 0;
    else if (rc == ZS_OK && (rc = folded_field(s, cf, field, &have)) == ZS_OK)
      match = field == ZS_FIELD_ORG ? names_issuer(have, value, len)
                                    : memmem(have, strlen(have), value, len) != NULL;
    if (match && zs_grow((void **)ids, &cap, *n + 1, sizeof **ids) == ZS_OK)
      (*ids)[(*n)++] = id;
  }
  free(folded_number);
  /* org: a name no document was issued by is looked for inside the names
   * (org:卫生 finds 国家卫生健康委员会) */
  if (rc == ZS_OK && field == ZS_FIELD_ORG && *n == 0)
    for (uint32_t id = 1; rc == ZS_OK && id <= s->max_file_id; id++) {
      cached_file *cf = NULL;
      const char *have;
      rc = file_record(s, id, &cf);
      if (rc == ZS_ENOTFOUND) {
        rc = ZS_OK;
        continue;
      }
      if (rc == ZS_OK && (rc = folded_field(s, cf, field, &have)) == ZS_OK &&
          memmem(have, strlen(have), value, len) &&
          zs_grow((void **)ids, &cap, *n + 1, sizeof **ids) == ZS_OK)
        (*ids)[(*n)++] = id;
    }
  return rc;
}

/* The headings of rec folded one by one, each still ended by '\n' (folding a
 * whole would turn the separators into spaces). Caller frees *out. */
static int fold_headings(const zs_passage_record *rec, unsigned flags, char **out,
                         size_t *out_len) {
  size_t cap = 0, at = 0, start = 0;
  *out = NULL;
  int rc = zs_grow((void **)out, &cap, 1, 1);
  for (size_t i = 0; rc == ZS_OK && i < rec->headings_len; i++) {
    if (rec->headings[i] != '\n')
      continue;
    char *f = NULL;
    size_t fl = 0;
    /* prepared as heading: values are, or a value spanning a space kept in a
     * markdown heading ("服务群众健康 促进…") could never match */
    rc = zs_qbuild_fold(&f, &fl, rec->headings + start, i - start, flags);
    if (rc == ZS_OK)
      rc = zs_grow((void **)out, &cap, at + fl + 2, 1);
    if (rc == ZS_OK) {
      memcpy(*out + at, f, fl);
      at += fl;
      (*out)[at++] = '\n';
    }
    free(f);
    start = i + 1;
  }
  if (rc) {
    free(*out);
    *out = NULL;
    return rc;
  }
  (*out)[at] = '\0';
  *out_len = at;
  return ZS_OK;
}

/* The plan's exact check on a candidate's stored passage. */
typedef struct accept_ctx {
  zs_searcher *s;
  const zs_qplan *plan;
} accept_ctx;

static int accept_candidate(void *ctx, zs_docid docid, const char *data, size_t len) {
  accept_ctx *a = ctx;
  zs_passage_record rec;
  cached_file *cf = NULL;
  char *text = NULL, *heads = NULL;
  zs_check_view v = {.province = "", .type = ""};
  if (zs_passage_record_decode(&rec, data, len) != ZS_OK ||
      !(rec.file_id = file_id_of(a->s, docid, rec.file_id)) ||
      zs_fold_string_ex(&text, &v.text_len, rec.text, rec.text_len, a->s->idx->fold_flags) != ZS_OK)
    return 0;
  int ok = 1;
  if (a->plan->check_headings)
    ok = fold_headings(&rec, a->s->idx->fold_flags, &heads, &v.headings_len) == ZS_OK;
  if (ok && file_record(a->s, rec.file_id, &cf) == ZS_OK) {
    v.year = cf->rec.year;
    v.province = cf->rec.province;
    v.type = cf->rec.type;
  }
  v.text = text;
  v.headings = heads ? heads : "";
  v.file_id = rec.file_id;
  ok = ok && zs_qplan_accepts(a->plan, &v);
  free(text);
  free(heads);
  return ok;
}

static int add_copy(void *ctx, const zs_file_record *f) {
  zs_hit *hit = ctx;
  const zs_file_record **more = realloc(hit->copies, (hit->ncopies + 1) * sizeof *more);
  if (!more)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  hit->copies = more;
  hit->copies[hit->ncopies++] = f;
  return ZS_OK;
}

/* Fills hit `at` of h from result i of r, with what hl highlights (NULL: nothing). */
static int fill_hit(zs_searcher *s, zs_results *r, size_t i, const zs_qplan *hl, zs_hits *h,
                    size_t at) {
  zs_doc *doc = NULL;
  const char *data;
  size_t len;
  cached_file *cf = NULL;
  zs_hit *hit = &h->hit[at];
  hit->score = zs_results_score(r, i);
  int rc = zs_results_doc(r, i, &doc);
  if (rc == ZS_OK)
    rc = zs_doc_get_data(doc, &data, &len);
  if (rc == ZS_OK && !(h->priv->data[at] = malloc(len + 1)))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory"));
  if (rc == ZS_OK) {
    memcpy(h->priv->data[at], data, len);
    h->priv->data[at][len] = '\0';
    rc = zs_passage_record_decode(&hit->rec, h->priv->data[at], len);
  }
  if (rc == ZS_OK)
    hit->rec.file_id = file_id_of(s, zs_results_docid(r, i), hit->rec.file_id);
  if (rc == ZS_OK)
    rc = file_record(s, hit->rec.file_id, &cf);
  if (rc == ZS_ENOTFOUND)
    rc = zs_error_set(ZS_ECORRUPT, _("index has passages of file %lu but no record of it"),
                      (unsigned long)hit->rec.file_id);
  if (rc == ZS_OK)
    hit->file = &cf->rec;
  if (rc == ZS_OK && s->shown_for)
    rc = zs_searcher_copies(s, hit->rec.file_id, add_copy, hit);
  if (rc == ZS_OK && hl)
    rc = zs_highlight(&hit->spans, &hit->nspans, hit->rec.text, hit->rec.text_len,
                      hit->partial ? &hl->partial_needles : &hl->needles,
                      hit->partial ? NULL : &hl->needle_groups, s->idx->fold_flags);
  zs_doc_free(doc);
  return rc;
}

/* Appends results order[from..to) of r to h's hits, marked partial or not. */
static int collect_hits(zs_searcher *s, zs_results *r, const zs_qplan *hl, zs_hits *h, bool partial,
                        const size_t *order, size_t from, size_t to) {
  size_t n = to > from ? to - from : 0, total = h->n + n;
  zs_hit *hits = realloc(h->hit, (total ? total : 1) * sizeof *hits);
  if (hits)
    h->hit = hits;
  char **data = realloc(h->priv->data, (total ? total : 1) * sizeof *data);
  if (data)
    h->priv->data = data;
  if (!hits || !data)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  memset(h->hit + h->n, 0, n * sizeof *hits);
  memset(h->priv->data + h->n, 0, n * sizeof *data);
  for (size_t i = from; i < to; i++) {
    h->hit[h->n].partial = partial;
    int rc = fill_hit(s, r, order ? order[i] : i, hl, h, h->n++);
    if (rc)
      return rc;
  }
  return ZS_OK;
}

/* The order of r's first `window` results with each document's passages
 * after its first per_doc moved behind the other documents' (in rank order
 * both), then the rest as ranked: *out, r's size entries; caller frees. Only
 * the first `need` entries are asked for: once that many are taken the rest
 * of the window is left in rank order, unread (each read is a document's
 * key), as the first `need` entries are then already those of the whole. */
static int spread(zs_results *r, uint32_t per_doc, size_t window, size_t need, size_t **out) {
  size_t n = zs_results_size(r), w = n < window ? n : window, taken = 0, later = 0;
  size_t *order = malloc((n ? n : 1) * sizeof *order),
         *deferred = malloc((w ? w : 1) * sizeof *deferred);
  uint64_t *keys = calloc(w ? w : 1, sizeof *keys);
  uint32_t *seen = calloc(w ? w : 1, sizeof *seen); /* passages taken, by first index of the key */
  int rc = order && deferred && keys && seen ? ZS_OK : zs_error_set(ZS_ENOMEM, _("out of memory"));
  size_t i = 0;
  for (; rc == ZS_OK && i < w && taken < need; i++) {
    zs_doc *doc = NULL;
    const char *v = NULL;
    size_t len = 0;
    rc = zs_results_doc(r, i, &doc);
    if (rc == ZS_OK)
      rc = zs_doc_get_value(doc, ZS_SLOT_FILE_KEY, &v, &len);
    for (size_t k = 0; rc == ZS_OK && k < len && k < 8; k++)
      keys[i] = keys[i] << 8 | (unsigned char)v[k];
    zs_doc_free(doc);
    size_t first = 0; /* the first result of the same document (windows are small) */
    while (first < i && keys[first] != keys[i])
      first++;
    if (rc == ZS_OK && seen[first]++ < per_doc)
      order[taken++] = i;
    else if (rc == ZS_OK)
      deferred[later++] = i;
  }
  if (rc == ZS_OK) {
    memcpy(order + taken, deferred, later * sizeof *order);
    for (size_t k = taken + later; i < n; i++, k++)
      order[k] = i;
  }
  free(deferred);
  free(keys);
  free(seen);
  if (rc) {
    free(order);
    return rc;
  }
  *out = order;
  return ZS_OK;
}

/* ---- facets ---- */

/* JSON keys, shown translated (N_); the last is the file, the others fields
 * of its record, in this order (facet_lists). */
static const char *const facet_names[ZS_NFACETS] = {N_("province"), N_("year"), N_("type"),
                                                    N_("org"), N_("doc")};

static bool same_key(const void *ctx, uint32_t i) {
  const zs_searcher *s = ctx;
  return s->key_ids[i].key == s->key_ids[s->nkeys].key; /* the key looked up, placed after */
}

static uint64_t key_hash(const void *ctx, uint32_t i) {
  return ((const zs_searcher *)ctx)->key_ids[i].key;
}

/* The searcher's id of the file whose key (ZS_SLOT_FILE_KEY) is value, from
 * the shard that has it. */
static int file_id_by_key(zs_searcher *s, const unsigned char *value, uint32_t *id) {
  char term[ZS_FILE_TERM_SIZE], key[ZS_META_KEY_SIZE];
  zs_path_key_of_value(key, sizeof key, value);
  *id = 0;
  for (size_t k = 0; k < s->idx->nshards; k++) {
    char *local_id = NULL;
    size_t len = 0;
    int rc = zs_db_shard_get_metadata(s->idx->db, k, key, &local_id, &len);
    uint32_t local = local_id ? (uint32_t)strtoul(local_id, NULL, 10) : 0;
    free(local_id);
    if (rc)
      return rc;
    if (local && local <= s->shard_files[k]) {
      *id = s->file_offset[k] + local;
      return ZS_OK;
    }
  }
  int n = zs_file_key_value_term(term, sizeof term, value);
  return n < 0 ? n : zs_error_set(ZS_ENOTFOUND, _("the index has no record of file %s"), term);
}

/* The file whose key is value; remembered, since a common word's facets name
 * tens of thousands of files (a key not found is looked up again). */
static int file_by_key(zs_searcher *s, const unsigned char *value, cached_file **out) {
  if (zs_grow((void **)&s->key_ids, &s->keys_cap, s->nkeys + 1, sizeof *s->key_ids))
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  uint64_t k64;
  memcpy(&k64, value, sizeof k64);
  s->key_ids[s->nkeys] = (struct key_id){k64, 0};
  uint32_t at;
  bool added;
  int rc = zs_hashidx_find_or_add(&s->key_index, k64, s->nkeys, same_key, key_hash, s, &at, &added);
  if (rc)
    return rc;
  if (added)
    s->nkeys++;
  if (!s->key_ids[at].id && (rc = file_id_by_key(s, value, &s->key_ids[at].id)))
    return rc;
  return file_record(s, s->key_ids[at].id, out);
}

/* One facet value and its passages, while the facets are gathered. */
typedef struct facet_entry {
  const char *value; /* borrowed from a cached file record */
  uint32_t count;
} facet_entry;

/* The distinct values of one field and their passages. */
typedef struct facet_tally {
  facet_entry *e; /* e[n] holds the value looked up */
  size_t n, cap;
  zs_hashidx index;
} facet_tally;

static bool same_value(const void *ctx, uint32_t i) {
  const facet_tally *t = ctx;
  return strcmp(t->e[i].value, t->e[t->n].value) == 0;
}

static uint64_t value_hash(const void *ctx, uint32_t i) {
  const char *v = ((const facet_tally *)ctx)->e[i].value;
  return zs_fnv64(v, strlen(v));
}

static int tally_add(facet_tally *t, const char *value, uint32_t count) {
  if (!value[0])
    return ZS_OK; /* a file without the field is not counted */
  if (zs_grow((void **)&t->e, &t->cap, t->n + 1, sizeof *t->e))
    return zs_error_set(ZS_ENOMEM, _("out of memory counting facets"));
  t->e[t->n] = (facet_entry){value, count};
  uint32_t at;
  bool added;
  int rc = zs_hashidx_find_or_add(&t->index, zs_fnv64(value, strlen(value)), t->n, same_value,
                                  value_hash, t, &at, &added);
  if (rc == ZS_OK && added)
    t->n++;
  else if (rc == ZS_OK)
    t->e[at].count += count;
  return rc;
}

typedef struct facet_lists {
  zs_searcher *s;
  facet_tally field[ZS_NFACETS - 1]; /* province, year, type, org */
  facet_entry *doc;                  /* a file apiece, even where two share a name */
  size_t ndoc, doc_cap;
} facet_lists;

/* Facets are fields of a passage's file, so the shim counts file keys only
 * (one value stream) and the fields come from the file records. */
static int add_file_count(void *ctx, const char *value, size_t len, uint32_t count) {
  facet_lists *l = ctx;
  if (len != ZS_FILE_KEY_SIZE)
    return ZS_OK; /* not a key this version writes */
  cached_file *cf = NULL;
  int rc = file_by_key(l->s, (const unsigned char *)value, &cf);
  if (rc)
    return rc;
  const zs_file_record *r = &cf->rec;
  if (!cf->year_text[0] && r->year) /* four digits, as the year slot held them */
    snprintf(cf->year_text, sizeof cf->year_text, "%04d", r->year);
  rc = tally_add(&l->field[0], r->province, count);
  if (rc == ZS_OK)
    rc = tally_add(&l->field[1], cf->year_text, count);
  if (rc == ZS_OK)
    rc = tally_add(&l->field[2], r->type, count);
  if (rc == ZS_OK)
    rc = tally_add(&l->field[3], r->org, count);
  if (rc == ZS_OK && zs_grow((void **)&l->doc, &l->doc_cap, l->ndoc + 1, sizeof *l->doc))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory counting facets"));
  if (rc == ZS_OK) {
    const char *slash = strrchr(r->path, '/');
    l->doc[l->ndoc++] = (facet_entry){slash ? slash + 1 : r->path, count};
  }
  return rc;
}

/* Most passages first, then by value. */
static int by_count(const void *a, const void *b) {
  const facet_entry *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp(x->value, y->value);
}

/* f from entries e[0..n), sorted. */
static int fill_facet(zs_facet *f, facet_entry *e, size_t n) {
  if (n > 1) /* e is NULL when nothing matched: qsort must not be given it */
    qsort(e, n, sizeof *e, by_count);
  f->value = calloc(n ? n : 1, sizeof *f->value);
  f->count = calloc(n ? n : 1, sizeof *f->count);
  if (!f->value || !f->count)
    return zs_error_set(ZS_ENOMEM, _("out of memory counting facets"));
  for (size_t i = 0; i < n; i++) {
    if (!(f->value[i] = strdup(e[i].value)))
      return zs_error_set(ZS_ENOMEM, _("out of memory counting facets"));
    f->count[i] = e[i].count;
    f->n = i + 1;
  }
  return ZS_OK;
}

static int collect_facets(zs_searcher *s, zs_results *r, zs_hits *h) {
  facet_lists l = {.s = s};
  int rc = zs_results_facet(r, 0, add_file_count, &l);
  for (size_t i = 0; i < ZS_NFACETS; i++) {
    bool doc = i == ZS_NFACETS - 1;
    h->facets[i].name = facet_names[i];
    h->nfacets = i + 1;
    if (rc == ZS_OK)
      rc = fill_facet(&h->facets[i], doc ? l.doc : l.field[i].e, doc ? l.ndoc : l.field[i].n);
    if (!doc) {
      free(l.field[i].e);
      free(l.field[i].index.cell);
    }
  }
  free(l.doc);
  return rc;
}

/* ---- running a query ---- */

static void set_options(zs_search_opts *opts, const zs_search_params *p, accept_ctx *a) {
  zs_rank_params rank = p->rank ? *p->rank : ZS_RANK_DEFAULTS;
  zs_search_opts_init(opts);
  opts->bm25_k1 = rank.bm25_k1;
  opts->bm25_b = a->plan->prefer_short ? 0.75 : rank.bm25_b;
  opts->first = p->first;
  opts->max = p->max;
  opts->check_at_least = p->exact_count_up_to;
  if (a->plan->verify) {
    opts->accept = accept_candidate;
    opts->accept_ctx = a;
  }
  if (p->group_by_doc || p->per_doc) {
    opts->collapse_slot = ZS_SLOT_FILE_KEY;
    opts->collapse_max = p->group_by_doc ? 1 : p->per_doc;
  }
  if (p->facets) { /* the rest from the file records (add_file_count) */
    opts->facet_slots[0] = ZS_SLOT_FILE_KEY;
    opts->nfacets = 1;
  }
}

/* doc:…: the term of a file's passages. */
static int file_term(void *ctx, uint32_t id, char *buf, size_t size) {
  cached_file *cf = NULL;
  int rc = file_record(ctx, id, &cf);
  return rc ? rc : zs_file_key_term(buf, size, cf->rec.path, cf->rec.path_len);
}

static int prefix_terms(void *ctx, const char *prefix, size_t len,
                        int (*fn)(void *fctx, const char *term, size_t len), void *fctx) {
  zs_searcher *s = ctx;
  return zs_db_all_terms(s->idx->db, prefix, len, fn, fctx);
}

zs_qbuild_env zs_searcher_env(zs_searcher *s) {
  return (zs_qbuild_env){.analyzer = s->analyzer,
                         .fold_flags = s->idx->fold_flags,
                         .synonyms = s->synonyms,
                         .find_docs = find_docs,
                         .file_term = file_term,
                         .prefix_terms = prefix_terms,
                         .ctx = s};
}

int zs_searcher_file(zs_searcher *s, uint32_t id, const zs_file_record **out) {
  cached_file *cf = NULL;
  *out = NULL;
  int rc = file_record(s, id, &cf);
  if (rc == ZS_OK && !cf->bytes)
    rc = ZS_ENOTFOUND;
  if (rc == ZS_ENOTFOUND)
    return zs_error_set(ZS_ENOTFOUND, _("the index has no document %lu"), (unsigned long)id);
  if (rc == ZS_OK)
    *out = &cf->rec;
  return rc;
}

static int by_passage_no(const void *a, const void *b) {
  uint32_t x = ((const zs_hit *)a)->rec.passage_no, y = ((const zs_hit *)b)->rec.passage_no;
  return (x > y) - (x < y);
}

int zs_search_document(zs_searcher *s, uint32_t id, zs_hits **out) {
  *out = NULL;
  const zs_file_record *f = NULL;
  char term[ZS_FILE_TERM_SIZE + 1];
  int rc = zs_searcher_file(s, id, &f);
  int len = rc == ZS_OK ? zs_file_key_term(term, sizeof term, f->path, f->path_len) : -1;
  if (rc == ZS_OK && len < 0)
    rc = zs_error_set(ZS_EINVAL, "no term for document %lu", (unsigned long)id);
  zs_qplan plan = {0};
  zs_query *all = NULL;
  if (rc == ZS_OK)
    rc = zs_query_term(&all, term, (size_t)len, 1);
  if (rc == ZS_OK) /* selected, not ranked: Xapian lists them in the order they were added */
    rc = zs_query_scale(&plan.query, all, 0);
  zs_query_free(all);
  zs_search_params p = {.max = f && f->passages < ZS_DOCUMENT_MAX_PASSAGES
                                   ? (f->passages ? f->passages : 1)
                                   : ZS_DOCUMENT_MAX_PASSAGES,
                        .no_highlight = true,
                        .all_copies = true,
                        .strict = true};
  if (rc == ZS_OK)
    rc = zs_search_plan(s, &plan, &p, out);
  zs_query_free(plan.query);
  if (rc == ZS_OK) /* in document order, whatever order updates left them in */
    qsort((*out)->hit, (*out)->n, sizeof *(*out)->hit, by_passage_no);
  return rc;
}

int zs_searcher_term_freq(zs_searcher *s, const char *term, size_t len, uint32_t *df) {
  return zs_db_term_freq(s->idx->db, term, len, df);
}

int zs_searcher_doc_count(zs_searcher *s, uint32_t *n) {
  return zs_db_doc_count(s->idx->db, n);
}

/* The passages of copies a search leaves out (zs_copies.h): free text shows
 * each document once; an exact string also finds the passages of a copy
 * that its shown file lacks. NULL when none is left out. */
static const char *copies_hidden(const zs_searcher *s, const zs_qplan *plan,
                                 const zs_search_params *params) {
  if (!s->any_copies || params->all_copies)
    return NULL;
  return params->shown_only || !plan->quoted ? ZS_DOCSET_COPIES : ZS_DOCSET_COPIES_HELD;
}

/* One list of results: q's passages [first, first + max), spread over
 * documents when asked (the order of the first ZS_SPREAD_WINDOW passages is
 * the same whatever page is asked, so pages agree); appended to h's hits.
 * *results stays the caller's (facets, counts). */
static int run_list(zs_searcher *s, const zs_qplan *plan, const zs_search_params *params,
                    accept_ctx *a, const zs_query *q, uint32_t first, uint32_t max, bool partial,
                    zs_hits *h, zs_results **results) {
  zs_search_opts opts;
  set_options(&opts, params, a);
  opts.hide_docset = copies_hidden(s, plan, params);
  bool spreading = params->spread_per_doc && !params->group_by_doc && !params->per_doc && max &&
                   first < ZS_SPREAD_WINDOW;
  opts.first = spreading ? 0 : first;
  opts.max = spreading ? (first + max > ZS_SPREAD_WINDOW ? first + max : ZS_SPREAD_WINDOW) : max;
  if (partial)
    opts.nfacets = 0; /* facets count the full matches */
  int rc = zs_search(results, s->idx->db, q, &opts);
  size_t *order = NULL;
  if (rc == ZS_OK && spreading)
    rc = spread(*results, params->spread_per_doc, ZS_SPREAD_WINDOW, first + max, &order);
  if (rc == ZS_OK) {
    size_t n = zs_results_size(*results), from = spreading ? first : 0;
    size_t to = spreading ? (first + max < n ? first + max : n) : n;
    rc = collect_hits(s, *results, params->no_highlight ? NULL : plan, h, partial, order,
                      from < to ? from : to, to);
  }
  free(order);
  return rc;
}

/* The passages that hold only some of the free text's parts, after the full
 * matches: run when the page reaches past them (they are counted exactly). */
static int search_partial(zs_searcher *s, const zs_qplan *plan, const zs_search_params *params,
                          accept_ctx *a, zs_hits *h) {
  uint32_t full = h->total_upper, end = params->first + params->max;
  zs_results *results = NULL;
  uint32_t first = params->first > full ? params->first - full : 0;
  uint32_t max = end - (full > params->first ? full : params->first);
  int rc = run_list(s, plan, params, a, plan->partial, first, max, true, h, &results);
  if (rc == ZS_OK) {
    uint32_t lower, estimate, upper;
    zs_results_matches(results, &lower, &estimate, &upper);
    h->partial_total = estimate;
    h->partial_exact = lower == upper;
  }
  zs_results_free(results);
  return rc;
}

int zs_search_plan(zs_searcher *s, const zs_qplan *plan, const zs_search_params *params,
                   zs_hits **out) {
  *out = NULL;
  zs_results *results = NULL;
  zs_hits *h = calloc(1, sizeof *h);
  int rc = h && (h->priv = calloc(1, sizeof *h->priv))
               ? ZS_OK
               : zs_error_set(ZS_ENOMEM, _("out of memory"));
  accept_ctx a = {s, plan};
  if (rc == ZS_OK) {
    h->first = params->first;
    rc = run_list(s, plan, params, &a, plan->query, params->first, params->max, false, h, &results);
  }
  if (rc == ZS_OK)
    zs_results_matches(results, &h->total_lower, &h->total_estimate, &h->total_upper);
  if (rc == ZS_OK && params->facets)
    rc = collect_facets(s, results, h);
  zs_results_free(results);
  /* the partial matches follow the full ones, which must be counted exactly */
  if (rc == ZS_OK && plan->partial && !params->strict && !params->group_by_doc && params->max &&
      h->total_lower == h->total_upper && params->first + params->max > h->total_upper)
    rc = search_partial(s, plan, params, &a, h);
  if (rc) {
    zs_hits_free(h);
    return rc;
  }
  *out = h;
  return ZS_OK;
}

int zs_search_run(zs_searcher *s, const char *q, size_t len, const zs_search_params *params,
                  zs_hits **out) {
  *out = NULL;
  zs_qnode *tree = NULL;
  zs_qplan plan = {0};
  zs_qbuild_env env = zs_searcher_env(s);
  env.rank = params->rank;
  int rc = zs_qparse(&tree, q, len);
  if (rc == ZS_OK)
    rc = zs_qbuild(&plan, &env, tree);
  if (rc == ZS_OK)
    rc = zs_search_plan(s, &plan, params, out);
  zs_qplan_free(&plan);
  zs_qnode_free(tree);
  return rc;
}

void zs_hits_free(zs_hits *h) {
  if (!h)
    return;
  for (size_t i = 0; i < h->n; i++) {
    free(h->hit[i].spans);
    free(h->hit[i].copies);
    if (h->priv && h->priv->data)
      free(h->priv->data[i]);
  }
  for (size_t f = 0; f < h->nfacets; f++) {
    for (size_t i = 0; i < h->facets[f].n; i++)
      free(h->facets[f].value[i]);
    free(h->facets[f].value);
    free(h->facets[f].count);
  }
  if (h->priv)
    free(h->priv->data);
  free(h->priv);
  free(h->hit);
  free(h);
}
