/* zs_qparse: a hand-written recursive-descent parser (the language is tiny and
 * its error messages must point at the column, which generated parsers do badly). */
#include "zs_qparse.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_utf8.h"

typedef enum tok_kind {
  T_END,
  T_WORD,
  T_QUOTED,
  T_LPAREN,
  T_RPAREN,
  T_OR,
  T_NOT,
  T_MINUS,
  T_FIELD
} tok_kind;

static const char *const field_names[] = {"year",    "province", "type",  "doc",
                                          "heading", "org",      "docno", "date"};
#define NFIELDS (sizeof field_names / sizeof field_names[0])

const char *zs_qfield_name(zs_qfield f) {
  return (size_t)f < NFIELDS ? field_names[f] : "?";
}

typedef struct parser {
  const char *q;
  size_t len, at;
  tok_kind kind; /* current token */
  const char *tok;
  size_t tok_len, tok_col;
  zs_qfield field; /* T_FIELD: which; tok/tok_len is the value */
  bool quoted;     /* T_FIELD: the value was quoted */
  int depth;
} parser;

static size_t column_of(const parser *p, size_t byte) {
  size_t col = 1;
  for (size_t i = 0; i < byte && i < p->len; i++)
    if (((unsigned char)p->q[i] & 0xC0) != 0x80)
      col++;
  return col;
}

/* Length of the quote mark at s (" “ ”), or 0. */
static size_t quote_len(const char *s, size_t left) {
  if (left >= 1 && s[0] == '"')
    return 1;
  if (left >= 3 && (memcmp(s, "\xE2\x80\x9C", 3) == 0 || memcmp(s, "\xE2\x80\x9D", 3) == 0))
    return 3;
  return 0;
}

/* Length of the whitespace at s (ASCII or U+3000 ideographic space), or 0. */
static size_t space_len(const char *s, size_t left) {
  if (left >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r'))
    return 1;
  if (left >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
    return 3;
  return 0;
}

static int next_token(parser *p);

/* Length of ':' or the full-width '：' at s, or 0. */
static size_t colon_len(const char *s, size_t left) {
  if (left >= 1 && s[0] == ':')
    return 1;
  if (left >= 3 && memcmp(s, "\xEF\xBC\x9A", 3) == 0)
    return 3;
  return 0;
}

/* Whether the token at p->at is `name:` with an ASCII-letter name. */
static bool is_field_start(const parser *p) {
  size_t i = p->at;
  while (i < p->len && ((p->q[i] >= 'a' && p->q[i] <= 'z') || (p->q[i] >= 'A' && p->q[i] <= 'Z')))
    i++;
  return i > p->at && colon_len(p->q + i, p->len - i) > 0;
}

/* Reads `name:value` or `name:"value"`; the name must be a known field. */
static int field_token(parser *p) {
  size_t i = p->at, col = p->tok_col;
  while (p->q[i] != ':' && (unsigned char)p->q[i] != 0xEF)
    i++;
  size_t name_len = i - p->at;
  size_t f = 0;
  while (f < NFIELDS && !(strlen(field_names[f]) == name_len &&
                          strncasecmp(field_names[f], p->q + p->at, name_len) == 0))
    f++;
  if (f == NFIELDS)
    return zs_error_set(ZS_EINVAL,
                        _("unknown field '%.*s' at column %zu (fields: year, province, "
                          "type, doc, heading, org, docno, date; put text with a colon in quotes)"),
                        (int)name_len, p->q + p->at, col);
  i += colon_len(p->q + i, p->len - i);
  p->kind = T_FIELD;
  p->field = (zs_qfield)f;
  p->quoted = false;
  size_t n;
  if ((n = quote_len(p->q + i, p->len - i))) {
    p->at = i; /* read the quoted value as a quoted token, then relabel it */
    int rc = next_token(p);
    if (rc)
      return rc;
    p->kind = T_FIELD;
    p->field = (zs_qfield)f;
    p->quoted = true;
    p->tok_col = col;
    return ZS_OK;
  }
  size_t start = i;
  while (i < p->len && !space_len(p->q + i, p->len - i) && p->q[i] != '(' && p->q[i] != ')')
    i++;
  if (i == start)
    return zs_error_set(ZS_EINVAL, _("field %s at column %zu has no value"), field_names[f], col);
  p->tok = p->q + start;
  p->tok_len = i - start;
  p->at = i;
  return ZS_OK;
}

static int next_token(parser *p) {
  size_t n;
  while (p->at < p->len && (n = space_len(p->q + p->at, p->len - p->at)))
    p->at += n;
  p->tok = p->q + p->at;
  p->tok_col = column_of(p, p->at);
  p->tok_len = 0;
  if (p->at >= p->len) {
    p->kind = T_END;
    return ZS_OK;
  }
  char c = p->q[p->at];
  if (c == '(' || c == ')') {
    p->kind = c == '(' ? T_LPAREN : T_RPAREN;
    p->at++;
    return ZS_OK;
  }
  if ((n = quote_len(p->tok, p->len - p->at))) {
    size_t start = p->at + n, i = start, m = 0;
    while (i < p->len && !(m = quote_len(p->q + i, p->len - i)))
      i += p->q[i] == '\\' && i + 1 < p->len ? 2 : 1; /* \" is a quote mark inside quotes */
    if (i >= p->len)
      return zs_error_set(ZS_EINVAL, _("unterminated quote at column %zu"), p->tok_col);
    p->kind = T_QUOTED;
    p->tok = p->q + start;
    p->tok_len = i - start;
    p->at = i + m;
    return ZS_OK;
  }
  if (c == '-' && p->at + 1 < p->len && !space_len(p->q + p->at + 1, p->len - p->at - 1)) {
    p->kind = T_MINUS;
    p->at++;
    return ZS_OK;
  }
  if (is_field_start(p))
    return field_token(p);
  size_t i = p->at;
  while (i < p->len && !space_len(p->q + i, p->len - i) && p->q[i] != '(' && p->q[i] != ')' &&
         !quote_len(p->q + i, p->len - i))
    i++;
  p->tok_len = i - p->at;
  p->at = i;
  p->kind = T_WORD;
  if (p->tok_len == 2 && memcmp(p->tok, "OR", 2) == 0)
    p->kind = T_OR;
  else if (p->tok_len == 3 && memcmp(p->tok, "NOT", 3) == 0)
    p->kind = T_NOT;
  return ZS_OK;
}

static zs_qnode *new_node(zs_qkind kind, size_t column) {
  zs_qnode *n = calloc(1, sizeof *n);
  if (n) {
    n->kind = kind;
    n->column = column;
  }
  return n;
}

static int add_kid(zs_qnode *parent, zs_qnode *kid) {
  zs_qnode **k = realloc(parent->kids, (parent->nkids + 1) * sizeof *k);
  if (!k)
    return zs_error_set(ZS_ENOMEM, _("out of memory parsing the query"));
  parent->kids = k;
  parent->kids[parent->nkids++] = kid;
  return ZS_OK;
}

static int leaf(parser *p, zs_qkind kind, zs_qnode **out) {
  zs_qnode *n = new_node(kind, p->tok_col);
  if (!n || !(n->text = malloc(p->tok_len + 1))) {
    free(n);
    return zs_error_set(ZS_ENOMEM, _("out of memory parsing the query"));
  }
  size_t len = 0;
  for (size_t i = 0; i < p->tok_len; i++) {
    if (kind == ZS_Q_EXACT && p->tok[i] == '\\' && i + 1 < p->tok_len)
      i++; /* inside quotes a backslash keeps the next byte literally */
    n->text[len++] = p->tok[i];
  }
  n->text[len] = '\0';
  n->len = len;
  *out = n;
  return next_token(p);
}

static int parse_or(parser *p, zs_qnode **out);

static int parse_unary(parser *p, zs_qnode **out) {
  *out = NULL;
  size_t col = p->tok_col;
  switch (p->kind) {
  case T_WORD: return leaf(p, ZS_Q_TEXT, out);
  case T_FIELD: {
    zs_qfield f = p->field;
    if (p->tok_len == 0)
      return zs_error_set(ZS_EINVAL, _("field %s at column %zu has no value"), zs_qfield_name(f),
                          col);
    int rc = leaf(p, p->quoted ? ZS_Q_EXACT : ZS_Q_TEXT, out); /* unescapes a quoted value */
    if (rc == ZS_OK) {
      (*out)->kind = ZS_Q_FIELD;
      (*out)->field = f;
      (*out)->column = col;
    }
    return rc;
  }
  case T_QUOTED:
    if (p->tok_len == 0)
      return zs_error_set(ZS_EINVAL, _("empty quotes at column %zu"), col);
    return leaf(p, ZS_Q_EXACT, out);
  case T_MINUS:
  case T_NOT: {
    if (++p->depth > 100) /* each exclusion nests a level, as a parenthesis does */
      return zs_error_set(ZS_EINVAL, _("exclusions nested too deeply at column %zu"), col);
    int rc = next_token(p);
    zs_qnode *kid = NULL, *n;
    if (rc == ZS_OK && (p->kind == T_END || p->kind == T_RPAREN || p->kind == T_OR))
      rc = zs_error_set(ZS_EINVAL, _("nothing to exclude after column %zu"), col);
    if (rc == ZS_OK)
      rc = parse_unary(p, &kid);
    if (rc == ZS_OK && !(n = new_node(ZS_Q_NOT, col)))
      rc = zs_error_set(ZS_ENOMEM, _("out of memory parsing the query"));
    if (rc == ZS_OK && (rc = add_kid(n, kid)) != ZS_OK)
      zs_qnode_free(n);
    if (rc) {
      zs_qnode_free(kid);
      return rc;
    }
    *out = n;
    p->depth--;
    return ZS_OK;
  }
  case T_LPAREN: {
    if (++p->depth > 100)
      return zs_error_set(ZS_EINVAL, _("parentheses nested too deeply at column %zu"), col);
    int rc = next_token(p);
    if (rc == ZS_OK && p->kind == T_RPAREN)
      rc = zs_error_set(ZS_EINVAL, _("empty parentheses at column %zu"), col);
    else if (rc == ZS_OK && p->kind == T_END)
      rc = zs_error_set(ZS_EINVAL, _("parenthesis opened at column %zu is not closed"), col);
    if (rc == ZS_OK)
      rc = parse_or(p, out);
    if (rc == ZS_OK && p->kind != T_RPAREN)
      rc = zs_error_set(ZS_EINVAL, _("parenthesis opened at column %zu is not closed"), col);
    if (rc == ZS_OK)
      rc = next_token(p);
    p->depth--;
    return rc;
  }
  case T_RPAREN: return zs_error_set(ZS_EINVAL, _("unmatched ')' at column %zu"), col);
  case T_OR: return zs_error_set(ZS_EINVAL, _("OR at column %zu has nothing on its left"), col);
  default: return zs_error_set(ZS_EINVAL, _("the query ends too early"));
  }
}

/* Builds a node of kind from the operands parse_one yields while `more` holds. */
static int parse_list(parser *p, zs_qkind kind, zs_qnode **out,
                      int (*parse_one)(parser *, zs_qnode **), bool is_or) {
  zs_qnode *first = NULL, *list = NULL;
  int rc = parse_one(p, &first);
  while (rc == ZS_OK) {
    bool more =
        is_or ? p->kind == T_OR : (p->kind != T_END && p->kind != T_RPAREN && p->kind != T_OR);
    if (!more)
      break;
    size_t col = p->tok_col;
    if (is_or && (rc = next_token(p)) == ZS_OK &&
        (p->kind == T_END || p->kind == T_RPAREN || p->kind == T_OR))
      rc = zs_error_set(ZS_EINVAL, _("OR at column %zu has nothing on its right"), col);
    if (rc == ZS_OK && !list) {
      if (!(list = new_node(kind, first->column)))
        rc = zs_error_set(ZS_ENOMEM, _("out of memory parsing the query"));
      else if ((rc = add_kid(list, first)) == ZS_OK)
        first = NULL;
    }
    zs_qnode *next = NULL;
    if (rc == ZS_OK)
      rc = parse_one(p, &next);
    if (rc == ZS_OK)
      rc = add_kid(list, next);
    if (rc) /* an operand that failed after it was built ("a (b") is still ours */
      zs_qnode_free(next);
  }
  if (rc) {
    zs_qnode_free(first);
    zs_qnode_free(list);
    return rc;
  }
  *out = list ? list : first;
  return ZS_OK;
}

static int parse_and(parser *p, zs_qnode **out) {
  return parse_list(p, ZS_Q_AND, out, parse_unary, false);
}

static int parse_or(parser *p, zs_qnode **out) {
  return parse_list(p, ZS_Q_OR, out, parse_and, true);
}

int zs_qparse(zs_qnode **out, const char *q, size_t len) {
  *out = NULL;
  /* bounded before any work: a query's cost grows with its words */
  if (len > ZS_QUERY_MAX_BYTES)
    return zs_error_set(ZS_ETOOBIG,
                        _("the query is %zu bytes long; the limit is %d bytes (about %d Chinese "
                          "characters). To find passages like a long text, use zhquery similar"),
                        len, ZS_QUERY_MAX_BYTES, ZS_QUERY_MAX_BYTES / 3);
  size_t valid = zs_utf8_valid_prefix(q, len);
  if (valid < len)
    return zs_error_set(ZS_EINVAL, _("the query is not valid UTF-8 (byte 0x%02X at offset %zu)"),
                        (unsigned char)q[valid], valid);
  parser p = {.q = q, .len = len};
  int rc = next_token(&p);
  if (rc)
    return rc;
  if (p.kind == T_END)
    return zs_error_set(ZS_EINVAL, _("the query is empty"));
  zs_qnode *root = NULL;
  rc = parse_or(&p, &root);
  if (rc == ZS_OK && p.kind == T_RPAREN)
    rc = zs_error_set(ZS_EINVAL, _("unmatched ')' at column %zu"), p.tok_col);
  if (rc) {
    zs_qnode_free(root);
    return rc;
  }
  *out = root;
  return ZS_OK;
}

void zs_qnode_free(zs_qnode *n) {
  if (!n)
    return;
  for (size_t i = 0; i < n->nkids; i++)
    zs_qnode_free(n->kids[i]);
  free(n->kids);
  free(n->text);
  free(n);
}
