/* zs_catalog: records live in Xapian metadata, so that they change in the same
 * commit as the passages they describe; the path key is a hash of the path
 * (keys are short), always checked against the record's own path. */
#include "zs_catalog.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_schema.h"

static int read_record(zs_db *db, uint32_t id, bool *found, zs_catalog_entry *e) {
  char key[32];
  size_t len = 0;
  zs_file_record_key(key, sizeof key, id);
  int rc = zs_db_get_metadata(db, key, &e->bytes, &len);
  *found = rc == ZS_OK && e->bytes;
  if (*found)
    rc = zs_file_record_decode(&e->rec, e->bytes, len);
  return rc;
}

int zs_catalog_find(zs_db *db, const char *path, bool *found, zs_catalog_entry *e) {
  char key[64], *id = NULL;
  size_t len = 0;
  memset(e, 0, sizeof *e);
  *found = false;
  zs_path_key(key, sizeof key, path, strlen(path));
  int rc = zs_db_get_metadata(db, key, &id, &len);
  if (rc == ZS_OK && id)
    rc = read_record(db, (uint32_t)strtoul(id, NULL, 10), found, e);
  free(id);
  if (rc == ZS_OK && *found && strcmp(e->rec.path, path) != 0)
    *found = false; /* another path with the same hash: treated as a new file */
  if (!*found)
    zs_catalog_entry_free(e);
  return rc;
}

int zs_catalog_get(zs_db *db, uint32_t id, bool *found, zs_catalog_entry *e) {
  memset(e, 0, sizeof *e);
  int rc = read_record(db, id, found, e);
  if (rc != ZS_OK)
    *found = false;
  if (!*found)
    zs_catalog_entry_free(e);
  return rc;
}

void zs_catalog_entry_free(zs_catalog_entry *e) {
  free(e->bytes);
  memset(e, 0, sizeof *e);
}

int zs_catalog_store(zs_db *db, const zs_file_record *rec) {
  char key[64], *buf = NULL, id[16];
  size_t len = 0;
  zs_file_record_key(key, sizeof key, rec->file_id);
  int rc = zs_file_record_encode(&buf, &len, rec);
  if (rc == ZS_OK)
    rc = zs_db_set_metadata(db, key, buf, len);
  free(buf);
  zs_path_key(key, sizeof key, rec->path, strlen(rec->path));
  int n = snprintf(id, sizeof id, "%" PRIu32, rec->file_id);
  return rc ? rc : zs_db_set_metadata(db, key, id, (size_t)n);
}

int zs_catalog_remove(zs_db *db, const zs_file_record *rec) {
  char term[ZS_FILE_TERM_SIZE], key[64];
  int n = zs_file_key_term(term, sizeof term, rec->path, rec->path_len);
  int rc = zs_db_delete_term(db, term, (size_t)n);
  zs_file_record_key(key, sizeof key, rec->file_id);
  if (rc == ZS_OK) /* Xapian removes a key set to an empty value */
    rc = zs_db_set_metadata(db, key, "", 0);
  zs_path_key(key, sizeof key, rec->path, strlen(rec->path));
  return rc ? rc : zs_db_set_metadata(db, key, "", 0);
}

typedef struct each_ctx {
  zs_db *db;
  zs_catalog_fn fn;
  void *ctx;
} each_ctx;

static int visit_key(void *ctx, const char *key, size_t len) {
  each_ctx *c = ctx;
  size_t pl = strlen(ZS_META_FILE_PREFIX);
  char id[16];
  if (len <= pl || len - pl >= sizeof id)
    return 0;
  memcpy(id, key + pl, len - pl);
  id[len - pl] = '\0';
  zs_catalog_entry e = {0};
  bool found;
  int rc = read_record(c->db, (uint32_t)strtoul(id, NULL, 10), &found, &e);
  if (rc == ZS_ECORRUPT) /* one damaged record must not stop the walk over the others */
    rc = ZS_OK;
  else if (rc == ZS_OK && found)
    rc = c->fn(c->ctx, &e.rec);
  zs_catalog_entry_free(&e);
  return rc;
}

int zs_catalog_each(zs_db *db, zs_catalog_fn fn, void *ctx) {
  each_ctx c = {db, fn, ctx};
  return zs_db_metadata_keys(db, ZS_META_FILE_PREFIX, visit_key, &c);
}

int zs_catalog_version_term(char *buf, size_t size, uint32_t id, uint32_t version) {
  int n = snprintf(buf, size, ZS_PREFIX_VERSION "%" PRIu32 ":%" PRIu32, id, version);
  return n > 0 && (size_t)n < size ? n : zs_error_set(ZS_ETOOBIG, "version term too long");
}
