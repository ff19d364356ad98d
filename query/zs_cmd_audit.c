/* zs_cmd_audit: `zhquery audit KEYWORDS_FILE`: options, the keywords file's
 * problems on stderr with their line numbers, and the exit status. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zs_audit.h"
#include "zs_cmds.h"
#include "zs_error.h"
#include "zs_index_args.h"
#include "zs_file.h"
#include "zs_search.h"

typedef enum audit_mode { MODE_MATRIX, MODE_PASSAGES, MODE_REQUIRE } audit_mode;

typedef struct audit_opts {
  zs_index_args index;
  const char *file;
  zs_audit_by by;
  bool by_given;
  zs_audit_format fmt;
  audit_mode mode;
} audit_opts;

static void audit_usage(FILE *to) {
  fprintf(
      to,
      "usage: zhquery audit [--index DIR] [--by doc|year|province|type] [--format tsv|csv|json]\n"
      "                     [--passages | --require] KEYWORDS_FILE\n"
      "Counts every keyword of KEYWORDS_FILE in every indexed document, exactly.\n"
      "KEYWORDS_FILE: one keyword per line; '#' starts a comment line; a|b counts a and b\n"
      "together under the name a; a leading '+' marks a keyword every document must have.\n"
      "  --by KEY        rows: documents (default), years, provinces or document types\n"
      "  --format FMT    tsv (default), csv (RFC 4180) or json\n"
      "  --passages      list every passage with a keyword: keyword, file:line, count, text\n"
      "  --require       list the documents missing a '+' keyword; exit status 1 if any\n"
      "Exit status: 0 done, 1 a required keyword is missing (--require), 2 bad usage or\n"
      "keywords file, 3 the index cannot be used.\n");
}

static int set_choice(const char *opt, const char *arg, int parsed, int *out) {
  if (parsed < 0) {
    fprintf(stderr, "zhquery audit: unknown %s '%s'\n", opt, arg);
    audit_usage(stderr);
    return 2;
  }
  *out = parsed;
  return -1;
}

static int format_parse(const char *s) {
  return strcmp(s, "tsv") == 0    ? ZS_AUDIT_TSV
         : strcmp(s, "csv") == 0  ? ZS_AUDIT_CSV
         : strcmp(s, "json") == 0 ? ZS_AUDIT_JSON
                                  : -1;
}

static int check_combination(int argc, char **argv, audit_opts *o, bool passages, bool require) {
  const char *problem = passages && require ? "--passages and --require cannot be combined"
                        : o->by_given && (passages || require)
                            ? "--by applies to the matrix, not to --passages or --require"
                        : optind + 1 != argc ? "give exactly one KEYWORDS_FILE"
                                             : NULL;
  if (problem) {
    fprintf(stderr, "zhquery audit: %s\n", problem);
    audit_usage(stderr);
    return 2;
  }
  o->file = argv[optind];
  o->mode = passages ? MODE_PASSAGES : require ? MODE_REQUIRE : MODE_MATRIX;
  return -1;
}

/* -1 to go on, else the exit status. */
static int parse_audit(int argc, char **argv, audit_opts *o) {
  static const struct option longs[] = {{"index", required_argument, NULL, 'i'},
                                        {"by", required_argument, NULL, 'b'},
                                        {"format", required_argument, NULL, 'f'},
                                        {"passages", no_argument, NULL, 'p'},
                                        {"require", no_argument, NULL, 'r'},
                                        {"help", no_argument, NULL, 'h'},
                                        {NULL, 0, NULL, 0}};
  bool passages = false, require = false;
  int c, status = -1, choice = 0;
  while (status < 0 && (c = getopt_long(argc, argv, "hi:", longs, NULL)) != -1) {
    switch (c) {
    case 'i':
      if (zs_index_args_add(&o->index, optarg) != ZS_OK) {
        fprintf(stderr, "zhquery audit: %s\n", zs_error_last());
        return 2;
      }
      break;
    case 'b':
      status = set_choice("--by", optarg, zs_audit_by_parse(optarg), &choice);
      o->by = (zs_audit_by)choice;
      o->by_given = true;
      break;
    case 'f':
      status = set_choice("--format", optarg, format_parse(optarg), &choice);
      o->fmt = (zs_audit_format)choice;
      break;
    case 'p': passages = true; break;
    case 'r': require = true; break;
    case 'h': audit_usage(stdout); return 0;
    default: audit_usage(stderr); return 2;
    }
  }
  return status >= 0 ? status : check_combination(argc, argv, o, passages, require);
}

/* The keywords of text, folded like the index; problems on stderr. -1 to go
 * on, else the exit status. */
static int parse_keywords(const audit_opts *o, const char *text, size_t len, zs_searcher *s,
                          zs_audit_keywords *k) {
  if (zs_audit_parse_keywords(k, text, len, zs_searcher_fold_flags(s)) != ZS_OK) {
    fprintf(stderr, "zhquery audit: %s\n", zs_error_last());
    return 3;
  }
  for (size_t i = 0; i < k->nproblems; i++)
    fprintf(stderr, "zhquery audit: %s:%u: %s\n", o->file, k->problem[i].line,
            k->problem[i].message);
  bool required = false;
  for (size_t i = 0; i < k->n; i++)
    required = required || k->kw[i].required;
  if (k->nproblems == 0 && k->n == 0)
    fprintf(stderr, "zhquery audit: %s has no keywords\n", o->file);
  else if (k->nproblems == 0 && o->mode == MODE_REQUIRE && !required)
    fprintf(stderr,
            "zhquery audit: --require: %s marks no keyword as required "
            "(write +keyword)\n",
            o->file);
  else if (k->nproblems == 0)
    return -1;
  return 2;
}

static int write_report(const audit_opts *o, const zs_audit_result *r, const zs_audit_keywords *k) {
  size_t missing = 0;
  int rc = o->mode == MODE_PASSAGES  ? zs_audit_write_passages(stdout, r, k, o->fmt)
           : o->mode == MODE_REQUIRE ? zs_audit_write_missing(stdout, r, k, o->fmt, &missing)
                                     : zs_audit_write_matrix(stdout, r, k, o->by, o->fmt);
  if (rc) {
    fprintf(stderr, "zhquery audit: %s\n", zs_error_last());
    return 3;
  }
  if (o->mode == MODE_REQUIRE && missing)
    fprintf(stderr, "zhquery audit: %zu of %zu documents miss a required keyword\n", missing,
            r->ndocs);
  return missing ? 1 : 0;
}

/* Reads, checks and counts the keywords, then writes the report. */
static int run_audit(const audit_opts *o, const char *text, size_t len) {
  zs_searcher *s = NULL;
  zs_audit_keywords k = {0};
  zs_audit_result r = {0};
  int status;
  if (zs_index_args_open(&o->index, &s) != ZS_OK) {
    fprintf(stderr, "zhquery audit: %s\n", zs_error_last());
    status = 3;
  } else if ((status = parse_keywords(o, text, len, s, &k)) < 0) {
    if (zs_audit_count(&r, s, &k, o->mode == MODE_PASSAGES) == ZS_OK) {
      status = write_report(o, &r, &k);
    } else {
      fprintf(stderr, "zhquery audit: %s\n", zs_error_last());
      status = zs_error_code() == ZS_ETOOBIG ? 2 : 3;
    }
  }
  zs_audit_result_free(&r);
  zs_audit_keywords_free(&k);
  zs_searcher_close(s);
  return status;
}

int zs_cmd_audit(int argc, char **argv) {
  audit_opts o = {.by = ZS_AUDIT_BY_DOC, .fmt = ZS_AUDIT_TSV};
  int status = parse_audit(argc, argv, &o);
  if (status >= 0)
    return status;
  if (zs_index_args_finish(&o.index) != ZS_OK) {
    fprintf(stderr, "zhquery audit: %s\n", zs_error_last());
    return 2;
  }
  char *text = NULL;
  size_t len = 0;
  struct stat st; /* a file too large is refused before it is read */
  if (stat(o.file, &st) == 0 && S_ISREG(st.st_mode))
    len = (size_t)st.st_size;
  if (len <= ZS_AUDIT_MAX_FILE_BYTES &&
      zs_read_file(o.file, &text, &len) != ZS_OK) { /* before the index: a typo is status 2 */
    fprintf(stderr, "zhquery audit: keywords file: %s\n", zs_error_last());
    return 2;
  }
  if (len > ZS_AUDIT_MAX_FILE_BYTES) {
    fprintf(stderr,
            "zhquery audit: keywords file %s is %.1f MB; the limit is %u MB (at most %d "
            "keywords): split it\n",
            o.file, (double)len / (1 << 20), ZS_AUDIT_MAX_FILE_BYTES >> 20,
            ZS_AUDIT_MAX_KEYWORDS);
    free(text);
    return 2;
  }
  status = run_audit(&o, text, len);
  free(text);
  return status;
}
