/* zs_serve_pool: a fixed set of searcher slots guarded by a mutex and a
 * condition variable. Opening happens outside the lock, so one slow open never
 * stalls the threads that only give a searcher back. */
#include "zs_serve_pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "zs_error.h"
#include "zs_i18n.h"

typedef struct slot {
  zs_searcher *s; /* NULL until opened, or after it broke */
  time_t opened;  /* CLOCK_MONOTONIC seconds */
  bool busy;
} slot;

struct zs_serve_pool {
  pthread_mutex_t mu;
  pthread_cond_t freed;
  slot *slots;
  size_t n;
  zs_serve_pool_opts opts;
  char **indexes; /* what zs_searcher_open_many opens: one index, or shards */
  size_t nindexes;
};

static time_t now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec;
}

static int open_searcher(const zs_serve_pool *p, zs_searcher **out) {
  int rc = zs_searcher_open_many(out, (const char *const *)p->indexes, p->nindexes);
  if (rc == ZS_OK && (!p->opts.synonyms || p->opts.synonyms_file))
    rc = zs_searcher_synonyms(*out, p->opts.synonyms, p->opts.synonyms_file);
  if (rc != ZS_OK) {
    zs_searcher_close(*out);
    *out = NULL;
  }
  return rc;
}

int zs_serve_pool_new(zs_serve_pool **out, const char *const *indexes, size_t nindexes,
                      const zs_serve_pool_opts *opts) {
  *out = NULL;
  zs_serve_pool *p = calloc(1, sizeof *p);
  if (!p)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  pthread_mutex_init(&p->mu, NULL); /* first, so that zs_serve_pool_free can undo any step */
  pthread_cond_init(&p->freed, NULL);
  size_t n = opts->size ? opts->size : 1;
  bool ok = (p->slots = calloc(n, sizeof *p->slots)) &&
            (p->indexes = calloc(nindexes ? nindexes : 1, sizeof *p->indexes));
  for (size_t i = 0; ok && i < nindexes; i++, p->nindexes++)
    ok = (p->indexes[i] = strdup(indexes[i])) != NULL;
  if (!ok) {
    zs_serve_pool_free(p);
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  }
  p->n = n;
  p->opts = *opts;
  int rc = open_searcher(p, &p->slots[0].s);
  if (rc != ZS_OK) {
    zs_serve_pool_free(p);
    return rc;
  }
  p->slots[0].opened = now_s();
  *out = p;
  return ZS_OK;
}

void zs_serve_pool_free(zs_serve_pool *p) {
  if (!p)
    return;
  for (size_t i = 0; i < p->n; i++)
    zs_searcher_close(p->slots[i].s);
  pthread_cond_destroy(&p->freed);
  pthread_mutex_destroy(&p->mu);
  free(p->slots);
  for (size_t i = 0; i < p->nindexes; i++)
    free(p->indexes[i]);
  free(p->indexes);
  free(p);
}

/* The free slot to use: an open one if any (no open needed), else any. */
static slot *pick(zs_serve_pool *p) {
  slot *any = NULL;
  for (size_t i = 0; i < p->n; i++) {
    if (p->slots[i].busy)
      continue;
    if (p->slots[i].s)
      return &p->slots[i];
    any = any ? any : &p->slots[i];
  }
  return any;
}

int zs_serve_pool_get(zs_serve_pool *p, zs_searcher **out) {
  *out = NULL;
  pthread_mutex_lock(&p->mu);
  slot *sl;
  while (!(sl = pick(p)))
    pthread_cond_wait(&p->freed, &p->mu);
  sl->busy = true;
  pthread_mutex_unlock(&p->mu);

  /* The slot is ours while busy, but zs_serve_pool_put reads every slot's
   * searcher under the lock: it is replaced here in a local, stored under it. */
  time_t t = now_s();
  zs_searcher *s = sl->s;
  bool reopen = s && p->opts.max_age_s && t - sl->opened >= (time_t)p->opts.max_age_s;
  if (reopen) {
    zs_searcher_close(s); /* to see what zhindex committed since */
    s = NULL;
  }
  int rc = s ? ZS_OK : open_searcher(p, &s);
  pthread_mutex_lock(&p->mu);
  if (reopen || rc != ZS_OK || sl->s != s) {
    sl->s = s;
    sl->opened = t;
  }
  if (rc != ZS_OK) {
    sl->busy = false;
    pthread_cond_signal(&p->freed);
  }
  pthread_mutex_unlock(&p->mu);
  if (rc != ZS_OK)
    return rc;
  *out = s;
  return ZS_OK;
}

void zs_serve_pool_put(zs_serve_pool *p, zs_searcher *s, bool broken) {
  if (!s)
    return;
  pthread_mutex_lock(&p->mu);
  for (size_t i = 0; i < p->n; i++)
    if (p->slots[i].s == s && p->slots[i].busy) {
      if (broken) { /* closing under the lock is rare and quick enough */
        zs_searcher_close(s);
        p->slots[i].s = NULL;
      }
      p->slots[i].busy = false;
      break;
    }
  pthread_cond_signal(&p->freed);
  pthread_mutex_unlock(&p->mu);
}
