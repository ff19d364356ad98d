/* Unit tests for text/zs_clean: the space rule, line joining (wrapped and not),
 * markdown, headings and levels, titles, duplicates, and the five real corpus files. */
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
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "zs_clean.h"
#include "zs_test_util.h"

static void clean_corpus(zs_doc_text *d, const char *name) {
  size_t len;
  char *s = zs_test_read_corpus(name, &len);
  assert_int_equal(zs_clean_document(d, s, len), 0);
  free(s);
}

static void clean_str(zs_doc_text *d, const char *s) {
  assert_int_equal(zs_clean_document(d, s, strlen(s)), 0);
}

/* Runs zs_clean_spaces on a copy of in and compares with want. */
static void check_spaces(const char *in, const char *want) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", in);
  size_t n = zs_clean_spaces(buf, strlen(buf));
  assert_int_equal(n, strlen(want));
  assert_memory_equal(buf, want, n);
}

static bool is_han(UChar32 c) {
  UErrorCode e = U_ZERO_ERROR;
  return c >= 0 && uscript_getScript(c, &e) == USCRIPT_HAN;
}

/* Two Han characters with only whitespace between them. */
static bool han_gap(const char *s, size_t len) {
  UChar32 prev = -1;
  bool gap = false;
  for (size_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT((const uint8_t *)s, i, len, c);
    if (c >= 0 && u_isUWhiteSpace(c)) {
      gap = true;
      continue;
    }
    if (gap && is_han(prev) && is_han(c))
      return true;
    gap = false;
    prev = c;
  }
  return false;
}

static const zs_block *find_block(const zs_doc_text *d, const char *needle) {
  for (size_t i = 0; i < d->nblocks; i++)
    if (strstr(d->blocks[i].text, needle))
      return &d->blocks[i];
  return NULL;
}

/* The examples of the space rule, one by one. */
static void test_clean_spaces_examples(void **state) {
  (void)state;
  check_spaces("常 务专职", "常务专职");
  check_spaces("二 十大", "二十大");
  check_spaces("连续 5年", "连续5年");
  check_spaces("2600 多人次", "2600多人次");
  check_spaces("\"喜迎党的二十大\" 系列", "\"喜迎党的二十大\"系列");
  check_spaces("Hello  World", "Hello World");
  check_spaces("3 5", "3 5");
  check_spaces("意识 and 能力", "意识 and 能力");
  check_spaces("B 超", "B 超");
}

/* Tabs, NBSP and U+3000 are whitespace too; the ends are trimmed. */
static void test_clean_spaces_whitespace_kinds(void **state) {
  (void)state;
  check_spaces("a\t\tb", "a b");
  check_spaces("  领导\xC2\xA0 小组 ", "领导小组");
  check_spaces("会议\xE3\x80\x80召开", "会议召开");
  check_spaces("x \xE3\x80\x80 y", "x y");
  check_spaces("", "");
}

/* Curly quotes count as CJK only when they hug Han text. */
static void test_clean_spaces_quotes_hug_han(void **state) {
  (void)state;
  check_spaces("活动\xE2\x80\x9C 5.29\xE2\x80\x9D", "活动\xE2\x80\x9C"
                                                    "5.29\xE2\x80\x9D");
  check_spaces("said \xE2\x80\x9C 5 \xE2\x80\x9D", "said \xE2\x80\x9C 5 \xE2\x80\x9D");
}

/* Empty or blank input gives a document with no blocks and an empty title. */
static void test_clean_empty_input(void **state) {
  (void)state;
  const char *inputs[] = {"", "\n\n  \n", "\r\n\t\r\n", "---\n\n***\n"};
  for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
    zs_doc_text d;
    clean_str(&d, inputs[i]);
    assert_int_equal(d.nblocks, 0);
    assert_string_equal(d.title, "");
    zs_doc_text_free(&d);
  }
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, NULL, 0), 0);
  assert_int_equal(d.nblocks, 0);
  zs_doc_text_free(&d);
}

/* \r\n and lone \r end lines like \n, and line numbers count them. */
static void test_clean_crlf_line_numbers(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "第一段内容。\r\n\r\n第二段内容。\r第三段内容。\r\n");
  assert_int_equal(d.nblocks, 3);
  assert_int_equal(d.blocks[0].line_first, 1);
  assert_int_equal(d.blocks[1].line_first, 3);
  assert_int_equal(d.blocks[2].line_first, 4);
  for (size_t i = 0; i < d.nblocks; i++)
    assert_null(strpbrk(d.blocks[i].text, "\r\n"));
  zs_doc_text_free(&d);
}

/* Markdown: # title, rules dropped, list items are paragraphs, ** removed. */
static void test_clean_markdown_markers_stripped(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "# 简报标题\n\n---\n\n- 列表项一\n- 列表项二\n\n"
                "**编者按：**这是一段按语，说明本期内容。\n");
  assert_string_equal(d.title, "简报标题");
  assert_int_equal(d.nblocks, 4);
  assert_int_equal(d.blocks[0].kind, ZS_BLOCK_TITLE);
  assert_string_equal(d.blocks[1].text, "列表项一");
  assert_string_equal(d.blocks[2].text, "列表项二");
  const zs_block *b = &d.blocks[3];
  assert_string_equal(b->text, "编者按：这是一段按语，说明本期内容。");
  assert_int_equal(b->inline_heading_len, strlen("编者按："));
  zs_doc_text_free(&d);
}

/* Levels follow the order numbering styles first appear; known styles pop back. */
static void test_clean_heading_styles_and_levels(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "这是开头的一段正文。\n\n一、总体要求\n\n（一）指导思想\n\n"
                "1．坚持党的领导。要把党的领导贯穿全过程。\n\n（1）具体细则\n\n"
                "2．坚持群众路线。要依靠群众。\n\n(二) 基本原则\n\n二、主要任务\n\n01 版面栏目\n");
  struct {
    const char *text;
    zs_block_kind kind;
    int level;
  } want[] = {
      {"这是开头", ZS_BLOCK_BODY, 0},          {"一、总体要求", ZS_BLOCK_HEADING, 1},
      {"（一）指导思想", ZS_BLOCK_HEADING, 2}, {"1．坚持党的领导。", ZS_BLOCK_BODY, 3},
      {"（1）具体细则", ZS_BLOCK_HEADING, 4},  {"2．坚持群众路线。", ZS_BLOCK_BODY, 3},
      {"(二)基本原则", ZS_BLOCK_HEADING, 2},   {"二、主要任务", ZS_BLOCK_HEADING, 1},
      {"01版面栏目", ZS_BLOCK_HEADING, 2},
  };
  assert_int_equal(d.nblocks, sizeof want / sizeof *want);
  for (size_t i = 0; i < d.nblocks; i++) {
    const zs_block *b = &d.blocks[i];
    assert_non_null(strstr(b->text, want[i].text));
    assert_int_equal(b->kind, want[i].kind);
    assert_int_equal(b->kind == ZS_BLOCK_HEADING ? b->level : b->inline_level, want[i].level);
  }
  assert_int_equal(d.blocks[3].inline_heading_len, strlen("1．坚持党的领导。"));
  zs_doc_text_free(&d);
}

/* A markdown heading takes the style of its numbering, whatever its # count. */
static void test_clean_markdown_heading_levels(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "开头的一段正文。\n\n## **张三：讲话**\n\n### 一、第一部分\n\n"
                "#### （一）第一小节\n\n正文内容。\n\n## （二）第二小节\n\n## 李四：发言\n");
  int want[] = {0, 1, 2, 3, 0, 3, 1};
  assert_int_equal(d.nblocks, 7);
  for (size_t i = 1; i < d.nblocks; i++)
    if (d.blocks[i].kind == ZS_BLOCK_HEADING)
      assert_int_equal(d.blocks[i].level, want[i]);
  assert_string_equal(d.blocks[1].text, "张三：讲话");
  assert_string_equal(d.blocks[5].text, "（二）第二小节");
  zs_doc_text_free(&d);
}

/* 一是…, 第一，…, 1.8亿… and 一、二季度 are not numbered headings. */
static void test_clean_not_headings(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "开头的一段正文。\n\n一是加强领导，落实责任。\n\n第一，要坚持原则。\n\n"
                "1.8亿元资金已经到位。\n\n一、二季度工作进展顺利。\n\n2020年全年工作。\n");
  assert_int_equal(d.nblocks, 6);
  for (size_t i = 0; i < d.nblocks; i++) {
    assert_int_equal(d.blocks[i].kind, ZS_BLOCK_BODY);
    assert_int_equal(d.blocks[i].inline_heading_len, 0);
  }
  zs_doc_text_free(&d);
}

/* A numbered paragraph's first sentence, or its leading bold, is an inline heading. */
static void test_clean_inline_heading(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "开头的一段正文。\n\n（一）加强政治建设。持续深化党风廉政建设。\n\n"
                "**一、机构改革夯实基层基础。**安化县计生协会成立于1990年。\n\n"
                "（二）加强组织建设。\n");
  assert_int_equal(d.nblocks, 4);
  assert_int_equal(d.blocks[1].inline_heading_len, strlen("（一）加强政治建设。"));
  assert_string_equal(d.blocks[2].text, "一、机构改革夯实基层基础。安化县计生协会成立于1990年。");
  assert_int_equal(d.blocks[2].inline_heading_len, strlen("一、机构改革夯实基层基础。"));
  assert_int_equal(d.blocks[3].kind, ZS_BLOCK_HEADING);
  assert_int_equal(d.blocks[3].level, d.blocks[1].inline_level);
  zs_doc_text_free(&d);
}

/* Appends one wrapped "line" of n code points: n-1 copies of han then end. */
static size_t put_line(char *buf, size_t w, const char *han, size_t n, const char *end) {
  for (size_t i = 0; i + 1 < n; i++)
    w += (size_t)sprintf(buf + w, "%s", han);
  return w + (size_t)sprintf(buf + w, "%s\n\n", end);
}

/* A fixed-width document is joined line by line; short lines end paragraphs. */
static void test_clean_wrapped_document_joined(void **state) {
  (void)state;
  char buf[8192];
  size_t w = 0;
  const char *heads[] = {"一、第一部分", "二、第二部分", "三、第三部分"},
             *hans[] = {"文", "字", "词"};
  for (int p = 0; p < 3; p++) {
    w += (size_t)sprintf(buf + w, "%s\n\n", heads[p]);
    for (int i = 0; i < 4; i++)
      w = put_line(buf, w, hans[p], 20, "，");
    w = put_line(buf, w, "尾", 20, "。"); /* full and ending a sentence: goes on */
    w = put_line(buf, w, "短", 6, "。");
  }
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, buf, w), 0);
  assert_int_equal(d.nblocks, 6);
  for (size_t i = 0; i < 6; i += 2) {
    assert_int_equal(d.blocks[i].kind, ZS_BLOCK_HEADING);
    const zs_block *b = &d.blocks[i + 1];
    assert_int_equal(b->kind, ZS_BLOCK_BODY);
    assert_int_equal(b->nmarks, 6);
    assert_int_equal(b->line_last - b->line_first, 10);
    assert_null(strchr(b->text, ' '));
  }
  zs_doc_text_free(&d);
}

/* One paragraph per line: a line broken mid-sentence joins what follows;
 * short unpunctuated lines (captions, signatures) stand alone. */
static void test_clean_unwrapped_rejoins_broken_sentence(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "开头的一段正文，说明情况。\n\n"
                "二是助力常态化疫情防控。今年以来，受疫情反扑影响，省\n\n\n\n"
                "内多地疫情零散爆发。各级计生协组织闻令而动。\n\n图为活动现场\n\n"
                "责任编辑：张三\n");
  assert_int_equal(d.nblocks, 4);
  assert_non_null(strstr(d.blocks[1].text, "受疫情反扑影响，省内多地疫情零散爆发。"));
  assert_int_equal(d.blocks[1].line_first, 3);
  assert_int_equal(d.blocks[1].line_last, 7);
  assert_string_equal(d.blocks[2].text, "图为活动现场");
  assert_string_equal(d.blocks[3].text, "责任编辑：张三");
  zs_doc_text_free(&d);
}

/* One paragraph per line: a numbered heading broken onto the next line is one
 * heading; a heading followed by a blank line stands alone. */
static void test_clean_unwrapped_heading_tail_joined(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(
      &d, "开头的一段正文。\n\n（一）坚持党对工作的领导，引导广大群众和计生\n家庭听党话、跟党走\n\n"
          "正文第一句，内容。\n\n（二）加强建设\n\n结语\n");
  assert_int_equal(d.nblocks, 5);
  assert_string_equal(d.blocks[1].text,
                      "（一）坚持党对工作的领导，引导广大群众和计生家庭听党话、跟党走");
  assert_int_equal(d.blocks[1].kind, ZS_BLOCK_HEADING);
  assert_int_equal(d.blocks[1].line_last, 4);
  assert_string_equal(d.blocks[3].text, "（二）加强建设");
  assert_string_equal(d.blocks[4].text, "结语");
  zs_doc_text_free(&d);
}

/* Text wrapped at a fixed width, no blank lines: six lines of running text
 * (about 80 columns), then the lines of head (ended by NULL), then four more. */
static size_t wrapped_text(char *buf, const char *const *head) {
  size_t w = 0;
  for (int i = 0; i < 6; i++)
    w += (size_t)sprintf(
        buf + w, "这是前文第%d行正文内容，用来把文档撑成固定宽度的排版格式，每行写满四十个字%s\n",
        i, i == 5 ? "。" : "，");
  for (; *head; head++)
    w += (size_t)sprintf(buf + w, "%s\n", *head);
  for (int i = 0; i < 4; i++)
    w += (size_t)sprintf(
        buf + w, "这是下文第%d行正文内容，用来把文档撑成固定宽度的排版格式，每行写满四十个字%s\n",
        i, i == 3 ? "。" : "，");
  return w;
}

/* In fixed-width text a heading the source wrapped (narrower than the text)
 * is one heading over its two or three lines; the paragraph below stays apart. */
static void test_clean_wrapped_heading_joined(void **state) {
  (void)state;
  static const char *const two[] = {"（三）加快构建现代职业教育", "体系", NULL};
  static const char *const three[] = {"（三）加快构建以职业院校为主体",
                                      "企业深度参与的现代职业教育", "体系", NULL};
  static const char *const alone[] = {"一、总体要求", NULL};
  char buf[4096];
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, buf, wrapped_text(buf, two)), 0);
  assert_int_equal(d.nblocks, 3);
  assert_int_equal(d.blocks[1].kind, ZS_BLOCK_HEADING);
  assert_string_equal(d.blocks[1].text, "（三）加快构建现代职业教育体系");
  assert_int_equal(d.blocks[1].line_first, 7);
  assert_int_equal(d.blocks[1].line_last, 8);
  assert_int_equal(zs_block_line_at(&d.blocks[1], strlen("（三）加快构建现代职业教育")), 8);
  assert_int_equal(d.blocks[2].line_first, 9);
  zs_doc_text_free(&d);
  assert_int_equal(zs_clean_document(&d, buf, wrapped_text(buf, three)), 0);
  assert_int_equal(d.nblocks, 3);
  assert_string_equal(d.blocks[1].text,
                      "（三）加快构建以职业院校为主体企业深度参与的现代职业教育体系");
  assert_int_equal(d.blocks[1].kind, ZS_BLOCK_HEADING);
  assert_int_equal(d.blocks[1].line_last, 9);
  assert_int_equal(d.blocks[1].nmarks, 3);
  zs_doc_text_free(&d);
  assert_int_equal(zs_clean_document(&d, buf, wrapped_text(buf, alone)), 0);
  assert_int_equal(d.nblocks, 3);
  assert_string_equal(d.blocks[1].text, "一、总体要求");
  assert_int_equal(d.blocks[2].line_first, 8);
  assert_int_equal(d.blocks[2].line_last, 11);
  zs_doc_text_free(&d);
}

/* One paragraph per line: a heading wrapped over three lines is one heading;
 * a wider line below a heading is the paragraph, not its tail. */
static void test_clean_unwrapped_heading_three_lines(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d,
            "开头的一段正文。\n（三）加快构建以职业院校为主体\n企业深度参与的现代职业教育\n体系\n"
            "正文第一句，内容。\n二、高度重视推广工作\n各地区各部门要以习近平新时代中国特色社会主义"
            "思想为指导\n");
  assert_int_equal(d.nblocks, 5);
  assert_string_equal(d.blocks[1].text,
                      "（三）加快构建以职业院校为主体企业深度参与的现代职业教育体系");
  assert_int_equal(d.blocks[1].kind, ZS_BLOCK_HEADING);
  assert_int_equal(d.blocks[1].line_first, 2);
  assert_int_equal(d.blocks[1].line_last, 4);
  assert_string_equal(d.blocks[3].text, "二、高度重视推广工作");
  assert_int_equal(d.blocks[4].line_first, 7);
  zs_doc_text_free(&d);
}

/* A title centred over three lines below a metadata table is one TITLE block
 * (its breaks are no spaces), its lines and marks kept; the number below it
 * stays apart. */
static void test_clean_centred_title_one_block(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(
      &d,
      "索引号：000014349/2019-00006\n发文机关：国务院办公厅\n"
      "国务院办公厅关于有效发挥政府性\n融资担保基金作用切实支持小微企业和\n“三农”发展的指导意见\n"
      "国办发〔2019〕6号\n各省、自治区、直辖市人民政府：\n近年来，各地区、各部门认真贯彻落实。\n");
  const zs_block *b = find_block(&d, "国务院办公厅关于");
  assert_non_null(b);
  assert_int_equal(b->kind, ZS_BLOCK_TITLE);
  assert_string_equal(
      b->text,
      "国务院办公厅关于有效发挥政府性融资担保基金作用切实支持小微企业和“三农”发展的指导意见");
  assert_int_equal(b->line_first, 3);
  assert_int_equal(b->line_last, 5);
  assert_int_equal(b->nmarks, 3);
  assert_int_equal(zs_block_line_at(b, strlen("国务院办公厅关于有效发挥政府性")), 4);
  assert_int_equal(zs_block_line_at(b, strlen(b->text) - 1), 5);
  b = find_block(&d, "国办发");
  assert_non_null(b);
  assert_string_equal(b->text, "国办发〔2019〕6号");
  zs_doc_text_free(&d);
}

/* A title wrapped at the top of the document is the title whole (no space at
 * the break) and its document number, right below, is not part of it. */
static void test_clean_title_zone_wrapped_title(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(
      &d,
      "国务院办公厅关于有效发挥政府性融资担保基金作用切实支持小\n微企业和“三农”发展的指导意见\n"
      "国办发〔2019〕6号\n各省、自治区、直辖市人民政府：\n近年来，各地区、各部门认真贯彻落实。\n");
  assert_string_equal(
      d.title,
      "国务院办公厅关于有效发挥政府性融资担保基金作用切实支持小微企业和“三农”发展的指导意见");
  assert_int_equal(d.blocks[0].kind, ZS_BLOCK_TITLE);
  assert_int_equal(d.blocks[0].line_last, 2);
  assert_int_equal(d.blocks[1].kind, ZS_BLOCK_TITLE);
  assert_string_equal(d.blocks[1].text, "国办发〔2019〕6号");
  zs_doc_text_free(&d);
}

/* Short lines that only look like the rest of a heading or title stay apart:
 * a sign-off, a name list, a note in brackets, an attachment label, a date,
 * section numbers of a table of contents. */
static void test_clean_wrap_lookalikes_stay_apart(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(
      &d,
      "附件：1.国土资源部关于地质险情调研情况的报告\n2.湖北省巴东县马鬃山村地质险情调查专家组意见\n"
      "国务院办公厅\n二〇〇四年十一月四日\n"
      "（一）部门委员\n梁言顺中央宣传部副部长\n"
      "（此件公开发布）\n国家职业教育改革实施方案\n"
      "附件2\n湖北省巴东县官渡口镇马鬃山村\n地质险情调查意见\n"
      "2018年11月6日\n专利代理条例\n"
      "3 预警监测\n3.1 市场监测\n3.2 应急报告\n");
  assert_non_null(find_block(&d, "2.湖北省巴东县马鬃山村地质险情调查专家组意见"));
  assert_string_equal(find_block(&d, "2.湖北省")->text,
                      "2.湖北省巴东县马鬃山村地质险情调查专家组意见");
  assert_string_equal(find_block(&d, "国务院办公厅")->text, "国务院办公厅");
  assert_string_equal(find_block(&d, "二〇〇四年")->text, "二〇〇四年十一月四日");
  assert_string_equal(find_block(&d, "部门委员")->text, "（一）部门委员");
  assert_string_equal(find_block(&d, "此件公开发布")->text, "（此件公开发布）");
  assert_string_equal(find_block(&d, "附件2")->text, "附件2");
  const zs_block *b = find_block(&d, "湖北省巴东县官渡口镇");
  assert_string_equal(b->text, "湖北省巴东县官渡口镇马鬃山村地质险情调查意见");
  assert_int_equal(b->kind, ZS_BLOCK_TITLE);
  assert_string_equal(find_block(&d, "2018年11月6日")->text, "2018年11月6日");
  assert_string_equal(find_block(&d, "3.2")->text, "3.2应急报告");
  assert_int_equal(d.nblocks, 15); /* every line its own block but the title's two */
  for (size_t i = 0; i < d.nblocks; i++)
    if (d.blocks[i].line_first != 10)
      assert_int_equal(d.blocks[i].line_first, d.blocks[i].line_last);
  zs_doc_text_free(&d);
}

/* A photo caption inside a broken sentence is lifted out; the sentence rejoins. */
static void test_clean_caption_lifted_out_of_sentence(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "开头的一段正文，说明情况。\n\n"
                "一是持续实施幸福工程。全年投入资金一亿元，帮扶五千户计生母亲，开展以案说法、以案说"
                "德等活动，推\n\n"
                "某县计生协会工作人员为困难户学子送上助学金\n\n"
                "动法律维权服务下基层。\n");
  assert_int_equal(d.nblocks, 3);
  assert_non_null(strstr(d.blocks[1].text, "活动，推动法律维权服务下基层。"));
  assert_int_equal(d.blocks[1].line_first, 3);
  assert_int_equal(d.blocks[1].line_last, 7);
  assert_int_equal(zs_block_line_at(&d.blocks[1], d.blocks[1].len - 1), 7);
  assert_string_equal(d.blocks[2].text, "某县计生协会工作人员为困难户学子送上助学金");
  assert_int_equal(d.blocks[2].line_first, 5);
  zs_doc_text_free(&d);
}

/* Joined lines meet through whitespace, so Latin words keep one space. */
static void test_clean_latin_words_keep_spaces_when_joined(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "开头的一段正文。\n\n加强服务。提供婚恋、家庭、生育等咨询与辅导，提升未婚青年生殖健"
                "康、婚育规划的意识 and\n"
                "能力，推动课程融入校园。\n");
  assert_int_equal(d.nblocks, 2);
  assert_non_null(strstr(d.blocks[1].text, "的意识 and 能力，推动"));
  zs_doc_text_free(&d);
}

/* An exact duplicate paragraph is dropped (the first kept); headings are not. */
static void test_clean_duplicates_dropped(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "开头的一段正文。\n\n一、第一部分\n\n这段话重复出现了。\n\n一、第一部分\n\n"
                "这段话 重复出现了。\n\n最后一段。\n");
  assert_int_equal(d.nblocks, 5);
  assert_string_equal(d.blocks[2].text, "这段话重复出现了。");
  assert_int_equal(d.blocks[2].line_first, 5);
  assert_int_equal(d.blocks[3].kind, ZS_BLOCK_HEADING);
  assert_string_equal(d.blocks[4].text, "最后一段。");
  zs_doc_text_free(&d);
}

/* Adjacent title lines join with a space and a "——" subtitle is appended. */
static void test_clean_title_with_subtitle(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "\n凝心聚力 加快改革\n奋力推进新时代事业\n\n——在某会议上的报告\n\n"
                "各位理事、同志们：\n\n正文，内容。\n");
  assert_string_equal(d.title, "凝心聚力 加快改革 奋力推进新时代事业 ——在某会议上的报告");
  assert_int_equal(d.nblocks, 4);
  assert_int_equal(d.blocks[0].kind, ZS_BLOCK_TITLE);
  assert_int_equal(d.blocks[0].line_first, 2);
  assert_int_equal(d.blocks[0].line_last, 3);
  assert_int_equal(d.blocks[1].kind, ZS_BLOCK_TITLE);
  assert_int_equal(d.blocks[2].kind, ZS_BLOCK_BODY);
  zs_doc_text_free(&d);
}

/* An official notice: letterhead and document number precede the real title. */
static void test_clean_title_after_document_number(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "某某省协会文件\n\n某协〔2024〕5号\n\n关于印发《某协会 2024年工作要点》的通知\n\n"
                "各单位：\n\n现将要点印发给你们。\n");
  assert_string_equal(d.title, "关于印发《某协会2024年工作要点》的通知");
  assert_int_equal(d.nblocks, 5);
  for (size_t i = 0; i < 3; i++)
    assert_int_equal(d.blocks[i].kind, ZS_BLOCK_TITLE);
  assert_string_equal(d.blocks[3].text, "各单位：");
  zs_doc_text_free(&d);
}

/* zs_block_line_at maps every byte of a joined paragraph to its source line. */
static void test_clean_line_at_maps_offsets(void **state) {
  (void)state;
  zs_doc_text d;
  clean_str(&d, "开头的一段正文。\n\n第一行的内容比较长。说明了很多的情况，并且\n"
                "第二行的内容。继续\n说明\n\n下一段。\n");
  const zs_block *b = find_block(&d, "第一行");
  assert_non_null(b);
  assert_string_equal(b->text, "第一行的内容比较长。说明了很多的情况，并且第二行的内容。继续说明");
  assert_int_equal(b->line_first, 3);
  assert_int_equal(b->line_last, 5);
  size_t t2 = (size_t)(strstr(b->text, "第二行") - b->text);
  size_t t3 = (size_t)(strstr(b->text, "继续说明") - b->text) + strlen("继续");
  assert_int_equal(zs_block_line_at(b, 0), 3);
  assert_int_equal(zs_block_line_at(b, t2 - 1), 3);
  assert_int_equal(zs_block_line_at(b, t2), 4);
  assert_int_equal(zs_block_line_at(b, t3 - 1), 4);
  assert_int_equal(zs_block_line_at(b, t3), 5);
  assert_int_equal(zs_block_line_at(b, b->len + 10), 5);
  zs_doc_text_free(&d);
}

static double seconds_since(clock_t t0) {
  return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

/* A 1 MB single line is one paragraph, cleaned in linear time. */
static void test_clean_megabyte_line(void **state) {
  (void)state;
  size_t n = 1 << 20;
  char *s = malloc(n + 1);
  assert_non_null(s);
  size_t w = 0;
  while (w + 8 < n)
    w += (size_t)sprintf(s + w, (w / 3) % 40 == 39 ? "，" : "文 ");
  clock_t t0 = clock();
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, s, w), 0);
  assert_true(seconds_since(t0) < 10.0);
  assert_int_equal(d.nblocks, 1);
  assert_null(strchr(d.blocks[0].text, ' '));
  zs_doc_text_free(&d);
  free(s);
}

/* 100k lines are handled without quadratic behaviour; one sentence per line of
 * equal width is not mistaken for wrapped text. */
static void test_clean_many_lines(void **state) {
  (void)state;
  size_t cap = 100000 * 40;
  char *s = malloc(cap);
  assert_non_null(s);
  size_t w = 0;
  uint32_t line = 1, last = 0;
  for (int i = 0; i < 100000; i++) {
    last = line;
    w += (size_t)sprintf(s + w, "第%d行的内容。\n%s", i, i % 2 ? "\n" : "");
    line += i % 2 ? 2 : 1;
  }
  clock_t t0 = clock();
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, s, w), 0);
  assert_true(seconds_since(t0) < 10.0);
  assert_int_equal(d.nblocks, 100000);
  assert_int_equal(d.blocks[99999].line_first, last);
  zs_doc_text_free(&d);
  free(s);
}

/* Ill-formed UTF-8 is carried along, never a crash or an over-read. */
static void test_clean_invalid_utf8_survives(void **state) {
  (void)state;
  const char s[] = "\xFF\xFE abc \xE4\xB8 \n\x80\x80\xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\n# \n- \xE4";
  zs_doc_text d;
  assert_int_equal(zs_clean_document(&d, s, sizeof s - 1), 0);
  zs_doc_text_free(&d);
  char t[] = "\xE4\xB8 \xE4";
  assert_true(zs_clean_spaces(t, sizeof t - 1) <= sizeof t - 1);
}

/* In every corpus file, no body block has a line break or Han split by spaces,
 * and every block's lines and marks are consistent. */
static void test_clean_corpus_bodies_have_no_breaks(void **state) {
  (void)state;
  for (size_t f = 0; f < ZS_TEST_NCORPUS; f++) {
    zs_doc_text d;
    clean_corpus(&d, zs_test_corpus_files[f]);
    assert_true(d.nblocks > 5);
    for (size_t i = 0; i < d.nblocks; i++) {
      const zs_block *b = &d.blocks[i];
      assert_int_equal(strlen(b->text), b->len);
      assert_null(strpbrk(b->text, "\r\n"));
      assert_true(b->kind != ZS_BLOCK_BODY || !han_gap(b->text, b->len));
      assert_true(b->nmarks >= 1 && b->marks[0].offset == 0);
      assert_int_equal(b->marks[0].line, b->line_first);
      assert_true(b->line_first <= b->line_last);
      for (size_t k = 1; k < b->nmarks; k++)
        assert_true(b->marks[k].offset > b->marks[k - 1].offset);
    }
    zs_doc_text_free(&d);
  }
}

/* The five titles. */
static void test_clean_corpus_titles(void **state) {
  (void)state;
  const char *want[] = {
      ("凝心聚力 加快改革 奋力推进新时代计生协事业创新发展 " /* one title, two lines */
       "——在省计生协七届十一次理事会暨全省计生协工作会议上的报告"),
      "凝心聚力谋发展 砥砺奋进谱新篇 ——贵州省计划生育协会2025年工作综述",
      "湖南计生协会简报",
      "凝心聚力担使命 踔厉奋发新征程",
      "关于印发《河南省计划生育协会2026年工作要点》的通知",
  };
  for (size_t f = 0; f < ZS_TEST_NCORPUS; f++) {
    zs_doc_text d;
    clean_corpus(&d, zs_test_corpus_files[f]);
    assert_string_equal(d.title, want[f]);
    assert_int_equal(d.blocks[0].kind, ZS_BLOCK_TITLE);
    zs_doc_text_free(&d);
  }
}

/* Sentences broken across blank lines or layout spaces come back whole. */
static void test_clean_corpus_broken_sentences_joined(void **state) {
  (void)state;
  zs_doc_text d;
  clean_corpus(&d, "guizhou-2025-work-review.txt");
  assert_non_null(find_block(&d, "一体推进学查改。"));
  zs_doc_text_free(&d);
  clean_corpus(&d, "hunan-2022-bulletin-19.txt");
  const zs_block *b = find_block(&d, "受上海疫情反扑影响，省内多地疫情");
  assert_non_null(b);
  assert_int_equal(b->line_first, 76);
  assert_int_equal(b->line_last, 80);
  zs_doc_text_free(&d);
  clean_corpus(&d, "fujian-2022-work-review.txt");
  assert_non_null(find_block(&d, "常务专职副会长"));
  assert_non_null(find_block(&d, "二十大精神"));
  assert_null(find_block(&d, "常 务"));
  assert_non_null(find_block(&d, "活动,推动法律维权服务下基层。"));
  zs_doc_text_free(&d);
}

/* hunan-2021's heading wrapped over two lines is one HEADING block. */
static void test_clean_corpus_wrapped_heading_one_block(void **state) {
  (void)state;
  zs_doc_text d;
  clean_corpus(&d, "hunan-2021-council-report.txt");
  const zs_block *b =
      find_block(&d, "（一）坚持党对计生协工作的领导，引导广大育龄群众和计生家庭听党话、跟党走");
  assert_non_null(b);
  assert_int_equal(b->kind, ZS_BLOCK_HEADING);
  assert_int_equal(b->level, 2);
  assert_int_equal(b->line_first, 37);
  assert_int_equal(b->line_last, 39);
  b = find_block(&d, "1．出台省级改革方案。年内");
  assert_non_null(b);
  assert_int_equal(b->inline_heading_len, strlen("1．出台省级改革方案。"));
  assert_int_equal(b->inline_level, 3);
  zs_doc_text_free(&d);
}

/* henan: letterhead and number are title blocks; (十一) starts an inline heading. */
static void test_clean_corpus_henan_structure(void **state) {
  (void)state;
  zs_doc_text d;
  clean_corpus(&d, "henan-2026-work-points.txt");
  assert_string_equal(d.blocks[0].text, "河南省计划生育协会文件");
  assert_int_equal(d.blocks[1].kind, ZS_BLOCK_TITLE);
  assert_int_equal(d.blocks[3].kind, ZS_BLOCK_BODY);
  const zs_block *b = find_block(&d, "推进基本公卫优化生育政策服务项目提质扩面。");
  assert_non_null(b);
  const char *h = "(十一)推进基本公卫优化生育政策服务项目提质扩面。";
  assert_int_equal(b->inline_heading_len, strlen(h));
  assert_memory_equal(b->text, h, strlen(h));
  assert_int_equal(b->inline_level, 2);
  assert_non_null(find_block(&d, "意识 and 能力"));
  zs_doc_text_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_clean_spaces_examples),
      cmocka_unit_test(test_clean_spaces_whitespace_kinds),
      cmocka_unit_test(test_clean_spaces_quotes_hug_han),
      cmocka_unit_test(test_clean_empty_input),
      cmocka_unit_test(test_clean_crlf_line_numbers),
      cmocka_unit_test(test_clean_markdown_markers_stripped),
      cmocka_unit_test(test_clean_heading_styles_and_levels),
      cmocka_unit_test(test_clean_markdown_heading_levels),
      cmocka_unit_test(test_clean_not_headings),
      cmocka_unit_test(test_clean_inline_heading),
      cmocka_unit_test(test_clean_wrapped_document_joined),
      cmocka_unit_test(test_clean_unwrapped_rejoins_broken_sentence),
      cmocka_unit_test(test_clean_unwrapped_heading_tail_joined),
      cmocka_unit_test(test_clean_wrapped_heading_joined),
      cmocka_unit_test(test_clean_unwrapped_heading_three_lines),
      cmocka_unit_test(test_clean_centred_title_one_block),
      cmocka_unit_test(test_clean_title_zone_wrapped_title),
      cmocka_unit_test(test_clean_wrap_lookalikes_stay_apart),
      cmocka_unit_test(test_clean_caption_lifted_out_of_sentence),
      cmocka_unit_test(test_clean_latin_words_keep_spaces_when_joined),
      cmocka_unit_test(test_clean_duplicates_dropped),
      cmocka_unit_test(test_clean_title_with_subtitle),
      cmocka_unit_test(test_clean_title_after_document_number),
      cmocka_unit_test(test_clean_line_at_maps_offsets),
      cmocka_unit_test(test_clean_megabyte_line),
      cmocka_unit_test(test_clean_many_lines),
      cmocka_unit_test(test_clean_invalid_utf8_survives),
      cmocka_unit_test(test_clean_corpus_bodies_have_no_breaks),
      cmocka_unit_test(test_clean_corpus_titles),
      cmocka_unit_test(test_clean_corpus_broken_sentences_joined),
      cmocka_unit_test(test_clean_corpus_wrapped_heading_one_block),
      cmocka_unit_test(test_clean_corpus_henan_structure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
