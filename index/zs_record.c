/* zs_record: a one-line decimal header followed by the raw strings, so records
 * stay readable in xapian-delve and need no escaping of passage text. */
#include "zs_record.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_hash.h"
#include "zs_i18n.h"
#include "zs_schema.h"

#define PASSAGE_MAGIC "zsp2"
#define PASSAGE_MAGIC_V1 "zsp1" /* without the page: still read, as page 0 */
#define FILE_MAGIC "zsf4"
#define FILE_STRINGS 8

typedef struct part {
  const char *s;
  size_t len;
} part;

/* Joins a printf header and byte strings into one malloc'd buffer; with
 * `terminate`, each string is followed by a NUL so decoded pointers are C strings. */
static int join_parts(char **out, size_t *out_len, const char *header, int header_len,
                      const part *parts, size_t n, bool terminate) {
  *out = NULL;
  *out_len = 0;
  if (header_len < 0)
    return zs_error_set(ZS_EINVAL, "record header does not fit");
  size_t total = (size_t)header_len;
  for (size_t i = 0; i < n; i++)
    total += parts[i].len + (terminate ? 1 : 0);
  char *buf = calloc(total + 1, 1);
  if (!buf)
    return zs_error_set(ZS_ENOMEM, "out of memory encoding a record of %zu bytes", total);
  memcpy(buf, header, (size_t)header_len);
  size_t at = (size_t)header_len;
  for (size_t i = 0; i < n; i++) {
    if (parts[i].len)
      memcpy(buf + at, parts[i].s, parts[i].len);
    at += parts[i].len + (terminate ? 1 : 0);
  }
  *out = buf;
  *out_len = total;
  return ZS_OK;
}

/* The passage header line without its '\n' (version 1, without the page,
 * is only read). */
static int passage_header(char *buf, size_t size, const zs_passage_record *r) {
  int n =
      snprintf(buf, size,
               PASSAGE_MAGIC " %" PRIu32 " %" PRIu32 " %" PRIu32 " %" PRIu32 " %" PRIu32 " %zu %zu",
               r->file_id, r->passage_no, r->line_first, r->line_last, r->page, r->headings_len,
               r->text_len);
  return n >= (int)size - 1 ? -1 : n;
}

int zs_passage_record_encode(char **out, size_t *out_len, const zs_passage_record *r) {
  char header[128];
  int n = passage_header(header, sizeof header, r);
  if (n >= 0)
    header[n++] = '\n';
  part parts[2] = {{r->headings, r->headings_len}, {r->text, r->text_len}};
  return join_parts(out, out_len, header, n, parts, 2, false);
}

int zs_file_record_encode(char **out, size_t *out_len, const zs_file_record *r) {
  part parts[FILE_STRINGS] = {
      {r->path, r->path_len},
      {r->title, r->title_len},
      {r->org ? r->org : "", r->org ? strlen(r->org) : 0},
      {r->province ? r->province : "", r->province ? strlen(r->province) : 0},
      {r->type ? r->type : "", r->type ? strlen(r->type) : 0},
      {r->docno ? r->docno : "", r->docno ? strlen(r->docno) : 0},
      {r->date ? r->date : "", r->date ? strlen(r->date) : 0},
      {r->sig ? r->sig : "", r->sig ? strlen(r->sig) : 0}};
  char header[256];
  int n = snprintf(header, sizeof header,
                   FILE_MAGIC " %" PRIu32 " %" PRIu64 " %" PRId64 " %" PRIu32 " %" PRIu32
                              " %016" PRIx64 " %d %zu %zu %zu %zu %zu %zu %zu %zu\n",
                   r->file_id, r->size, r->mtime, r->passages, r->version, r->hash, r->year,
                   parts[0].len, parts[1].len, parts[2].len, parts[3].len, parts[4].len,
                   parts[5].len, parts[6].len, parts[7].len);
  if (n >= (int)sizeof header)
    n = -1;
  return join_parts(out, out_len, header, n, parts, FILE_STRINGS, true);
}

/* Splits data into the header line (NUL-terminated copy in hdr) and the body. */
static int split_header(const char *data, size_t len, const char *magic, char *hdr, size_t hdr_size,
                        const char **body, size_t *body_len) {
  const char *nl = data ? memchr(data, '\n', len < hdr_size ? len : hdr_size) : NULL;
  if (!nl || len < 5 || memcmp(data, magic, 4) != 0 || data[4] != ' ')
    return zs_error_set(ZS_ECORRUPT, _("stored record is damaged (no %s header)"), magic);
  size_t hl = (size_t)(nl - data);
  memcpy(hdr, data, hl);
  hdr[hl] = '\0';
  *body = nl + 1;
  *body_len = len - hl - 1;
  return ZS_OK;
}

/* Reads the decimal number at *at (digits only, no leading zero unless it is
 * 0, at most max) and the separator after it (' ', or the end for the last):
 * exactly as passage_header writes it. By hand because sscanf, with the
 * header written again to compare, took a tenth of a quoted string's check. */
static bool header_number(const char **at, const char *end, uint64_t max, bool last,
                          uint64_t *out) {
  const char *p = *at;
  if (p == end || *p < '0' || *p > '9' || (*p == '0' && p + 1 < end && p[1] != ' '))
    return false;
  uint64_t v = 0;
  for (; p < end && *p >= '0' && *p <= '9'; p++) {
    if (v > (max - (uint64_t)(*p - '0')) / 10)
      return false;
    v = v * 10 + (uint64_t)(*p - '0');
  }
  if (last ? p != end : (p == end || *p != ' '))
    return false;
  *at = last ? p : p + 1;
  *out = v;
  return true;
}

int zs_passage_record_decode(zs_passage_record *r, const char *data, size_t len) {
  memset(r, 0, sizeof *r);
  bool v1 = data && len >= 4 && memcmp(data, PASSAGE_MAGIC_V1, 4) == 0;
  const char *magic = v1 ? PASSAGE_MAGIC_V1 : PASSAGE_MAGIC;
  const char *nl = data ? memchr(data, '\n', len < 128 ? len : 128) : NULL;
  if (!nl || len < 5 || memcmp(data, magic, 4) != 0 || data[4] != ' ')
    return zs_error_set(ZS_ECORRUPT, _("stored record is damaged (no %s header)"), magic);
  size_t nfields = v1 ? 6 : 7;
  uint64_t f[7] = {0};
  const char *at = data + 5;
  bool ok = true;
  for (size_t i = 0; ok && i < nfields; i++)
    ok = header_number(&at, nl, i + 2 < nfields ? UINT32_MAX : SIZE_MAX, i + 1 == nfields, &f[i]);
  const char *body = nl + 1;
  size_t body_len = len - (size_t)(body - data);
  uint64_t hl = f[nfields - 2], tl = f[nfields - 1];
  if (!ok || hl > body_len || tl != body_len - hl) {
    memset(r, 0, sizeof *r);
    return zs_error_set(ZS_ECORRUPT, "stored passage record is damaged (bad header or lengths)");
  }
  r->file_id = (uint32_t)f[0];
  r->passage_no = (uint32_t)f[1];
  r->line_first = (uint32_t)f[2];
  r->line_last = (uint32_t)f[3];
  r->page = v1 ? 0 : (uint32_t)f[4];
  r->headings_len = (size_t)hl;
  r->text_len = (size_t)tl;
  r->headings = body;
  r->text = body + hl;
  return ZS_OK;
}

int zs_file_record_decode(zs_file_record *r, const char *data, size_t len) {
  char hdr[256];
  const char *body = NULL; /* set by split_header (gcc cannot tell once it is inlined) */
  size_t body_len = 0;
  memset(r, 0, sizeof *r);
  int rc = split_header(data, len, FILE_MAGIC, hdr, sizeof hdr, &body, &body_len);
  if (rc)
    return rc;
  size_t lens[FILE_STRINGS];
  if (sscanf(hdr + 5,
             "%" SCNu32 " %" SCNu64 " %" SCNd64 " %" SCNu32 " %" SCNu32 " %" SCNx64
             " %d %zu %zu %zu %zu %zu %zu %zu %zu",
             &r->file_id, &r->size, &r->mtime, &r->passages, &r->version, &r->hash, &r->year,
             &lens[0], &lens[1], &lens[2], &lens[3], &lens[4], &lens[5], &lens[6], &lens[7]) != 15)
    return zs_error_set(ZS_ECORRUPT, "stored file record is damaged (bad header)");
  const char *strings[FILE_STRINGS];
  size_t at = 0;
  for (size_t i = 0; i < FILE_STRINGS; i++) {
    if (lens[i] >= body_len - at || body[at + lens[i]] != '\0')
      return zs_error_set(ZS_ECORRUPT, "stored file record is damaged (bad lengths)");
    strings[i] = body + at;
    at += lens[i] + 1;
  }
  if (at != body_len)
    return zs_error_set(ZS_ECORRUPT, "stored file record is damaged (bad lengths)");
  r->path = strings[0];
  r->path_len = lens[0];
  r->title = strings[1];
  r->title_len = lens[1];
  r->org = strings[2];
  r->province = strings[3];
  r->type = strings[4];
  r->docno = strings[5];
  r->date = strings[6];
  r->sig = strings[7];
  return ZS_OK;
}

void zs_passage_record_nearest_heading(const zs_passage_record *r, const char **h, size_t *len) {
  *h = r->headings;
  *len = 0;
  if (r->headings_len == 0)
    return;
  /* headings end with '\n': the last one starts after the previous '\n' */
  size_t end = r->headings_len - 1;
  size_t start = end;
  while (start > 0 && r->headings[start - 1] != '\n')
    start--;
  *h = r->headings + start;
  *len = end - start;
}

void zs_file_key_value(unsigned char out[ZS_FILE_KEY_SIZE], const char *path, size_t len) {
  uint64_t h = zs_fnv64(path, len);
  for (int i = ZS_FILE_KEY_SIZE - 1; i >= 0; i--, h >>= 8)
    out[i] = (unsigned char)h;
}

static uint64_t key_hash(const unsigned char *value) {
  uint64_t h = 0;
  for (int i = 0; i < ZS_FILE_KEY_SIZE; i++)
    h = h << 8 | value[i];
  return h;
}

int zs_file_key_value_term(char *buf, size_t size, const unsigned char *value) {
  if (size < ZS_FILE_TERM_SIZE)
    return zs_error_set(ZS_ETOOBIG, "zs_file_key_value_term: buffer too small");
  return snprintf(buf, size, ZS_PREFIX_FILE "%016" PRIx64, key_hash(value));
}

void zs_file_record_key(char *buf, size_t size, uint32_t id) {
  snprintf(buf, size, ZS_META_FILE_PREFIX "%" PRIu32, id);
}

void zs_path_key_of_value(char *buf, size_t size, const unsigned char *value) {
  snprintf(buf, size, ZS_META_PATH_PREFIX "%016" PRIx64, key_hash(value));
}

void zs_path_key(char *buf, size_t size, const char *path, size_t len) {
  unsigned char key[ZS_FILE_KEY_SIZE];
  zs_file_key_value(key, path, len);
  zs_path_key_of_value(buf, size, key);
}

int zs_file_key_term(char *buf, size_t size, const char *path, size_t len) {
  unsigned char key[ZS_FILE_KEY_SIZE];
  zs_file_key_value(key, path, len);
  return zs_file_key_value_term(buf, size, key);
}
