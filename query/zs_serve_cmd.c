/* zs_serve_cmd: `zhquery serve`: options, the searcher pool, the HTTP server,
 * the URL on standard output, and a clean stop on SIGINT or SIGTERM. */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_cmds.h"
#include "zs_error.h"
#include "zs_index_args.h"
#include "zs_serve.h"
#include "zs_serve_http.h"
#include "zs_serve_params.h"
#include "zs_serve_pool.h"
#include "zs_search.h"

typedef struct serve_opts {
  zs_index_args index;
  char host[256];
  uint16_t port;
  unsigned threads, refresh, per_address, request_timeout;
  bool synonyms;
  const char *synonyms_file;
} serve_opts;

static void serve_usage(FILE *to) {
  fprintf(to,
          "usage: zhquery serve [--index DIR] [--listen HOST:PORT] [--threads N]\n"
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
          "Exit status: 0 stopped, 2 bad usage or address, 3 the index cannot be used.\n",
          ZS_SERVE_PER_ADDRESS, ZS_SERVE_REQUEST_DEADLINE_S);
}

/* A number from 1 to max for option name; false (with the message) if not. */
static bool parse_number(const char *arg, const char *name, unsigned long max, unsigned *out) {
  char *end;
  unsigned long v = strtoul(arg, &end, 10);
  if (*arg < '1' || *arg > '9' || *end || v > max) {
    fprintf(stderr, "zhquery serve: %s needs a number from 1 to %lu\n", name, max);
    return false;
  }
  *out = (unsigned)v;
  return true;
}

/* -1 to go on, else the exit status. */
static int parse_serve(int argc, char **argv, serve_opts *o) {
  static const struct option longs[] = {
      {"index", required_argument, NULL, 'i'},   {"listen", required_argument, NULL, 'l'},
      {"threads", required_argument, NULL, 't'}, {"synonyms", required_argument, NULL, 'S'},
      {"no-synonyms", no_argument, NULL, 'N'},   {"refresh", required_argument, NULL, 'r'},
      {"per-address", required_argument, NULL, 'P'},
      {"request-timeout", required_argument, NULL, 'T'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "hi:", longs, NULL)) != -1) {
    switch (c) {
    case 'i':
      if (zs_index_args_add(&o->index, optarg) != ZS_OK) {
        fprintf(stderr, "zhquery serve: %s\n", zs_error_last());
        return 2;
      }
      break;
    case 'l':
      if (zs_serve_parse_listen(optarg, o->host, sizeof o->host, &o->port) != ZS_OK) {
        fprintf(stderr, "zhquery serve: %s\n", zs_error_last());
        return 2;
      }
      break;
    case 't':
      if (!parse_number(optarg, "--threads", 64, &o->threads))
        return 2;
      break;
    case 'r':
      if (!parse_number(optarg, "--refresh", 86400, &o->refresh))
        return 2;
      break;
    case 'P':
      if (!parse_number(optarg, "--per-address", ZS_SERVE_MAX_CONNECTIONS, &o->per_address))
        return 2;
      break;
    case 'T':
      if (!parse_number(optarg, "--request-timeout", 3600, &o->request_timeout))
        return 2;
      break;
    case 'S': o->synonyms_file = optarg; break;
    case 'N': o->synonyms = false; break;
    case 'h': serve_usage(stdout); return 0;
    default: serve_usage(stderr); return 2;
    }
  }
  if (optind < argc) {
    fprintf(stderr, "zhquery serve: unexpected argument '%s'\n", argv[optind]);
    serve_usage(stderr);
    return 2;
  }
  return -1;
}

/* Serves until SIGINT or SIGTERM. The signals are blocked before the server's
 * threads start (they inherit the mask) and taken here with sigwait, so no
 * handler runs in the middle of a request. */
static int serve(const serve_opts *o, zs_serve_pool *pool) {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  /* taken even when started ignoring them (a background job of a script):
   * an ignored signal is discarded and would never reach sigwait */
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  signal(SIGPIPE, SIG_IGN); /* a client gone mid-answer is not our death */

  zs_serve_ctx ctx = {.pool = pool};
  zs_serve_http_opts ho = {.host = o->host, .port = o->port, .threads = o->threads,
                          .per_address = o->per_address,
                          .request_timeout_s = o->request_timeout, .ctx = &ctx};
  zs_serve_http *h = NULL;
  if (zs_serve_http_start(&h, &ho) != ZS_OK) {
    fprintf(stderr, "zhquery serve: %s\n", zs_error_last());
    return 2;
  }
  bool v6 = zs_serve_http_is_ipv6(h);
  printf("http://%s%s%s:%u/\n", v6 ? "[" : "", o->host, v6 ? "]" : "", zs_serve_http_port(h));
  fflush(stdout);
  fprintf(stderr, "zhquery serve: index %s%s; %s; stop with Ctrl-C\n", o->index.given[0],
          o->index.n > 1 ? " and more shards" : "",
          ctx.loopback_hosts_only ? "only this machine can connect"
                                  : "WARNING: other machines can connect and search the index");
  int sig = 0;
  while (sigwait(&stop, &sig) != 0)
    ;
  fprintf(stderr, "zhquery serve: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
  zs_serve_http_stop(h);
  return 0;
}

int zs_cmd_serve(int argc, char **argv) {
  serve_opts o = {.host = "127.0.0.1", .port = 8080, .threads = 4, .refresh = 30,
                  .per_address = ZS_SERVE_PER_ADDRESS,
                  .request_timeout = ZS_SERVE_REQUEST_DEADLINE_S, .synonyms = true};
  int status = parse_serve(argc, argv, &o);
  if (status >= 0)
    return status;
  if (zs_index_args_finish(&o.index) != ZS_OK) {
    fprintf(stderr, "zhquery serve: %s\n", zs_error_last());
    return 2;
  }
  /* the checks of zhquery: an unusable index is status 3, a bad synonyms file 2 */
  zs_searcher *s = NULL;
  if (zs_index_args_open(&o.index, &s) != ZS_OK) {
    fprintf(stderr, "zhquery serve: %s\n", zs_error_last());
    return 3;
  }
  int rc = zs_searcher_synonyms(s, o.synonyms, o.synonyms_file);
  zs_searcher_close(s);
  if (rc != ZS_OK) {
    fprintf(stderr, "zhquery serve: %s\n", zs_error_last());
    return 2;
  }
  zs_serve_pool_opts po = {.size = o.threads, .max_age_s = o.refresh, .synonyms = o.synonyms,
                           .synonyms_file = o.synonyms_file};
  zs_serve_pool *pool = NULL;
  if (zs_serve_pool_new(&pool, o.index.given, o.index.n, &po) != ZS_OK) {
    fprintf(stderr, "zhquery serve: %s\n", zs_error_last());
    return 3;
  }
  status = serve(&o, pool);
  zs_serve_pool_free(pool);
  return status;
}
