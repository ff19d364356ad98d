/* zs_table: a table written field by field as TSV (for tools), CSV (UTF-8
 * with a byte order mark, RFC 4180) or XLSX (libxlsxwriter), for exports. */
#ifndef ZS_TABLE_H
#define ZS_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum zs_table_format { ZS_TABLE_TSV, ZS_TABLE_CSV, ZS_TABLE_XLSX } zs_table_format;

/* "tsv", "csv", "xlsx" to the format; -1 for another name. */
int zs_table_format_parse(const char *name);

typedef struct zs_table zs_table;

/* A table written to out (borrowed; binary for XLSX, which is assembled in a
 * temporary file and copied to out by zs_table_close). sheet names the XLSX
 * worksheet. Caller ends it with zs_table_close. */
int zs_table_open(zs_table **t, FILE *out, zs_table_format fmt, const char *sheet);

/* Whether the table is for people (CSV, XLSX: Chinese headers, metadata
 * columns) rather than tools (TSV). */
bool zs_table_for_people(const zs_table *t);

/* Appends a text cell to the row. Cells that a spreadsheet would run as a
 * formula (=, +, -, @ first) get a leading ' in TSV and CSV (OWASP, CSV
 * injection); XLSX stores them as text. TSV cannot quote: tabs and line
 * breaks become spaces. */
void zs_table_text(zs_table *t, const char *s);

/* Appends a number cell (text "" when n is negative: unknown). */
void zs_table_number(zs_table *t, int64_t n);

/* Appends a decimal cell shown with two decimals (a score). */
void zs_table_decimal(zs_table *t, double x);

/* Ends the row (the first row is the header: bold in XLSX). */
void zs_table_end_row(zs_table *t);

/* Finishes the table and frees t: ZS_OK, or ZS_EIO when writing failed. */
int zs_table_close(zs_table *t);

#endif
