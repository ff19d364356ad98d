/* zs_sidecar: the optional metadata file beside the reports (zhsearch-meta.tsv):
 * one line per file, overriding the title, organisation, province, year or type
 * that zhindex would otherwise find in the text. */
#ifndef ZS_SIDECAR_H
#define ZS_SIDECAR_H

#include <stdbool.h>
#include <stddef.h>

#include "zs_docmeta.h"

#define ZS_SIDECAR_NAME "zhsearch-meta.tsv"

/* Which fields an entry sets. */
enum {
  ZS_SIDE_TITLE = 1,
  ZS_SIDE_ORG = 2,
  ZS_SIDE_PROVINCE = 4,
  ZS_SIDE_YEAR = 8,
  ZS_SIDE_TYPE = 16,
  ZS_SIDE_DOCNO = 32,
  ZS_SIDE_DATE = 64,
};

typedef struct zs_sidecar_entry {
  char *name;   /* file name, as in the folder */
  unsigned set; /* ZS_SIDE_* bits */
  char title[512];
  zs_docmeta meta;
} zs_sidecar_entry;

typedef struct zs_sidecar zs_sidecar;

/* Called for each cell that cannot be used, with its line and the reason. */
typedef void (*zs_sidecar_error_fn)(void *ctx, const char *sidecar, size_t line,
                                    const char *problem);

/* Reads the sidecar of folder dir (dir/zhsearch-meta.tsv; none is an empty
 * sidecar). Bad cells are reported through on_error (may be NULL) and skipped.
 * Caller frees *out with zs_sidecar_free. */
int zs_sidecar_load(zs_sidecar **out, const char *dir, zs_sidecar_error_fn on_error, void *ctx);
void zs_sidecar_free(zs_sidecar *sc);

/* The folder the sidecar belongs to; borrowed. */
const char *zs_sidecar_dir(const zs_sidecar *sc);

/* The entry of file name `name`, or NULL; borrowed from sc. */
const zs_sidecar_entry *zs_sidecar_find(const zs_sidecar *sc, const char *name);

/* Applies the fields e sets to meta and *title (a buffer of title_size). */
void zs_sidecar_apply(const zs_sidecar_entry *e, zs_docmeta *meta, char *title, size_t title_size);

#endif
