/* zs_catalog: the index's record of its files (metadata "file:<id>" and
 * "path:<hash>" keys): what was indexed, in which version, and its removal. */
#ifndef ZS_CATALOG_H
#define ZS_CATALOG_H

#include <stdbool.h>
#include <stdint.h>

#include "zs_record.h"
#include "zs_xapian.h"

/* A decoded record with the buffer it borrows from. */
typedef struct zs_catalog_entry {
  zs_file_record rec;
  char *bytes;
} zs_catalog_entry;

/* The record of the file at absolute path, if the index has one: *found is
 * false when not. Free e with zs_catalog_entry_free. */
int zs_catalog_find(zs_db *db, const char *path, bool *found, zs_catalog_entry *e);
void zs_catalog_entry_free(zs_catalog_entry *e);

/* The record of file id, if the index has one (*found false when not);
 * ZS_ECORRUPT (and *found false) when it does not decode. */
int zs_catalog_get(zs_db *db, uint32_t id, bool *found, zs_catalog_entry *e);

/* Writes rec (and its path key). */
int zs_catalog_store(zs_db *db, const zs_file_record *rec);

/* Removes a file: its passages (all versions), its record and its path key. */
int zs_catalog_remove(zs_db *db, const zs_file_record *rec);

/* Calls fn for every record (in key order; a damaged one is skipped) until
 * fn returns non-zero. */
typedef int (*zs_catalog_fn)(void *ctx, const zs_file_record *rec);
int zs_catalog_each(zs_db *db, zs_catalog_fn fn, void *ctx);

/* The version term of a file's passages ("V<id>:<version>") into buf. */
int zs_catalog_version_term(char *buf, size_t size, uint32_t id, uint32_t version);

#endif
