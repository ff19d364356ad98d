/* zs_render: plain stdio output; the only terminal feature used is bold, so
 * piped output stays greppable and matches remain visible as [brackets]. */
#include "zs_render.h"

#include <string.h>

#include "zs_cite.h"
#include "zs_i18n.h"
#include "zs_visible.h"

void zs_render_passage(FILE *out, const zs_hit *hit, bool bold) {
  const char *open = bold ? "\033[1m" : "[", *close = bold ? "\033[0m" : "]";
  size_t at = 0;
  for (size_t i = 0; i < hit->nspans; i++) {
    const zs_span *sp = &hit->spans[i];
    zs_fput_visible(out, hit->rec.text + at, sp->start - at);
    fputs(open, out);
    zs_fput_visible(out, hit->rec.text + sp->start, sp->end - sp->start);
    fputs(close, out);
    at = sp->end;
  }
  zs_fput_visible(out, hit->rec.text + at, hit->rec.text_len - at);
}

void zs_render_cite(FILE *out, const zs_hit *hit) {
  char cite[1024];
  size_t len = zs_cite(cite, sizeof cite, hit->file, &hit->rec);
  fputs(_("   cite: "), out);
  zs_fput_visible(out, cite, len);
  fputc('\n', out);
}

static void print_hit(FILE *out, const zs_hit *hit, size_t rank, const zs_render_opts *opts) {
  char cwd[4096];
  const char *heading;
  size_t heading_len;
  zs_passage_record_nearest_heading(&hit->rec, &heading, &heading_len);
  fprintf(out, "%zu. ", rank);
  zs_fput_visible(out, hit->file->title, hit->file->title_len);
  if (heading_len) {
    fputs(" › ", out);
    zs_fput_visible(out, heading, heading_len);
  }
  fprintf(out, "\n   %s:%u", zs_visible_path(hit->file->path, cwd, sizeof cwd),
          hit->rec.line_first);
  /* "report.pdf:12 (p.3, lines 12–14)": path:line stays the first thing, for
   * editors and grep; the page is what a PDF reader needs */
  bool lines = hit->rec.line_last > hit->rec.line_first;
  if (hit->rec.page && lines)
    fprintf(out, _(" (p.%u, lines %u–%u)"), hit->rec.page, hit->rec.line_first, hit->rec.line_last);
  else if (hit->rec.page)
    fprintf(out, _(" (p.%u)"), hit->rec.page);
  else if (lines)
    fprintf(out, _(" (lines %u–%u)"), hit->rec.line_first, hit->rec.line_last);
  fprintf(out, _("  score %.2f\n"), hit->score);
  if (opts->cite)
    zs_render_cite(out, hit);
  fputs("   ", out);
  zs_render_passage(out, hit, opts->bold);
  for (size_t i = 0; i < hit->ncopies; i++) /* the same document saved again */
    fprintf(out, "%s%s", i ? ", " : _("\n   also saved as: "),
            zs_visible_path(hit->copies[i]->path, cwd, sizeof cwd));
  fputs("\n\n", out);
}

/* Terminal columns of UTF-8 s: two for a character outside ASCII (the
 * Chinese of facet names), one for ASCII. */
static size_t display_width(const char *s) {
  size_t w = 0;
  for (; *s; s++)
    w += (*s & 0x80) == 0 ? 1 : (*s & 0xC0) == 0xC0 ? 2 : 0;
  return w;
}

#define FACET_VALUES_SHOWN 30

static void print_facets(FILE *out, const zs_hits *h) {
  for (size_t f = 0; f < h->nfacets; f++) {
    const char *name = _(h->facets[f].name);
    fputs(name, out);
    for (size_t w = display_width(name); w < 9; w++) /* columns, not bytes */
      fputc(' ', out);
    /* a common word at 1 GB is in tens of thousands of documents: a line
     * says how many more there are (--json lists them all) */
    size_t n = h->facets[f].n, shown = n < FACET_VALUES_SHOWN ? n : FACET_VALUES_SHOWN;
    for (size_t i = 0; i < shown; i++) {
      fputc(' ', out);
      zs_fput_visible(out, h->facets[f].value[i], strlen(h->facets[f].value[i]));
      fprintf(out, " (%u)", h->facets[f].count[i]);
    }
    if (shown < n)
      fprintf(out, P_(" … and %zu more value", " … and %zu more values", n - shown), n - shown);
    fputc('\n', out);
  }
  if (h->nfacets)
    fputc('\n', out);
}

void zs_render_hits(FILE *out, const zs_hits *h, const zs_render_opts *opts) {
  bool exact = h->total_lower == h->total_upper;
  zs_fput_visible(out, opts->query, strlen(opts->query));
  uint32_t n = h->total_estimate, partial = h->partial_total;
  if (opts->by_doc && h->nfacets) /* the doc facet counted every document exactly */
    n = (uint32_t)h->facets[ZS_NFACETS - 1].n;
  if (opts->by_doc && (exact || h->nfacets))
    fprintf(out, P_(": %u matching document", ": %u matching documents", n), n);
  else if (opts->by_doc)
    fprintf(out, P_(": about %u matching document", ": about %u matching documents", n), n);
  else if (exact)
    fprintf(out, P_(": %u matching passage", ": %u matching passages", n), n);
  else
    fprintf(out, P_(": about %u matching passage", ": about %u matching passages", n), n);
  if (partial && h->partial_exact)
    fprintf(out, _(" (then %u holding only some of the words)"), partial);
  else if (partial)
    fprintf(out, _(" (then about %u holding only some of the words)"), partial);
  if (h->n)
    fprintf(out, _(", showing %u–%zu"), h->first + 1, h->first + h->n);
  fputs("\n\n", out);
  if (!opts->hide_facets)
    print_facets(out, h);
  for (size_t i = 0; i < h->n; i++) {
    if (h->hit[i].partial && (i == 0 || !h->hit[i - 1].partial))
      fputs(_("-- passages holding only some of the words --\n\n"), out);
    print_hit(out, &h->hit[i], h->first + i + 1, opts);
  }
}

typedef struct docs_ctx {
  FILE *out;
  zs_searcher *s;
  size_t ncopies;
} docs_ctx;

static int print_copy(void *ctx, const zs_file_record *f) {
  docs_ctx *d = ctx;
  char cwd[4096];
  fprintf(d->out, "%s%s", d->ncopies++ ? ", " : _("   also saved as: "),
          zs_visible_path(f->path, cwd, sizeof cwd));
  return 0;
}

static int print_doc(void *ctx, const zs_file_record *f) {
  docs_ctx *d = ctx;
  FILE *out = d->out;
  char cwd[4096], year[8] = "-";
  if (f->year)
    snprintf(year, sizeof year, "%d", f->year);
  /* no column padding: printf pads bytes, and Chinese characters are three */
  char vis[6][512];
  fprintf(out, _("%u. %s\n   %s · %s · %s · %s · %s · %s · %u passages\n   %s\n"), f->file_id,
          zs_visible(f->title, vis[0], sizeof vis[0]),
          f->org[0] ? zs_visible(f->org, vis[1], sizeof vis[1]) : "-",
          f->docno[0] ? zs_visible(f->docno, vis[2], sizeof vis[2]) : "-",
          f->date[0] ? zs_visible(f->date, vis[3], sizeof vis[3]) : "-",
          f->province[0] ? zs_visible(f->province, vis[4], sizeof vis[4]) : "-", year,
          f->type[0] ? zs_visible(f->type, vis[5], sizeof vis[5]) : "-", f->passages,
          zs_visible_path(f->path, cwd, sizeof cwd));
  d->ncopies = 0;
  int rc = zs_searcher_copies(d->s, f->file_id, print_copy, d);
  if (d->ncopies)
    fputc('\n', out);
  return rc;
}

int zs_render_docs(FILE *out, zs_searcher *s, bool all_copies) {
  docs_ctx d = {out, s, 0};
  return zs_searcher_each_file(s, all_copies, print_doc, &d);
}
