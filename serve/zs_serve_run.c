/* zs_serve_run: the signals are taken by sigwait in the caller's thread, never
 * by a handler, so that no request is interrupted halfway. */
#include "zs_serve_run.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_serve.h"
#include "zs_serve_http.h"
#include "zs_serve_pool.h"

/* Serves until SIGINT or SIGTERM. The signals are blocked before the server's
 * threads start (they inherit the mask) and taken here with sigwait, so no
 * handler runs in the middle of a request. */
static int serve(const zs_serve_config *o, zs_serve_pool *pool, zs_serve_failure *failed) {
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
  zs_serve_http_opts ho = {.host = o->host,
                           .port = o->port,
                           .threads = o->threads,
                           .per_address = o->per_address,
                           .request_timeout_s = o->request_timeout_s,
                           .ctx = &ctx};
  zs_serve_http *h = NULL;
  int rc = zs_serve_http_start(&h, &ho);
  if (rc) {
    *failed = ZS_SERVE_FAILED_LISTEN;
    return rc;
  }
  bool v6 = zs_serve_http_is_ipv6(h);
  printf("http://%s%s%s:%u/\n", v6 ? "[" : "", o->host, v6 ? "]" : "", zs_serve_http_port(h));
  fflush(stdout);
  fprintf(stderr, _("zhquery serve: index %s%s; %s; stop with Ctrl-C\n"), o->indexes[0],
          o->nindexes > 1 ? _(" and more shards") : "",
          ctx.loopback_hosts_only ? _("only this machine can connect")
                                  : _("WARNING: other machines can connect and search the index"));
  int sig = 0;
  while (sigwait(&stop, &sig) != 0)
    ;
  fprintf(stderr, _("zhquery serve: %s, stopping\n"), sig == SIGINT ? "SIGINT" : "SIGTERM");
  zs_serve_http_stop(h);
  return ZS_OK;
}

int zs_serve_run(const zs_serve_config *c, zs_serve_failure *failed) {
  zs_serve_pool_opts po = {.size = c->threads,
                           .max_age_s = c->refresh_s,
                           .synonyms = c->synonyms,
                           .synonyms_file = c->synonyms_file};
  zs_serve_pool *pool = NULL;
  int rc = zs_serve_pool_new(&pool, c->indexes, c->nindexes, &po);
  if (rc) {
    *failed = ZS_SERVE_FAILED_INDEX;
    return rc;
  }
  rc = serve(c, pool, failed);
  zs_serve_pool_free(pool);
  return rc;
}
