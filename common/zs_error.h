/* zs_error: the error codes every zhsearch module returns, and a per-thread
 * "last error" message that says what went wrong in words a user can act on. */
#ifndef ZS_ERROR_H
#define ZS_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
  ZS_OK = 0,
  ZS_EINVAL = -1,     /* bad argument or malformed input */
  ZS_ENOMEM = -2,     /* allocation failed */
  ZS_ENOTFOUND = -3,  /* file, index, document or key does not exist */
  ZS_ELOCKED = -4,    /* the index is locked by another writer */
  ZS_EBADUTF8 = -5,   /* bytes are not valid UTF-8 */
  ZS_EIO = -6,        /* read/write failure */
  ZS_ECORRUPT = -7,   /* index or data damaged */
  ZS_EICU = -8,       /* ICU reported a failure */
  ZS_EXAPIAN = -9,    /* any other Xapian failure */
  ZS_ESTOP = -10,     /* a callback asked to stop early (not a failure) */
  ZS_EEMPTY = -11,    /* input has no content */
  ZS_ETOOBIG = -12,   /* input exceeds a limit */
  ZS_EUNAVAIL = -13,  /* a shard (a database on another machine) cannot be reached */
  ZS_ENOSPACE = -14,  /* the disk (or quota) holding the index is full */
  ZS_EREADONLY = -15, /* the index cannot be written (read-only file system, permissions) */
};

/* Message of the last failure on this thread; never NULL ("" when none).
 * Borrowed until the next zs_error_set/zs_error_clear on this thread. */
const char *zs_error_last(void);

/* Code of the last failure on this thread (ZS_OK when none). */
int zs_error_code(void);

/* Records code and a printf-style message for this thread; returns code so
 * that callers can write `return zs_error_set(ZS_EINVAL, "...")`. */
int zs_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Forgets the last failure. */
void zs_error_clear(void);

/* Short constant name of a code ("ZS_ELOCKED"); static storage. */
const char *zs_error_name(int code);

#ifdef __cplusplus
}
#endif

#endif
