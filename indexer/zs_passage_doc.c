/* zs_passage_doc: the index side of the analysis contract: every term the query
 * side may look for is written here, with the prefixes of zs_analyze.h. */
#include "zs_passage_doc.h"

#include "zs_docfields.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_catalog.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_format.h"
#include "zs_record.h"
#include "zs_schema.h"

/* Collects terms of one analysed text into a document. */
typedef struct term_sink {
  zs_doc *doc;
  const char *word_prefix; /* "" for passage text, "H"/"T" for heading/title */
  char buf[ZS_MAX_WORD_BYTES + 16];
} term_sink;

static int add_prefixed(term_sink *s, const char *prefix, const zs_term *t) {
  size_t pl = strlen(prefix);
  if (pl + t->len > sizeof s->buf)
    return ZS_OK; /* longer than any term worth searching */
  memcpy(s->buf, prefix, pl);
  memcpy(s->buf + pl, t->text, t->len);
  return zs_doc_add_term(s->doc, s->buf, pl + t->len, 1);
}

/* Positions are not stored: they would cost more than the rest of the index
 * together; exact strings are verified on the stored text instead (zs_verify). */
static int sink_term(void *ctx, const zs_term *t) {
  term_sink *s = ctx;
  switch (t->kind) {
  case ZS_TERM_WORD:
  case ZS_TERM_SUBWORD:
    /* one-character words are found through their bigrams */
    if (zs_utf8_count(t->text, t->len) < 2)
      return ZS_OK;
    return add_prefixed(s, s->word_prefix, t);
  case ZS_TERM_BIGRAM: return add_prefixed(s, ZS_PREFIX_BIGRAM, t);
  default: return ZS_OK;
  }
}

static int add_text_terms(zs_analyzer *a, zs_doc *doc, const char *prefix, const char *folded,
                          size_t len, unsigned flags) {
  term_sink sink = {.doc = doc, .word_prefix = prefix};
  return zs_analyze(a, folded, len, flags, sink_term, &sink);
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
  for (size_t i = 0; i < p->nheadings; i++) {
    char *folded;
    size_t len;
    int rc = zs_fold_string_ex(&folded, &len, p->headings[i].text, p->headings[i].len,
                               ctx->fold_flags);
    if (rc)
      return rc;
    rc = add_text_terms(ctx->analyzer, doc, ZS_PREFIX_HEADING, folded, len,
                        ZS_ANALYZE_WORDS | ZS_ANALYZE_SUBWORDS);
    free(folded);
    if (rc)
      return rc;
  }
  return ZS_OK;
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
    return zs_error_set(ZS_ENOMEM, "out of memory");
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
                      uint32_t passage_no) {
  char *heads = NULL, *rec = NULL;
  size_t heads_len = 0, rec_len = 0;
  int rc = join_headings(p, &heads, &heads_len);
  if (rc)
    return rc;
  zs_passage_record r = {.file_id = ctx->file_id,
                         .passage_no = passage_no,
                         .line_first = p->line_first,
                         .line_last = p->line_last,
                         .page = zs_page_of_line(ctx->page_lines, ctx->npages, p->line_first),
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

int zs_passage_doc_add(zs_passage_doc_ctx *ctx, zs_db *db, const zs_passage *p,
                       uint32_t passage_no) {
  zs_doc *doc = NULL;
  char *folded = NULL;
  size_t folded_len;
  char fterm[ZS_FILE_TERM_SIZE];
  int n = zs_file_key_term(fterm, sizeof fterm, ctx->path, strlen(ctx->path));
  int rc = zs_doc_new(&doc);
  if (rc == ZS_OK)
    rc = zs_fold_string_ex(&folded, &folded_len, p->text, p->len, ctx->fold_flags);
  if (rc == ZS_OK)
    rc = add_text_terms(ctx->analyzer, doc, "", folded, folded_len, ZS_ANALYZE_INDEX);
  if (rc == ZS_OK)
    rc = add_heading_terms(ctx, doc, p);
  if (rc == ZS_OK && ctx->meta)
    rc = add_meta_terms(ctx->meta, doc);
  if (rc == ZS_OK)
    rc = zs_doc_add_boolean_term(doc, fterm, (size_t)n);
  char docno[128];
  if (rc == ZS_OK && (p->kind == ZS_BLOCK_TITLE ||
                      (p->len < 120 && zs_docno_line(p->text, p->len, docno, sizeof docno))))
    rc = zs_doc_add_term(doc, ZS_TERM_FRONT, strlen(ZS_TERM_FRONT), 1);
  char vterm[32];
  int vn = zs_catalog_version_term(vterm, sizeof vterm, ctx->file_id, ctx->version);
  if (rc == ZS_OK)
    rc = vn < 0 ? vn : zs_doc_add_boolean_term(doc, vterm, (size_t)vn);
  if (rc == ZS_OK)
    rc = set_record(ctx, doc, p, passage_no);
  if (rc == ZS_OK)
    rc = zs_db_add(db, doc, NULL);
  free(folded);
  zs_doc_free(doc);
  return rc;
}
