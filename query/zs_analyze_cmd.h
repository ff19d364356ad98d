/* zs_analyze_cmd: `zhquery --analyze`: shows what a text becomes (words and
 * n-grams), or segments standard input line by line for benchmark scoring. */
#ifndef ZS_ANALYZE_CMD_H
#define ZS_ANALYZE_CMD_H

#include <stdio.h>

#include "zs_analyze.h"
#include "zs_synonyms.h"

/* Prints the folded form, words, sub-words, bigrams and the synonyms a
 * query would add (syn may be NULL) of text, folded with fold_flags. */
int zs_analyze_cmd_show(FILE *out, zs_analyzer *a, unsigned fold_flags, const zs_synonyms *syn,
                        const char *text);

/* For each line of in, prints one line of its words (and punctuation tokens)
 * as they appear in the input, separated by single spaces. */
int zs_analyze_cmd_lines(FILE *out, FILE *in, zs_analyzer *a, unsigned fold_flags);

#endif
