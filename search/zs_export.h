/* zs_export: search hits and precedents as a table (zs_table: TSV for tools,
 * CSV or XLSX for people, with Chinese headers), one row per passage. */
#ifndef ZS_EXPORT_H
#define ZS_EXPORT_H

#include <stdio.h>

#include "zs_search.h"
#include "zs_similar.h"
#include "zs_table.h"

/* The hits of h (rank from h->first + 1), written to out. ZS_EIO when
 * writing fails. */
int zs_export_hits(FILE *out, zs_table_format fmt, const zs_hits *h);

/* The precedents of r (the draft's own passages first, marked). */
int zs_export_precedents(FILE *out, zs_table_format fmt, const zs_similar_result *r);

#endif
