/* zs_docmeta: what a report says about itself: issuing organisation, province,
 * the year it belongs to and its type, found in its title and text. */
#ifndef ZS_DOCMETA_H
#define ZS_DOCMETA_H

#include <stddef.h>

#include "zs_clean.h"

#define ZS_META_FIELD_MAX 128

typedef struct zs_docmeta {
  char org[ZS_META_FIELD_MAX];      /* "贵州省计划生育协会", or "" */
  char province[ZS_META_FIELD_MAX]; /* short name: "贵州", or "" */
  int year;                         /* the document's own year, or 0 */
  char type[ZS_META_FIELD_MAX];     /* one of zs_docmeta_types(), or "" */
} zs_docmeta;

/* Finds the metadata of a cleaned document (see the README for the rules). */
void zs_docmeta_detect(zs_docmeta *out, const zs_doc_text *d);

/* The short name of the province s[0..len) names ("湖南省", "湖南" → "湖南";
 * "广西壮族自治区" → "广西"), or NULL. Static storage. */
const char *zs_docmeta_province(const char *s, size_t len);

/* The document type s[0..len) names, accepting short forms ("要点" →
 * "工作要点", "回眸" → "工作综述"), or NULL. Static storage. */
const char *zs_docmeta_type(const char *s, size_t len);

/* All province short names / all types, NULL-terminated, for messages. */
const char *const *zs_docmeta_provinces(void);
const char *const *zs_docmeta_types(void);

#endif
