/* zs_serve_http: libmicrohttpd in its own threads (a pool, one request at a
 * time per thread), a request's body gathered up to ZS_SERVE_MAX_BODY, the
 * request handed to zs_serve_route and its reply sent with safe headers. */
#include "zs_serve_http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "zs_error.h"
#include "zs_serve_params.h"

struct zs_serve_http {
  struct MHD_Daemon *d;
  uint16_t port;
  int ipv6;
};

/* One request's state between libmicrohttpd's calls. */
typedef struct req_state {
  char *body; /* NUL-terminated once complete */
  size_t len, cap;
  bool too_big;
} req_state;

/* The query-string parameters, one more than allowed kept so that the
 * router can tell "too many". */
typedef struct params {
  zs_serve_param p[ZS_SERVE_MAX_PARAMS + 1];
  size_t n;
} params;

/* The page's scripts come only from the server itself, never inline, so
 * that text shown in it can never run as script. */
static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self'; connect-src 'self'; object-src 'none'; "
                          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

static void log_mhd(void *cls, const char *fmt, va_list ap) {
  (void)cls;
  fputs("zhquery serve: ", stderr);
  vfprintf(stderr, fmt, ap);
}

static enum MHD_Result add_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                 size_t key_size, const char *value, size_t value_size) {
  (void)kind;
  (void)key_size;
  params *ps = cls;
  if (ps->n > ZS_SERVE_MAX_PARAMS)
    return MHD_NO;
  ps->p[ps->n++] = (zs_serve_param){.name = key, .value = value ? value : "",
                                    .len = value ? value_size : 0};
  return MHD_YES;
}

static enum MHD_Result respond(struct MHD_Connection *c, zs_serve_reply *r) {
  struct MHD_Response *resp = MHD_create_response_from_buffer(
      r->len, r->body, r->is_static ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_FREE);
  if (!resp) {
    zs_serve_reply_free(r);
    return MHD_NO;
  }
  r->body = NULL; /* the response frees it now */
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Content-Security-Policy", csp);
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, r->cache ? "no-cache" : "no-store");
  if (r->allow)
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
  if (r->disposition)
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION, r->disposition);
  enum MHD_Result ret = MHD_queue_response(c, r->status, resp);
  MHD_destroy_response(resp);
  return ret;
}

static enum MHD_Result respond_too_big(struct MHD_Connection *c) {
  zs_serve_reply r;
  zs_serve_reply_error(&r, 413, "the request body is too large (at most %d bytes)",
                       ZS_SERVE_MAX_BODY);
  return respond(c, &r);
}

/* Appends an upload chunk; past the limit the body is dropped (the rest is
 * read and discarded, then answered with 413). */
static void add_body(req_state *st, const char *data, size_t n) {
  if (st->too_big)
    return;
  if (n > ZS_SERVE_MAX_BODY - st->len) {
    st->too_big = true;
    free(st->body);
    st->body = NULL;
    st->len = st->cap = 0;
    return;
  }
  if (st->len + n + 1 > st->cap) {
    size_t cap = st->cap ? st->cap : 4096;
    while (cap < st->len + n + 1)
      cap *= 2;
    char *b = realloc(st->body, cap);
    if (!b) { /* answered like an oversized body: the server cannot take it */
      st->too_big = true;
      return;
    }
    st->body = b;
    st->cap = cap;
  }
  memcpy(st->body + st->len, data, n);
  st->len += n;
  st->body[st->len] = '\0';
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
  (void)version;
  req_state *st = *con_cls;
  if (!st) { /* headers only so far */
    if (!(st = calloc(1, sizeof *st)))
      return MHD_NO;
    *con_cls = st;
    const char *cl =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strtoull(cl, NULL, 10) > ZS_SERVE_MAX_BODY) /* refused before it is sent */
      return respond_too_big(c);
    return MHD_YES;
  }
  if (*upload_data_size) {
    add_body(st, upload_data, *upload_data_size);
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (st->too_big)
    return respond_too_big(c);
  params ps = {.n = 0};
  MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, add_param, &ps);
  zs_serve_request rq = {
      .method = method, .path = url, .param = ps.p, .nparams = ps.n,
      .host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
      .content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                  MHD_HTTP_HEADER_CONTENT_TYPE),
      .body = st->body ? st->body : (strcmp(method, "POST") == 0 ? "" : NULL),
      .body_len = st->len};
  zs_serve_reply r;
  zs_serve_route(cls, &rq, &r);
  return respond(c, &r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  (void)cls;
  (void)c;
  (void)toe;
  req_state *st = *con_cls;
  if (st)
    free(st->body);
  free(st);
  *con_cls = NULL;
}

static bool is_loopback(const struct sockaddr *sa) {
  if (sa->sa_family == AF_INET)
    return (ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr) >> 24) == 127;
  return sa->sa_family == AF_INET6 &&
         IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr);
}

int zs_serve_http_start(zs_serve_http **out, const zs_serve_http_opts *opts) {
  *out = NULL;
  char port[8];
  snprintf(port, sizeof port, "%u", opts->port);
  struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                           .ai_flags = AI_PASSIVE | AI_NUMERICSERV},
                  *ai = NULL;
  int gai = getaddrinfo(opts->host, port, &hints, &ai);
  if (gai != 0)
    return zs_error_set(ZS_EINVAL, "cannot listen on %s: %s", opts->host, gai_strerror(gai));
  zs_serve_http *h = calloc(1, sizeof *h);
  if (!h) {
    freeaddrinfo(ai);
    return zs_error_set(ZS_ENOMEM, "out of memory");
  }
  h->ipv6 = ai->ai_family == AF_INET6;
  opts->ctx->loopback_hosts_only = is_loopback(ai->ai_addr);
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
                   (h->ipv6 ? MHD_USE_IPv6 : 0);
  /* the logger first: libmicrohttpd logs its own way until it is set */
  h->d = MHD_start_daemon(
      flags, opts->port, NULL, NULL, on_request, opts->ctx, MHD_OPTION_EXTERNAL_LOGGER, log_mhd,
      NULL, MHD_OPTION_SOCK_ADDR, ai->ai_addr, MHD_OPTION_THREAD_POOL_SIZE,
      (unsigned)(opts->threads ? opts->threads : 1), MHD_OPTION_CONNECTION_LIMIT,
      (unsigned)ZS_SERVE_MAX_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT,
      (unsigned)ZS_SERVE_IDLE_TIMEOUT_S, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
      MHD_OPTION_END);
  freeaddrinfo(ai);
  if (!h->d) {
    free(h);
    return zs_error_set(ZS_EIO, "cannot listen on %s port %s (in use, or not an address of "
                        "this machine)", opts->host, port);
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
  h->port = info ? info->port : opts->port;
  *out = h;
  return ZS_OK;
}

uint16_t zs_serve_http_port(const zs_serve_http *h) { return h->port; }

int zs_serve_http_is_ipv6(const zs_serve_http *h) { return h->ipv6; }

void zs_serve_http_stop(zs_serve_http *h) {
  if (!h)
    return;
  MHD_stop_daemon(h->d);
  free(h);
}
