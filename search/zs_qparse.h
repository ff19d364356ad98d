/* zs_qparse: the zhquery query language, parsed into a small tree: words (ANDed
 * when separated by spaces), "exact strings", OR, -word / NOT word, parentheses,
 * and fields (year:2025, year:2020..2023, province:湖南, type:, doc:, heading:). */
#ifndef ZS_QPARSE_H
#define ZS_QPARSE_H

#include <stddef.h>

/* Longest query, in bytes (UTF-8): 1,000 Chinese characters. A longer text is
 * a draft, for zhquery similar. */
#define ZS_QUERY_MAX_BYTES 3000

typedef enum zs_qkind {
  ZS_Q_TEXT,  /* free text: ranked by words, matched by its words or verbatim */
  ZS_Q_EXACT, /* "quoted": passages containing exactly this string (\" inside for a quote mark) */
  ZS_Q_AND,   /* every child matches */
  ZS_Q_OR,    /* any child matches */
  ZS_Q_NOT,   /* one child, excluded (only inside AND; alone: everything but it) */
  ZS_Q_FIELD, /* field:value, a filter on document metadata or headings */
} zs_qkind;

typedef enum zs_qfield {
  ZS_FIELD_YEAR,     /* year:2025, year:2020..2023, year:2020.., year:..2023 */
  ZS_FIELD_PROVINCE, /* province:湖南 */
  ZS_FIELD_TYPE,     /* type:工作要点 */
  ZS_FIELD_DOC,      /* doc:<part of the file name> */
  ZS_FIELD_HEADING,  /* heading:<text in a heading above the passage> */
  ZS_FIELD_ORG,      /* org:<part of the issuing body> */
  ZS_FIELD_DOCNO,    /* docno:<part of the document number> */
  ZS_FIELD_DATE,     /* date:2019, date:2019-01-22, date:2018-12..2019-01 */
} zs_qfield;

typedef struct zs_qnode {
  zs_qkind kind;
  char *text; /* TEXT, EXACT, FIELD (its value): the string as typed, NUL-terminated */
  size_t len;
  struct zs_qnode **kids; /* AND, OR, NOT */
  size_t nkids;
  size_t column;   /* 1-based character position in the query, for messages */
  zs_qfield field; /* FIELD */
} zs_qnode;

/* Name of a field as written in queries (static). */
const char *zs_qfield_name(zs_qfield f);

/* Parses q[0..len) (UTF-8). Malformed queries (not UTF-8, unbalanced quote or
 * parenthesis, OR/NOT without operand, unknown field, field without value,
 * nothing to search) give ZS_EINVAL and a message naming the column; one
 * longer than ZS_QUERY_MAX_BYTES gives ZS_ETOOBIG. Caller frees *out with
 * zs_qnode_free. */
int zs_qparse(zs_qnode **out, const char *q, size_t len);
void zs_qnode_free(zs_qnode *n);

#endif
