/* zs_render: plain stdio output; the only terminal feature used is bold, so
 * piped output stays greppable and matches remain visible as [brackets]. */
#include "zs_render.h"

#include <string.h>
#include <unistd.h>

void zs_render_passage(FILE *out, const zs_hit *hit, bool bold) {
  const char *open = bold ? "\033[1m" : "[", *close = bold ? "\033[0m" : "]";
  size_t at = 0;
  for (size_t i = 0; i < hit->nspans; i++) {
    const zs_span *sp = &hit->spans[i];
    fwrite(hit->rec.text + at, 1, sp->start - at, out);
    fputs(open, out);
    fwrite(hit->rec.text + sp->start, 1, sp->end - sp->start, out);
    fputs(close, out);
    at = sp->end;
  }
  fwrite(hit->rec.text + at, 1, hit->rec.text_len - at, out);
}

const char *zs_render_path(const char *abs_path, char *buf, size_t size) {
  if (!getcwd(buf, size))
    return abs_path;
  size_t n = strlen(buf);
  if (n > 1 && strncmp(abs_path, buf, n) == 0 && abs_path[n] == '/')
    return abs_path + n + 1;
  return abs_path;
}

static void print_hit(FILE *out, const zs_hit *hit, size_t rank, const zs_render_opts *opts) {
  char cwd[4096];
  const char *heading;
  size_t heading_len;
  zs_passage_record_nearest_heading(&hit->rec, &heading, &heading_len);
  fprintf(out, "%zu. %.*s", rank, (int)hit->file->title_len, hit->file->title);
  if (heading_len)
    fprintf(out, " › %.*s", (int)heading_len, heading);
  fprintf(out, "\n   %s:%u", zs_render_path(hit->file->path, cwd, sizeof cwd),
          hit->rec.line_first);
  /* "report.pdf:12 (p.3, lines 12–14)": path:line stays the first thing, for
   * editors and grep; the page is what a PDF reader needs */
  bool lines = hit->rec.line_last > hit->rec.line_first;
  if (hit->rec.page && lines)
    fprintf(out, " (p.%u, lines %u–%u)", hit->rec.page, hit->rec.line_first, hit->rec.line_last);
  else if (hit->rec.page)
    fprintf(out, " (p.%u)", hit->rec.page);
  else if (lines)
    fprintf(out, " (lines %u–%u)", hit->rec.line_first, hit->rec.line_last);
  fprintf(out, "  score %.2f\n   ", hit->score);
  zs_render_passage(out, hit, opts->bold);
  for (size_t i = 0; i < hit->ncopies; i++) /* the same document saved again */
    fprintf(out, "%s%s", i ? ", " : "\n   also saved as: ",
            zs_render_path(hit->copies[i]->path, cwd, sizeof cwd));
  fputs("\n\n", out);
}

static void print_facets(FILE *out, const zs_hits *h) {
  for (size_t f = 0; f < h->nfacets; f++) {
    fprintf(out, "%-9s", h->facets[f].name);
    for (size_t i = 0; i < h->facets[f].n; i++)
      fprintf(out, " %s (%u)", h->facets[f].value[i], h->facets[f].count[i]);
    fputc('\n', out);
  }
  if (h->nfacets)
    fputc('\n', out);
}

void zs_render_hits(FILE *out, const zs_hits *h, const zs_render_opts *opts) {
  bool exact = h->total_lower == h->total_upper;
  fprintf(out, "%s: %s%u matching passage%s", opts->query, exact ? "" : "about ",
          h->total_estimate, h->total_estimate == 1 ? "" : "s");
  if (h->n)
    fprintf(out, ", showing %u–%zu", h->first + 1, h->first + h->n);
  fputs("\n\n", out);
  print_facets(out, h);
  for (size_t i = 0; i < h->n; i++)
    print_hit(out, &h->hit[i], h->first + i + 1, opts);
}

typedef struct docs_ctx {
  FILE *out;
  zs_searcher *s;
  size_t ncopies;
} docs_ctx;

static int print_copy(void *ctx, const zs_file_record *f) {
  docs_ctx *d = ctx;
  char cwd[4096];
  fprintf(d->out, "%s%s", d->ncopies++ ? ", " : "   also saved as: ",
          zs_render_path(f->path, cwd, sizeof cwd));
  return 0;
}

static int print_doc(void *ctx, const zs_file_record *f) {
  docs_ctx *d = ctx;
  FILE *out = d->out;
  char cwd[4096], year[8] = "-";
  if (f->year)
    snprintf(year, sizeof year, "%d", f->year);
  /* no column padding: printf pads bytes, and Chinese characters are three */
  fprintf(out, "%u. %s\n   %s · %s · %s · %s · %s · %s · %u passages\n   %s\n", f->file_id,
          f->title, f->org[0] ? f->org : "-", f->docno[0] ? f->docno : "-",
          f->date[0] ? f->date : "-", f->province[0] ? f->province : "-", year,
          f->type[0] ? f->type : "-", f->passages, zs_render_path(f->path, cwd, sizeof cwd));
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
