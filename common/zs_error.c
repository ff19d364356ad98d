/* zs_error: per-thread last-error message behind zs_error_last().
 * A fixed buffer, so that reporting an out-of-memory failure cannot itself fail. */
#include "zs_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last_message[1024];
static _Thread_local int last_code;

const char *zs_error_last(void) {
  return last_message;
}

int zs_error_code(void) {
  return last_code;
}

int zs_error_set(int code, const char *fmt, ...) {
  /* formatted aside first: an argument may be zs_error_last() itself, as when
   * a caller prefixes the message of the failure it passes on */
  char message[sizeof last_message];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message, sizeof message, fmt, ap);
  va_end(ap);
  memcpy(last_message, message, sizeof last_message);
  last_code = code;
  return code;
}

void zs_error_clear(void) {
  last_message[0] = '\0';
  last_code = ZS_OK;
}

const char *zs_error_name(int code) {
  switch (code) {
  case ZS_OK: return "ZS_OK";
  case ZS_EINVAL: return "ZS_EINVAL";
  case ZS_ENOMEM: return "ZS_ENOMEM";
  case ZS_ENOTFOUND: return "ZS_ENOTFOUND";
  case ZS_ELOCKED: return "ZS_ELOCKED";
  case ZS_EBADUTF8: return "ZS_EBADUTF8";
  case ZS_EIO: return "ZS_EIO";
  case ZS_ECORRUPT: return "ZS_ECORRUPT";
  case ZS_EICU: return "ZS_EICU";
  case ZS_EXAPIAN: return "ZS_EXAPIAN";
  case ZS_ESTOP: return "ZS_ESTOP";
  case ZS_EEMPTY: return "ZS_EEMPTY";
  case ZS_ETOOBIG: return "ZS_ETOOBIG";
  case ZS_EUNAVAIL: return "ZS_EUNAVAIL";
  case ZS_ENOSPACE: return "ZS_ENOSPACE";
  case ZS_EREADONLY: return "ZS_EREADONLY";
  default: return "ZS_E?";
  }
}
