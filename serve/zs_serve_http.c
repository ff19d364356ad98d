/* zs_serve_http: libmicrohttpd in its own threads (a pool, one request at a
 * time per thread), a request's body gathered up to ZS_SERVE_MAX_BODY, the
 * request handed to zs_serve_route and its reply sent with safe headers.
 * Slow clients: connections per address are limited, and the watchdog closes
 * a connection that has not delivered a whole request within the deadline. */
#include "zs_serve_http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_serve_params.h"
#include "zs_serve_watchdog.h"

/* libmicrohttpd's messages shown a minute at most: a client can make it
 * speak once per connection (closed early, turned away at a limit), and the
 * log must not become a way to fill a disk. */
#define LOG_PER_MINUTE 10

/* Descriptors kept for the index's files and the server's own. */
#define FD_RESERVE 256

struct zs_serve_http {
  struct MHD_Daemon *d;
  zs_serve_ctx *ctx;
  zs_serve_watchdog *watchdog;
  uint16_t port;
  int ipv6;
  pthread_mutex_t log_mu;
  time_t log_window; /* CLOCK_MONOTONIC second the current minute began */
  unsigned log_shown;
  unsigned long log_hidden;
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
/* a saved page of the archive, served as it is: none of its scripts run,
 * it loads nothing, it cannot reach the API */
static const char sandbox_csp[] = "sandbox; default-src 'none'; style-src 'unsafe-inline'; "
                                  "img-src data:";
static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self'; connect-src 'self'; object-src 'none'; "
                          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

static time_t now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec;
}

/* One line per message, written at once so that threads do not interleave;
 * beyond LOG_PER_MINUTE a minute they are counted, and the count is told
 * with the next message shown. */
static void log_mhd(void *cls, const char *fmt, va_list ap) {
  zs_serve_http *h = cls;
  char msg[512];
  vsnprintf(msg, sizeof msg, fmt, ap);
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
    msg[--n] = '\0';
  pthread_mutex_lock(&h->log_mu);
  time_t now = now_s();
  if (now - h->log_window >= 60) {
    if (h->log_hidden)
      fprintf(stderr, _("zhquery serve: %lu more messages of libmicrohttpd not shown\n"),
              h->log_hidden);
    h->log_window = now;
    h->log_shown = 0;
    h->log_hidden = 0;
  }
  if (h->log_shown < LOG_PER_MINUTE) {
    h->log_shown++;
    fprintf(stderr, _("zhquery serve: %s\n"), msg);
  } else {
    h->log_hidden++;
  }
  pthread_mutex_unlock(&h->log_mu);
}

/* The watchdog's entry of a connection (NULL when it could not be made). */
static zs_serve_watch *watch_of(struct MHD_Connection *c) {
  const union MHD_ConnectionInfo *i =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return i ? i->socket_context : NULL;
}

/* A connection's life: on the watchdog's clock from the start; removed before
 * libmicrohttpd closes the socket (it calls this first). */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe) {
  zs_serve_http *h = cls;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *i =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    *socket_context = i ? zs_serve_watchdog_add(h->watchdog, i->connect_fd) : NULL;
  } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
    zs_serve_watchdog_remove(h->watchdog, *socket_context);
    *socket_context = NULL;
  }
}

static enum MHD_Result add_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                 size_t key_size, const char *value, size_t value_size) {
  (void)kind;
  (void)key_size;
  params *ps = cls;
  if (ps->n > ZS_SERVE_MAX_PARAMS)
    return MHD_NO;
  ps->p[ps->n++] =
      (zs_serve_param){.name = key, .value = value ? value : "", .len = value ? value_size : 0};
  return MHD_YES;
}

/* The request is whole (or refused before its body): off the deadline's clock
 * while it is answered; the idle timeout still closes a client that stops
 * reading. */
static enum MHD_Result respond(zs_serve_http *h, struct MHD_Connection *c, zs_serve_reply *r) {
  zs_serve_watchdog_answering(h->watchdog, watch_of(c));
  struct MHD_Response *resp = MHD_create_response_from_buffer(
      r->len, r->body, r->is_static ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_FREE);
  if (!resp) {
    zs_serve_reply_free(r);
    return MHD_NO;
  }
  r->body = NULL; /* the response frees it now */
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Content-Security-Policy", r->sandbox ? sandbox_csp : csp);
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

static enum MHD_Result respond_too_big(zs_serve_http *h, struct MHD_Connection *c) {
  zs_serve_reply r;
  zs_serve_reply_error(&r, 413, _("the request body is too large (at most %d bytes)"),
                       ZS_SERVE_MAX_BODY);
  return respond(h, c, &r);
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
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls) {
  (void)version;
  zs_serve_http *h = cls;
  req_state *st = *con_cls;
  if (!st) { /* headers only so far */
    if (!(st = calloc(1, sizeof *st)))
      return MHD_NO;
    *con_cls = st;
    const char *cl =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strtoull(cl, NULL, 10) > ZS_SERVE_MAX_BODY) /* refused before it is sent */
      return respond_too_big(h, c);
    return MHD_YES;
  }
  if (*upload_data_size) {
    add_body(st, upload_data, *upload_data_size);
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (st->too_big)
    return respond_too_big(h, c);
  params ps = {.n = 0};
  MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, add_param, &ps);
  zs_serve_request rq = {
      .method = method,
      .path = url,
      .param = ps.p,
      .nparams = ps.n,
      .host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
      .content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
      .body = st->body ? st->body : (strcmp(method, "POST") == 0 ? "" : NULL),
      .body_len = st->len};
  zs_serve_reply r;
  zs_serve_route(h->ctx, &rq, &r);
  return respond(h, c, &r);
}

/* A request is over (answered, or the connection broke): the clock starts
 * again for the next request on a kept-alive connection. */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  (void)toe;
  zs_serve_http *h = cls;
  zs_serve_watchdog_waiting(h->watchdog, watch_of(c));
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

/* How many connections the descriptors allow: the soft limit is raised toward
 * what ZS_SERVE_MAX_CONNECTIONS needs (as far as the hard limit lets it), and
 * the connection limit lowered to what is left beside FD_RESERVE. */
static unsigned connection_limit(void) {
  rlim_t need = ZS_SERVE_MAX_CONNECTIONS + FD_RESERVE;
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
    return ZS_SERVE_MAX_CONNECTIONS;
  if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
    struct rlimit up = rl;
    up.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need ? rl.rlim_max : need;
    if (setrlimit(RLIMIT_NOFILE, &up) == 0)
      rl = up;
  }
  if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= need)
    return ZS_SERVE_MAX_CONNECTIONS;
  return rl.rlim_cur > 2 * FD_RESERVE ? (unsigned)(rl.rlim_cur - FD_RESERVE)
                                      : (unsigned)(rl.rlim_cur / 2);
}

int zs_serve_http_start(zs_serve_http **out, const zs_serve_http_opts *opts) {
  *out = NULL;
  char port[8];
  snprintf(port, sizeof port, "%u", opts->port);
  struct addrinfo hints = {.ai_family = AF_UNSPEC,
                           .ai_socktype = SOCK_STREAM,
                           .ai_flags = AI_PASSIVE | AI_NUMERICSERV},
                  *ai = NULL;
  int gai = getaddrinfo(opts->host, port, &hints, &ai);
  if (gai != 0)
    return zs_error_set(ZS_EINVAL, _("cannot listen on %s: %s"), opts->host, gai_strerror(gai));
  zs_serve_http *h = calloc(1, sizeof *h);
  if (!h) {
    freeaddrinfo(ai);
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  }
  h->ctx = opts->ctx;
  h->ipv6 = ai->ai_family == AF_INET6;
  h->log_window = now_s();
  pthread_mutex_init(&h->log_mu, NULL);
  unsigned deadline =
      opts->request_timeout_s ? opts->request_timeout_s : (unsigned)ZS_SERVE_REQUEST_DEADLINE_S;
  int rc = zs_serve_watchdog_start(&h->watchdog, deadline);
  if (rc != ZS_OK) {
    freeaddrinfo(ai);
    pthread_mutex_destroy(&h->log_mu);
    free(h);
    return rc;
  }
  opts->ctx->loopback_hosts_only = is_loopback(ai->ai_addr);
  /* MHD_USE_AUTO: epoll on Linux, so the connection limit is not select's */
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
                   (h->ipv6 ? MHD_USE_IPv6 : 0);
  /* the logger first: libmicrohttpd logs its own way until it is set */
  h->d =
      MHD_start_daemon(flags, opts->port, NULL, NULL, on_request, h, MHD_OPTION_EXTERNAL_LOGGER,
                       log_mhd, h, MHD_OPTION_SOCK_ADDR, ai->ai_addr, MHD_OPTION_THREAD_POOL_SIZE,
                       (unsigned)(opts->threads ? opts->threads : 1), MHD_OPTION_CONNECTION_LIMIT,
                       connection_limit(), MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                       opts->per_address ? opts->per_address : (unsigned)ZS_SERVE_PER_ADDRESS,
                       MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)ZS_SERVE_IDLE_TIMEOUT_S,
                       MHD_OPTION_NOTIFY_CONNECTION, on_connection, h, MHD_OPTION_NOTIFY_COMPLETED,
                       on_completed, h, MHD_OPTION_END);
  freeaddrinfo(ai);
  if (!h->d) {
    zs_serve_watchdog_stop(h->watchdog);
    pthread_mutex_destroy(&h->log_mu);
    free(h);
    return zs_error_set(ZS_EIO,
                        _("cannot listen on %s port %s (in use, or not an address of "
                          "this machine)"),
                        opts->host, port);
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
  h->port = info ? info->port : opts->port;
  *out = h;
  return ZS_OK;
}

uint16_t zs_serve_http_port(const zs_serve_http *h) {
  return h->port;
}

int zs_serve_http_is_ipv6(const zs_serve_http *h) {
  return h->ipv6;
}

void zs_serve_http_stop(zs_serve_http *h) {
  if (!h)
    return;
  MHD_stop_daemon(h->d); /* closes every connection: the watchdog's table empties */
  zs_serve_watchdog_stop(h->watchdog);
  if (h->log_hidden)
    fprintf(stderr, _("zhquery serve: %lu more messages of libmicrohttpd not shown\n"),
            h->log_hidden);
  pthread_mutex_destroy(&h->log_mu);
  free(h);
}
