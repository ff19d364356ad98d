/* zs_html_int: the HTML reader's private header: the page (zs_html_page.h) and
 * the calls of its metadata, main-content and furniture files. */
#ifndef ZS_HTML_INT_H
#define ZS_HTML_INT_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "zs_format_types.h"
#include "zs_html_page.h"

/* ---- metadata (zs_html_meta.c) ------------------------------------------- */

/* The cell after n when it is a td, th or dd (a label's value), else NULL. */
xmlNode *zs_html_next_cell(const xmlNode *n);

/* Label cells ("发文机关：" followed by its value's cell), and the tables and
 * lists of known labels: the page's metadata (F_LABEL, F_LABELLINE, F_META). */
void zs_html_find_labels(page *p);

/* The page's own metadata into props: label cells outside the main container
 * first, then short "label：value" elements outside it, <meta> titles, the <title>. */
void zs_html_read_props(page *p, zs_doc_props *props, const char *title_text);

/* The <title>'s text without the site's name after it ("…的通知_政府信息公开专栏",
 * "… - 中国政府网"); s is changed in place. */
void zs_html_strip_site_name(char *s);

/* ---- main content (zs_html_content.c) ------------------------------------ */

/* Headings and blocks that say the page's title (F_TITLEH, F_HASTITLE). */
void zs_html_find_title_headings(page *p);

/* Marks what is not content (F_DROP1, F_DROP2), the main container (p->main,
 * F_MAIN) and what is kept beside it (F_KEEP, F_PATH, F_PROT). */
int zs_html_mark_page(page *p);

/* ---- furniture lines (zs_html_furniture.c) ------------------------------- */

/* Whether a line of output is only page furniture (a footer's, a button's, a
 * breadcrumb's). */
bool zs_html_boilerplate_line(const char *s, size_t n);

#endif
