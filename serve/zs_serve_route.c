/* zs_serve_route: which answer a request gets: the Host check, the embedded
 * page, the API endpoints with their methods, and a searcher borrowed from the
 * pool for each API call (retried once on a fresh one if the index failed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_serve.h"
#include "zs_serve_api.h"
#include "zs_serve_assets.h"
#include "zs_serve_params.h"

typedef struct route {
  const char *path;
  zs_serve_handler *handler;
  bool get, post;
  const char *allow; /* the Allow header of a 405 */
} route;

static const route routes[] = {
    {"/api/search", zs_serve_api_search, true, false, "GET, HEAD"},
    {"/api/similar", zs_serve_api_similar, true, true, "GET, HEAD, POST"},
    {"/api/audit", zs_serve_api_audit, false, true, "POST"},
    {"/api/docs", zs_serve_api_docs, true, false, "GET, HEAD"},
    {"/api/health", zs_serve_api_health, true, false, "GET, HEAD"},
    {"/api/doc", zs_serve_api_doc, true, false, "GET, HEAD"},
    {"/api/file", zs_serve_api_file, true, false, "GET, HEAD"},
};

const zs_serve_asset *zs_serve_asset_find(const char *path) {
  if (strcmp(path, "/") == 0)
    path = "/index.html";
  for (size_t i = 0; i < zs_serve_asset_count; i++)
    if (strcmp(zs_serve_asset_table[i].path, path) == 0)
      return &zs_serve_asset_table[i];
  return NULL;
}

void zs_serve_reply_free(zs_serve_reply *r) {
  if (r && !r->is_static)
    free(r->body);
  if (r)
    r->body = NULL;
}

static void method_not_allowed(zs_serve_reply *out, const char *method, const char *path,
                               const char *allow) {
  zs_serve_reply_error(out, 405, _("%s is not allowed on %s (use %s)"), method, path, allow);
  out->allow = allow;
}

/* Runs the handler with a pooled searcher; one retry on a fresh searcher when
 * the index failed under the first (say, zhindex replaced its generation). */
static void call_handler(const zs_serve_ctx *ctx, const route *r, const zs_serve_request *rq,
                         zs_serve_reply *out) {
  int rc = ZS_OK;
  for (int attempt = 0; attempt < 2; attempt++) {
    zs_searcher *s = NULL;
    if ((rc = zs_serve_pool_get(ctx->pool, &s)) != ZS_OK)
      break;
    rc = r->handler(s, rq, out);
    zs_serve_pool_put(ctx->pool, s, rc != ZS_OK && rc != ZS_ENOMEM);
    if (rc == ZS_OK || rc == ZS_ENOMEM)
      break;
    zs_serve_reply_free(out);
  }
  if (rc == ZS_ENOMEM)
    zs_serve_reply_error(out, 500, _("out of memory: %s"), zs_error_last());
  else if (rc != ZS_OK)
    zs_serve_reply_error(out, 503, _("the index cannot be used: %s"), zs_error_last());
}

static bool plain_text(const char *content_type) {
  if (!content_type)
    return true;
  size_t n = strlen("text/plain");
  return strncasecmp(content_type, "text/plain", n) == 0 &&
         (content_type[n] == '\0' || content_type[n] == ';' || content_type[n] == ' ');
}

static void serve_asset(const zs_serve_asset *a, const zs_serve_request *rq, zs_serve_reply *out) {
  if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) {
    method_not_allowed(out, rq->method, rq->path, "GET, HEAD");
    return;
  }
  *out = (zs_serve_reply){.status = 200,
                          .content_type = a->content_type,
                          .body = (char *)a->data,
                          .len = a->len,
                          .is_static = true,
                          .cache = true};
}

void zs_serve_route(const zs_serve_ctx *ctx, const zs_serve_request *rq, zs_serve_reply *out) {
  *out = (zs_serve_reply){0};
  if (ctx->loopback_hosts_only && !zs_serve_host_is_loopback(rq->host)) {
    zs_serve_reply_error(out, 403,
                         _("Host '%.100s' is not this machine: the server answers "
                           "only to localhost and 127.0.0.1"),
                         rq->host);
    return;
  }
  const zs_serve_asset *a = zs_serve_asset_find(rq->path);
  if (a) {
    serve_asset(a, rq, out);
    return;
  }
  const route *r = NULL;
  for (size_t i = 0; i < sizeof routes / sizeof *routes && !r; i++)
    r = strcmp(routes[i].path, rq->path) == 0 ? &routes[i] : NULL;
  if (!r) {
    zs_serve_reply_error(out, 404,
                         _("no such page or endpoint: %.200s (the API: /api/search, "
                           "/api/similar, /api/audit, /api/docs, /api/doc, /api/file, "
                           "/api/health)"),
                         rq->path);
    return;
  }
  bool get = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
  bool post = strcmp(rq->method, "POST") == 0;
  if (!(get && r->get) && !(post && r->post)) {
    method_not_allowed(out, rq->method, rq->path, r->allow);
    return;
  }
  if (post && !plain_text(rq->content_type)) {
    zs_serve_reply_error(out, 415, _("send the body as text/plain (UTF-8), not %.100s"),
                         rq->content_type);
    return;
  }
  if (get && rq->body_len) {
    zs_serve_reply_error(out, 400, _("a %s request has no body"), rq->method);
    return;
  }
  call_handler(ctx, r, rq, out);
}
