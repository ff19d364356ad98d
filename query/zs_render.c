/* zs_render: plain stdio output; the only terminal feature used is bold, so
 * piped output stays greppable and matches remain visible as [brackets]. */
#include "zs_render.h"

#include <string.h>
#include <unistd.h>

static void print_marked(FILE *out, const zs_hit *hit, bool bold) {
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
  if (hit->rec.line_last > hit->rec.line_first)
    fprintf(out, " (lines %u–%u)", hit->rec.line_first, hit->rec.line_last);
  fprintf(out, "  score %.2f\n   ", hit->score);
  print_marked(out, hit, opts->bold);
  fputs("\n\n", out);
}

void zs_render_hits(FILE *out, const zs_hits *h, const zs_render_opts *opts) {
  bool exact = h->total_lower == h->total_upper;
  fprintf(out, "%s: %s%u matching passage%s", opts->query, exact ? "" : "about ",
          h->total_estimate, h->total_estimate == 1 ? "" : "s");
  if (h->n)
    fprintf(out, ", showing %u–%zu", h->first + 1, h->first + h->n);
  fputs("\n\n", out);
  for (size_t i = 0; i < h->n; i++)
    print_hit(out, &h->hit[i], h->first + i + 1, opts);
}
