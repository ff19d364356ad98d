/* zs_analyze_cmd: the terms a query makes (zs_terms), printed; the line mode
 * prints the segmentation itself, every word and punctuation token mapped back
 * to the input's own characters, so that gold standards written with
 * full-width forms can be scored directly. */
#include "zs_analyze_cmd.h"

#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_terms.h"
#include "zs_visible.h"

typedef struct show_ctx {
  FILE *out;
  zs_term_kind kind;
  size_t count;
} show_ctx;

static int show_term(void *ctx, const zs_index_term *t) {
  show_ctx *c = ctx;
  if (t->kind != c->kind)
    return 0;
  if (c->count++)
    fputc(' ', c->out);
  zs_fput_visible(c->out, t->text, t->text_len);
  return 0;
}

/* The synonyms of each word, as "word → syn syn". */
typedef struct syn_show {
  FILE *out;
  const zs_synonyms *syn;
  size_t shown;
} syn_show;

static int print_synonym(void *ctx, const char *term, size_t len) {
  syn_show *s = ctx;
  fputc(' ', s->out);
  zs_fput_visible(s->out, term, len);
  return 0;
}

static int show_synonyms_of(void *ctx, const zs_index_term *t) {
  syn_show *s = ctx;
  if (zs_synonyms_count(s->syn, t->text, t->text_len) == 0)
    return 0;
  fputs(s->shown++ ? "; " : "", s->out);
  zs_fput_visible(s->out, t->text, t->text_len);
  fputs(" →", s->out);
  return zs_synonyms_each(s->syn, t->text, t->text_len, print_synonym, s);
}

int zs_analyze_cmd_show(FILE *out, zs_analyzer *a, unsigned fold_flags, const zs_synonyms *syn,
                        const char *text) {
  zs_terms_text t = {0};
  int rc = zs_terms_prepare(&t, ZS_TERMS_QUERY, fold_flags, text, strlen(text));
  if (rc)
    return rc;
  fputs(_("folded:   "), out);
  zs_fput_visible(out, t.folded, t.len);
  fputc('\n', out);
  static const struct {
    const char *label;
    unsigned kinds;
    zs_term_kind kind;
  } rows[] = {{N_("words:    "), ZS_ANALYZE_WORDS, ZS_TERM_WORD},
              {N_("subwords: "), ZS_ANALYZE_SUBWORDS, ZS_TERM_SUBWORD},
              {N_("bigrams:  "), ZS_ANALYZE_NGRAMS, ZS_TERM_BIGRAM}};
  for (size_t i = 0; rc == ZS_OK && i < sizeof rows / sizeof rows[0]; i++) {
    show_ctx c = {out, rows[i].kind, 0};
    fputs(_(rows[i].label), out);
    rc = zs_terms_each(a, &t, ZS_TERMS_BODY, rows[i].kinds, show_term, &c);
    fputc('\n', out);
  }
  if (rc == ZS_OK) {
    syn_show s = {out, syn, 0};
    fputs(_("synonyms: "), out);
    if (syn)
      rc = zs_terms_each(a, &t, ZS_TERMS_BODY, ZS_ANALYZE_WORDS, show_synonyms_of, &s);
    fputs(syn ? "\n" : _("(off)\n"), out);
  }
  zs_terms_text_free(&t);
  return rc;
}

/* Prints each word/punct token as the input bytes it came from. */
typedef struct line_ctx {
  FILE *out;
  const char *src;
  const zs_terms_text *f;
  size_t printed_to; /* source offset already printed */
  size_t count;
} line_ctx;

static int print_source_token(void *ctx, const zs_term *t) {
  line_ctx *c = ctx;
  if (t->len == 0 || (t->kind != ZS_TERM_WORD && t->kind != ZS_TERM_PUNCT))
    return 0;
  size_t start = c->f->src_start[t->start], end = c->f->src_end[t->end - 1];
  if (start < c->printed_to) /* a token boundary fell inside one folded source span */
    start = c->printed_to;
  if (start >= end)
    return 0;
  if (c->count++)
    fputc(' ', c->out);
  zs_fput_visible(c->out, c->src + start, end - start);
  c->printed_to = end;
  return 0;
}

int zs_analyze_cmd_lines(FILE *out, FILE *in, zs_analyzer *a, unsigned fold_flags) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int rc = ZS_OK;
  while (rc == ZS_OK && (n = getline(&line, &cap, in)) >= 0) {
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      n--;
    /* a document's preparation: the spaces between the input's words stay */
    zs_terms_text f = {0};
    if (zs_terms_prepare(&f, ZS_TERMS_DOCUMENT, fold_flags, line, (size_t)n) == ZS_OK) {
      line_ctx c = {out, line, &f, 0, 0};
      rc = zs_analyze(a, f.folded, f.len, ZS_ANALYZE_WORDS | ZS_ANALYZE_PUNCT, print_source_token,
                      &c);
    } else {
      fprintf(stderr, _("zhquery: --analyze: input line skipped: %s\n"), zs_error_last());
    }
    zs_terms_text_free(&f);
    fputc('\n', out);
  }
  free(line);
  return rc;
}
