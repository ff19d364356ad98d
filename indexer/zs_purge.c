/* zs_purge: a rewrite reads each live passage's record and builds its document
 * as zhindex first did (zs_passage_doc); only ZS_TERM_FRONT, which the record
 * does not hold, is read from src's posting list. */
#include "zs_purge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_catalog.h"
#include "zs_copies.h"
#include "zs_error.h"
#include "zs_grow.h"
#include "zs_i18n.h"
#include "zs_passage_doc.h"
#include "zs_record.h"
#include "zs_schema.h"

int zs_purge_due(zs_db *db, bool *due) {
  uint32_t dead = 0, all = 0;
  int rc = zs_db_dead_count(db, &dead, &all);
  *due = rc == ZS_OK && dead > 0 && dead >= all / 4;
  return rc;
}

typedef struct id_list {
  zs_docid *id;
  size_t n, cap;
} id_list;

static int add_id(void *ctx, zs_docid id, const char *data, size_t len) {
  (void)data;
  (void)len;
  id_list *l = ctx;
  if (zs_grow((void **)&l->id, &l->cap, l->n + 1, sizeof *l->id))
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  l->id[l->n++] = id;
  return ZS_OK;
}

typedef struct rewrite {
  zs_db *src, *dest;
  zs_analyzer *analyzer;
  unsigned fold_flags;
  id_list front; /* ids in src with ZS_TERM_FRONT, in order */
  size_t next_front;
  zs_catalog_entry file; /* the record of the file being rewritten */
  bool have_file;
  zs_docmeta meta;
  zs_passage_doc_ctx doc;
  const volatile sig_atomic_t *stop; /* Ctrl-C: a rewrite of a large index takes minutes */
} rewrite;

static void copy_field(char *dst, size_t size, const char *s) {
  snprintf(dst, size, "%s", s ? s : "");
}

/* Makes the file of id the current one; *found false when the index has no
 * record of it (a passage no search can show: left out). */
static int take_file(rewrite *w, uint32_t id, bool *found) {
  if (w->have_file && w->file.rec.file_id == id) {
    *found = true;
    return ZS_OK;
  }
  zs_catalog_entry_free(&w->file);
  w->have_file = false;
  int rc = zs_catalog_get(w->src, id, found, &w->file);
  if (rc == ZS_ECORRUPT) /* a damaged record: its passages cannot be shown, as if missing */
    return ZS_OK;
  if (rc != ZS_OK || !*found)
    return rc;
  w->have_file = true;
  const zs_file_record *f = &w->file.rec;
  memset(&w->meta, 0, sizeof w->meta);
  copy_field(w->meta.org, sizeof w->meta.org, f->org);
  copy_field(w->meta.province, sizeof w->meta.province, f->province);
  copy_field(w->meta.type, sizeof w->meta.type, f->type);
  copy_field(w->meta.docno, sizeof w->meta.docno, f->docno);
  copy_field(w->meta.date, sizeof w->meta.date, f->date);
  w->meta.year = f->year;
  zs_passage_doc_begin(&w->doc, w->analyzer, f->file_id, f->path, f->version, &w->meta,
                       w->fold_flags);
  return ZS_OK;
}

static int rewrite_one(void *ctx, zs_docid id, const char *data, size_t len) {
  rewrite *w = ctx;
  if (w->stop && *w->stop)
    return ZS_ESTOP;
  zs_passage_record rec;
  int rc = zs_passage_record_decode(&rec, data, len);
  if (rc != ZS_OK) /* one damaged record must not lose the others */
    return ZS_OK;
  bool found = false;
  rc = take_file(w, rec.file_id, &found);
  if (rc != ZS_OK || !found)
    return rc;
  while (w->next_front < w->front.n && w->front.id[w->next_front] < id)
    w->next_front++;
  bool front = w->next_front < w->front.n && w->front.id[w->next_front] == id;
  return zs_passage_doc_add_record(&w->doc, w->dest, &rec, front);
}

/* Every metadata key but the document sets, whose ids are src's. */
static int copy_key(void *ctx, const char *key, size_t len) {
  rewrite *w = ctx;
  if (len >= strlen(ZS_DOCSET_PREFIX) &&
      memcmp(key, ZS_DOCSET_PREFIX, strlen(ZS_DOCSET_PREFIX)) == 0)
    return ZS_OK;
  char *k = strndup(key, len), *value = NULL;
  size_t vlen = 0;
  int rc = k ? zs_db_get_metadata(w->src, k, &value, &vlen)
             : zs_error_set(ZS_ENOMEM, _("out of memory"));
  if (rc == ZS_OK && value)
    rc = zs_db_set_metadata(w->dest, k, value, vlen);
  free(value);
  free(k);
  return rc;
}

int zs_purge_rewrite(zs_db *src, zs_db *dest, zs_analyzer *a, unsigned fold_flags,
                     const volatile sig_atomic_t *stop) {
  rewrite w = {.src = src, .dest = dest, .analyzer = a, .fold_flags = fold_flags, .stop = stop};
  int rc = zs_db_each_doc(src, ZS_TERM_FRONT, strlen(ZS_TERM_FRONT), false, add_id, &w.front);
  if (rc == ZS_OK)
    rc = zs_db_each_doc(src, NULL, 0, true, rewrite_one, &w);
  if (rc == ZS_OK)
    rc = zs_db_metadata_keys(src, "", copy_key, &w);
  if (rc == ZS_OK)
    rc = zs_copies_update(dest);
  if (rc == ZS_OK)
    rc = zs_db_commit(dest);
  zs_catalog_entry_free(&w.file);
  free(w.front.id);
  return rc;
}
