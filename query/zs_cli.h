/* zs_cli: what every zhquery command shares: the --index and synonyms options,
 * opening the index with them, messages prefixed with the command, exit statuses. */
#ifndef ZS_CLI_H
#define ZS_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "zs_search.h"

/* Exit statuses of every command, as grep's. */
typedef enum zs_exit {
  ZS_EXIT_OK = 0,    /* done; something found */
  ZS_EXIT_NONE = 1,  /* nothing found (a required keyword missing, for audit --require) */
  ZS_EXIT_USAGE = 2, /* bad usage, query or input file */
  ZS_EXIT_INDEX = 3, /* the index cannot be used */
} zs_exit;

/* Returned while options are read, when the command should carry on. */
#define ZS_EXIT_GO_ON (-1)

#define ZS_CLI_MAX_INDEXES 64

/* getopt_long values of the shared options; ZS_CLI_INDEX_OPTS and
 * ZS_CLI_SYNONYM_OPTS go into a command's table of long options. */
enum { ZS_CLI_OPT_INDEX = 'i', ZS_CLI_OPT_SYNONYMS = 0x100, ZS_CLI_OPT_NO_SYNONYMS };
#define ZS_CLI_INDEX_OPTS                                                                          \
  { "index", required_argument, NULL, ZS_CLI_OPT_INDEX }
#define ZS_CLI_SYNONYM_OPTS                                                                        \
  {"synonyms", required_argument, NULL, ZS_CLI_OPT_SYNONYMS}, {                                    \
    "no-synonyms", no_argument, NULL, ZS_CLI_OPT_NO_SYNONYMS                                       \
  }

typedef struct zs_cli {
  const char *name;                      /* "zhquery", "zhquery audit", …: message prefix */
  const char *index[ZS_CLI_MAX_INDEXES]; /* --index values, borrowed from argv */
  size_t nindexes;
  char fallback[4096];       /* the default index when none is given */
  bool no_synonyms;          /* --no-synonyms */
  const char *synonyms_file; /* --synonyms FILE, or NULL */
} zs_cli;

/* A command's shared state, with synonyms on and no index yet. */
void zs_cli_init(zs_cli *c, const char *name);

/* Moves argv's options (each with its value) before its words, keeping both
 * in order, so that options may be typed anywhere: before or after the
 * subcommand and the query. *words is the index of the first word (argv[1 ..
 * *words) are the options: give getopt_long argc = *words); *argc is the new
 * count. "--" ends the options (it is dropped: later "-…" are words). A word beginning with '-'
 * (an exclusion, -计生 or -province:湖南) is a word unless it is one of the
 * short options; before the first word, "-x" that is no option and looks like
 * one (ASCII letters) is an error, as is an unknown "--name" anywhere: the
 * message names it and ZS_EXIT_USAGE is returned, else ZS_EXIT_GO_ON. */
int zs_cli_order_args(const zs_cli *c, int *argc, char **argv, const char *shortopts,
                      const struct option *longopts, int *words);

/* getopt_long that takes the shared options itself: the next option that is
 * the command's own, or -1 at the end of the options or when a shared one was
 * wrong (*status is then ZS_EXIT_USAGE, with the message printed; else
 * ZS_EXIT_GO_ON). */
int zs_cli_getopt(zs_cli *c, int argc, char **argv, const char *shortopts,
                  const struct option *longopts, int *status);

/* After the options: the default index (zs_paths.h) when none was given.
 * ZS_EXIT_GO_ON, or ZS_EXIT_USAGE with the message printed. */
int zs_cli_finish(zs_cli *c);

/* Opens the indexes as one searcher with the synonyms asked for: ZS_EXIT_GO_ON,
 * or the exit status (an index that cannot be used, a bad synonyms file) with
 * the message printed. Caller frees *s with zs_searcher_close. */
int zs_cli_open(const zs_cli *c, zs_searcher **s);

/* --format's value as a zs_table_format into *fmt; false (with the message)
 * for another. */
bool zs_cli_table_format(const zs_cli *c, const char *arg, int *fmt);

/* Whether binary output (XLSX) may go to standard output: not to a terminal
 * (false, with a message saying to redirect it to a file). */
bool zs_cli_binary_ok(const zs_cli *c);

/* Prints "name: message" (printf format) on standard error. */
void zs_cli_say(const zs_cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "name: " and the last error (zs_error.h); returns status. */
int zs_cli_fail(const zs_cli *c, int status);

#endif
