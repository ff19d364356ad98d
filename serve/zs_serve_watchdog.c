/* zs_serve_watchdog: one thread that shuts down connections which have not
 * delivered a complete request within the deadline, however they trickle. */
#include "zs_serve_watchdog.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "zs_error.h"
#include "zs_i18n.h"

struct zs_serve_watch {
  int fd;
  int64_t due_ms; /* CLOCK_MONOTONIC; meaningful while on_clock */
  bool on_clock;  /* in the clock list, else in the rest list */
  bool cut;       /* shut down: never on the clock again */
  zs_serve_watch *prev, *next;
};

typedef struct list {
  zs_serve_watch *head, *tail;
} list;

/* Every entry is in exactly one list, under mu. All entries get the same
 * deadline counted from when they are put on the clock, so appending keeps
 * the clock list in deadline order and the thread only looks at its head. */
struct zs_serve_watchdog {
  pthread_mutex_t mu;
  pthread_cond_t wake; /* on CLOCK_MONOTONIC */
  pthread_t thread;
  list clock, rest;
  int64_t deadline_ms;
  bool stopping;
};

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void unlink_from(list *l, zs_serve_watch *e) {
  if (e->prev)
    e->prev->next = e->next;
  else
    l->head = e->next;
  if (e->next)
    e->next->prev = e->prev;
  else
    l->tail = e->prev;
  e->prev = e->next = NULL;
}

static void append(list *l, zs_serve_watch *e) {
  e->prev = l->tail;
  e->next = NULL;
  if (l->tail)
    l->tail->next = e;
  else
    l->head = e;
  l->tail = e;
}

static void take_out(zs_serve_watchdog *w, zs_serve_watch *e) {
  unlink_from(e->on_clock ? &w->clock : &w->rest, e);
}

/* Puts e at the clock's end, due a deadline from now; wakes the thread when
 * the clock was empty (it then waits without a timeout). */
static void put_on_clock(zs_serve_watchdog *w, zs_serve_watch *e) {
  bool was_empty = w->clock.head == NULL;
  e->due_ms = now_ms() + w->deadline_ms;
  e->on_clock = true;
  append(&w->clock, e);
  if (was_empty)
    pthread_cond_signal(&w->wake);
}

static void *run(void *arg) {
  zs_serve_watchdog *w = arg;
  pthread_mutex_lock(&w->mu);
  while (!w->stopping) {
    int64_t now = now_ms();
    zs_serve_watch *e;
    while ((e = w->clock.head) && e->due_ms <= now) {
      /* under mu: e is not yet removed, so its owner has not closed fd and
       * the number still names this connection */
      shutdown(e->fd, SHUT_RDWR);
      unlink_from(&w->clock, e);
      e->on_clock = false;
      e->cut = true;
      append(&w->rest, e);
    }
    if (!w->clock.head) {
      pthread_cond_wait(&w->wake, &w->mu);
      continue;
    }
    int64_t due = w->clock.head->due_ms;
    struct timespec ts = {.tv_sec = (time_t)(due / 1000), .tv_nsec = (long)(due % 1000) * 1000000};
    pthread_cond_timedwait(&w->wake, &w->mu, &ts);
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

int zs_serve_watchdog_start(zs_serve_watchdog **out, unsigned deadline_s) {
  *out = NULL;
  zs_serve_watchdog *w = calloc(1, sizeof *w);
  if (!w)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  w->deadline_ms = (int64_t)deadline_s * 1000;
  pthread_condattr_t ca;
  bool ok = pthread_condattr_init(&ca) == 0;
  if (ok) {
    ok = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0 &&
         pthread_cond_init(&w->wake, &ca) == 0;
    pthread_condattr_destroy(&ca);
  }
  if (!ok) {
    free(w);
    return zs_error_set(ZS_EIO, _("cannot start the request watchdog"));
  }
  pthread_mutex_init(&w->mu, NULL);
  if (pthread_create(&w->thread, NULL, run, w) != 0) {
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->mu);
    free(w);
    return zs_error_set(ZS_EIO, _("cannot start the request watchdog"));
  }
  *out = w;
  return ZS_OK;
}

zs_serve_watch *zs_serve_watchdog_add(zs_serve_watchdog *w, int fd) {
  zs_serve_watch *e = calloc(1, sizeof *e);
  if (!e)
    return NULL;
  e->fd = fd;
  pthread_mutex_lock(&w->mu);
  put_on_clock(w, e);
  pthread_mutex_unlock(&w->mu);
  return e;
}

void zs_serve_watchdog_answering(zs_serve_watchdog *w, zs_serve_watch *e) {
  if (!e)
    return;
  pthread_mutex_lock(&w->mu);
  if (e->on_clock) {
    unlink_from(&w->clock, e);
    e->on_clock = false;
    append(&w->rest, e);
  }
  pthread_mutex_unlock(&w->mu);
}

void zs_serve_watchdog_waiting(zs_serve_watchdog *w, zs_serve_watch *e) {
  if (!e)
    return;
  pthread_mutex_lock(&w->mu);
  if (!e->cut) {
    take_out(w, e);
    put_on_clock(w, e);
  }
  pthread_mutex_unlock(&w->mu);
}

void zs_serve_watchdog_remove(zs_serve_watchdog *w, zs_serve_watch *e) {
  if (!e)
    return;
  pthread_mutex_lock(&w->mu);
  take_out(w, e);
  pthread_mutex_unlock(&w->mu);
  free(e);
}

void zs_serve_watchdog_stop(zs_serve_watchdog *w) {
  if (!w)
    return;
  pthread_mutex_lock(&w->mu);
  w->stopping = true;
  pthread_cond_signal(&w->wake);
  pthread_mutex_unlock(&w->mu);
  pthread_join(w->thread, NULL);
  /* normally empty: the server removes every connection it closes */
  list *lists[] = {&w->clock, &w->rest};
  for (size_t i = 0; i < 2; i++)
    while (lists[i]->head) {
      zs_serve_watch *e = lists[i]->head;
      unlink_from(lists[i], e);
      free(e);
    }
  pthread_cond_destroy(&w->wake);
  pthread_mutex_destroy(&w->mu);
  free(w);
}
