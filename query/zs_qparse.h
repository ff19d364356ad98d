/* zs_qparse: the zhquery query language, parsed into a small tree: words (ANDed
 * when separated by spaces), "exact strings", OR, -word / NOT word, parentheses. */
#ifndef ZS_QPARSE_H
#define ZS_QPARSE_H

#include <stddef.h>

typedef enum zs_qkind {
  ZS_Q_TEXT,  /* free text: ranked by words, matched by its words or verbatim */
  ZS_Q_EXACT, /* "quoted": passages containing exactly this string (\" inside for a quote mark) */
  ZS_Q_AND,   /* every child matches */
  ZS_Q_OR,    /* any child matches */
  ZS_Q_NOT,   /* one child, excluded (only inside AND; alone: everything but it) */
} zs_qkind;

typedef struct zs_qnode {
  zs_qkind kind;
  char *text; /* TEXT, EXACT: the string as typed, NUL-terminated */
  size_t len;
  struct zs_qnode **kids; /* AND, OR, NOT */
  size_t nkids;
  size_t column; /* 1-based character position in the query, for messages */
} zs_qnode;

/* Parses q[0..len) (UTF-8). Malformed queries (unbalanced quote or
 * parenthesis, OR/NOT without operand, nothing to search) give ZS_EINVAL and a
 * message naming the column. Caller frees *out with zs_qnode_free. */
int zs_qparse(zs_qnode **out, const char *q, size_t len);
void zs_qnode_free(zs_qnode *n);

#endif
