/* zs_table: one writer for every export, so that the formats behave alike.
 * XLSX goes through libxlsxwriter (Debian's libxlsxwriter), which writes a
 * named file: a temporary one, copied to the caller's stream. */
#include "zs_table.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_visible.h"

#define XLSX_MAX_COLS 64 /* widths kept for the first columns */

struct zs_table {
  FILE *out;
  zs_table_format fmt;
  bool started; /* the row has a cell */
  uint32_t row;
  uint16_t col;
  lxw_workbook *book;
  lxw_worksheet *sheet;
  lxw_format *bold, *two_decimals;
  char path[64];               /* the temporary XLSX file */
  double width[XLSX_MAX_COLS]; /* widest cell of each column, in characters */
};

int zs_table_format_parse(const char *name) {
  return strcmp(name, "tsv") == 0    ? ZS_TABLE_TSV
         : strcmp(name, "csv") == 0  ? ZS_TABLE_CSV
         : strcmp(name, "xlsx") == 0 ? ZS_TABLE_XLSX
                                     : -1;
}

int zs_table_open(zs_table **out, FILE *stream, zs_table_format fmt, const char *sheet) {
  zs_table *t = calloc(1, sizeof *t);
  *out = NULL;
  if (!t)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  t->out = stream;
  t->fmt = fmt;
  if (fmt == ZS_TABLE_CSV)
    fputs("\xEF\xBB\xBF", stream); /* so that spreadsheets read UTF-8, not the local code page */
  if (fmt == ZS_TABLE_XLSX) {
    const char *dir = getenv("TMPDIR");
    snprintf(t->path, sizeof t->path, "%s/zhsearch-XXXXXX", dir && strlen(dir) < 40 ? dir : "/tmp");
    int fd = mkstemp(t->path);
    if (fd < 0) {
      free(t);
      return zs_error_set(ZS_EIO, _("cannot create a temporary file for the XLSX"));
    }
    close(fd);
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    t->book = workbook_new_opt(t->path, &opts);
    t->sheet = t->book ? workbook_add_worksheet(t->book, sheet) : NULL;
    if (!t->sheet) {
      if (t->book)
        workbook_close(t->book);
      unlink(t->path);
      free(t);
      return zs_error_set(ZS_ENOMEM, _("cannot start the XLSX workbook"));
    }
    t->bold = workbook_add_format(t->book);
    format_set_bold(t->bold);
    t->two_decimals = workbook_add_format(t->book);
    format_set_num_format(t->two_decimals, "0.00");
  }
  *out = t;
  return ZS_OK;
}

bool zs_table_for_people(const zs_table *t) {
  return t->fmt != ZS_TABLE_TSV;
}

/* Columns a cell of UTF-8 s takes: two for a character outside ASCII. */
static double cell_width(const char *s) {
  double w = 0;
  for (; *s; s++)
    w += (*s & 0x80) == 0 ? 1 : (*s & 0xC0) == 0xC0 ? 2 : 0;
  return w;
}

static void xlsx_width(zs_table *t, double w) {
  if (t->col < XLSX_MAX_COLS && w > t->width[t->col])
    t->width[t->col] = w;
}

static void separator(zs_table *t) {
  if (t->started)
    fputc(t->fmt == ZS_TABLE_CSV ? ',' : '\t', t->out);
  t->started = true;
}

void zs_table_text(zs_table *t, const char *s) {
  char vis[4096];
  if (t->fmt == ZS_TABLE_XLSX) {
    worksheet_write_string(t->sheet, t->row, t->col, s, t->row == 0 ? t->bold : NULL);
    xlsx_width(t, cell_width(s));
    t->col++;
    return;
  }
  separator(t);
  if (zs_has_control(s, strlen(s))) /* a line break would split the record */
    s = zs_visible(s, vis, sizeof vis);
  bool formula = zs_cell_is_formula(s);
  if (t->fmt == ZS_TABLE_CSV && (formula || strpbrk(s, ",\""))) {
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
      fputc(t->fmt == ZS_TABLE_TSV && *s == '\t' ? ' ' : *s, t->out);
  }
}

void zs_table_number(zs_table *t, int64_t n) {
  if (n < 0) {
    zs_table_text(t, "");
    return;
  }
  if (t->fmt == ZS_TABLE_XLSX) {
    worksheet_write_number(t->sheet, t->row, t->col, (double)n, NULL);
    xlsx_width(t, 8);
    t->col++;
    return;
  }
  separator(t);
  fprintf(t->out, "%lld", (long long)n);
}

void zs_table_decimal(zs_table *t, double x) {
  if (t->fmt == ZS_TABLE_XLSX) {
    worksheet_write_number(t->sheet, t->row, t->col, x, t->two_decimals);
    xlsx_width(t, 8);
    t->col++;
    return;
  }
  separator(t);
  fprintf(t->out, "%.2f", x);
}

void zs_table_end_row(zs_table *t) {
  if (t->fmt == ZS_TABLE_XLSX) {
    t->row++;
    t->col = 0;
    return;
  }
  fputs(t->fmt == ZS_TABLE_CSV ? "\r\n" : "\n", t->out); /* RFC 4180 ends records with CRLF */
  t->started = false;
}

/* Copies the finished workbook to t->out. */
static int copy_out(zs_table *t) {
  FILE *in = fopen(t->path, "rb");
  if (!in)
    return zs_error_set(ZS_EIO, _("cannot read back the XLSX"));
  char buf[65536];
  size_t n;
  int rc = ZS_OK;
  while (rc == ZS_OK && (n = fread(buf, 1, sizeof buf, in)) > 0)
    if (fwrite(buf, 1, n, t->out) != n)
      rc = zs_error_set(ZS_EIO, _("cannot write the output"));
  if (rc == ZS_OK && ferror(in))
    rc = zs_error_set(ZS_EIO, _("cannot read back the XLSX"));
  fclose(in);
  return rc;
}

int zs_table_close(zs_table *t) {
  if (!t)
    return ZS_OK;
  int rc = ZS_OK;
  if (t->fmt == ZS_TABLE_XLSX) {
    for (uint16_t c = 0; c < XLSX_MAX_COLS; c++) /* as wide as the text, within reason */
      if (t->width[c] > 0)
        worksheet_set_column(t->sheet, c, c, t->width[c] < 60 ? t->width[c] + 2 : 62, NULL);
    if (workbook_close(t->book) != LXW_NO_ERROR)
      rc = zs_error_set(ZS_EIO, _("cannot write the XLSX"));
    if (rc == ZS_OK)
      rc = copy_out(t);
    unlink(t->path);
  }
  if (rc == ZS_OK && (fflush(t->out) != 0 || ferror(t->out)))
    rc = zs_error_set(ZS_EIO, _("cannot write the output"));
  free(t);
  return rc;
}
