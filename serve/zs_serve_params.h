/* zs_serve_params: the server's small pure helpers: the --listen address, the
 * Host header check, reading and checking query-string parameters, and the
 * JSON replies (answers and {"error": ...}). */
#ifndef ZS_SERVE_PARAMS_H
#define ZS_SERVE_PARAMS_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zs_serve.h"

/* Splits "HOST:PORT" or "[IPV6]:PORT" (PORT 0 to 65535; 0 lets the system
 * choose) into host (brackets removed) and port. ZS_EINVAL with a message
 * saying what is wrong. */
int zs_serve_parse_listen(const char *spec, char *host, size_t host_size, uint16_t *port);

/* Whether a Host header names this machine's loopback: localhost, 127.x.x.x
 * or [::1], with or without a port. NULL (an HTTP/1.0 client) is allowed. */
bool zs_serve_host_is_loopback(const char *host);

/* Checks that every parameter of rq is one of known (NULL-terminated), given
 * once, and that there are at most ZS_SERVE_MAX_PARAMS. Otherwise fills *out
 * with a 400 and returns false. */
bool zs_serve_check_params(const zs_serve_request *rq, const char *const *known,
                           zs_serve_reply *out);

/* The parameter called name, or NULL; borrowed from rq. */
const zs_serve_param *zs_serve_param_find(const zs_serve_request *rq, const char *name);

/* Checks text that will be searched or shown: UTF-8, no NUL byte, at most max
 * bytes. Otherwise fills *out with a 400 naming what (e.g. "q") and returns false. */
bool zs_serve_check_text(const char *what, const char *s, size_t len, size_t max,
                         zs_serve_reply *out);

/* Parameter name as checked text (zs_serve_check_text); *s = NULL, *len = 0
 * when absent. *s is borrowed from rq and NUL-terminated. */
bool zs_serve_param_text(const zs_serve_request *rq, const char *name, size_t max, const char **s,
                         size_t *len, zs_serve_reply *out);

/* Parameter name as a whole number from min to max (def when absent). */
bool zs_serve_param_uint(const zs_serve_request *rq, const char *name, uint32_t def, uint32_t min,
                         uint32_t max, uint32_t *v, zs_serve_reply *out);

/* The format parameter of an answer that can be exported: -1 for JSON (absent
 * or "json"), ZS_TABLE_CSV or ZS_TABLE_XLSX (zs_table.h). False with a 400
 * for another value. */
bool zs_serve_param_export(const zs_serve_request *rq, int *fmt, zs_serve_reply *out);

/* Fills *out with a table of format fmt (taken: text[0..len)) as a download
 * named what.csv or what.xlsx (what: static, ASCII). */
void zs_serve_reply_table(zs_serve_reply *out, int fmt, char *text, size_t len, const char *what);

/* Parameter name as 1/true/yes or 0/false/no (def when absent). */
bool zs_serve_param_bool(const zs_serve_request *rq, const char *name, bool def, bool *v,
                         zs_serve_reply *out);

/* Fills *out with status and the JSON text of o (takes ownership of o). '<',
 * '>' and '&' are written as \u003c, \u003e, \u0026, so that no answer can
 * read as HTML even to a client that ignores the Content-Type. */
void zs_serve_reply_json(zs_serve_reply *out, unsigned status, json_object *o);

/* The same for JSON text json[0..len) that another writer produced (copied). */
void zs_serve_reply_json_text(zs_serve_reply *out, unsigned status, const char *json, size_t len);

/* Fills *out with status and {"error": message} (printf-style; cut to valid UTF-8). */
void zs_serve_reply_error(zs_serve_reply *out, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Fills *out with status and body (takes ownership; freed with free()). */
void zs_serve_reply_take(zs_serve_reply *out, unsigned status, const char *content_type, char *body,
                         size_t len);

#define ZS_SERVE_JSON_TYPE "application/json; charset=utf-8"

#endif
