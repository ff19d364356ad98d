/* zhquery: searches a zhsearch index and prints ranked, citable passages.
 * Usage: zhquery [options] QUERY... | --docs | --analyze TEXT|- (see usage()). */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zs_analyze_cmd.h"
#include "zs_cli.h"
#include "zs_cmds.h"
#include "zs_error.h"
#include "zs_fold.h"
#include "zs_json_out.h"
#include "zs_render.h"
#include "zs_search.h"

typedef struct options {
  zs_cli cli;
  bool json, count, docs;
  const char *analyze;
  zs_search_params params;
  zs_rank_params rank;
} options;

static void usage(FILE *to) {
  fprintf(to,
          "usage: zhquery [--index DIR] [options] QUERY...\n"
          "       zhquery similar [--index DIR] [options] TEXT... | --from FILE | -\n"
          "       zhquery audit [--index DIR] [options] KEYWORDS_FILE\n"
          "       zhquery [--index DIR] --docs [--json]\n"
          "       zhquery [--index DIR] --analyze TEXT | --analyze -\n"
          "Searches the index and prints the best passages.\n"
          "  QUERY             words (all must match), \"exact string\", A OR B, -word, (…),\n"
          "                    year:2025 year:2020..2023 province:湖南 type:工作要点\n"
          "                    doc:<part of a file name> heading:<text of a heading>\n"
          "                    org:国务院办公厅 docno:国办发〔2019〕6号 date:2019-01..2019-03\n"
          "  --index DIR       index directory (default: $ZHSEARCH_INDEX, else\n"
          "                    $XDG_DATA_HOME/zhsearch/index or ~/.local/share/zhsearch/index);\n"
          "                    repeat it to search several indexes as one; DIR may also be\n"
          "                    a shard list (lines 'auto PATH' or 'remote :HOST:PORT')\n"
          "  -n N              passages to show (default 10)\n"
          "  --offset K        skip the first K passages (paging)\n"
          "  --count           print only the number of matching passages\n"
          "  --facets          also count matches per province, year, type, issuing body\n"
          "                    and document\n"
          "  --group-by-doc    show only the best passage of each document\n"
          "  --per-doc N       among the first 50 passages, a document's after its first N\n"
          "                    come after the other documents' (default 3; 0: rank order)\n"
          "  --strict          only passages holding every word; by default passages\n"
          "                    holding some of them follow, marked as partial\n"
          "  --all-copies      also search the copies of a document saved more than once\n"
          "                    (by default one file of each is shown, naming the others)\n"
          "  --json            JSON Lines: a \"hit\" object per passage, then a \"summary\"\n"
          "  --docs            list the indexed documents, their metadata and copies\n"
          "  --synonyms FILE   add your own synonyms (format of search/synonyms.txt)\n"
          "  --no-synonyms     do not expand words with synonyms\n"
          "  --analyze TEXT    show the words, bigrams and synonyms TEXT becomes; '-'\n"
          "                    segments standard input, one line of words per input line\n"
          "Ranking, for tuning runs (README, Ranking; the defaults are tuned):\n"
          "  --weights V,S,H   weight of the string as typed, of words inside a query word\n"
          "                    and of heading words, against 1 for a word (default 1,0.5,0.5)\n"
          "  --bm25 K1,B       BM25's term-frequency saturation and length normalisation\n"
          "                    (default 1,0)\n"
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

/* "a,b[,c]" of n numbers from 0 to 100 into out; false if not so. */
static bool parse_numbers(const char *s, double *out[], size_t n) {
  for (size_t i = 0; i < n; i++) {
    char *end;
    double v = strtod(s, &end);
    if (end == s || !(v >= 0 && v <= 100) || *end != (i + 1 < n ? ',' : '\0'))
      return false;
    *out[i] = v;
    s = end + 1;
  }
  return true;
}

static int run_analyze(const options *o) {
  zs_searcher *s = NULL;
  zs_analyzer *own = NULL, *a = NULL;
  unsigned flags = ZS_FOLD_DEFAULT;
  const zs_synonyms *syn = NULL;
  /* the index's own lexicon and folding when there is an index; built-ins otherwise */
  bool have_index = zs_cli_index_given(&o->cli) || access(o->cli.index[0], F_OK) == 0;
  int status = have_index ? zs_cli_open(&o->cli, &s) : ZS_EXIT_GO_ON;
  if (status != ZS_EXIT_GO_ON)
    return status;
  if (s) {
    a = zs_searcher_analyzer(s);
    flags = zs_searcher_fold_flags(s);
    syn = zs_searcher_get_synonyms(s);
  } else if (zs_analyzer_new(&own, zs_lexicon_builtin()) == ZS_OK) {
    a = own;
  }
  int rc = !a                             ? zs_error_code()
           : strcmp(o->analyze, "-") == 0 ? zs_analyze_cmd_lines(stdout, stdin, a, flags)
                                          : zs_analyze_cmd_show(stdout, a, flags, syn, o->analyze);
  if (rc)
    zs_cli_say(&o->cli, "--analyze: %s", zs_error_last());
  zs_analyzer_free(own);
  zs_searcher_close(s);
  return rc ? ZS_EXIT_USAGE : ZS_EXIT_OK;
}

static int run_docs(const options *o) {
  zs_searcher *s = NULL;
  int status = zs_cli_open(&o->cli, &s);
  if (status != ZS_EXIT_GO_ON)
    return status;
  int rc = o->json ? zs_json_write_docs(stdout, s, o->params.all_copies)
                   : zs_render_docs(stdout, s, o->params.all_copies);
  status = rc ? zs_cli_fail(&o->cli, ZS_EXIT_INDEX) : ZS_EXIT_OK;
  zs_searcher_close(s);
  return status;
}

static int run_search(const options *o, const char *query) {
  zs_searcher *s = NULL;
  int status = zs_cli_open(&o->cli, &s);
  if (status != ZS_EXIT_GO_ON)
    return status;
  zs_hits *hits = NULL;
  int rc = zs_search_run(s, query, strlen(query), &o->params, &hits);
  if (rc == ZS_EINVAL || rc == ZS_ETOOBIG) {
    zs_cli_say(&o->cli, "bad query: %s", zs_error_last());
    status = ZS_EXIT_USAGE;
  } else if (rc) {
    status = zs_cli_fail(&o->cli, ZS_EXIT_INDEX);
  } else {
    const char *no_color = getenv("NO_COLOR");
    zs_render_opts ro = {.bold = isatty(STDOUT_FILENO) && !(no_color && *no_color), .query = query};
    if (o->count && o->params.group_by_doc) /* documents, counted exactly by the doc facet */
      printf("%zu\n", hits->nfacets ? hits->facets[ZS_NFACETS - 1].n : (size_t)0);
    else if (o->count)
      printf("%u\n", hits->total_estimate);
    else if (o->json && zs_json_write_hits(stdout, hits, query) != ZS_OK)
      zs_cli_fail(&o->cli, ZS_EXIT_INDEX);
    else if (!o->json)
      zs_render_hits(stdout, hits, &ro);
    status = hits->total_estimate ? ZS_EXIT_OK : ZS_EXIT_NONE;
  }
  zs_hits_free(hits);
  zs_searcher_close(s);
  return status;
}

/* Reads the options; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, options *o) {
  static const struct option longopts[] = {ZS_CLI_INDEX_OPTS,
                                           ZS_CLI_SYNONYM_OPTS,
                                           {"weights", required_argument, NULL, 'W'},
                                           {"bm25", required_argument, NULL, 'B'},
                                           {"offset", required_argument, NULL, 'o'},
                                           {"analyze", required_argument, NULL, 'a'},
                                           {"json", no_argument, NULL, 'J'},
                                           {"count", no_argument, NULL, 'C'},
                                           {"facets", no_argument, NULL, 'F'},
                                           {"group-by-doc", no_argument, NULL, 'G'},
                                           {"per-doc", required_argument, NULL, 'P'},
                                           {"strict", no_argument, NULL, 'S'},
                                           {"docs", no_argument, NULL, 'D'},
                                           {"all-copies", no_argument, NULL, 'A'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  int c, status;
  while ((c = zs_cli_getopt(&o->cli, argc, argv, "+i:n:h", longopts, &status)) != -1) {
    switch (c) {
    case 'n':
    case 'o':
    case 'P':
      if (!parse_count(optarg, c == 'n'   ? &o->params.max
                               : c == 'o' ? &o->params.first
                                          : &o->params.spread_per_doc)) {
        zs_cli_say(&o->cli, "%s needs a whole number from 0 to 100000, not '%s'",
                   c == 'n'   ? "-n"
                   : c == 'o' ? "--offset"
                              : "--per-doc",
                   optarg);
        return ZS_EXIT_USAGE;
      }
      break;
    case 'W':
      if (!parse_numbers(optarg,
                         (double *[]){&o->rank.verbatim, &o->rank.subword, &o->rank.heading}, 3)) {
        zs_cli_say(&o->cli, "--weights needs three numbers from 0 to 100, as 1,0.5,0.5");
        return ZS_EXIT_USAGE;
      }
      break;
    case 'B':
      if (!parse_numbers(optarg, (double *[]){&o->rank.bm25_k1, &o->rank.bm25_b}, 2) ||
          o->rank.bm25_b > 1) {
        zs_cli_say(&o->cli, "--bm25 needs k1 from 0 to 100 and b from 0 to 1, as 1,0");
        return ZS_EXIT_USAGE;
      }
      break;
    case 'a': o->analyze = optarg; break;
    case 'J': o->json = true; break;
    case 'C': o->count = true; break;
    case 'F': o->params.facets = true; break;
    case 'G': o->params.group_by_doc = true; break;
    case 'S': o->params.strict = true; break;
    case 'A': o->params.all_copies = true; break;
    case 'D': o->docs = true; break;
    case 'h': usage(stdout); return ZS_EXIT_OK;
    default: usage(stderr); return ZS_EXIT_USAGE;
    }
  }
  return status;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "similar") == 0)
    return zs_cmd_similar(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "audit") == 0)
    return zs_cmd_audit(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "serve") == 0)
    return zs_cmd_serve(argc - 1, argv + 1);
  options o = {.params = {.first = 0,
                          .max = 10,
                          .exact_count_up_to = ZS_EXACT_COUNT_DEFAULT,
                          .spread_per_doc = ZS_PER_DOC_DEFAULT},
               .rank = ZS_RANK_DEFAULTS};
  zs_cli_init(&o.cli, "zhquery");
  o.params.rank = &o.rank;
  int status = parse_options(argc, argv, &o);
  if (status != ZS_EXIT_GO_ON)
    return status;
  if (o.count || o.params.facets) /* every match counted, not estimated */
    o.params.exact_count_up_to = UINT32_MAX;
  if (o.count && o.params.group_by_doc)
    o.params.facets = true;
  if (o.count)
    o.params.max = 0;
  if ((status = zs_cli_finish(&o.cli)) != ZS_EXIT_GO_ON)
    return status;
  if (o.analyze)
    return run_analyze(&o);
  if (o.docs)
    return run_docs(&o);
  if (optind >= argc) {
    usage(stderr);
    return ZS_EXIT_USAGE;
  }
  char *query = join_args(argc, argv, optind);
  if (!query) {
    zs_cli_say(&o.cli, "out of memory");
    return ZS_EXIT_INDEX;
  }
  status = run_search(&o, query);
  free(query);
  return status;
}
