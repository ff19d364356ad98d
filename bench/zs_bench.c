/* zs_bench: prints the figures of issue 2 on a corpus of N copies of corpus/:
 * indexing MB/s, index size ÷ input, peak RSS, analysis MB/s, query latency. */
#define _GNU_SOURCE /* wait4 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "zs_analyze.h"
#include "zs_clean.h"
#include "zs_error.h"
#include "zs_file.h"
#include "zs_fold.h"
#include "zs_grow.h"
#include "zs_passage.h"
#include "zs_paths.h"
#include "zs_search.h"

#define MAX_QUERIES 256

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int write_file(const char *path, const char *data, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, len, f) != len) {
    if (f)
      fclose(f);
    return -1;
  }
  return fclose(f);
}

typedef struct corpus {
  char *names[64];
  char *texts[64];
  size_t lens[64];
  size_t n;
} corpus;

static int load_corpus(corpus *c, const char *dir) {
  DIR *d = opendir(dir);
  if (!d)
    return -1;
  struct dirent *e;
  while ((e = readdir(d)) && c->n < 64) {
    if (e->d_name[0] == '.')
      continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    c->names[c->n] = strdup(e->d_name);
    if (zs_read_file(path, &c->texts[c->n], &c->lens[c->n]) == ZS_OK)
      c->n++;
  }
  closedir(d);
  return c->n ? 0 : -1;
}

/* Writes `copies` copies of the corpus, each under its own folder; returns bytes. */
static size_t make_copies(const corpus *c, const char *root, int copies) {
  size_t total = 0;
  for (int k = 0; k < copies; k++) {
    char dir[4200];
    if (snprintf(dir, sizeof dir, "%s/copy-%03d", root, k) >= (int)sizeof dir)
      return 0;
    zs_mkdir_parents(dir);
    for (size_t i = 0; i < c->n; i++) {
      char path[4600];
      if (snprintf(path, sizeof path, "%s/%s", dir, c->names[i]) >= (int)sizeof path)
        continue;
      if (write_file(path, c->texts[i], c->lens[i]) == 0)
        total += c->lens[i];
    }
  }
  return total;
}

static long long tree_total;

static int add_size(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)path;
  (void)ftw;
  if (flag == FTW_F)
    tree_total += st->st_size;
  return 0;
}

/* Bytes of the regular files below dir. */
static long long dir_bytes(const char *dir) {
  tree_total = 0;
  nftw(dir, add_size, 16, FTW_PHYS);
  return tree_total;
}

/* Runs zhindex as a child so that its own peak RSS can be read; `rebuild`
 * starts over, else the run is incremental. */
static int run_indexer(const char *zhindex, const char *index, const char *input, bool rebuild,
                       double *secs, long *maxrss_kb) {
  double t0 = now();
  pid_t pid = fork();
  if (pid == 0) {
    if (rebuild)
      execl(zhindex, zhindex, "--rebuild", "--quiet", "--index", index, input, (char *)NULL);
    else
      execl(zhindex, zhindex, "--quiet", "--index", index, input, (char *)NULL);
    _exit(127);
  }
  int status;
  struct rusage ru;
  if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
    return -1;
  *secs = now() - t0;
  *maxrss_kb = ru.ru_maxrss;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

typedef struct analysis_count {
  size_t terms;
} analysis_count;

static int count_term(void *ctx, const zs_term *t) {
  (void)t;
  ((analysis_count *)ctx)->terms++;
  return 0;
}

typedef struct passage_texts {
  char **text;
  size_t *len;
  size_t n, text_cap, len_cap, bytes;
} passage_texts;

static int keep_passage(void *ctx, const zs_passage *p) {
  passage_texts *pt = ctx;
  if (zs_grow((void **)&pt->text, &pt->text_cap, pt->n + 1, sizeof *pt->text) ||
      zs_grow((void **)&pt->len, &pt->len_cap, pt->n + 1, sizeof *pt->len))
    return ZS_ENOMEM;
  pt->text[pt->n] = malloc(p->len);
  memcpy(pt->text[pt->n], p->text, p->len);
  pt->len[pt->n++] = p->len;
  pt->bytes += p->len;
  return 0;
}

/* Clean text → folded → words, sub-words and n-grams, as the indexer does. */
static double analysis_mb_per_s(const corpus *c, int rounds) {
  passage_texts pt = {0};
  for (size_t i = 0; i < c->n; i++) {
    zs_doc_text dt;
    if (zs_clean_document(&dt, c->texts[i], c->lens[i]) == ZS_OK)
      zs_passages(&dt, keep_passage, &pt);
    zs_doc_text_free(&dt);
  }
  zs_analyzer *a;
  zs_analyzer_new(&a, zs_lexicon_builtin());
  analysis_count cnt = {0};
  double t0 = now();
  for (int r = 0; r < rounds; r++) {
    for (size_t i = 0; i < pt.n; i++) {
      char *f;
      size_t flen;
      zs_fold_string(&f, &flen, pt.text[i], pt.len[i]);
      zs_analyze(a, f, flen, ZS_ANALYZE_INDEX, count_term, &cnt);
      free(f);
    }
  }
  double secs = now() - t0;
  zs_analyzer_free(a);
  for (size_t i = 0; i < pt.n; i++)
    free(pt.text[i]);
  free(pt.text);
  free(pt.len);
  return (double)pt.bytes * rounds / 1e6 / secs;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static size_t load_queries(const char *path, char **q) {
  size_t len, n = 0;
  char *all;
  if (zs_read_file(path, &all, &len) != ZS_OK)
    return 0;
  for (char *line = strtok(all, "\n"); line && n < MAX_QUERIES; line = strtok(NULL, "\n"))
    if (line[0] != '#' && line[0] != '\0')
      q[n++] = strdup(line);
  free(all);
  return n;
}

/* Median and p95 latency of searching each query (top 10, highlighted). */
static int query_latency(const char *index, char **queries, size_t nq, int rounds, double *median,
                         double *p95) {
  zs_searcher *s;
  if (zs_searcher_open(&s, index) != ZS_OK)
    return -1;
  double *ms = malloc(nq * (size_t)rounds * sizeof *ms);
  size_t n = 0;
  zs_search_params p = {.first = 0, .max = 10, .exact_count_up_to = 10000};
  for (int r = 0; r < rounds; r++) {
    for (size_t i = 0; i < nq; i++) {
      zs_hits *h;
      double t0 = now();
      if (zs_search_run(s, queries[i], strlen(queries[i]), &p, &h) == ZS_OK)
        zs_hits_free(h);
      ms[n++] = (now() - t0) * 1e3;
    }
  }
  qsort(ms, n, sizeof *ms, cmp_double);
  *median = ms[n / 2];
  *p95 = ms[(size_t)((double)n * 0.95)];
  free(ms);
  zs_searcher_close(s);
  return 0;
}

int main(int argc, char **argv) {
  const char *corpus_dir = "corpus", *work = "build/bench-work", *zhindex = "build/indexer/zhindex";
  const char *queries_file = "bench/queries.txt";
  int copies = 100, c;
  while ((c = getopt(argc, argv, "c:n:w:x:q:")) != -1) {
    switch (c) {
    case 'c': corpus_dir = optarg; break;
    case 'n': copies = atoi(optarg); break;
    case 'w': work = optarg; break;
    case 'x': zhindex = optarg; break;
    case 'q': queries_file = optarg; break;
    default:
      fprintf(stderr,
              "usage: zs_bench [-c CORPUS] [-n COPIES] [-w WORKDIR] [-x ZHINDEX] [-q QUERIES]\n");
      return 2;
    }
  }
  corpus cp = {0};
  if (load_corpus(&cp, corpus_dir) != 0) {
    fprintf(stderr, "zs_bench: cannot read corpus %s\n", corpus_dir);
    return 1;
  }
  char input[4096], index[4096];
  snprintf(input, sizeof input, "%s/input", work);
  snprintf(index, sizeof index, "%s/index", work);
  zs_remove_tree(index); /* the bench owns its work folder: always a fresh index */
  size_t bytes = make_copies(&cp, input, copies);
  double secs;
  long rss_kb;
  double again_secs;
  long again_kb;
  if (run_indexer(zhindex, index, input, true, &secs, &rss_kb) != 0 ||
      run_indexer(zhindex, index, input, false, &again_secs, &again_kb) != 0) {
    fprintf(stderr, "zs_bench: %s failed\n", zhindex);
    return 1;
  }
  long long index_bytes = dir_bytes(index);
  char *queries[MAX_QUERIES];
  size_t nq = load_queries(queries_file, queries);
  double median = 0, p95 = 0;
  if (nq == 0 || query_latency(index, queries, nq, 5, &median, &p95) != 0) {
    fprintf(stderr, "zs_bench: cannot run queries from %s\n", queries_file);
    return 1;
  }
  double amb = analysis_mb_per_s(&cp, 20);
  printf("corpus            %d copies, %.2f MB, %zu files\n", copies, (double)bytes / 1e6,
         cp.n * (size_t)copies);
  printf("indexing          %.2f s, %.2f MB/s (target >= 2)\n", secs, (double)bytes / 1e6 / secs);
  printf("index size        %.2f MB, %.2fx the input (target <= 4)\n", (double)index_bytes / 1e6,
         (double)index_bytes / (double)bytes);
  printf("peak RSS zhindex  %.1f MB (target <= 300)\n", (double)rss_kb / 1024.0);
  printf("re-index, nothing changed  %.3f s (target < 1)\n", again_secs);
  printf("analysis          %.2f MB/s clean text -> words + n-grams (target >= 10)\n", amb);
  printf("query latency     median %.2f ms, p95 %.2f ms over %zu queries x 5 (target p95 <= 10)\n",
         median, p95, nq);
  for (size_t i = 0; i < nq; i++)
    free(queries[i]);
  for (size_t i = 0; i < cp.n; i++) {
    free(cp.names[i]);
    free(cp.texts[i]);
  }
  return 0;
}
