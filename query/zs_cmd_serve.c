/* zs_cmd_serve: `zhquery serve`: its options and the checks zhquery makes of
 * the index, then the server (serve/zs_serve_run) and the exit status. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_cli.h"
#include "zs_cmds.h"
#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_serve.h"
#include "zs_serve_params.h"
#include "zs_serve_run.h"

typedef struct serve_opts {
  zs_cli cli;
  char host[256];
  uint16_t port;
  unsigned threads, refresh, per_address, request_timeout;
} serve_opts;

static void serve_usage(FILE *to) {
  fprintf(to,
          _("usage: zhquery serve [--index DIR] [--listen HOST:PORT] [--threads N]\n"
            "                     [--refresh SECONDS] [--synonyms FILE | --no-synonyms]\n"
            "                     [--per-address N] [--request-timeout SECONDS]\n"
            "Serves a search page and a JSON API for the index (read-only) over HTTP.\n"
            "  --index DIR         index directory (default as for zhquery); repeat it, or\n"
            "                      name a shard list, to serve shards as one index\n"
            "  --listen HOST:PORT  address to listen on (default 127.0.0.1:8080; port 0 picks a\n"
            "                      free one). Any other than 127.0.0.1 or localhost lets other\n"
            "                      machines search the index.\n"
            "  --threads N         requests answered at once (default 4, at most 64)\n"
            "  --refresh SECONDS   reopen the index this often to see what zhindex added\n"
            "                      (default 30)\n"
            "  --synonyms FILE     add your own synonyms; --no-synonyms turns expansion off\n"
            "  --per-address N     connections one client address may hold at once (default\n"
            "                      %d; more are closed at once): raise it behind a proxy\n"
            "  --request-timeout SECONDS\n"
            "                      time a connection has to send a whole request, from\n"
            "                      connecting or from the previous answer (default %d)\n"
            "Prints the URL on standard output; Ctrl-C (SIGINT) or SIGTERM stops it.\n"
            "Exit status: 0 stopped, 2 bad usage or address, 3 the index cannot be used.\n"),
          ZS_SERVE_PER_ADDRESS, ZS_SERVE_REQUEST_DEADLINE_S);
}

/* A number from 1 to max for option name; false (with the message) if not. */
static bool parse_number(const zs_cli *cli, const char *arg, const char *name, unsigned long max,
                         unsigned *out) {
  char *end;
  unsigned long v = strtoul(arg, &end, 10);
  if (*arg < '1' || *arg > '9' || *end || v > max) {
    zs_cli_say(cli, _("%s needs a number from 1 to %lu"), name, max);
    return false;
  }
  *out = (unsigned)v;
  return true;
}

/* ZS_EXIT_GO_ON with the index settled, else the exit status. */
static int parse_serve(int argc, char **argv, serve_opts *o) {
  int words;
  static const struct option longs[] = {ZS_CLI_INDEX_OPTS,
                                        ZS_CLI_SYNONYM_OPTS,
                                        {"listen", required_argument, NULL, 'l'},
                                        {"threads", required_argument, NULL, 't'},
                                        {"refresh", required_argument, NULL, 'r'},
                                        {"per-address", required_argument, NULL, 'P'},
                                        {"request-timeout", required_argument, NULL, 'T'},
                                        {"help", no_argument, NULL, 'h'},
                                        {NULL, 0, NULL, 0}};
  int c, status = zs_cli_order_args(&o->cli, &argc, argv, "hi:", longs, &words);
  if (status != ZS_EXIT_GO_ON)
    return status;
  optind = 1;
  while ((c = zs_cli_getopt(&o->cli, words, argv, "hi:", longs, &status)) != -1) {
    switch (c) {
    case 'l':
      if (zs_serve_parse_listen(optarg, o->host, sizeof o->host, &o->port) != ZS_OK)
        return zs_cli_fail(&o->cli, ZS_EXIT_USAGE);
      break;
    case 't':
      if (!parse_number(&o->cli, optarg, "--threads", 64, &o->threads))
        return ZS_EXIT_USAGE;
      break;
    case 'r':
      if (!parse_number(&o->cli, optarg, "--refresh", 86400, &o->refresh))
        return ZS_EXIT_USAGE;
      break;
    case 'P':
      if (!parse_number(&o->cli, optarg, "--per-address", ZS_SERVE_MAX_CONNECTIONS,
                        &o->per_address))
        return ZS_EXIT_USAGE;
      break;
    case 'T':
      if (!parse_number(&o->cli, optarg, "--request-timeout", 3600, &o->request_timeout))
        return ZS_EXIT_USAGE;
      break;
    case 'h': serve_usage(stdout); return ZS_EXIT_OK;
    default: serve_usage(stderr); return ZS_EXIT_USAGE;
    }
  }
  if (status != ZS_EXIT_GO_ON)
    return status;
  if (words < argc) {
    zs_cli_say(&o->cli, _("unexpected argument '%s'"), argv[words]);
    serve_usage(stderr);
    return ZS_EXIT_USAGE;
  }
  return zs_cli_finish(&o->cli);
}

int zs_cmd_serve(int argc, char **argv) {
  serve_opts o = {.threads = 4,
                  .refresh = 30,
                  .per_address = ZS_SERVE_PER_ADDRESS,
                  .request_timeout = ZS_SERVE_REQUEST_DEADLINE_S};
  snprintf(o.host, sizeof o.host, "127.0.0.1");
  o.port = 8080;
  zs_cli_init(&o.cli, "zhquery serve");
  int status = parse_serve(argc, argv, &o);
  /* the checks of zhquery first: an unusable index is status 3, a bad synonyms file 2 */
  zs_searcher *s = NULL;
  if (status == ZS_EXIT_GO_ON)
    status = zs_cli_open(&o.cli, &s);
  zs_searcher_close(s);
  if (status != ZS_EXIT_GO_ON)
    return status;
  zs_i18n_use("zh_CN"); /* the page is Chinese, and so are the API's messages it shows */
  zs_serve_config c = {.indexes = o.cli.index,
                       .nindexes = o.cli.nindexes,
                       .host = o.host,
                       .port = o.port,
                       .threads = o.threads,
                       .refresh_s = o.refresh,
                       .per_address = o.per_address,
                       .request_timeout_s = o.request_timeout,
                       .synonyms = !o.cli.no_synonyms,
                       .synonyms_file = o.cli.synonyms_file};
  zs_serve_failure failed = 0;
  if (zs_serve_run(&c, &failed) != ZS_OK)
    return zs_cli_fail(&o.cli, failed == ZS_SERVE_FAILED_INDEX ? ZS_EXIT_INDEX : ZS_EXIT_USAGE);
  return ZS_EXIT_OK;
}
