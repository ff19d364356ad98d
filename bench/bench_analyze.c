/* bench_analyze: throughput of the analysis stages (fold, segment, analyze) on
 * the paragraphs of the given files, each pass repeated N times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "zs_analyze.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_segment.h"

typedef struct para {
  char *text;
  size_t len;
} para;

typedef struct paras {
  para *v;
  size_t n, cap, bytes;
} paras;

static double now(void) {
  struct timespec ts;
  timespec_get(&ts, TIME_UTC);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what) {
  fprintf(stderr, "bench_analyze: %s: %s\n", what, zs_error_last());
  exit(1);
}

static void push(paras *p, const char *s, size_t len) {
  if (p->n == p->cap) {
    p->cap = p->cap ? p->cap * 2 : 256;
    p->v = realloc(p->v, p->cap * sizeof *p->v);
  }
  char *t = malloc(len + 1);
  if (!p->v || !t)
    die("out of memory");
  memcpy(t, s, len);
  t[len] = '\0';
  p->v[p->n++] = (para){t, len};
  p->bytes += len;
}

/* Non-empty lines of a file, as the indexer sees paragraphs. */
static void read_lines(paras *p, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "bench_analyze: cannot open %s\n", path);
    exit(1);
  }
  char line[1 << 16];
  while (fgets(line, sizeof line, f))
    if (strspn(line, " \t\r\n") < strlen(line))
      push(p, line, strlen(line));
  fclose(f);
}

static int count_token(void *ctx, const zs_token *t) {
  (void)t;
  ++*(size_t *)ctx;
  return 0;
}

static int count_term(void *ctx, const zs_term *t) {
  (void)t;
  ++*(size_t *)ctx;
  return 0;
}

static void report(const char *stage, size_t bytes, double secs, size_t items) {
  printf("%-8s %8.1f MB/s  (%.1f MB in %.2f s, %zu outputs)\n", stage, (double)bytes / 1e6 / secs,
         (double)bytes / 1e6, secs, items);
}

int main(int argc, char **argv) {
  int first = 1, reps = 50;
  if (argc > 2 && strcmp(argv[1], "-n") == 0) {
    reps = atoi(argv[2]);
    first = 3;
  }
  if (first >= argc || reps < 1) {
    fputs("usage: bench_analyze [-n REPEATS] FILE...\n", stderr);
    return 2;
  }
  paras src = {0}, folded = {0};
  for (int i = first; i < argc; i++)
    read_lines(&src, argv[i]);
  size_t outs = 0;
  double t0 = now();
  for (int r = 0; r < reps; r++)
    for (size_t i = 0; i < src.n; i++) {
      zs_folded f;
      if (zs_fold(&f, src.v[i].text, src.v[i].len))
        die("zs_fold");
      outs += f.len;
      if (r == 0)
        push(&folded, f.text, f.len);
      zs_folded_free(&f);
    }
  report("fold", src.bytes * (size_t)reps, now() - t0, outs);

  zs_analyzer *a;
  zs_segmenter *sg;
  if (zs_segmenter_new(&sg, zs_lexicon_builtin()) || zs_analyzer_new(&a, zs_lexicon_builtin()))
    die("setup");
  outs = 0;
  t0 = now();
  for (int r = 0; r < reps; r++)
    for (size_t i = 0; i < folded.n; i++)
      if (zs_segment(sg, folded.v[i].text, folded.v[i].len, count_token, &outs))
        die("zs_segment");
  report("segment", folded.bytes * (size_t)reps, now() - t0, outs);

  outs = 0;
  t0 = now();
  for (int r = 0; r < reps; r++)
    for (size_t i = 0; i < folded.n; i++)
      if (zs_analyze(a, folded.v[i].text, folded.v[i].len, ZS_ANALYZE_INDEX, count_term, &outs))
        die("zs_analyze");
  report("analyze", folded.bytes * (size_t)reps, now() - t0, outs);

  zs_analyzer_free(a);
  zs_segmenter_free(sg);
  for (size_t i = 0; i < src.n; i++)
    free(src.v[i].text);
  for (size_t i = 0; i < folded.n; i++)
    free(folded.v[i].text);
  free(src.v);
  free(folded.v);
  return 0;
}
