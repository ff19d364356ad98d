/* Unit tests for text/zs_passage: cutting at sentence and clause ends, hard cuts,
 * headings of each passage, and coverage and line ranges on the real corpus. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "zs_clean.h"
#include "zs_passage.h"
#include "zs_test_util.h"
#include "zs_utf8.h"

#define MERGE_MAX (ZS_PASSAGE_MAX_CHARS + ZS_PASSAGE_MAX_CHARS / 4)
#define MAX_COLLECT 8192

/* Passages gathered by the callback. */
typedef struct collected {
  zs_passage p[MAX_COLLECT];
  size_t n;
  int stop_after; /* return 7 after this many calls (0: never) */
} collected;

static int collect(void *ctx, const zs_passage *p) {
  collected *c = ctx;
  assert_true(c->n < MAX_COLLECT);
  c->p[c->n++] = *p;
  return c->stop_after && (int)c->n >= c->stop_after ? 7 : 0;
}

static collected *passages_of(const zs_doc_text *d) {
  collected *c = calloc(1, sizeof *c);
  assert_non_null(c);
  assert_int_equal(zs_passages(d, collect, c), 0);
  return c;
}

static bool heading_is(const zs_passage *p, size_t k, const char *want) {
  return k < p->nheadings && p->headings[k].len == strlen(want) &&
         memcmp(p->headings[k].text, want, p->headings[k].len) == 0;
}

static const zs_passage *find_passage(const collected *c, const char *needle) {
  for (size_t i = 0; i < c->n; i++) {
    char *t = strndup(c->p[i].text, c->p[i].len);
    bool hit = strstr(t, needle) != NULL;
    free(t);
    if (hit)
      return &c->p[i];
  }
  return NULL;
}

/* The passages of block b, in order, rebuild its text (spaces at cuts aside). */
static void check_cover(const zs_block *b, const collected *c, size_t bi) {
  size_t at = 0;
  for (size_t i = 0; i < c->n; i++) {
    const zs_passage *p = &c->p[i];
    if (p->block != bi)
      continue;
    assert_true(p->text >= b->text && p->text + p->len <= b->text + b->len);
    size_t off = (size_t)(p->text - b->text);
    while (at < off && b->text[at] == ' ')
      at++;
    assert_int_equal(off, at);
    assert_true(((unsigned char)p->text[0] & 0xC0) != 0x80);
    assert_true(zs_utf8_count(p->text, p->len) <= MERGE_MAX);
    at += p->len;
  }
  assert_int_equal(at, b->len);
}

/* A paragraph of up to MAX code points is one passage, with its lines. */
static void test_passage_short_block_is_one_passage(void **state) {
  (void)state;
  const char *s = "开头的一段正文。\n\n第一行内容。第二句，还有\n下文。\n";
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, s, strlen(s)), 0);
  collected *c = passages_of(&d);
  assert_int_equal(c->n, 2);
  assert_int_equal(c->p[1].len, d.blocks[1].len);
  assert_int_equal(c->p[1].line_first, 3);
  assert_int_equal(c->p[1].line_last, 4);
  assert_int_equal(c->p[1].nheadings, 0);
  free(c);
  zs_doc_text_free(&d);
}

/* Appends n copies of the UTF-8 string unit to buf at *w. */
static void repeat(char *buf, size_t *w, const char *unit, size_t n) {
  for (size_t i = 0; i < n; i++)
    *w += (size_t)sprintf(buf + *w, "%s", unit);
}

/* A long paragraph is cut at sentence ends into pieces of MIN..MAX*1.25. */
static void test_passage_long_block_cut_at_sentence_ends(void **state) {
  (void)state;
  char buf[16384];
  size_t w = 0;
  for (int i = 0; i < 30; i++) {
    repeat(buf, &w, "句", 44);
    repeat(buf, &w, i % 3 ? "。" : "！", 1);
  }
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, buf, w), 0);
  assert_int_equal(d.nblocks, 1);
  collected *c = passages_of(&d);
  assert_true(c->n >= 4);
  for (size_t i = 0; i < c->n; i++) {
    size_t n = zs_utf8_count(c->p[i].text, c->p[i].len);
    assert_true(n >= ZS_PASSAGE_MIN_CHARS && n <= ZS_PASSAGE_MAX_CHARS);
    const char *end = c->p[i].text + c->p[i].len - 3;
    assert_true(memcmp(end, "。", 3) == 0 || memcmp(end, "！", 3) == 0);
  }
  check_cover(&d.blocks[0], c, 0);
  free(c);
  zs_doc_text_free(&d);
}

/* One sentence longer than MAX is cut after its last clause mark before MAX. */
static void test_passage_long_sentence_cut_at_clause(void **state) {
  (void)state;
  char buf[16384];
  size_t w = 0;
  for (int i = 0; i < 30; i++) {
    repeat(buf, &w, "词", 39);
    repeat(buf, &w, "，", 1);
  }
  repeat(buf, &w, "。", 1);
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, buf, w), 0);
  collected *c = passages_of(&d);
  assert_true(c->n >= 3);
  for (size_t i = 0; i + 1 < c->n; i++) {
    assert_memory_equal(c->p[i].text + c->p[i].len - 3, "，", 3);
    assert_int_equal(zs_utf8_count(c->p[i].text, c->p[i].len), ZS_PASSAGE_MAX_CHARS);
  }
  check_cover(&d.blocks[0], c, 0);
  free(c);
  zs_doc_text_free(&d);
}

/* "1．" items inside a paragraph are not cut off from their text. */
static void test_passage_numbered_items_stay_whole(void **state) {
  (void)state;
  char buf[16384];
  size_t w = 0;
  for (int i = 1; i <= 9; i++) {
    w += (size_t)sprintf(buf + w, "%d．", i);
    repeat(buf, &w, "项", 70);
    repeat(buf, &w, "。", 1);
  }
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, buf, w), 0);
  collected *c = passages_of(&d);
  for (size_t i = 0; i < c->n; i++)
    assert_memory_not_equal(c->p[i].text + c->p[i].len - 3, "．", 3);
  check_cover(&d.blocks[0], c, 0);
  free(c);
  zs_doc_text_free(&d);
}

/* A 1 MB paragraph without punctuation is cut hard at MAX code points, quickly. */
static void test_passage_megabyte_hard_cuts(void **state) {
  (void)state;
  size_t n = 1 << 20;
  char *s = malloc(n + 8);
  assert_non_null(s);
  size_t w = 0;
  while (w + 4 < n) /* mixed 1-, 2- and 3-byte code points */
    w += (size_t)sprintf(s + w, "%s", (w % 7) == 0 ? "a" : (w % 5) == 0 ? "\xC3\xA9" : "文");
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, s, w), 0);
  assert_int_equal(d.nblocks, 1);
  collected *c = calloc(1, sizeof *c);
  assert_non_null(c);
  clock_t t0 = clock();
  assert_int_equal(zs_passages(&d, collect, c), 0);
  assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0);
  /* full pieces, then the rest, merged into the last full one when that fits */
  size_t total = zs_utf8_count(d.blocks[0].text, d.blocks[0].len);
  size_t rest = total % ZS_PASSAGE_MAX_CHARS;
  bool merged = rest && rest < ZS_PASSAGE_MIN_CHARS && ZS_PASSAGE_MAX_CHARS + rest <= MERGE_MAX;
  assert_int_equal(c->n, total / ZS_PASSAGE_MAX_CHARS + (rest && !merged));
  for (size_t i = 0; i + 1 < c->n; i++)
    assert_int_equal(zs_utf8_count(c->p[i].text, c->p[i].len), ZS_PASSAGE_MAX_CHARS);
  check_cover(&d.blocks[0], c, 0);
  free(c);
  zs_doc_text_free(&d);
  free(s);
}

/* Each passage carries the heading stack, outermost first. */
static void test_passage_headings_stack(void **state) {
  (void)state;
  const char *s = "开头的一段正文。\n\n一、总体要求\n\n前言段落。\n\n（一）指导思想\n\n"
                  "1．坚持领导。具体内容。\n\n后续段落。\n\n二、主要任务\n\n任务段落。\n";
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, s, strlen(s)), 0);
  collected *c = passages_of(&d);
  /* headings are passages too (searchable text), under their parents only */
  assert_int_equal(c->n, 8);
  assert_int_equal(c->p[0].nheadings, 0);
  assert_int_equal(c->p[1].nheadings, 0); /* 一、总体要求 itself */
  assert_int_equal(c->p[2].nheadings, 1);
  assert_true(heading_is(&c->p[2], 0, "一、总体要求"));
  assert_int_equal(c->p[3].nheadings, 1); /* （一）指导思想 under 一、 */
  assert_true(heading_is(&c->p[3], 0, "一、总体要求"));
  assert_int_equal(c->p[4].nheadings, 3);
  assert_true(heading_is(&c->p[4], 1, "（一）指导思想"));
  assert_true(heading_is(&c->p[4], 2, "1．坚持领导。"));
  assert_int_equal(c->p[5].nheadings, 3);
  assert_int_equal(c->p[6].nheadings, 0); /* 二、主要任务 */
  assert_int_equal(c->p[7].nheadings, 1);
  assert_true(heading_is(&c->p[7], 0, "二、主要任务"));
  free(c);
  zs_doc_text_free(&d);
}

/* A long paragraph's inline heading is the nearest heading of every piece. */
static void test_passage_inline_heading_on_every_piece(void **state) {
  (void)state;
  char buf[16384];
  size_t w = (size_t)sprintf(buf, "一、总体要求\n\n（五）加强生殖健康服务。");
  for (int i = 0; i < 20; i++) {
    repeat(buf, &w, "服", 49);
    repeat(buf, &w, "。", 1);
  }
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, buf, w), 0);
  collected *c = passages_of(&d);
  assert_true(c->n >= 4);
  assert_int_equal(c->p[0].nheadings, 0); /* the heading 一、总体要求 itself */
  for (size_t i = 1; i < c->n; i++) {
    assert_int_equal(c->p[i].nheadings, 2);
    assert_true(heading_is(&c->p[i], 0, "一、总体要求"));
    assert_true(heading_is(&c->p[i], 1, "（五）加强生殖健康服务。"));
  }
  free(c);
  zs_doc_text_free(&d);
}

/* A non-zero return from the callback stops the walk and is returned. */
static void test_passage_callback_stop(void **state) {
  (void)state;
  const char *s = "第一段。\n\n第二段。\n\n第三段。\n";
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, s, strlen(s)), 0);
  collected *c = calloc(1, sizeof *c);
  assert_non_null(c);
  c->stop_after = 1;
  assert_int_equal(zs_passages(&d, collect, c), 7);
  assert_int_equal(c->n, 1);
  free(c);
  zs_doc_text_free(&d);
}

/* Source lines first..last of src with all whitespace (and the markdown
 * emphasis markers ** and __, which cleaning removes) taken out. */
static char *source_span(const char *src, size_t len, uint32_t first, uint32_t last) {
  char *out = malloc(len + 1);
  assert_non_null(out);
  size_t w = 0;
  uint32_t line = 1;
  for (size_t i = 0; i < len;) {
    if (src[i] == '\n' || src[i] == '\r') {
      line += !(src[i] == '\r' && i + 1 < len && src[i + 1] == '\n');
      i++;
      continue;
    }
    if (i + 1 < len && (src[i] == '*' || src[i] == '_') && src[i + 1] == src[i]) {
      i += 2;
      continue;
    }
    size_t at = i;
    UChar32 ch;
    U8_NEXT((const uint8_t *)src, i, len, ch);
    if (line >= first && line <= last && !(ch >= 0 && u_isUWhiteSpace(ch))) {
      memcpy(out + w, src + at, i - at);
      w += i - at;
    }
  }
  out[w] = '\0';
  return out;
}

/* The first ten non-space code points of p. */
static void passage_head(const zs_passage *p, char *out) {
  size_t w = 0, n = 0;
  for (size_t i = 0; i < p->len && n < 10; i++) {
    if (p->text[i] == ' ')
      continue;
    out[w++] = p->text[i];
    n += i + 1 >= p->len || ((unsigned char)p->text[i + 1] & 0xC0) != 0x80;
  }
  out[w] = '\0';
}

/* On every corpus file: passages are substrings that rebuild their blocks,
 * none exceeds MAX*1.25, and each starts on the source lines it claims. */
static void test_passage_corpus_cover_and_lines(void **state) {
  (void)state;
  for (size_t f = 0; f < ZS_TEST_NCORPUS; f++) {
    size_t len;
    char *src = zs_test_read_corpus(zs_test_corpus_files[f], &len);
    uint32_t nlines = 1;
    for (size_t i = 0; i < len; i++)
      nlines += src[i] == '\n';
    zs_doc_text d;
    assert_int_equal(zs_clean_document(&d, src, len), 0);
    collected *c = passages_of(&d);
    size_t bodies = 0;
    for (size_t i = 0; i < d.nblocks; i++)
      if (d.blocks[i].kind == ZS_BLOCK_BODY) {
        bodies++;
        check_cover(&d.blocks[i], c, i);
      }
    assert_true(c->n >= bodies);
    for (size_t i = 0; i < c->n; i++) {
      const zs_passage *p = &c->p[i];
      assert_true(p->line_first >= 1 && p->line_first <= p->line_last && p->line_last <= nlines);
      char head[64];
      passage_head(p, head);
      char *span = source_span(src, len, p->line_first, p->line_last);
      if (!strstr(span, head))
        fail_msg("%s: passage at line %u starting \"%s\" not found on lines %u-%u",
                 zs_test_corpus_files[f], p->line_first, head, p->line_first, p->line_last);
      free(span);
    }
    printf("%s: %zu blocks, %zu passages\n", zs_test_corpus_files[f], d.nblocks, c->n);
    free(c);
    zs_doc_text_free(&d);
    free(src);
  }
}

/* hunan-2021: a sentence wrapped over lines 19-21 is found, with its lines. */
static void test_passage_corpus_wrapped_sentence_lines(void **state) {
  (void)state;
  size_t len;
  char *src = zs_test_read_corpus("hunan-2021-council-report.txt", &len);
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, src, len), 0);
  collected *c = passages_of(&d);
  const char *phrase = "全省各级计生协以习近平新时代中国特色社会主义思想为指导";
  const zs_passage *p = find_passage(c, phrase);
  assert_non_null(p);
  const zs_block *b = &d.blocks[p->block];
  size_t at = (size_t)(strstr(b->text, phrase) - b->text);
  assert_int_equal(zs_block_line_at(b, at), 19);
  assert_int_equal(zs_block_line_at(b, at + strlen(phrase) - 1), 21);
  assert_true(p->line_first <= 19 && p->line_last >= 21);
  assert_true(heading_is(p, 0, "一、关于2020年工作回顾"));
  free(c);
  zs_doc_text_free(&d);
  free(src);
}

/* guizhou: a passage under a markdown heading has that heading without "#". */
static void test_passage_corpus_markdown_heading(void **state) {
  (void)state;
  size_t len;
  char *src = zs_test_read_corpus("guizhou-2025-work-review.txt", &len);
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, src, len), 0);
  collected *c = passages_of(&d);
  const zs_passage *p = find_passage(c, "全省累计建成家庭（健康）服务中心834个");
  assert_non_null(p);
  assert_int_equal(p->nheadings, 1);
  assert_true(heading_is(p, 0, "服务群众健康 促进健康贵州建设作出新贡献"));
  free(c);
  zs_doc_text_free(&d);
  free(src);
}

/* henan: a passage of (五) stands under 二、 and has (五) as nearest heading. */
static void test_passage_corpus_nested_headings(void **state) {
  (void)state;
  size_t len;
  char *src = zs_test_read_corpus("henan-2026-work-points.txt", &len);
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, src, len), 0);
  collected *c = passages_of(&d);
  const zs_passage *p = find_passage(c, "聚焦育龄人群生育力保护");
  assert_non_null(p);
  assert_int_equal(p->nheadings, 2);
  assert_true(heading_is(p, 0, "二、坚决贯彻落实“六项重点任务”和中央、省委、委党组决策部署安排"));
  assert_true(heading_is(p, 1, "（五）加强生殖健康服务。"));
  p = find_passage(c, "预算编制工作。");
  assert_non_null(p);
  assert_true(heading_is(p, 0, "三、统筹做好其他重点工作"));
  assert_int_equal(p->line_last, 62);
  free(c);
  zs_doc_text_free(&d);
  free(src);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_passage_short_block_is_one_passage),
      cmocka_unit_test(test_passage_long_block_cut_at_sentence_ends),
      cmocka_unit_test(test_passage_long_sentence_cut_at_clause),
      cmocka_unit_test(test_passage_numbered_items_stay_whole),
      cmocka_unit_test(test_passage_megabyte_hard_cuts),
      cmocka_unit_test(test_passage_headings_stack),
      cmocka_unit_test(test_passage_inline_heading_on_every_piece),
      cmocka_unit_test(test_passage_callback_stop),
      cmocka_unit_test(test_passage_corpus_cover_and_lines),
      cmocka_unit_test(test_passage_corpus_wrapped_sentence_lines),
      cmocka_unit_test(test_passage_corpus_markdown_heading),
      cmocka_unit_test(test_passage_corpus_nested_headings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
