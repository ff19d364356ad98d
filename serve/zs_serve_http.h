/* zs_serve_http: the HTTP side of `zhquery serve` on libmicrohttpd: listening,
 * worker threads, request bodies within limits, and the security headers. */
#ifndef ZS_SERVE_HTTP_H
#define ZS_SERVE_HTTP_H

#include <stdint.h>

#include "zs_serve.h"

typedef struct zs_serve_http zs_serve_http;

typedef struct zs_serve_http_opts {
  const char *host;           /* address or name to listen on */
  uint16_t port;              /* 0: the system picks a free one */
  unsigned threads;           /* worker threads (libmicrohttpd's thread pool) */
  unsigned per_address;       /* connections of one client address; 0: ZS_SERVE_PER_ADDRESS */
  unsigned request_timeout_s; /* to deliver a whole request; 0: ZS_SERVE_REQUEST_DEADLINE_S */
  zs_serve_ctx *ctx;          /* borrowed until zs_serve_http_stop */
} zs_serve_http_opts;

/* Starts listening and answering in background threads. ZS_EINVAL when the
 * host does not resolve, ZS_EIO when the address cannot be bound (in use, not
 * this machine's) or a thread cannot start. Raises the soft limit of open
 * files toward what ZS_SERVE_MAX_CONNECTIONS needs. ctx->loopback_hosts_only is set from the
 * address bound. Caller stops and frees with zs_serve_http_stop. */
int zs_serve_http_start(zs_serve_http **out, const zs_serve_http_opts *opts);

/* The port listened on (the one chosen when 0 was asked for). */
uint16_t zs_serve_http_port(const zs_serve_http *h);

/* Whether the address bound is IPv6 (URLs then bracket it). */
int zs_serve_http_is_ipv6(const zs_serve_http *h);

/* Stops answering, waits for the threads and frees. Accepts NULL. */
void zs_serve_http_stop(zs_serve_http *h);

#endif
