/* zs_bench_query: query latency of zhsearch measured in-process for bench/peers:
 * one warm-up pass over the queries, then timed passes, one line per query. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "zs_error.h"
#include "zs_file.h"
#include "zs_grow.h"
#include "zs_search.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The non-empty, non-comment lines of path, split in place in *all; the
 * caller frees *all and *lines. */
static int load_lines(const char *path, char **all, char ***lines, size_t *n) {
  size_t len, cap = 0;
  *lines = NULL;
  *n = 0;
  if (zs_read_file(path, all, &len) != ZS_OK)
    return -1;
  for (char *line = strtok(*all, "\n"); line; line = strtok(NULL, "\n")) {
    size_t l = strlen(line);
    if (l && line[l - 1] == '\r')
      line[--l] = '\0';
    if (l == 0 || line[0] == '#')
      continue;
    if (zs_grow((void **)lines, &cap, *n + 1, sizeof **lines))
      return -1;
    (*lines)[(*n)++] = line;
  }
  return 0;
}

/* What a timed search asks for: zhquery's defaults unless an option takes a
 * part away, so that each part's cost can be read off (README, Where the cost is). */
static zs_search_params params = {.first = 0,
                                  .max = 10,
                                  .exact_count_up_to = ZS_EXACT_COUNT_DEFAULT,
                                  .spread_per_doc = ZS_PER_DOC_DEFAULT};

/* Searches q with params; returns the milliseconds taken, or -1 after printing
 * why it failed. */
static double time_query(zs_searcher *s, const char *q, unsigned *matches) {
  zs_search_params p = params;
  zs_hits *h = NULL;
  double t0 = now_ms();
  int rc = zs_search_run(s, q, strlen(q), &p, &h);
  double ms = now_ms() - t0;
  if (rc != ZS_OK) {
    fprintf(stderr, "zs_bench_query: %s: %s\n", q, zs_error_last());
    return -1;
  }
  *matches = h->total_estimate;
  zs_hits_free(h);
  return ms;
}

int main(int argc, char **argv) {
  const char *index = NULL, *queries = NULL;
  int passes = 3, c;
  bool synonyms = true;
  zs_rank_params rank = ZS_RANK_DEFAULTS;
  while ((c = getopt(argc, argv, "i:q:p:c:s:n:HFPYV:W:E:")) != -1) {
    switch (c) {
    case 'i': index = optarg; break;
    case 'q': queries = optarg; break;
    case 'p': passes = atoi(optarg); break;
    case 'c': params.exact_count_up_to = (unsigned)strtoul(optarg, NULL, 10); break;
    case 's': params.spread_per_doc = (unsigned)strtoul(optarg, NULL, 10); break;
    case 'n': params.max = (unsigned)strtoul(optarg, NULL, 10); break;
    case 'H': params.no_highlight = true; break;
    case 'F': params.facets = true; break;
    case 'P': params.strict = true; break;
    case 'Y': synonyms = false; break;
    case 'V': rank.verbatim = atof(optarg); break;
    case 'W': rank.subword = atof(optarg); break;
    case 'E': rank.heading = atof(optarg); break;
    default: index = NULL; break;
    }
  }
  params.rank = &rank;
  if (!index || !queries || passes < 1) {
    fprintf(stderr,
            "usage: zs_bench_query -i INDEX -q QUERIES [-p TIMED_PASSES] [-c COUNT_UP_TO]\n"
            "         [-s SPREAD_PER_DOC] [-n HITS] [-H] [-F] [-P] [-Y] [-V W] [-W W] [-E W]\n"
            "prints ms<TAB>matches<TAB>query for each query of each timed pass. Searches as\n"
            "zhquery does (top 10, counts exact up to 10,000, spread 3 per document,\n"
            "highlights, partial matches, synonyms) unless told: -c counts exact up to\n"
            "COUNT_UP_TO, -s spreads SPREAD_PER_DOC (0: rank order), -n HITS, -H no\n"
            "highlights, -F facets too, -P no partial matches, -Y no synonyms, -V -W -E\n"
            "weights of verbatim, sub-words and headings (0 leaves sub-words or headings out)\n");
    return 2;
  }
  char *all = NULL, **q = NULL;
  size_t nq = 0;
  if (load_lines(queries, &all, &q, &nq) != 0 || nq == 0) {
    fprintf(stderr, "zs_bench_query: no queries in %s\n", queries);
    return 2;
  }
  zs_searcher *s = NULL;
  int status = 0;
  /* Synonyms on unless -Y, as zhquery runs by default. */
  if (zs_searcher_open(&s, index) != ZS_OK || zs_searcher_synonyms(s, synonyms, NULL) != ZS_OK) {
    fprintf(stderr, "zs_bench_query: %s\n", zs_error_last());
    status = 3;
    goto done;
  }
  for (int pass = 0; pass <= passes && status == 0; pass++) { /* pass 0 warms up */
    for (size_t i = 0; i < nq; i++) {
      unsigned matches = 0;
      double ms = time_query(s, q[i], &matches);
      if (ms < 0) {
        status = 1;
        break;
      }
      if (pass > 0)
        printf("%.3f\t%u\t%s\n", ms, matches, q[i]);
    }
  }
done:
  zs_searcher_close(s);
  free(q);
  free(all);
  return status;
}
