/* zs_audit_int: private to search/zs_audit_*.c: the output formats the audit's
 * writers share (zs_audit_emit.c). Not part of the public API (zs_audit.h). */
#ifndef ZS_AUDIT_INT_H
#define ZS_AUDIT_INT_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "zs_audit.h"
#include "zs_table.h"

/* The table of fmt (not JSON) written to out: *t, or an error. The sheet
 * names an XLSX worksheet. */
int zs_audit_table_open(zs_table **t, FILE *out, zs_audit_format fmt, const char *sheet);

/* Writes o as one line of plain JSON and releases o (taken, even on failure).
 * ZS_OK, ZS_ENOMEM or ZS_EIO. */
int zs_audit_emit_json(FILE *out, json_object *o);

#endif
