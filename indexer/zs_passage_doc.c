/* zs_passage_doc: the index side of the analysis contract: the terms zs_terms
 * makes of a passage and its headings, written as they come. */
#include "zs_passage_doc.h"

#include "zs_docfields.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_catalog.h"
#include "zs_error.h"
#include "zs_format.h"
#include "zs_i18n.h"
#include "zs_record.h"
#include "zs_schema.h"

/* Positions are not stored: they would cost more than the rest of the index
 * together; exact strings are verified on the stored text instead (zs_verify). */
static int add_term(void *doc, const zs_index_term *t) {
  return zs_doc_add_term(doc, t->term, t->len, 1);
}

/* Every term of document text s[0..len) in field, as zs_terms makes it. */
static int add_text_terms(const zs_passage_doc_ctx *ctx, zs_doc *doc, zs_terms_field field,
                          const char *s, size_t len) {
  zs_terms_spec spec = {.side = ZS_TERMS_DOCUMENT,
                        .field = field,
                        .kinds = ZS_ANALYZE_INDEX,
                        .fold_flags = ctx->fold_flags};
  return zs_terms(ctx->analyzer, &spec, s, len, add_term, doc);
}

void zs_passage_doc_begin(zs_passage_doc_ctx *ctx, zs_analyzer *a, uint32_t file_id,
                          const char *path, uint32_t version, const zs_docmeta *meta,
                          unsigned fold_flags) {
  memset(ctx, 0, sizeof *ctx);
  ctx->analyzer = a;
  ctx->file_id = file_id;
  ctx->path = path;
  ctx->version = version;
  ctx->meta = meta;
  ctx->fold_flags = fold_flags;
}

/* Words of every heading above the passage, under the heading prefix: they
 * select the candidates of heading: queries. */
static int add_heading_terms(zs_passage_doc_ctx *ctx, zs_doc *doc, const zs_passage *p) {
  int rc = ZS_OK;
  for (size_t i = 0; rc == ZS_OK && i < p->nheadings; i++)
    rc = add_text_terms(ctx, doc, ZS_TERMS_HEADING, p->headings[i].text, p->headings[i].len);
  return rc;
}

/* A filter term and a facet value for one metadata field (none when empty). */
static int add_meta_field(zs_doc *doc, const char *prefix, unsigned slot, const char *value) {
  if (!value[0])
    return ZS_OK;
  char term[ZS_META_FIELD_MAX + 8];
  int n = snprintf(term, sizeof term, "%s%s", prefix, value);
  int rc = zs_doc_add_boolean_term(doc, term, (size_t)n);
  return rc ? rc : zs_doc_set_value(doc, slot, value, strlen(value));
}

static int add_meta_terms(const zs_docmeta *m, zs_doc *doc) {
  char year[16] = "";
  if (m->year)
    snprintf(year, sizeof year, "%04d", m->year);
  int rc = add_meta_field(doc, ZS_PREFIX_PROVINCE, ZS_SLOT_PROVINCE, m->province);
  if (rc == ZS_OK)
    rc = add_meta_field(doc, ZS_PREFIX_YEAR, ZS_SLOT_YEAR, year);
  if (rc == ZS_OK)
    rc = add_meta_field(doc, ZS_PREFIX_TYPE, ZS_SLOT_TYPE, m->type);
  if (rc == ZS_OK && m->org[0]) /* org: filters through the file records; this is for facets */
    rc = zs_doc_set_value(doc, ZS_SLOT_ORG, m->org, strlen(m->org));
  return rc;
}

/* Headings joined the way zs_passage_record stores them: each ended by '\n'. */
static int join_headings(const zs_passage *p, char **out, size_t *len) {
  size_t total = 0;
  for (size_t i = 0; i < p->nheadings; i++)
    total += p->headings[i].len + 1;
  char *buf = malloc(total + 1);
  if (!buf)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  size_t at = 0;
  for (size_t i = 0; i < p->nheadings; i++) {
    memcpy(buf + at, p->headings[i].text, p->headings[i].len);
    at += p->headings[i].len;
    buf[at++] = '\n';
  }
  buf[at] = '\0';
  *out = buf;
  *len = total;
  return ZS_OK;
}

static int set_record(zs_passage_doc_ctx *ctx, zs_doc *doc, const zs_passage *p,
                      uint32_t passage_no, uint32_t page) {
  char *heads = NULL, *rec = NULL;
  size_t heads_len = 0, rec_len = 0;
  int rc = join_headings(p, &heads, &heads_len);
  if (rc)
    return rc;
  zs_passage_record r = {.file_id = ctx->file_id,
                         .passage_no = passage_no,
                         .line_first = p->line_first,
                         .line_last = p->line_last,
                         .page = page,
                         .headings = heads,
                         .headings_len = heads_len,
                         .text = p->text,
                         .text_len = p->len};
  rc = zs_passage_record_encode(&rec, &rec_len, &r);
  free(heads);
  if (rc)
    return rc;
  rc = zs_doc_set_data(doc, rec, rec_len);
  free(rec);
  if (rc)
    return rc;
  unsigned char key[ZS_FILE_KEY_SIZE];
  zs_file_key_value(key, ctx->path, strlen(ctx->path));
  return zs_doc_set_value(doc, ZS_SLOT_FILE_KEY, (const char *)key, sizeof key);
}

/* The document of p; front: a title or a 文号 line (ZS_TERM_FRONT). */
static int add_doc(zs_passage_doc_ctx *ctx, zs_db *db, const zs_passage *p, uint32_t passage_no,
                   uint32_t page, bool front) {
  zs_doc *doc = NULL;
  char fterm[ZS_FILE_TERM_SIZE];
  int n = zs_file_key_term(fterm, sizeof fterm, ctx->path, strlen(ctx->path));
  int rc = zs_doc_new(&doc);
  if (rc == ZS_OK)
    rc = add_text_terms(ctx, doc, ZS_TERMS_BODY, p->text, p->len);
  if (rc == ZS_OK)
    rc = add_heading_terms(ctx, doc, p);
  if (rc == ZS_OK && ctx->meta)
    rc = add_meta_terms(ctx->meta, doc);
  if (rc == ZS_OK)
    rc = zs_doc_add_boolean_term(doc, fterm, (size_t)n);
  if (rc == ZS_OK && front)
    rc = zs_doc_add_term(doc, ZS_TERM_FRONT, strlen(ZS_TERM_FRONT), 1);
  char vterm[32];
  int vn = zs_catalog_version_term(vterm, sizeof vterm, ctx->file_id, ctx->version);
  if (rc == ZS_OK)
    rc = vn < 0 ? vn : zs_doc_add_boolean_term(doc, vterm, (size_t)vn);
  if (rc == ZS_OK)
    rc = set_record(ctx, doc, p, passage_no, page);
  if (rc == ZS_OK)
    rc = zs_db_add(db, doc, NULL);
  zs_doc_free(doc);
  return rc;
}

int zs_passage_doc_add(zs_passage_doc_ctx *ctx, zs_db *db, const zs_passage *p,
                       uint32_t passage_no) {
  char docno[128];
  bool front = p->kind == ZS_BLOCK_TITLE ||
               (p->len < 120 && zs_docno_line(p->text, p->len, docno, sizeof docno));
  return add_doc(ctx, db, p, passage_no,
                 zs_page_of_line(ctx->page_lines, ctx->npages, p->line_first), front);
}

int zs_passage_doc_add_record(zs_passage_doc_ctx *ctx, zs_db *db, const zs_passage_record *rec,
                              bool front) {
  zs_passage p = {.text = rec->text,
                  .len = rec->text_len,
                  .line_first = rec->line_first,
                  .line_last = rec->line_last,
                  .kind = front ? ZS_BLOCK_TITLE : ZS_BLOCK_BODY};
  for (size_t at = 0; at < rec->headings_len && p.nheadings < ZS_MAX_HEADING_DEPTH;) {
    const char *nl = memchr(rec->headings + at, '\n', rec->headings_len - at);
    size_t end = nl ? (size_t)(nl - rec->headings) : rec->headings_len;
    p.headings[p.nheadings].text = rec->headings + at;
    p.headings[p.nheadings++].len = end - at;
    at = end + 1;
  }
  return add_doc(ctx, db, &p, rec->passage_no, rec->page, front);
}
