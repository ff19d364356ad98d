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
#include "zs_export.h"
#include "zs_file.h"
#include "zs_fold.h"
#include "zs_i18n.h"
#include "zs_json_out.h"
#include "zs_render.h"
#include "zs_search.h"
#include "zs_synonyms.h"

typedef struct options {
  zs_cli cli;
  bool json, count, docs, cite;
  bool hide_facets; /* counted for the header's documents (--group-by-doc), not asked for */
  int format;       /* --format: a zs_table_format, or -1 for the text for people */
  const char *analyze;
  zs_search_params params;
  zs_rank_params rank;
} options;

static void usage(FILE *to) {
  fprintf(
      to,
      _("usage: zhquery [options] QUERY...\n"
        "       zhquery similar [options] TEXT... | --from FILE | -\n"
        "       zhquery audit [options] KEYWORDS_FILE\n"
        "       zhquery serve [options]\n"
        "       zhquery --docs [--json]\n"
        "       zhquery --analyze TEXT | --analyze -\n"
        "       zhquery help [SUBCOMMAND]\n"
        "Searches the index and prints the best passages. Subcommands:\n"
        "  similar           passages like a draft's: precedents for what it says\n"
        "  audit             keywords of a file counted per document\n"
        "  serve             a search page and a JSON API over HTTP\n"
        "  help SUBCOMMAND   the options of a subcommand\n"
        "Options may come before or after the subcommand and the query; '--' ends\n"
        "them (zhquery -- help searches for the word help). A word beginning with '-'\n"
        "after another word excludes it (托育 -湖南).\n"
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
        "  --cite            under each passage, its citation: 《标题》（发文字号），发文机关，\n"
        "                    成文日期，第N页 (or 第N段)\n"
        "  --format FMT      the passages as a table: csv or xlsx for a spreadsheet\n"
        "                    (Chinese headers; CSV with a byte order mark), tsv for tools\n"
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
        "Matches are bold on a terminal (unless NO_COLOR is set), in [brackets] otherwise.\n"));
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

/* --analyze: with the index's lexicon, folding and synonyms when there is an
 * index (--index or the default one), else with the built-in ones, said so. */
static int run_analyze(const options *o) {
  zs_searcher *s = NULL;
  zs_analyzer *own = NULL, *a = NULL;
  zs_synonyms *own_syn = NULL;
  unsigned flags = ZS_FOLD_DEFAULT;
  const zs_synonyms *syn = NULL;
  bool have_index = access(o->cli.index[0], F_OK) == 0;
  int status = have_index ? zs_cli_open(&o->cli, &s) : ZS_EXIT_GO_ON;
  if (status != ZS_EXIT_GO_ON)
    return status;
  int rc = ZS_OK;
  if (s) {
    a = zs_searcher_analyzer(s);
    flags = zs_searcher_fold_flags(s);
    syn = zs_searcher_get_synonyms(s);
  } else {
    char *text = NULL;
    size_t len = 0;
    rc = zs_analyzer_new(&own, zs_lexicon_builtin());
    a = own;
    if (rc == ZS_OK && !o->cli.no_synonyms && o->cli.synonyms_file)
      rc = zs_read_file(o->cli.synonyms_file, &text, &len);
    if (rc == ZS_OK && !o->cli.no_synonyms)
      rc = zs_synonyms_load(&own_syn, text, len, o->cli.synonyms_file, flags);
    syn = own_syn;
    free(text);
  }
  if (rc == ZS_OK && strcmp(o->analyze, "-") == 0) {
    rc = zs_analyze_cmd_lines(stdout, stdin, a, flags);
  } else if (rc == ZS_OK) {
    if (s)
      printf(_("lexicon:  the index's (%s)\n"), o->cli.index[0]);
    else
      printf(_("lexicon:  built-in (no index at %s)\n"), o->cli.index[0]);
    rc = zs_analyze_cmd_show(stdout, a, flags, syn, o->analyze);
  }
  if (rc)
    zs_cli_say(&o->cli, _("--analyze: %s"), zs_error_last());
  zs_synonyms_free(own_syn);
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
    zs_cli_say(&o->cli, _("bad query: %s"), zs_error_last());
    status = ZS_EXIT_USAGE;
  } else if (rc) {
    status = zs_cli_fail(&o->cli, ZS_EXIT_INDEX);
  } else {
    const char *no_color = getenv("NO_COLOR");
    zs_render_opts ro = {.bold = isatty(STDOUT_FILENO) && !(no_color && *no_color),
                         .query = query,
                         .cite = o->cite,
                         .by_doc = o->params.group_by_doc,
                         .hide_facets = o->hide_facets};
    if (o->count && o->params.group_by_doc) /* documents, counted exactly by the doc facet */
      printf("%zu\n", hits->nfacets ? hits->facets[ZS_NFACETS - 1].n : (size_t)0);
    else if (o->count)
      printf("%u\n", hits->total_estimate);
    else if (o->json && zs_json_write_hits(stdout, hits, query) != ZS_OK)
      zs_cli_fail(&o->cli, ZS_EXIT_INDEX);
    else if (o->format >= 0 && zs_export_hits(stdout, (zs_table_format)o->format, hits) != ZS_OK)
      zs_cli_fail(&o->cli, ZS_EXIT_INDEX);
    else if (!o->json && o->format < 0)
      zs_render_hits(stdout, hits, &ro);
    status = hits->total_estimate ? ZS_EXIT_OK : ZS_EXIT_NONE;
  }
  zs_hits_free(hits);
  zs_searcher_close(s);
  return status;
}

#define SEARCH_SHORT_OPTS "+i:n:h"
#define SEARCH_LONG_OPTS                                                                           \
  ZS_CLI_INDEX_OPTS, ZS_CLI_SYNONYM_OPTS, {"weights", required_argument, NULL, 'W'},               \
      {"bm25", required_argument, NULL, 'B'}, {"offset", required_argument, NULL, 'o'},            \
      {"analyze", required_argument, NULL, 'a'}, {"json", no_argument, NULL, 'J'},                 \
      {"count", no_argument, NULL, 'C'}, {"facets", no_argument, NULL, 'F'},                       \
      {"group-by-doc", no_argument, NULL, 'G'}, {"per-doc", required_argument, NULL, 'P'},         \
      {"strict", no_argument, NULL, 'S'}, {"docs", no_argument, NULL, 'D'},                        \
      {"all-copies", no_argument, NULL, 'A'}, {"cite", no_argument, NULL, 'c'},                    \
      {"format", required_argument, NULL, 'f'}, {                                                  \
    "help", no_argument, NULL, 'h'                                                                 \
  }

/* The subcommands and their own options, to find the subcommand among
 * options typed before it (zhquery --index idx similar --from draft.txt). */
static const char *const subcommands[] = {"similar", "audit", "serve", "help"};
static const struct option any_command_opts[] = {SEARCH_LONG_OPTS,
                                                 {"from", required_argument, NULL, 0},
                                                 {"where", required_argument, NULL, 0},
                                                 {"by", required_argument, NULL, 0},
                                                 {"passages", no_argument, NULL, 0},
                                                 {"require", no_argument, NULL, 0},
                                                 {"listen", required_argument, NULL, 0},
                                                 {"threads", required_argument, NULL, 0},
                                                 {"refresh", required_argument, NULL, 0},
                                                 {"per-address", required_argument, NULL, 0},
                                                 {"request-timeout", required_argument, NULL, 0},
                                                 {NULL, 0, NULL, 0}};

/* The position in argv of the subcommand (the first word, when it names
 * one), 0 when there is none, or -1 after a message (an unknown option). */
static int find_subcommand(const zs_cli *cli, int argc, char **argv) {
  char **copy = malloc((size_t)(argc + 1) * sizeof *copy);
  if (!copy)
    return 0;
  memcpy(copy, argv, (size_t)(argc + 1) * sizeof *copy);
  int n = argc, words, at = 0;
  if (zs_cli_order_args(cli, &n, copy, SEARCH_SHORT_OPTS, any_command_opts, &words) !=
      ZS_EXIT_GO_ON)
    at = -1;
  for (size_t k = 0; at == 0 && words < n && k < sizeof subcommands / sizeof *subcommands; k++)
    if (strcmp(copy[words], subcommands[k]) == 0)
      for (int i = 1; i < argc && at == 0; i++)
        at = argv[i] == copy[words] ? i : 0; /* the same string: typed there */
  /* a "--" before it makes it a word to search for */
  for (int i = 1; at > 0 && i < at; i++)
    if (strcmp(argv[i], "--") == 0)
      at = 0;
  free(copy);
  return at;
}

/* zhquery help [SUBCOMMAND]. */
static int run_help(int argc, char **argv) {
  if (argc < 2) {
    usage(stdout);
    return ZS_EXIT_OK;
  }
  char *help_argv[] = {argv[1], "--help", NULL};
  if (strcmp(argv[1], "similar") == 0)
    return zs_cmd_similar(2, help_argv);
  if (strcmp(argv[1], "audit") == 0)
    return zs_cmd_audit(2, help_argv);
  if (strcmp(argv[1], "serve") == 0)
    return zs_cmd_serve(2, help_argv);
  if (strcmp(argv[1], "search") == 0 || strcmp(argv[1], "help") == 0) {
    usage(stdout);
    return ZS_EXIT_OK;
  }
  fprintf(stderr, _("zhquery help: no subcommand '%s' (similar, audit, serve)\n"), argv[1]);
  return ZS_EXIT_USAGE;
}

/* Reads the options; returns -1 to go on, else the exit status. */
static int parse_options(int *argc, char **argv, options *o, int *words) {
  static const struct option longopts[] = {SEARCH_LONG_OPTS, {NULL, 0, NULL, 0}};
  int status = zs_cli_order_args(&o->cli, argc, argv, SEARCH_SHORT_OPTS, longopts, words);
  if (status != ZS_EXIT_GO_ON)
    return status;
  int c;
  while ((c = zs_cli_getopt(&o->cli, *words, argv, SEARCH_SHORT_OPTS, longopts, &status)) != -1) {
    switch (c) {
    case 'n':
    case 'o':
    case 'P':
      if (!parse_count(optarg, c == 'n'   ? &o->params.max
                               : c == 'o' ? &o->params.first
                                          : &o->params.spread_per_doc)) {
        zs_cli_say(&o->cli, _("%s needs a whole number from 0 to 100000, not '%s'"),
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
        zs_cli_say(&o->cli, _("--weights needs three numbers from 0 to 100, as 1,0.5,0.5"));
        return ZS_EXIT_USAGE;
      }
      break;
    case 'B':
      if (!parse_numbers(optarg, (double *[]){&o->rank.bm25_k1, &o->rank.bm25_b}, 2) ||
          o->rank.bm25_b > 1) {
        zs_cli_say(&o->cli, _("--bm25 needs k1 from 0 to 100 and b from 0 to 1, as 1,0"));
        return ZS_EXIT_USAGE;
      }
      break;
    case 'a': o->analyze = optarg; break;
    case 'J': o->json = true; break;
    case 'c': o->cite = true; break;
    case 'f':
      if (!zs_cli_table_format(&o->cli, optarg, &o->format))
        return ZS_EXIT_USAGE;
      break;
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
  zs_i18n_init();
  zs_cli detect;
  zs_cli_init(&detect, "zhquery");
  int at = find_subcommand(&detect, argc, argv);
  if (at < 0)
    return ZS_EXIT_USAGE;
  if (at > 0) { /* the subcommand's name first, then every other argument as typed */
    char *name = argv[at];
    memmove(&argv[at], &argv[at + 1], (size_t)(argc - at) * sizeof *argv);
    argv[0] = name;
    argc--;
    return strcmp(name, "similar") == 0 ? zs_cmd_similar(argc, argv)
           : strcmp(name, "audit") == 0 ? zs_cmd_audit(argc, argv)
           : strcmp(name, "serve") == 0 ? zs_cmd_serve(argc, argv)
                                        : run_help(argc, argv);
  }
  options o = {.params = {.first = 0,
                          .max = 10,
                          .exact_count_up_to = ZS_EXACT_COUNT_DEFAULT,
                          .spread_per_doc = ZS_PER_DOC_DEFAULT},
               .rank = ZS_RANK_DEFAULTS,
               .format = -1};
  zs_cli_init(&o.cli, "zhquery");
  o.params.rank = &o.rank;
  int words;
  int status = parse_options(&argc, argv, &o, &words);
  if (status != ZS_EXIT_GO_ON)
    return status;
  /* --group-by-doc's documents are counted exactly by the doc facet (Xapian's
   * count of collapsed matches is an estimate): for --count and the header */
  bool count_docs = o.params.group_by_doc && (o.count || (!o.json && o.format < 0));
  o.hide_facets = count_docs && !o.params.facets;
  o.params.facets = o.params.facets || count_docs;
  if (o.count || o.params.facets) /* every match counted, not estimated */
    o.params.exact_count_up_to = UINT32_MAX;
  if (o.count)
    o.params.max = 0;
  if ((status = zs_cli_finish(&o.cli)) != ZS_EXIT_GO_ON)
    return status;
  if (o.format == ZS_TABLE_XLSX && !zs_cli_binary_ok(&o.cli))
    return ZS_EXIT_USAGE;
  if (o.analyze)
    return run_analyze(&o);
  if (o.docs)
    return run_docs(&o);
  if (words >= argc) {
    usage(stderr);
    return ZS_EXIT_USAGE;
  }
  char *query = join_args(argc, argv, words);
  if (!query) {
    zs_cli_say(&o.cli, _("out of memory"));
    return ZS_EXIT_INDEX;
  }
  status = run_search(&o, query);
  free(query);
  return status;
}
