/* zs_analyze_cmd: `zhquery --analyze`: shows the terms a query text becomes
 * (words and n-grams), or segments standard input line by line for benchmark scoring. */
#ifndef ZS_ANALYZE_CMD_H
#define ZS_ANALYZE_CMD_H

#include <stdio.h>

#include "zs_synonyms.h"
#include "zs_terms.h"

/* Prints the folded form of query text (folded with fold_flags), the words,
 * sub-words and bigrams its terms stand for (zs_terms, query side: no
 * one-character word, no lone last character) and the synonyms a query would
 * add (syn may be NULL). */
int zs_analyze_cmd_show(FILE *out, zs_analyzer *a, unsigned fold_flags, const zs_synonyms *syn,
                        const char *text);

/* For each line of in, prints one line of its words of any length and its
 * punctuation tokens as they appear in the input, separated by single spaces;
 * the line is prepared as document text (its spaces kept). */
int zs_analyze_cmd_lines(FILE *out, FILE *in, zs_analyzer *a, unsigned fold_flags);

#endif
