/* zs_audit_emit: the audit writers' output formats: tables (zs_table: TSV,
 * CSV, XLSX), JSON documents, and the check that writing worked. */
#include "zs_audit_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_visible.h"

int zs_audit_table_open(zs_table **t, FILE *out, zs_audit_format fmt, const char *sheet) {
  return zs_table_open(t, out,
                       fmt == ZS_AUDIT_CSV    ? ZS_TABLE_CSV
                       : fmt == ZS_AUDIT_XLSX ? ZS_TABLE_XLSX
                                              : ZS_TABLE_TSV,
                       sheet);
}

/* Flushes out: ZS_OK, or ZS_EIO when writing failed. */
static int finish(FILE *out) {
  return fflush(out) == 0 && !ferror(out) ? ZS_OK
                                          : zs_error_set(ZS_EIO, _("cannot write the output"));
}

int zs_audit_emit_json(FILE *out, json_object *o) {
  const char *s =
      json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
  if (s) {
    fputs(s, out);
    fputc('\n', out);
  }
  json_object_put(o);
  return s ? finish(out) : zs_error_set(ZS_ENOMEM, _("out of memory writing JSON"));
}
