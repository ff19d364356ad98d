/* zs_record: the bytes stored for each passage (Xapian document data) and for
 * each indexed file (database metadata), shared by zhindex and zhquery. */
#ifndef ZS_RECORD_H
#define ZS_RECORD_H

#include <stddef.h>
#include <stdint.h>

/* One passage. Decoded pointers borrow from the decoded buffer. */
typedef struct zs_passage_record {
  uint32_t file_id;
  uint32_t passage_no; /* 0-based order in its file */
  uint32_t line_first, line_last;
  uint32_t page;        /* page (1-based) of line_first in a paged document (PDF), 0 when none */
  const char *headings; /* headings outermost first, each ended by '\n' ("" when none) */
  size_t headings_len;
  const char *text; /* the passage as displayed (cleaned, not folded) */
  size_t text_len;
} zs_passage_record;

/* One indexed file and what it says about itself. Decoded strings are
 * NUL-terminated; encode takes NUL-terminated org, province, type, docno,
 * date and sig (NULL = ""). */
typedef struct zs_file_record {
  uint32_t file_id;
  uint64_t size;
  int64_t mtime; /* seconds since the epoch */
  uint32_t passages;
  uint32_t version; /* 1, then +1 each time the file's passages are replaced */
  uint64_t hash;    /* FNV-1a of the file's bytes, to tell a touched file from a changed one */
  int year;         /* the document's own year, 0 when unknown */
  const char *path; /* absolute */
  size_t path_len;
  const char *title;
  size_t title_len;
  const char *org;      /* issuing organisation, "" when unknown */
  const char *province; /* short province name, "" when unknown */
  const char *type;     /* document type, "" when unknown */
  const char *docno;    /* 发文字号 "国办发〔2019〕6号", "" when none */
  const char *date;     /* 成文日期 "2019-01-22", "" when unknown */
  const char *sig;      /* MinHash signature of its text (hex, indexer/zs_copies.h), or "" */
} zs_file_record;

/* A file's key, the same in every index or shard holding it: FNV-1a 64 of
 * its path. As a value (ZS_SLOT_FILE_KEY), 8 bytes big-endian; as a term,
 * ZS_PREFIX_FILE and 16 hex digits, written into buf (NUL-terminated); the
 * term's length is returned (negative when size < ZS_FILE_TERM_SIZE). */
#define ZS_FILE_KEY_SIZE 8
#define ZS_FILE_TERM_SIZE 18
void zs_file_key_value(unsigned char out[ZS_FILE_KEY_SIZE], const char *path, size_t len);
int zs_file_key_term(char *buf, size_t size, const char *path, size_t len);
/* The term of the key value[0..ZS_FILE_KEY_SIZE). */
int zs_file_key_value_term(char *buf, size_t size, const unsigned char *value);

/* Metadata keys of the catalog (zs_schema.h), into buf of at least
 * ZS_META_KEY_SIZE bytes: a file's record ("file:<id>") and its path's key
 * ("path:<16 hex digits of the hash>"), from the path or from the file key. */
#define ZS_META_KEY_SIZE 32
void zs_file_record_key(char *buf, size_t size, uint32_t id);
void zs_path_key(char *buf, size_t size, const char *path, size_t len);
void zs_path_key_of_value(char *buf, size_t size, const unsigned char *value);

/* Encode: caller frees *out with free(). */
int zs_passage_record_encode(char **out, size_t *out_len, const zs_passage_record *r);
int zs_file_record_encode(char **out, size_t *out_len, const zs_file_record *r);

/* Decode: pointers in *r borrow from data, valid while data is. ZS_ECORRUPT
 * when the bytes are not a record of this kind. A passage record written
 * before pages were recorded decodes with page 0. */
int zs_passage_record_decode(zs_passage_record *r, const char *data, size_t len);
int zs_file_record_decode(zs_file_record *r, const char *data, size_t len);

/* The nearest (last) heading of r, borrowed; len 0 when none. */
void zs_passage_record_nearest_heading(const zs_passage_record *r, const char **h, size_t *len);

#endif
