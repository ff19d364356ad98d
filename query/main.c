/* zhquery: searches a zhsearch index and prints ranked, citable passages.
 * Usage: zhquery [--index DIR] [-n N] [--offset K] QUERY... | --analyze TEXT|- */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zs_analyze_cmd.h"
#include "zs_error.h"
#include "zs_paths.h"
#include "zs_render.h"
#include "zs_search.h"

/* Exit statuses, as grep: 0 found, 1 nothing found, 2 usage or query error,
 * 3 the index cannot be used. */
enum { EXIT_FOUND = 0, EXIT_NONE = 1, EXIT_USAGE = 2, EXIT_INDEX = 3 };

static void usage(FILE *to) {
  fprintf(to,
          "usage: zhquery [--index DIR] [-n N] [--offset K] QUERY...\n"
          "       zhquery [--index DIR] --analyze TEXT | --analyze -\n"
          "Searches the index and prints the best passages.\n"
          "  QUERY          words (all must match), \"exact string\", A OR B, -word, (…)\n"
          "  --index DIR    index directory (default: $ZHSEARCH_INDEX, else\n"
          "                 $XDG_DATA_HOME/zhsearch/index or ~/.local/share/zhsearch/index)\n"
          "  -n N           passages to show (default 10)\n"
          "  --offset K     skip the first K passages (paging)\n"
          "  --analyze TEXT show the words and n-grams TEXT becomes; '-' segments\n"
          "                 standard input, one output line of words per input line\n"
          "Matches are bold on a terminal (unless NO_COLOR is set), in [brackets] otherwise.\n");
}

/* Joins argv[from..argc) with spaces into one query string. */
static char *join_args(int argc, char **argv, int from) {
  size_t len = 1;
  for (int i = from; i < argc; i++)
    len += strlen(argv[i]) + 1;
  char *q = malloc(len);
  if (!q)
    return NULL;
  q[0] = '\0';
  for (int i = from; i < argc; i++) {
    if (i > from)
      strcat(q, " ");
    strcat(q, argv[i]);
  }
  return q;
}

static bool parse_count(const char *s, uint32_t *out) {
  char *end;
  unsigned long v = strtoul(s, &end, 10);
  if (*s == '\0' || *end != '\0' || *s == '-' || v > 100000)
    return false;
  *out = (uint32_t)v;
  return true;
}

static int run_analyze(const char *dir, bool dir_given, const char *text) {
  zs_searcher *s = NULL;
  zs_analyzer *own = NULL, *a;
  /* the index's own lexicon when there is an index; the built-in one otherwise */
  if (zs_searcher_open(&s, dir) == ZS_OK) {
    a = zs_searcher_analyzer(s);
  } else if (dir_given) {
    fprintf(stderr, "zhquery: %s\n", zs_error_last());
    return EXIT_INDEX;
  } else if (zs_analyzer_new(&own, zs_lexicon_builtin()) == ZS_OK) {
    a = own;
  } else {
    fprintf(stderr, "zhquery: %s\n", zs_error_last());
    return EXIT_INDEX;
  }
  int rc = strcmp(text, "-") == 0 ? zs_analyze_cmd_lines(stdout, stdin, a)
                                  : zs_analyze_cmd_show(stdout, a, text);
  if (rc)
    fprintf(stderr, "zhquery: --analyze: %s\n", zs_error_last());
  zs_analyzer_free(own);
  zs_searcher_close(s);
  return rc ? EXIT_USAGE : EXIT_FOUND;
}

static int run_search(const char *dir, const char *query, const zs_search_params *params) {
  zs_searcher *s = NULL;
  if (zs_searcher_open(&s, dir) != ZS_OK) {
    fprintf(stderr, "zhquery: %s\n", zs_error_last());
    return EXIT_INDEX;
  }
  zs_hits *hits = NULL;
  int rc = zs_search_run(s, query, strlen(query), params, &hits);
  int status;
  if (rc == ZS_EINVAL || rc == ZS_ETOOBIG) {
    fprintf(stderr, "zhquery: bad query: %s\n", zs_error_last());
    status = EXIT_USAGE;
  } else if (rc) {
    fprintf(stderr, "zhquery: %s\n", zs_error_last());
    status = EXIT_INDEX;
  } else {
    const char *no_color = getenv("NO_COLOR");
    zs_render_opts ro = {.bold = isatty(STDOUT_FILENO) && !(no_color && *no_color),
                         .query = query};
    zs_render_hits(stdout, hits, &ro);
    status = hits->total_estimate ? EXIT_FOUND : EXIT_NONE;
  }
  zs_hits_free(hits);
  zs_searcher_close(s);
  return status;
}

int main(int argc, char **argv) {
  static const struct option longopts[] = {
      {"index", required_argument, NULL, 'i'}, {"offset", required_argument, NULL, 'o'},
      {"analyze", required_argument, NULL, 'a'}, {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  char dir[4096] = "";
  const char *analyze = NULL;
  zs_search_params params = {.first = 0, .max = 10, .exact_count_up_to = 10000};
  int c;
  while ((c = getopt_long(argc, argv, "+i:n:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'i': snprintf(dir, sizeof dir, "%s", optarg); break;
    case 'n':
    case 'o':
      if (!parse_count(optarg, c == 'n' ? &params.max : &params.first)) {
        fprintf(stderr, "zhquery: %s needs a whole number from 0 to 100000, not '%s'\n",
                c == 'n' ? "-n" : "--offset", optarg);
        return EXIT_USAGE;
      }
      break;
    case 'a': analyze = optarg; break;
    case 'h': usage(stdout); return EXIT_FOUND;
    default: usage(stderr); return EXIT_USAGE;
    }
  }
  bool dir_given = dir[0] != '\0';
  if (!dir_given && zs_default_index_path(dir, sizeof dir) != ZS_OK) {
    fprintf(stderr, "zhquery: %s\n", zs_error_last());
    return EXIT_USAGE;
  }
  if (analyze)
    return run_analyze(dir, dir_given, analyze);
  if (optind >= argc) {
    usage(stderr);
    return EXIT_USAGE;
  }
  char *query = join_args(argc, argv, optind);
  if (!query) {
    fprintf(stderr, "zhquery: out of memory\n");
    return EXIT_INDEX;
  }
  int status = run_search(dir, query, &params);
  free(query);
  return status;
}
