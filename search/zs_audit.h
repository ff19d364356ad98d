/* zs_audit: `zhquery audit`: a keywords file parsed into checked entries, their
 * exact occurrence counts in every document, and the matrix, passages or missing list. */
#ifndef ZS_AUDIT_H
#define ZS_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "zs_search.h"

/* Longest keyword, in code points after folding. */
#define ZS_AUDIT_MAX_CHARS 64
/* Most keywords of one audit, bytes of a keywords file, and bytes of the
 * counts table (documents × keywords × 8): past them the audit is refused
 * with a message, before the work that would need the memory. */
#define ZS_AUDIT_MAX_KEYWORDS 10000
#define ZS_AUDIT_MAX_FILE_BYTES (4u << 20)
#define ZS_AUDIT_MAX_TABLE_MB 1024

/* One line of the keywords file: `[+]name[|alternative...]`. */
typedef struct zs_audit_keyword {
  char *name;      /* the first alternative as written: raw[0] itself */
  char **raw;      /* each alternative as written (trimmed), NUL-terminated */
  char **alt;      /* each alternative folded like search folds queries (zs_qbuild_fold) */
  size_t *alt_len; /* bytes of each alt */
  size_t nalts;    /* >= 1 */
  bool required;   /* the line starts with '+' */
  uint32_t line;   /* 1-based line in the keywords file */
} zs_audit_keyword;

/* A line of the keywords file that cannot be audited, and why. */
typedef struct zs_audit_problem {
  uint32_t line;
  char *message; /* NUL-terminated, without the line number */
} zs_audit_problem;

typedef struct zs_audit_keywords {
  zs_audit_keyword *kw; /* in file order */
  size_t n;
  zs_audit_problem *problem; /* in file order */
  size_t nproblems;
} zs_audit_keywords;

/* Parses a keywords file text[0..len): one keyword per line, blank lines and
 * lines starting with '#' skipped, `a|b` counts a and b under the name a, a
 * leading '+' marks a required keyword. Keywords folded with fold_flags (the
 * index's) that are empty, longer than ZS_AUDIT_MAX_CHARS, not UTF-8, repeat
 * an earlier name, or can never occur in cleaned text (spaces next to Chinese
 * characters) become problems, not keywords. ZS_OK even with problems;
 * errors only when memory or ICU fails. Caller frees *out with
 * zs_audit_keywords_free. */
int zs_audit_parse_keywords(zs_audit_keywords *out, const char *text, size_t len,
                            unsigned fold_flags);
void zs_audit_keywords_free(zs_audit_keywords *k);

/* One indexed document (copied from its zs_file_record). */
typedef struct zs_audit_doc {
  uint32_t file_id;
  char *path; /* absolute */
  char *title;
  char *province, *type; /* "" when unknown */
  int year;              /* 0 when unknown */
} zs_audit_doc;

/* One passage with occurrences of one keyword. */
typedef struct zs_audit_passage {
  size_t kw, doc;      /* indexes into the keywords and result->doc */
  uint32_t passage_no; /* 0-based order in its document */
  uint32_t line_first, line_last;
  uint32_t count;
  const char *text; /* the passage as displayed (cleaned, not folded), in result->text */
} zs_audit_passage;

typedef struct zs_audit_result {
  zs_audit_doc *doc; /* every indexed document, in file id order */
  size_t ndocs, nkw;
  uint64_t *count;           /* ndocs rows of nkw counts */
  zs_audit_passage *passage; /* by keyword, then document and passage order */
  size_t npassages;
  char **text; /* each listed passage's text once (passages borrow them) */
  size_t ntexts;
  uint64_t matching_passages; /* (passage, keyword) pairs with a count > 0 */
} zs_audit_result;

/* Counts every keyword of k in every document of s's index. A count is the
 * number of non-overlapping occurrences in the folded passage text, found left
 * to right, taking the longest alternative where several start at the same
 * place: for one alternative, what Python's str.count gives. Passages are kept
 * only when want_passages. Caller frees *out with zs_audit_result_free. */
int zs_audit_count(zs_audit_result *out, zs_searcher *s, const zs_audit_keywords *k,
                   bool want_passages);
void zs_audit_result_free(zs_audit_result *r);

typedef enum zs_audit_by {
  ZS_AUDIT_BY_DOC,
  ZS_AUDIT_BY_YEAR,
  ZS_AUDIT_BY_PROVINCE,
  ZS_AUDIT_BY_TYPE
} zs_audit_by;

/* TSV is for tools (English headers); CSV (with a byte order mark) and XLSX
 * are for people: Chinese headers, and by document the title, province,
 * year and type beside the file. */
typedef enum zs_audit_format {
  ZS_AUDIT_TSV,
  ZS_AUDIT_CSV,
  ZS_AUDIT_JSON,
  ZS_AUDIT_XLSX
} zs_audit_format;

/* The name of a grouping ("doc", "year", "province", "type"; static) and back
 * (-1 for an unknown name). */
const char *zs_audit_by_name(zs_audit_by by);
int zs_audit_by_parse(const char *name);

/* The matrix: one row per document (or year, province, type; unknown last),
 * one column per keyword, a total column and a total row. TSV and CSV (RFC
 * 4180) have a header line; JSON is one object (see README, Audits). ZS_EIO
 * when writing fails. */
int zs_audit_write_matrix(FILE *out, const zs_audit_result *r, const zs_audit_keywords *k,
                          zs_audit_by by, zs_audit_format fmt);

/* Every passage of r with its keyword, file:line (its first line), count and text. */
int zs_audit_write_passages(FILE *out, const zs_audit_result *r, const zs_audit_keywords *k,
                            zs_audit_format fmt);

/* The documents with no occurrence of some required keyword, with those
 * keywords; *nmissing is how many documents. */
int zs_audit_write_missing(FILE *out, const zs_audit_result *r, const zs_audit_keywords *k,
                           zs_audit_format fmt, size_t *nmissing);

#endif
