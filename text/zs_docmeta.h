/* zs_docmeta: what a document says about itself: title, issuing body,
 * document number, date, province, year and type, from its text and its file. */
#ifndef ZS_DOCMETA_H
#define ZS_DOCMETA_H

#include <stddef.h>

#include "zs_clean.h"

#define ZS_META_FIELD_MAX 128

typedef struct zs_docmeta {
  char title[512];             /* 标题, or "" */
  char org[ZS_META_FIELD_MAX]; /* 发文机关 "贵州省计划生育协会" (joint: "A、B"), or "" */
  char docno[ZS_META_FIELD_MAX];    /* 发文字号 "国办发〔2019〕6号", or "" */
  char date[11];                    /* 成文日期 "2019-01-22", or "" */
  char province[ZS_META_FIELD_MAX]; /* short name: "贵州"; "全国" for a national body; or "" */
  int year;                         /* the document's own year, or 0 */
  char type[ZS_META_FIELD_MAX];     /* one of zs_docmeta_types(), or "" */
} zs_docmeta;

/* What the file says of itself outside its text (zs_format's zs_doc_props:
 * an HTML metadata table, DOCX or PDF properties), raw; NULL or "" = nothing. */
typedef struct zs_docmeta_hints {
  const char *title, *org, *docno, *date;
} zs_docmeta_hints;

/* Finds the metadata of a cleaned document (see the README for the rules);
 * hints may be NULL. A field not found is left empty: never a guess. */
void zs_docmeta_detect(zs_docmeta *out, const zs_doc_text *d, const zs_docmeta_hints *hints);

/* The short name of the province s[0..len) names ("湖南省", "湖南" → "湖南";
 * "广西壮族自治区" → "广西"; "全国", "国家" → "全国"), or NULL. Static storage. */
const char *zs_docmeta_province(const char *s, size_t len);

/* The document type s[0..len) names, accepting short forms ("要点" →
 * "工作要点", "回眸" → "工作综述"), or NULL. Static storage. */
const char *zs_docmeta_type(const char *s, size_t len);

/* All province short names / all types, NULL-terminated, for messages
 * (static: never freed). */
const char *const *zs_docmeta_provinces(void);
const char *const *zs_docmeta_types(void);

#endif
