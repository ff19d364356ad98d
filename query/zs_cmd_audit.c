/* zs_cmd_audit: `zhquery audit KEYWORDS_FILE`: options, the keywords file's
 * problems on stderr with their line numbers, and the exit status. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zs_audit.h"
#include "zs_cli.h"
#include "zs_cmds.h"
#include "zs_error.h"
#include "zs_file.h"
#include "zs_i18n.h"
#include "zs_search.h"

typedef enum audit_mode { MODE_MATRIX, MODE_PASSAGES, MODE_REQUIRE } audit_mode;

typedef struct audit_opts {
  zs_cli cli;
  const char *file;
  zs_audit_by by;
  bool by_given;
  zs_audit_format fmt;
  audit_mode mode;
} audit_opts;

static void audit_usage(FILE *to) {
  fprintf(to,
          _("usage: zhquery audit [--index DIR] [--by doc|year|province|type] [--format "
            "tsv|csv|xlsx|json]\n"
            "                     [--passages | --require] KEYWORDS_FILE\n"
            "Counts every keyword of KEYWORDS_FILE in every indexed document, exactly.\n"
            "KEYWORDS_FILE: one keyword per line; '#' starts a comment line; a|b counts a and b\n"
            "together under the name a; a leading '+' marks a keyword every document must have.\n"
            "  --by KEY        rows: documents (default), years, provinces or document types\n"
            "  --format FMT    tsv (default, for tools), csv (with a byte order mark) or xlsx\n"
            "                  for a spreadsheet (Chinese headers; by document also the\n"
            "                  title, province, year and type), or json\n"
            "  --passages      list every passage with a keyword: keyword, file:line, count, text\n"
            "  --require       list the documents missing a '+' keyword; exit status 1 if any\n"
            "Exit status: 0 done, 1 a required keyword is missing (--require), 2 bad usage or\n"
            "keywords file, 3 the index cannot be used.\n"));
}

static int set_choice(const zs_cli *cli, const char *opt, const char *arg, int parsed, int *out) {
  if (parsed < 0) {
    zs_cli_say(cli, _("unknown %s '%s'"), opt, arg);
    audit_usage(stderr);
    return ZS_EXIT_USAGE;
  }
  *out = parsed;
  return ZS_EXIT_GO_ON;
}

static int format_parse(const char *s) {
  return strcmp(s, "tsv") == 0    ? ZS_AUDIT_TSV
         : strcmp(s, "csv") == 0  ? ZS_AUDIT_CSV
         : strcmp(s, "json") == 0 ? ZS_AUDIT_JSON
         : strcmp(s, "xlsx") == 0 ? ZS_AUDIT_XLSX
                                  : -1;
}

static int check_combination(int argc, char **argv, int words, audit_opts *o, bool passages,
                             bool require) {
  const char *problem = passages && require ? "--passages and --require cannot be combined"
                        : o->by_given && (passages || require)
                            ? "--by applies to the matrix, not to --passages or --require"
                        : words + 1 != argc ? "give exactly one KEYWORDS_FILE"
                                            : NULL;
  if (problem) {
    zs_cli_say(&o->cli, "%s", problem);
    audit_usage(stderr);
    return ZS_EXIT_USAGE;
  }
  o->file = argv[words];
  o->mode = passages ? MODE_PASSAGES : require ? MODE_REQUIRE : MODE_MATRIX;
  return ZS_EXIT_GO_ON;
}

/* ZS_EXIT_GO_ON with the index settled, else the exit status. */
static int parse_audit(int argc, char **argv, audit_opts *o) {
  static const struct option longs[] = {ZS_CLI_INDEX_OPTS,
                                        {"by", required_argument, NULL, 'b'},
                                        {"format", required_argument, NULL, 'f'},
                                        {"passages", no_argument, NULL, 'p'},
                                        {"require", no_argument, NULL, 'r'},
                                        {"help", no_argument, NULL, 'h'},
                                        {NULL, 0, NULL, 0}};
  bool passages = false, require = false;
  int c, choice = 0, words;
  int status = zs_cli_order_args(&o->cli, &argc, argv, "hi:", longs, &words);
  optind = 1;
  while (status == ZS_EXIT_GO_ON &&
         (c = zs_cli_getopt(&o->cli, words, argv, "hi:", longs, &status)) != -1) {
    switch (c) {
    case 'b':
      status = set_choice(&o->cli, "--by", optarg, zs_audit_by_parse(optarg), &choice);
      o->by = (zs_audit_by)choice;
      o->by_given = true;
      break;
    case 'f':
      status = set_choice(&o->cli, "--format", optarg, format_parse(optarg), &choice);
      o->fmt = (zs_audit_format)choice;
      break;
    case 'p': passages = true; break;
    case 'r': require = true; break;
    case 'h': audit_usage(stdout); return ZS_EXIT_OK;
    default: audit_usage(stderr); return ZS_EXIT_USAGE;
    }
  }
  if (status == ZS_EXIT_GO_ON)
    status = check_combination(argc, argv, words, o, passages, require);
  if (status == ZS_EXIT_GO_ON && o->fmt == ZS_AUDIT_XLSX && !zs_cli_binary_ok(&o->cli))
    status = ZS_EXIT_USAGE;
  return status == ZS_EXIT_GO_ON ? zs_cli_finish(&o->cli) : status;
}

/* The keywords of text, folded like the index; problems on stderr. -1 to go
 * on, else the exit status. */
static int parse_keywords(const audit_opts *o, const char *text, size_t len, zs_searcher *s,
                          zs_audit_keywords *k) {
  if (zs_audit_parse_keywords(k, text, len, zs_searcher_fold_flags(s)) != ZS_OK)
    return zs_cli_fail(&o->cli, ZS_EXIT_INDEX);
  for (size_t i = 0; i < k->nproblems; i++)
    zs_cli_say(&o->cli, "%s:%u: %s", o->file, k->problem[i].line, k->problem[i].message);
  bool required = false;
  for (size_t i = 0; i < k->n; i++)
    required = required || k->kw[i].required;
  if (k->nproblems == 0 && k->n == 0)
    zs_cli_say(&o->cli, _("%s has no keywords"), o->file);
  else if (k->nproblems == 0 && o->mode == MODE_REQUIRE && !required)
    zs_cli_say(&o->cli, _("--require: %s marks no keyword as required (write +keyword)"), o->file);
  else if (k->nproblems == 0)
    return ZS_EXIT_GO_ON;
  return ZS_EXIT_USAGE;
}

static int write_report(const audit_opts *o, const zs_audit_result *r, const zs_audit_keywords *k) {
  size_t missing = 0;
  int rc = o->mode == MODE_PASSAGES  ? zs_audit_write_passages(stdout, r, k, o->fmt)
           : o->mode == MODE_REQUIRE ? zs_audit_write_missing(stdout, r, k, o->fmt, &missing)
                                     : zs_audit_write_matrix(stdout, r, k, o->by, o->fmt);
  if (rc)
    return zs_cli_fail(&o->cli, ZS_EXIT_INDEX);
  if (o->mode == MODE_REQUIRE && missing)
    zs_cli_say(&o->cli, _("%zu of %zu documents miss a required keyword"), missing, r->ndocs);
  return missing ? ZS_EXIT_NONE : ZS_EXIT_OK;
}

/* Reads, checks and counts the keywords, then writes the report. */
static int run_audit(const audit_opts *o, const char *text, size_t len) {
  zs_searcher *s = NULL;
  zs_audit_keywords k = {0};
  zs_audit_result r = {0};
  int status = zs_cli_open(&o->cli, &s);
  if (status == ZS_EXIT_GO_ON && (status = parse_keywords(o, text, len, s, &k)) == ZS_EXIT_GO_ON) {
    if (zs_audit_count(&r, s, &k, o->mode == MODE_PASSAGES) == ZS_OK)
      status = write_report(o, &r, &k);
    else
      status = zs_cli_fail(&o->cli, zs_error_code() == ZS_ETOOBIG ? ZS_EXIT_USAGE : ZS_EXIT_INDEX);
  }
  zs_audit_result_free(&r);
  zs_audit_keywords_free(&k);
  zs_searcher_close(s);
  return status;
}

int zs_cmd_audit(int argc, char **argv) {
  audit_opts o = {.by = ZS_AUDIT_BY_DOC, .fmt = ZS_AUDIT_TSV};
  zs_cli_init(&o.cli, "zhquery audit");
  int status = parse_audit(argc, argv, &o);
  if (status != ZS_EXIT_GO_ON)
    return status;
  char *text = NULL;
  size_t len = 0;
  struct stat st; /* a file too large is refused before it is read */
  if (stat(o.file, &st) == 0 && S_ISREG(st.st_mode))
    len = (size_t)st.st_size;
  if (len <= ZS_AUDIT_MAX_FILE_BYTES &&
      zs_read_file(o.file, &text, &len) != ZS_OK) { /* before the index: a typo is status 2 */
    zs_cli_say(&o.cli, _("keywords file: %s"), zs_error_last());
    return ZS_EXIT_USAGE;
  }
  if (len > ZS_AUDIT_MAX_FILE_BYTES) {
    zs_cli_say(&o.cli,
               _("keywords file %s is %.1f MB; the limit is %u MB (at most %d keywords): "
                 "split it"),
               o.file, (double)len / (1 << 20), ZS_AUDIT_MAX_FILE_BYTES >> 20,
               ZS_AUDIT_MAX_KEYWORDS);
    free(text);
    return ZS_EXIT_USAGE;
  }
  status = run_audit(&o, text, len);
  free(text);
  return status;
}
