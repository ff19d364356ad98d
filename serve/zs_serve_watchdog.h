/* zs_serve_watchdog: a deadline for receiving a whole request that trickled
 * bytes cannot extend (libmicrohttpd has only an idle timeout). */
#ifndef ZS_SERVE_WATCHDOG_H
#define ZS_SERVE_WATCHDOG_H

typedef struct zs_serve_watchdog zs_serve_watchdog;
typedef struct zs_serve_watch zs_serve_watch; /* one connection */

/* Starts the watchdog's thread. A connection is on the clock from
 * zs_serve_watchdog_add, or from its previous answer, until its request is
 * complete; past deadline_s seconds it is shut down (shutdown(2) in both
 * directions: its owner then sees an error and closes it). ZS_ENOMEM or ZS_EIO
 * on failure. Caller stops and frees with zs_serve_watchdog_stop. */
int zs_serve_watchdog_start(zs_serve_watchdog **out, unsigned deadline_s);

/* Puts socket fd on the clock. fd must stay open until zs_serve_watchdog_remove.
 * Returns NULL when out of memory (the connection is then not watched); the
 * entry is owned by the watchdog and freed by zs_serve_watchdog_remove. */
zs_serve_watch *zs_serve_watchdog_add(zs_serve_watchdog *w, int fd);

/* The request is complete: off the clock while it is answered. Accepts NULL. */
void zs_serve_watchdog_answering(zs_serve_watchdog *w, zs_serve_watch *e);

/* The answer is sent: the clock starts again for the next request on the
 * connection (unless it was already shut down). Accepts NULL. */
void zs_serve_watchdog_waiting(zs_serve_watchdog *w, zs_serve_watch *e);

/* Forgets the connection (before fd is closed) and frees e. Accepts NULL. */
void zs_serve_watchdog_remove(zs_serve_watchdog *w, zs_serve_watch *e);

/* Stops and joins the thread and frees the watchdog and any entry left.
 * Accepts NULL. */
void zs_serve_watchdog_stop(zs_serve_watchdog *w);

#endif
