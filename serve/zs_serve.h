/* zs_serve: `zhquery serve`'s requests and replies as the HTTP layer hands them
 * to the router and the API handlers — no libmicrohttpd types, so that routing,
 * parameter checks and the JSON answers can be tested without a socket. */
#ifndef ZS_SERVE_H
#define ZS_SERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_serve_pool.h"

/* Limits: what one request may ask for, so that no client can make the
 * server spend unbounded memory or time. */
#define ZS_SERVE_MAX_BODY (64 * 1024)  /* bytes of a POST body (413 beyond) */
#define ZS_SERVE_MAX_DRAFT (32 * 1024) /* bytes of a draft for /api/similar */
#define ZS_SERVE_MAX_QUERY 1000        /* bytes of q and of where */
#define ZS_SERVE_MAX_FILTER 100        /* bytes of a province/year/type filter */
#define ZS_SERVE_MAX_HITS 50           /* n of /api/search and /api/similar */
#define ZS_SERVE_MAX_EXPORT 1000       /* n of /api/search as CSV or XLSX (its default too) */
#define ZS_SERVE_MAX_OFFSET 10000      /* deepest page of /api/search */
#define ZS_SERVE_MAX_PER_DOC 10        /* per_doc of /api/search and /api/similar */
#define ZS_SERVE_MAX_KEYWORDS 200      /* keywords of one /api/audit */
#define ZS_SERVE_MAX_FACET_VALUES 200  /* values listed per facet */
#define ZS_SERVE_MAX_PARAMS 16         /* query-string parameters of one request */
#define ZS_SERVE_MAX_CONNECTIONS                                                                   \
  1024 /* open at once (fewer if file descriptors are                                              \
         short); more wait in the listen queue */
#define ZS_SERVE_PER_ADDRESS                                                                       \
  64 /* open at once from one client address; more are                                             \
       closed as they come (--per-address) */
#define ZS_SERVE_REQUEST_DEADLINE_S                                                                \
  10                               /* to deliver a whole request (headers and body),               \
                                     from connecting or from the previous answer;                  \
                                     trickling bytes does not extend it                            \
                                     (--request-timeout) */
#define ZS_SERVE_IDLE_TIMEOUT_S 10 /* a connection silent this long is closed */

/* One query-string parameter, percent-decoded; borrowed from the HTTP layer. */
typedef struct zs_serve_param {
  const char *name;
  const char *value; /* may hold bytes that are not UTF-8 or NUL: checked by the handlers */
  size_t len;
} zs_serve_param;

/* A request; every pointer is borrowed for the duration of zs_serve_route. */
typedef struct zs_serve_request {
  const char *method; /* "GET", "HEAD", "POST", ... */
  const char *path;   /* without the query string */
  const zs_serve_param *param;
  size_t nparams;
  const char *host;         /* the Host header, NULL when absent */
  const char *content_type; /* NULL when absent */
  const char *body;         /* POST body (not NUL-terminated), NULL when none */
  size_t body_len;
} zs_serve_request;

/* A reply. body is owned by the reply (freed by zs_serve_reply_free) unless
 * is_static; the header strings are static. */
typedef struct zs_serve_reply {
  unsigned status;
  const char *content_type;
  char *body;
  size_t len;
  bool is_static;
  bool cache;              /* an embedded asset: may be cached briefly */
  const char *allow;       /* Allow header of a 405, else NULL */
  const char *disposition; /* Content-Disposition, else NULL */
  bool sandbox;            /* a file of the archive: shown with no script, no frame, no request */
} zs_serve_reply;

/* What the router needs: the searchers and whether to insist on a loopback
 * Host header (when listening on loopback: a page elsewhere cannot reach the
 * API through a DNS name that resolves to 127.0.0.1). */
typedef struct zs_serve_ctx {
  zs_serve_pool *pool;
  bool loopback_hosts_only;
} zs_serve_ctx;

/* Answers rq: the page and its assets, the JSON API, or a JSON error with the
 * right status (400, 403, 404, 405, 413, 415, 503). Always fills *out; the
 * caller frees it with zs_serve_reply_free. */
void zs_serve_route(const zs_serve_ctx *ctx, const zs_serve_request *rq, zs_serve_reply *out);

/* Frees a reply's body (unless static); accepts a zeroed reply. */
void zs_serve_reply_free(zs_serve_reply *r);

#endif
