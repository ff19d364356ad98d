/* zs_audit_keywords: the keywords file of `zhquery audit` read into keywords,
 * each alternative folded as search folds a quoted query, and lines it cannot audit. */
#include "zs_audit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_clean.h"
#include "zs_error.h"
#include "zs_grow.h"
#include "zs_i18n.h"
#include "zs_terms.h"
#include "zs_utf8.h"

typedef struct parser {
  zs_audit_keywords *k;
  size_t kw_cap, problem_cap;
  unsigned flags;
  uint32_t line;
  bool has_bar;  /* the line has alternatives */
  bool too_many; /* ZS_AUDIT_MAX_KEYWORDS reached and said so */
} parser;

/* Length of the blank (ASCII space, tab, CR or U+3000) at s, or 0. */
static size_t blank_at(const char *s, size_t left) {
  if (left >= 1 && (*s == ' ' || *s == '\t' || *s == '\r'))
    return 1;
  return left >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

/* Drops the blanks at both ends of s[0..*len). */
static void trim(const char **s, size_t *len) {
  size_t n;
  while ((n = blank_at(*s, *len))) {
    *s += n;
    *len -= n;
  }
  for (;;) {
    if (*len >= 1 && blank_at(*s + *len - 1, 1))
      (*len)--;
    else if (*len >= 3 && blank_at(*s + *len - 3, 3) == 3)
      *len -= 3;
    else
      return;
  }
}

__attribute__((format(printf, 2, 3))) static int add_problem(parser *p, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
  zs_audit_keywords *k = p->k;
  if (!msg ||
      zs_grow((void **)&k->problem, &p->problem_cap, k->nproblems + 1, sizeof *k->problem)) {
    free(msg);
    return zs_error_set(ZS_ENOMEM, _("out of memory reading the keywords"));
  }
  va_start(ap, fmt);
  vsnprintf(msg, (size_t)n + 1, fmt, ap);
  va_end(ap);
  k->problem[k->nproblems++] = (zs_audit_problem){p->line, msg};
  return ZS_OK;
}

/* raw with the spaces the text clean-up removes removed (for a suggestion). */
static char *cleaned_copy(const char *raw, size_t len) {
  char *c = strndup(raw, len);
  if (c)
    zs_clean_spaces(c, len);
  return c;
}

/* Why the folded form f of raw cannot be audited, as a problem; ZS_OK and *ok. */
static int check_folded(parser *p, const char *raw, size_t len, const char *f, size_t flen,
                        const char *plain, size_t plen, bool *ok) {
  *ok = false;
  size_t chars = zs_utf8_count(f, flen);
  if (flen == 0)
    return add_problem(p, _("'%.*s' is empty after folding"), (int)len, raw);
  if (chars > ZS_AUDIT_MAX_CHARS)
    return add_problem(p, _("'%.*s' is too long: %zu characters after folding (at most %d)"),
                       (int)len, raw, chars, ZS_AUDIT_MAX_CHARS);
  if (plen != flen || memcmp(plain, f, flen) != 0) {
    /* search removes them from the keyword too, so it would count another string */
    char *fix = cleaned_copy(raw, len);
    int rc = fix ? add_problem(p,
                               _("'%.*s' can never occur: the index removes spaces next to "
                                 "Chinese characters (write '%s')"),
                               (int)len, raw, fix)
                 : zs_error_set(ZS_ENOMEM, _("out of memory reading the keywords"));
    free(fix);
    return rc;
  }
  *ok = true;
  return ZS_OK;
}

/* Folds one alternative like search folds a quoted query; *out is NULL when
 * it cannot be audited (a problem is recorded). */
static int fold_alternative(parser *p, const char *raw, size_t len, char **out, size_t *out_len) {
  *out = NULL;
  if (len == 0)
    return add_problem(
        p, "%s", p->has_bar ? _("empty alternative (nothing between '|')") : _("empty keyword"));
  if (memchr(raw, '\0', len))
    return add_problem(p, _("a NUL byte: the keywords file must be UTF-8 text"));
  char *plain = NULL, *f = NULL;
  size_t plen = 0, flen = 0;
  /* the keyword as a document's text and as a query's: they differ where the
   * query side removes spaces that documents never hold */
  int rc = zs_terms_fold(&plain, &plen, ZS_TERMS_DOCUMENT, p->flags, raw, len);
  if (rc == ZS_EBADUTF8)
    return add_problem(p, _("not valid UTF-8"));
  if (rc == ZS_OK)
    rc = zs_terms_fold(&f, &flen, ZS_TERMS_QUERY, p->flags, raw, len);
  bool ok = false;
  if (rc == ZS_OK)
    rc = check_folded(p, raw, len, f, flen, plain, plen, &ok);
  free(plain);
  if (rc == ZS_OK && ok) {
    *out = f;
    *out_len = flen;
  } else {
    free(f);
  }
  return rc;
}

/* Appends an alternative to kw, taking folded. */
static int add_alternative(zs_audit_keyword *kw, const char *raw, size_t len, char *folded,
                           size_t flen) {
  size_t n = kw->nalts + 1;
  char **r = realloc(kw->raw, n * sizeof *r);
  if (r)
    kw->raw = r;
  char **a = r ? realloc(kw->alt, n * sizeof *a) : NULL;
  if (a)
    kw->alt = a;
  size_t *l = a ? realloc(kw->alt_len, n * sizeof *l) : NULL;
  if (l)
    kw->alt_len = l;
  char *copy = l ? strndup(raw, len) : NULL;
  if (!copy) {
    free(folded);
    return zs_error_set(ZS_ENOMEM, _("out of memory reading the keywords"));
  }
  kw->raw[kw->nalts] = copy;
  kw->alt[kw->nalts] = folded;
  kw->alt_len[kw->nalts++] = flen;
  kw->name = kw->raw[0];
  return ZS_OK;
}

static void keyword_free(zs_audit_keyword *kw) {
  for (size_t i = 0; i < kw->nalts; i++) {
    free(kw->raw[i]);
    free(kw->alt[i]);
  }
  free(kw->raw);
  free(kw->alt);
  free(kw->alt_len);
}

/* Keeps kw unless its name repeats an earlier one (columns must differ). */
static int keep_keyword(parser *p, zs_audit_keyword *kw) {
  zs_audit_keywords *k = p->k;
  if (k->n == ZS_AUDIT_MAX_KEYWORDS) { /* counts and columns grow with keywords × documents */
    int rc = p->too_many ? ZS_OK
                         : add_problem(p,
                                       _("more than %d keywords; audit at most %d at a time "
                                         "(split the list into several files)"),
                                       ZS_AUDIT_MAX_KEYWORDS, ZS_AUDIT_MAX_KEYWORDS);
    p->too_many = true;
    keyword_free(kw);
    return rc;
  }
  for (size_t i = 0; i < k->n; i++)
    if (k->kw[i].alt_len[0] == kw->alt_len[0] &&
        memcmp(k->kw[i].alt[0], kw->alt[0], kw->alt_len[0]) == 0) {
      int rc = add_problem(p, _("'%s' repeats line %u"), kw->name, k->kw[i].line);
      keyword_free(kw);
      return rc;
    }
  if (zs_grow((void **)&k->kw, &p->kw_cap, k->n + 1, sizeof *k->kw)) {
    keyword_free(kw);
    return zs_error_set(ZS_ENOMEM, _("out of memory reading the keywords"));
  }
  k->kw[k->n++] = *kw;
  return ZS_OK;
}

static int parse_line(parser *p, const char *s, size_t len) {
  trim(&s, &len);
  if (len == 0 || s[0] == '#')
    return ZS_OK;
  zs_audit_keyword kw = {.required = s[0] == '+', .line = p->line};
  if (kw.required) {
    s++;
    len--;
  }
  p->has_bar = memchr(s, '|', len) != NULL;
  int rc = ZS_OK;
  bool bad = false;
  for (size_t i = 0, start = 0; rc == ZS_OK && i <= len; i++) {
    if (i < len && s[i] != '|')
      continue;
    const char *a = s + start;
    size_t alen = i - start, flen = 0;
    start = i + 1;
    trim(&a, &alen);
    char *folded = NULL;
    rc = fold_alternative(p, a, alen, &folded, &flen);
    bad = bad || !folded;
    if (rc == ZS_OK && folded)
      rc = add_alternative(&kw, a, alen, folded, flen);
  }
  if (rc == ZS_OK && !bad)
    return keep_keyword(p, &kw);
  keyword_free(&kw);
  return rc;
}

int zs_audit_parse_keywords(zs_audit_keywords *out, const char *text, size_t len,
                            unsigned fold_flags) {
  memset(out, 0, sizeof *out);
  parser p = {.k = out, .flags = fold_flags};
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* editors' byte order mark */
    text += 3;
    len -= 3;
  }
  int rc = ZS_OK;
  for (size_t at = 0; rc == ZS_OK && at < len;) {
    const char *nl = memchr(text + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - text) : len;
    p.line++;
    rc = parse_line(&p, text + at, end - at);
    at = end + 1;
  }
  if (rc)
    zs_audit_keywords_free(out);
  return rc;
}

void zs_audit_keywords_free(zs_audit_keywords *k) {
  if (!k)
    return;
  for (size_t i = 0; i < k->n; i++)
    keyword_free(&k->kw[i]);
  for (size_t i = 0; i < k->nproblems; i++)
    free(k->problem[i].message);
  free(k->kw);
  free(k->problem);
  memset(k, 0, sizeof *k);
}
