/* zs_worker: a bad file fails alone (its job records why); a failing database
 * stops the worker, since every later file would fail the same way. */
#include "zs_worker.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "zs_analyze.h"
#include "zs_catalog.h"
#include "zs_clean.h"
#include "zs_error.h"
#include "zs_format.h"
#include "zs_hash.h"
#include "zs_i18n.h"
#include "zs_ingest.h"
#include "zs_passage.h"
#include "zs_passage_doc.h"

typedef struct file_ctx {
  zs_worker *w;
  zs_passage_doc_ctx doc;
  uint32_t count;
  zs_sig_builder sig;
  size_t chars; /* visible characters of the passages written */
} file_ctx;

/* Characters that are not blanks (ASCII whitespace, U+3000): what a passage
 * must hold of its block, whatever the spaces its clean-up kept or removed. */
static size_t visible_chars(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c & 0xC0) == 0x80 || c == ' ' || c == '\t' || c == '\n' || c == '\r')
      continue;
    if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x80)
      continue; /* U+3000 */
    n++;
  }
  return n;
}

static int add_passage(void *ctx, const zs_passage *p) {
  file_ctx *f = ctx;
  f->chars += visible_chars(p->text, p->len);
  zs_sig_add(&f->sig, p->text, p->len);
  int rc = zs_passage_doc_add(&f->doc, f->w->db, p, f->count);
  if (rc == ZS_OK)
    f->count++;
  return rc;
}

static bool db_failure(int rc) {
  return rc == ZS_ENOMEM || rc == ZS_EXAPIAN || rc == ZS_ECORRUPT || rc == ZS_ELOCKED ||
         rc == ZS_EIO || rc == ZS_ENOSPACE || rc == ZS_EREADONLY;
}

/* Adds a note on text of job that could not be indexed (notes joined by "; "). */
__attribute__((format(printf, 2, 3))) static void note_lost(zs_file_job *job, const char *fmt,
                                                            ...) {
  size_t at = strlen(job->lost);
  if (at && at + 2 < sizeof job->lost)
    at += (size_t)snprintf(job->lost + at, sizeof job->lost - at, "; ");
  va_list ap;
  va_start(ap, fmt);
  if (at < sizeof job->lost)
    vsnprintf(job->lost + at, sizeof job->lost - at, fmt, ap);
  va_end(ap);
}

/* Writes the passages of one cleaned file into w->db, as its new version
 * (the old version's passages are removed when the run settles). */
static int write_file(zs_worker *w, zs_analyzer *a, zs_file_job *job, const zs_doc_text *dt,
                      const zs_extracted *doc) {
  char vterm[32];
  int n = zs_catalog_version_term(vterm, sizeof vterm, job->file_id, job->version);
  if (n < 0)
    return n;
  file_ctx f = {.w = w};
  zs_sig_init(&f.sig);
  zs_passage_doc_begin(&f.doc, a, job->file_id, job->path, job->version, &job->meta, w->fold_flags);
  f.doc.page_lines = doc->page_lines;
  f.doc.npages = doc->npages;
  int rc = zs_passages(dt, add_passage, &f);
  if (rc && f.count) /* no half files: drop what was written */
    zs_db_delete_term(w->db, vterm, (size_t)n);
  job->passages = f.count;
  zs_sig_hex(&f.sig, job->sig);
  /* every character of the cleaned text belongs to a passage; one that does
   * not is text lost, said rather than silently missing from searches */
  size_t want = 0;
  for (size_t b = 0; b < dt->nblocks; b++) {
    const zs_block *bl = &dt->blocks[b];
    want += bl->flat ? visible_chars(bl->flat, bl->flat_len) : visible_chars(bl->text, bl->len);
  }
  if (rc == ZS_OK && f.chars < want)
    note_lost(job, "%zu of %zu characters of its text are in no passage", want - f.chars, want);
  return rc;
}

/* The title and metadata of the file: what the file says of itself, found in
 * the text, then the sidecar's. */
static int describe_file(zs_file_job *job, const zs_doc_text *dt, const zs_doc_props *props) {
  char title[512];
  zs_docmeta_hints hints = {props->title, props->org, props->docno, props->date};
  zs_docmeta_detect(&job->meta, dt, &hints);
  snprintf(title, sizeof title, "%s", job->meta.title);
  if (job->has_side)
    zs_sidecar_apply(&job->side, &job->meta, title, sizeof title);
  if (!(job->title = strdup(title)))
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  return ZS_OK;
}

/* A document (HTML, PDF, DOCX) through its reader: the text moves to *text,
 * the page map stays in *doc. */
static int read_document(const char *path, zs_extracted *doc, char **text, size_t *len) {
  int rc = zs_format_read(zs_format_of(path), path, doc);
  *text = doc->text;
  *len = doc->len;
  doc->text = NULL;
  return rc;
}

static void run_job(zs_worker *w, zs_analyzer *a, zs_file_job *job) {
  char *text = NULL;
  size_t len = 0;
  zs_doc_text dt = {0};
  zs_extracted doc = {0}; /* pages of a paged document */
  zs_ingest_info info = {0};
  job->lost[0] = '\0';
  int rc = !zs_format_is_plain(zs_format_of(job->path))
               ? read_document(job->path, &doc, &text, &len)
               : zs_ingest_read(&text, &len, &info, job->path, &w->queue->ingest);
  if (rc == ZS_OK && doc.lost[0])
    note_lost(job, "%s", doc.lost);
  if (rc == ZS_OK && info.replaced)
    note_lost(job, "%zu invalid byte sequence%s replaced by U+FFFD (--lossy)", info.replaced,
              info.replaced == 1 ? "" : "s");
  if (rc == ZS_OK) {
    job->hash = zs_fnv64(text, len);
    if (job->old_version && job->hash == job->old_hash) { /* touched, not changed */
      job->state = ZS_JOB_SAME;
      free(text);
      zs_extracted_free(&doc);
      return;
    }
    rc = zs_clean_document(&dt, text, len);
    if (rc == ZS_OK && dt.nblocks == 0) /* said, not indexed as nothing */
      rc = zs_error_set(ZS_EEMPTY, _("no text left after clean-up (the file holds only page "
                                     "controls, navigation, page numbers or blank lines)"));
  }
  free(text); /* the cleaned blocks are copies: one file less in memory per worker */
  text = NULL;
  if (rc == ZS_OK)
    rc = describe_file(job, &dt, &doc.props);
  bool written = false;
  if (rc == ZS_OK) {
    rc = write_file(w, a, job, &dt, &doc);
    written = true;
  }
  job->rc = rc;
  job->state = rc ? ZS_JOB_FAILED : ZS_JOB_DONE;
  if (rc)
    snprintf(job->error, sizeof job->error, "%s", zs_error_last());
  if (rc && written && db_failure(rc)) { /* the index failed, not this file */
    w->rc = rc;
    snprintf(w->error, sizeof w->error, "%s", zs_error_last());
  }
  zs_doc_text_free(&dt);
  zs_extracted_free(&doc);
  free(text);
}

double zs_worker_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static zs_file_job *next_job(zs_job_queue *q) {
  pthread_mutex_lock(&q->mu);
  zs_file_job *job = NULL;
  bool late = q->deadline > 0 && q->next > q->round_first && zs_worker_now() >= q->deadline;
  if (q->next < q->n && !late && !(q->stop && *q->stop)) {
    job = &q->jobs[q->next++];
    q->taken_bytes += job->size;
    if (q->progress)
      q->progress(q->progress_ctx, q->next, q->total_files, q->taken_bytes, q->total_bytes);
  }
  pthread_mutex_unlock(&q->mu);
  return job;
}

int zs_worker_run(zs_worker *w) {
  zs_analyzer *a = NULL;
  w->rc = zs_analyzer_new(&a, w->lexicon);
  if (w->rc)
    snprintf(w->error, sizeof w->error, "%s", zs_error_last());
  zs_file_job *job;
  while (w->rc == ZS_OK && (!w->budget || w->taken < w->budget) &&
         (job = next_job(w->queue)) != NULL) {
    w->taken += job->size;
    run_job(w, a, job);
  }
  zs_analyzer_free(a);
  return w->rc;
}

void *zs_worker_thread(void *w) {
  zs_worker_run(w);
  return NULL;
}
