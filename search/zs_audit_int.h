/* zs_audit_int: private to search/zs_audit_*.c: the output formats the audit's
 * writers share (zs_audit_emit.c). Not part of the public API (zs_audit.h). */
#ifndef ZS_AUDIT_INT_H
#define ZS_AUDIT_INT_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* TSV or CSV records written to out (borrowed), one field at a time. */
typedef struct zs_audit_table {
  FILE *out;
  bool csv;
  bool started; /* the record has a field */
} zs_audit_table;

/* Appends field s to the record. CSV quotes a field with a comma, quote mark
 * or line break and doubles its quote marks (RFC 4180); TSV cannot quote, so
 * tabs and breaks become spaces. */
void zs_audit_put_field(zs_audit_table *t, const char *s);

/* Appends the decimal n as a field. */
void zs_audit_put_count(zs_audit_table *t, uint64_t n);

/* Ends the record: CRLF for CSV (RFC 4180), LF for TSV. */
void zs_audit_end_record(zs_audit_table *t);

/* Flushes out: ZS_OK, or ZS_EIO when writing failed. */
int zs_audit_finish(FILE *out);

/* Writes o as one line of plain JSON and releases o (taken, even on failure).
 * ZS_OK, ZS_ENOMEM or ZS_EIO. */
int zs_audit_emit_json(FILE *out, json_object *o);

#endif
