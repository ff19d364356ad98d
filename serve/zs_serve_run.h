/* zs_serve_run: runs the server of `zhquery serve` until SIGINT or SIGTERM:
 * the searcher pool, the HTTP listener, the URL on standard output. */
#ifndef ZS_SERVE_RUN_H
#define ZS_SERVE_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct zs_serve_config {
  const char *const *indexes; /* searched as one (zs_searcher_open_many); borrowed */
  size_t nindexes;
  const char *host; /* address or name to listen on */
  uint16_t port;    /* 0: the system picks a free one */
  unsigned threads, refresh_s, per_address, request_timeout_s;
  bool synonyms;             /* expand words with synonyms */
  const char *synonyms_file; /* the user's own synonyms, or NULL */
} zs_serve_config;

/* Where zs_serve_run failed, for the caller's exit status. */
typedef enum zs_serve_failure {
  ZS_SERVE_FAILED_INDEX = 1,  /* the index cannot be opened */
  ZS_SERVE_FAILED_LISTEN = 2, /* the address cannot be resolved or bound */
} zs_serve_failure;

/* Serves until SIGINT or SIGTERM, then stops cleanly: ZS_OK. On an error
 * (zs_error.h) *failed says which step failed. */
int zs_serve_run(const zs_serve_config *c, zs_serve_failure *failed);

#endif
