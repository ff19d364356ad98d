/* zs_cli: the set-up every zhquery command repeated (index options, default
 * index, opening with synonyms, the status of each failure), written once. */
#include "zs_cli.h"

#include <stdarg.h>
#include <stdio.h>

#include "zs_error.h"
#include "zs_paths.h"

void zs_cli_init(zs_cli *c, const char *name) {
  *c = (zs_cli){.name = name};
}

/* Takes opt if it is a shared option: true when it was. */
static bool take_option(zs_cli *c, int opt, const char *arg, int *status) {
  *status = ZS_EXIT_GO_ON;
  switch (opt) {
  case ZS_CLI_OPT_INDEX:
    if (c->nindexes == ZS_CLI_MAX_INDEXES) {
      zs_cli_say(c, "more than %d --index options; list the shards in a stub file instead",
                 ZS_CLI_MAX_INDEXES);
      *status = ZS_EXIT_USAGE;
    } else {
      c->index[c->nindexes++] = arg;
    }
    return true;
  case ZS_CLI_OPT_SYNONYMS: c->synonyms_file = arg; return true;
  case ZS_CLI_OPT_NO_SYNONYMS: c->no_synonyms = true; return true;
  default: return false;
  }
}

int zs_cli_getopt(zs_cli *c, int argc, char **argv, const char *shortopts,
                  const struct option *longopts, int *status) {
  int opt;
  *status = ZS_EXIT_GO_ON;
  while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
    if (!take_option(c, opt, optarg, status))
      return opt;
    if (*status != ZS_EXIT_GO_ON)
      return -1;
  }
  return -1;
}

bool zs_cli_index_given(const zs_cli *c) {
  return c->nindexes > 0;
}

int zs_cli_finish(zs_cli *c) {
  if (c->nindexes)
    return ZS_EXIT_GO_ON;
  if (zs_default_index_path(c->fallback, sizeof c->fallback) != ZS_OK)
    return zs_cli_fail(c, ZS_EXIT_USAGE);
  c->index[c->nindexes++] = c->fallback;
  return ZS_EXIT_GO_ON;
}

int zs_cli_open(const zs_cli *c, zs_searcher **s) {
  *s = NULL;
  if (!c->nindexes) {
    zs_cli_say(c, "no index given");
    return ZS_EXIT_USAGE;
  }
  if (zs_searcher_open_many(s, c->index, c->nindexes) != ZS_OK)
    return zs_cli_fail(c, ZS_EXIT_INDEX);
  if (zs_searcher_synonyms(*s, !c->no_synonyms, c->synonyms_file) != ZS_OK) {
    zs_searcher_close(*s);
    *s = NULL;
    return zs_cli_fail(c, ZS_EXIT_USAGE);
  }
  return ZS_EXIT_GO_ON;
}

void zs_cli_say(const zs_cli *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "%s: ", c->name);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

int zs_cli_fail(const zs_cli *c, int status) {
  zs_cli_say(c, "%s", zs_error_last());
  return status;
}
