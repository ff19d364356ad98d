/* zs_audit_emit: the audit writers' output formats: TSV and CSV (RFC 4180)
 * records field by field, JSON documents, and the check that writing worked. */
#include "zs_audit_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_visible.h"

void zs_audit_put_field(zs_audit_table *t, const char *s) {
  if (t->started)
    fputc(t->csv ? ',' : '\t', t->out);
  t->started = true;
  char vis[4096];
  if (zs_has_control(s, strlen(s))) /* a line break would split the record */
    s = zs_visible(s, vis, sizeof vis);
  /* =, +, -, @ first: a spreadsheet runs the cell as a formula, so it gets a
   * leading ' (OWASP, CSV injection); TSV is opened by spreadsheets too */
  bool formula = zs_cell_is_formula(s);
  if (t->csv && (formula || strpbrk(s, ",\""))) {
    fputs(formula ? "\"'" : "\"", t->out);
    for (; *s; s++) {
      if (*s == '"')
        fputc('"', t->out);
      fputc(*s, t->out);
    }
    fputc('"', t->out);
  } else {
    if (formula)
      fputc('\'', t->out);
    for (; *s; s++) /* a tab in a TSV field would start the next one */
      fputc(!t->csv && *s == '\t' ? ' ' : *s, t->out);
  }
}

void zs_audit_put_count(zs_audit_table *t, uint64_t n) {
  char buf[24];
  snprintf(buf, sizeof buf, "%llu", (unsigned long long)n);
  zs_audit_put_field(t, buf);
}

void zs_audit_end_record(zs_audit_table *t) {
  fputs(t->csv ? "\r\n" : "\n", t->out); /* RFC 4180 ends records with CRLF */
  t->started = false;
}

int zs_audit_finish(FILE *out) {
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
  return s ? zs_audit_finish(out) : zs_error_set(ZS_ENOMEM, _("out of memory writing JSON"));
}
