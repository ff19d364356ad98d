/* zs_serve_params: reading a request's parameters strictly (a typo or a bad
 * number gets a 400 that says so, never a silent default) and writing JSON
 * replies that stay JSON whatever text they carry. */
#include "zs_serve_params.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_table.h"
#include "zs_utf8.h"

/* What is sent when even building an error reply runs out of memory. */
static const char oom_body[] = "{\"error\":\"out of memory\"}";

static void reply_oom(zs_serve_reply *out) {
  *out = (zs_serve_reply){.status = 500,
                          .content_type = ZS_SERVE_JSON_TYPE,
                          .body = (char *)oom_body,
                          .len = sizeof oom_body - 1,
                          .is_static = true};
}

int zs_serve_parse_listen(const char *spec, char *host, size_t host_size, uint16_t *port) {
  const char *colon = strrchr(spec, ':');
  const char *h = spec, *h_end = colon;
  if (spec[0] == '[') { /* [::1]:8080 */
    const char *close = strchr(spec, ']');
    if (!close || close[1] != ':')
      return zs_error_set(ZS_EINVAL, _("--listen '%s': write an IPv6 address as [ADDRESS]:PORT"),
                          spec);
    h = spec + 1;
    h_end = close;
    colon = close + 1;
  }
  if (!colon || h_end == h)
    return zs_error_set(ZS_EINVAL, _("--listen '%s': expected HOST:PORT, e.g. 127.0.0.1:8080"),
                        spec);
  if (spec[0] != '[' && memchr(h, ':', (size_t)(h_end - h)))
    return zs_error_set(ZS_EINVAL, _("--listen '%s': write an IPv6 address as [ADDRESS]:PORT"),
                        spec);
  char *end;
  const char *p = colon + 1;
  unsigned long v = strtoul(p, &end, 10);
  if (*p < '0' || *p > '9' || *end != '\0' || v > 65535)
    return zs_error_set(ZS_EINVAL, _("--listen '%s': the port must be a number from 0 to 65535"),
                        spec);
  if ((size_t)(h_end - h) >= host_size)
    return zs_error_set(ZS_EINVAL, _("--listen '%s': host name too long"), spec);
  memcpy(host, h, (size_t)(h_end - h));
  host[h_end - h] = '\0';
  *port = (uint16_t)v;
  return ZS_OK;
}

/* Whether s[0..len) is a dotted IPv4 address in 127.0.0.0/8. */
static bool is_127(const char *s, size_t len) {
  if (len < 9 || len > 15 || strncmp(s, "127.", 4) != 0)
    return false;
  int dots = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '.')
      dots++;
    else if (s[i] < '0' || s[i] > '9')
      return false;
  }
  return dots == 3;
}

bool zs_serve_host_is_loopback(const char *host) {
  if (!host)
    return true;
  size_t len = strlen(host);
  if (host[0] == '[') {
    const char *close = strchr(host, ']');
    return close && close - host == 4 && strncmp(host, "[::1]", 5) == 0 &&
           (close[1] == '\0' || close[1] == ':');
  }
  const char *colon = strchr(host, ':');
  size_t name = colon ? (size_t)(colon - host) : len;
  if (colon) { /* the port: digits only */
    if (colon[1] == '\0')
      return false;
    for (const char *p = colon + 1; *p; p++)
      if (*p < '0' || *p > '9')
        return false;
  }
  return (name == 9 && strncasecmp(host, "localhost", 9) == 0) || is_127(host, name);
}

/* Whether the name is short printable ASCII, safe to quote in a message. */
static bool printable_name(const char *s) {
  size_t n = 0;
  for (; s[n]; n++)
    if (s[n] < 0x21 || s[n] > 0x7e || n >= 32)
      return false;
  return n > 0;
}

bool zs_serve_check_params(const zs_serve_request *rq, const char *const *known,
                           zs_serve_reply *out) {
  if (rq->nparams > ZS_SERVE_MAX_PARAMS) {
    zs_serve_reply_error(out, 400, _("too many parameters (at most %d)"), ZS_SERVE_MAX_PARAMS);
    return false;
  }
  for (size_t i = 0; i < rq->nparams; i++) {
    const char *name = rq->param[i].name;
    bool ok = false;
    for (const char *const *k = known; *k && !ok; k++)
      ok = strcmp(*k, name) == 0;
    if (!ok) {
      char list[256] = "";
      for (const char *const *k = known; *k; k++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k == known ? "" : ", ",
                 *k);
      if (printable_name(name))
        zs_serve_reply_error(out, 400, _("unknown parameter '%s' (this endpoint takes: %s)"), name,
                             list[0] ? list : "none");
      else
        zs_serve_reply_error(out, 400, _("unknown parameter (this endpoint takes: %s)"),
                             list[0] ? list : "none");
      return false;
    }
    for (size_t j = 0; j < i; j++)
      if (strcmp(rq->param[j].name, name) == 0) {
        zs_serve_reply_error(out, 400, _("parameter '%s' given twice"), name);
        return false;
      }
  }
  return true;
}

const zs_serve_param *zs_serve_param_find(const zs_serve_request *rq, const char *name) {
  for (size_t i = 0; i < rq->nparams; i++)
    if (strcmp(rq->param[i].name, name) == 0)
      return &rq->param[i];
  return NULL;
}

bool zs_serve_check_text(const char *what, const char *s, size_t len, size_t max,
                         zs_serve_reply *out) {
  if (len > max)
    zs_serve_reply_error(out, 400, _("%s is too long: %zu bytes (at most %zu)"), what, len, max);
  else if (len && memchr(s, '\0', len))
    zs_serve_reply_error(out, 400, _("%s contains a NUL byte"), what);
  else if (zs_utf8_valid_prefix(s, len) != len)
    zs_serve_reply_error(out, 400, _("%s is not valid UTF-8 (byte %zu)"), what,
                         zs_utf8_valid_prefix(s, len));
  else
    return true;
  return false;
}

bool zs_serve_param_text(const zs_serve_request *rq, const char *name, size_t max, const char **s,
                         size_t *len, zs_serve_reply *out) {
  const zs_serve_param *p = zs_serve_param_find(rq, name);
  *s = p ? p->value : NULL;
  *len = p ? p->len : 0;
  return !p || zs_serve_check_text(name, p->value, p->len, max, out);
}

bool zs_serve_param_uint(const zs_serve_request *rq, const char *name, uint32_t def, uint32_t min,
                         uint32_t max, uint32_t *v, zs_serve_reply *out) {
  const zs_serve_param *p = zs_serve_param_find(rq, name);
  *v = def;
  if (!p)
    return true;
  uint64_t n = 0;
  bool ok = p->len > 0 && p->len <= 9;
  for (size_t i = 0; ok && i < p->len; i++) {
    ok = p->value[i] >= '0' && p->value[i] <= '9';
    n = n * 10 + (uint64_t)(p->value[i] - '0');
  }
  if (!ok || n < min || n > max) {
    zs_serve_reply_error(out, 400, _("%s must be a whole number from %u to %u"), name, min, max);
    return false;
  }
  *v = (uint32_t)n;
  return true;
}

bool zs_serve_param_bool(const zs_serve_request *rq, const char *name, bool def, bool *v,
                         zs_serve_reply *out) {
  const zs_serve_param *p = zs_serve_param_find(rq, name);
  *v = def;
  if (!p)
    return true;
  static const char *const yes[] = {"1", "true", "yes"}, *const no[] = {"0", "false", "no"};
  for (size_t i = 0; i < 3; i++)
    for (int truth = 0; truth < 2; truth++) {
      const char *word = truth ? yes[i] : no[i];
      if (p->len == strlen(word) && memcmp(p->value, word, p->len) == 0) {
        *v = truth;
        return true;
      }
    }
  zs_serve_reply_error(out, 400, _("%s must be 1 or 0 (true or false)"), name);
  return false;
}

void zs_serve_reply_take(zs_serve_reply *out, unsigned status, const char *content_type, char *body,
                         size_t len) {
  *out = (zs_serve_reply){.status = status, .content_type = content_type, .body = body, .len = len};
}

void zs_serve_reply_json_text(zs_serve_reply *out, unsigned status, const char *json, size_t len) {
  size_t extra = 0;
  for (size_t i = 0; i < len; i++)
    extra += json[i] == '<' || json[i] == '>' || json[i] == '&' ? 5 : 0;
  char *buf = malloc(len + extra + 1);
  if (!buf) {
    reply_oom(out);
    return;
  }
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    /* outside strings JSON has none of these, so the swap is always inside one */
    const char *esc = json[i] == '<'   ? "\\u003c"
                      : json[i] == '>' ? "\\u003e"
                      : json[i] == '&' ? "\\u0026"
                                       : NULL;
    if (esc) {
      memcpy(buf + n, esc, 6);
      n += 6;
    } else {
      buf[n++] = json[i];
    }
  }
  buf[n] = '\0';
  zs_serve_reply_take(out, status, ZS_SERVE_JSON_TYPE, buf, n);
}

void zs_serve_reply_json(zs_serve_reply *out, unsigned status, json_object *o) {
  size_t len = 0;
  const char *s = o ? json_object_to_json_string_length(
                          o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len)
                    : NULL;
  if (s)
    zs_serve_reply_json_text(out, status, s, len);
  else
    reply_oom(out);
  json_object_put(o);
}

void zs_serve_reply_error(zs_serve_reply *out, unsigned status, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  msg[zs_utf8_valid_prefix(msg, strlen(msg))] = '\0'; /* a cut may split a character */
  json_object *o = json_object_new_object();
  if (o)
    json_object_object_add(o, "error", json_object_new_string(msg));
  zs_serve_reply_json(out, status, o);
}

bool zs_serve_param_export(const zs_serve_request *rq, int *fmt, zs_serve_reply *out) {
  const zs_serve_param *f = zs_serve_param_find(rq, "format");
  *fmt = -1;
  if (!f || strcmp(f->value, "json") == 0)
    return true;
  int parsed = strlen(f->value) == f->len ? zs_table_format_parse(f->value) : -1;
  if (parsed != ZS_TABLE_CSV && parsed != ZS_TABLE_XLSX) {
    zs_serve_reply_error(out, 400, _("format must be json, csv or xlsx"));
    return false;
  }
  *fmt = parsed;
  return true;
}

void zs_serve_reply_table(zs_serve_reply *out, int fmt, char *text, size_t len, const char *what) {
  static const struct {
    const char *what, *csv, *xlsx;
  } names[] = {
      {"search", "attachment; filename=\"zhsearch-search.csv\"",
       "attachment; filename=\"zhsearch-search.xlsx\""},
      {"similar", "attachment; filename=\"zhsearch-similar.csv\"",
       "attachment; filename=\"zhsearch-similar.xlsx\""},
      {"audit", "attachment; filename=\"zhsearch-audit.csv\"",
       "attachment; filename=\"zhsearch-audit.xlsx\""},
  };
  bool xlsx = fmt == ZS_TABLE_XLSX;
  zs_serve_reply_take(out, 200,
                      xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                           : "text/csv; charset=utf-8",
                      text, len);
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(names[i].what, what) == 0)
      out->disposition = xlsx ? names[i].xlsx : names[i].csv;
}
