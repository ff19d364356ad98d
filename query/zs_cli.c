/* zs_cli: the set-up every zhquery command repeated (index options, default
 * index, opening with synonyms, the status of each failure), written once. */
#include "zs_cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_paths.h"
#include "zs_table.h"

void zs_cli_init(zs_cli *c, const char *name) {
  *c = (zs_cli){.name = name};
}

/* Takes opt if it is a shared option: true when it was. */
static bool take_option(zs_cli *c, int opt, const char *arg, int *status) {
  *status = ZS_EXIT_GO_ON;
  switch (opt) {
  case ZS_CLI_OPT_INDEX:
    if (c->nindexes == ZS_CLI_MAX_INDEXES) {
      zs_cli_say(c, _("more than %d --index options; list the shards in a stub file instead"),
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

/* The long option that arg ("--name" or "--name=value") names, exactly or
 * by a prefix only it has (as getopt_long reads it); NULL when none. */
static const struct option *long_option(const struct option *longopts, const char *arg) {
  const char *name = arg + 2, *eq = strchr(name, '=');
  size_t len = eq ? (size_t)(eq - name) : strlen(name);
  const struct option *found = NULL;
  size_t matches = 0;
  for (const struct option *o = longopts; o->name; o++) {
    if (strncmp(o->name, name, len) != 0)
      continue;
    if (strlen(o->name) == len)
      return o;
    found = o;
    matches++;
  }
  return matches == 1 ? found : NULL;
}

/* Whether a short option ch takes a value (in shortopts: "ch:"); -1 when ch
 * is none of them. */
static int short_takes_value(const char *shortopts, char ch) {
  const char *at = ch && ch != ':' && ch != '+' && ch != '-' ? strchr(shortopts, ch) : NULL;
  return at ? at[1] == ':' : -1;
}

/* Whether s looks like an option a user mistyped: -x, -foo, -no-such (ASCII
 * letters, digits and '-' only), not a word to exclude (-计生, -year:2020). */
static bool looks_like_option(const char *s) {
  for (const char *p = s + 1; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '-'))
      return false;
  return s[1] != '\0';
}

int zs_cli_order_args(const zs_cli *c, int *argcp, char **argv, const char *shortopts,
                      const struct option *longopts, int *words) {
  int argc = *argcp;
  /* options are copied to the front in order, words to a side list: argv is
   * then the options, then the words, each as typed */
  char **word = malloc((size_t)(argc > 0 ? argc : 1) * sizeof *word);
  if (!word) {
    zs_cli_say(c, _("out of memory"));
    return ZS_EXIT_USAGE;
  }
  int nopt = 1, nword = 0, status = ZS_EXIT_GO_ON;
  for (int i = 1; i < argc && status == ZS_EXIT_GO_ON; i++) {
    char *a = argv[i];
    if (strcmp(a, "--") == 0) { /* the rest are words */
      while (++i < argc)
        word[nword++] = argv[i];
      break;
    }
    if (a[0] == '-' && a[1] == '-') {
      const struct option *o = long_option(longopts, a);
      if (!o) {
        zs_cli_say(c, _("unknown option '%.*s' (zhquery help lists the options)"),
                   (int)strcspn(a, "="), a);
        status = ZS_EXIT_USAGE;
        break;
      }
      const char *problem = o->has_arg == required_argument && !strchr(a, '=') && i + 1 >= argc
                                ? _("option '--%s' needs a value")
                            : o->has_arg == no_argument && strchr(a, '=')
                                ? _("option '--%s' takes no value")
                                : NULL;
      if (problem) {
        zs_cli_say(c, problem, o->name);
        status = ZS_EXIT_USAGE;
        break;
      }
      argv[nopt++] = a;
      if (o->has_arg == required_argument && !strchr(a, '='))
        argv[nopt++] = argv[++i];
      continue;
    }
    int takes = a[0] == '-' ? short_takes_value(shortopts, a[1]) : -1;
    if (takes == 0 && a[2] != '\0')
      takes = -1; /* -hello is no -h */
    if (takes >= 0) {
      if (takes && a[2] == '\0' && i + 1 >= argc) {
        zs_cli_say(c, _("option '%s' needs a value"), a);
        status = ZS_EXIT_USAGE;
        break;
      }
      argv[nopt++] = a;
      if (takes && a[2] == '\0')
        argv[nopt++] = argv[++i];
      continue;
    }
    if (a[0] == '-' && nword == 0 && looks_like_option(a)) {
      zs_cli_say(c,
                 _("unknown option '%s' (zhquery help lists the options; to exclude a word, "
                   "type it after another: 托育 -%s)"),
                 a, a + 1);
      status = ZS_EXIT_USAGE;
      break;
    }
    word[nword++] = a;
  }
  *words = nopt;
  for (int k = 0; k < nword; k++)
    argv[nopt + k] = word[k];
  *argcp = nopt + nword; /* "--" is dropped */
  argv[*argcp] = NULL;
  free(word);
  return status;
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
    zs_cli_say(c, _("no index given"));
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

bool zs_cli_table_format(const zs_cli *c, const char *arg, int *fmt) {
  if ((*fmt = zs_table_format_parse(arg)) >= 0)
    return true;
  zs_cli_say(c, _("--format needs tsv, csv or xlsx, not '%s'"), arg);
  return false;
}

bool zs_cli_binary_ok(const zs_cli *c) {
  if (!isatty(STDOUT_FILENO))
    return true;
  zs_cli_say(c, _("XLSX is a binary file: redirect it to a file (> results.xlsx)"));
  return false;
}

void zs_cli_say(const zs_cli *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, _("%s: "), c->name); /* "zhquery: " */
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

int zs_cli_fail(const zs_cli *c, int status) {
  zs_cli_say(c, "%s", zs_error_last());
  return status;
}
