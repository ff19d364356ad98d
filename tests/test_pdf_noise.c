/* Unit tests for the page furniture the PDF reader leaves out (running heads,
 * footers, page numbers, print stamps) and the title PDF and DOCX files give. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_format.h"
#include "zs_test_util.h"

/* ---- helpers ------------------------------------------------------------ */

static void expect_absent(const char *text, const char *needle) {
  if (strstr(text, needle))
    fail_msg("'%s' should have been left out of:\n%s", needle, text);
}

static void expect_present(const char *text, const char *needle) {
  if (!strstr(text, needle))
    fail_msg("'%s' should have been kept in:\n%s", needle, text);
}

/* UTF-8 (BMP only) as the hex of its UTF-16BE code units. */
static void put_utf16_hex(zs_test_buf *b, const char *s) {
  const unsigned char *u = (const unsigned char *)s;
  while (*u) {
    unsigned c = *u++;
    if (c >= 0xE0) {
      c = (c & 0x0F) << 12 | (unsigned)(u[0] & 0x3F) << 6 | (u[1] & 0x3F);
      u += 2;
    } else if (c >= 0xC0) {
      c = (c & 0x1F) << 6 | (u[0] & 0x3F);
      u++;
    }
    zs_test_putf(b, "%04X", c);
  }
}

/* ---- PDF writer --------------------------------------------------------- */

/* A piece of text at (x, y) points from the bottom left of a US Letter page. */
typedef struct item {
  int x, y;
  const char *text;
} item;

#define END                                                                                        \
  { 0, 0, NULL }
#define BODY_Y 700 /* the first body line; the next ones 18 points lower each */

/* The ToUnicode map of a font whose codes are UTF-16 code units: the identity
 * on the BMP (surrogates aside), in blocks of 100 ranges. */
static void put_identity_cmap(zs_test_buf *c) {
  zs_test_puts(c, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                  "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  unsigned hi[256], n = 0;
  for (unsigned h = 0; h < 256; h++)
    if (h < 0xD8 || h > 0xDF)
      hi[n++] = h;
  for (unsigned i = 0; i < n; i += 100) {
    unsigned k = n - i < 100 ? n - i : 100;
    zs_test_putf(c, "%u beginbfrange\n", k);
    for (unsigned j = i; j < i + k; j++)
      zs_test_putf(c, "<%02X00> <%02XFF> <%02X00>\n", hi[j], hi[j], hi[j]);
    zs_test_puts(c, "endbfrange\n");
  }
  zs_test_puts(c, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend");
}

static void put_stream(zs_test_buf *b, const zs_test_buf *c) {
  zs_test_putf(b, "<< /Length %zu >>\nstream\n", c->len);
  zs_test_put(b, c->s, c->len);
  zs_test_puts(b, "\nendstream");
}

/* A PDF of n pages, pages[i] its items (ended by END), every character drawn
 * with a Type0 font on Identity-H and a ToUnicode map (no font embedded: poppler
 * needs none to extract text). info_title: the document info's Title as a PDF
 * string ("(…)" or "<FEFF…>"), or NULL for no info. Caller frees. */
static char *make_pdf(const item *const *pages, size_t n, const char *info_title, size_t *len) {
  zs_test_buf b = {0};
  size_t first_page = 8, nobj = first_page - 1 + 2 * n, *off = calloc(nobj + 1, sizeof *off);
  assert_non_null(off);
  zs_test_puts(&b, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
  for (size_t o = 1; o <= nobj; o++) {
    off[o] = b.len;
    zs_test_putf(&b, "%zu 0 obj\n", o);
    if (o == 1) {
      zs_test_puts(&b, "<< /Type /Catalog /Pages 2 0 R >>");
    } else if (o == 2) {
      zs_test_puts(&b, "<< /Type /Pages /Kids [");
      for (size_t i = 0; i < n; i++)
        zs_test_putf(&b, " %zu 0 R", first_page + 2 * i);
      zs_test_putf(&b, " ] /Count %zu >>", n);
    } else if (o == 3) {
      zs_test_puts(&b, "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
                       "/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>");
    } else if (o == 4) {
      zs_test_puts(&b, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
                       "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                       "/FontDescriptor 6 0 R /DW 1000 /W [32 126 500] /CIDToGIDMap /Identity >>");
    } else if (o == 5) {
      zs_test_buf c = {0};
      put_identity_cmap(&c);
      put_stream(&b, &c);
      free(c.s);
    } else if (o == 6) {
      zs_test_puts(
          &b, "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -200 1000 900] "
              "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>");
    } else if (o == 7) {
      zs_test_putf(&b, "<< /Title %s /Producer (test) >>", info_title ? info_title : "()");
    } else if ((o - first_page) % 2 == 0) {
      zs_test_putf(&b,
                   "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
                   "<< /F1 3 0 R >> >> /Contents %zu 0 R >>",
                   o + 1);
    } else {
      zs_test_buf c = {0};
      for (const item *it = pages[(o - first_page) / 2]; it->text; it++) {
        zs_test_putf(&c, "BT /F1 10 Tf 1 0 0 1 %d %d Tm <", it->x, it->y);
        put_utf16_hex(&c, it->text);
        zs_test_puts(&c, "> Tj ET\n");
      }
      put_stream(&b, &c);
      free(c.s);
    }
    zs_test_puts(&b, "\nendobj\n");
  }
  size_t xref = b.len;
  zs_test_putf(&b, "xref\n0 %zu\n0000000000 65535 f \n", nobj + 1);
  for (size_t o = 1; o <= nobj; o++)
    zs_test_putf(&b, "%010zu 00000 n \n", off[o]);
  zs_test_putf(&b, "trailer\n<< /Size %zu /Root 1 0 R%s >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1,
               info_title ? " /Info 7 0 R" : "", xref);
  free(off);
  *len = b.len;
  return b.s;
}

static void read_pdf(const item *const *pages, size_t n, const char *info_title,
                     zs_extracted *out) {
  size_t len;
  char *pdf = make_pdf(pages, n, info_title, &len);
  int rc = zs_format_read_mem(ZS_FORMAT_PDF, pdf, len, out);
  if (rc != ZS_OK)
    fail_msg("reading the PDF failed: %s", zs_error_last());
  free(pdf);
}

/* One page: the items of `extra` and body lines from BODY_Y down (body lines
 * the same on every page would be a running head: tests vary them). */
static void one_page(item *page, size_t cap, const item *extra, const char *const *body) {
  size_t n = 0;
  for (; extra && extra->text; extra++)
    page[n++] = *extra;
  for (int y = BODY_Y; *body; body++, y -= 18)
    page[n++] = (item){72, y, *body};
  assert_true(n < cap);
  page[n] = (item)END;
}

/* Body text of page i (0–4), different on every page. */
static const char *const *filler(size_t i) {
  static const char *const text[5][3] = {
      {"第一页的正文说的是安全生产工作的总体要求，", "各地要切实加强组织领导。", NULL},
      {"第二页的正文说的是重点任务的具体安排，", "各部门要按照职责分工抓好落实。", NULL},
      {"第三页的正文说的是监督检查的有关要求，", "对工作不力的要严肃问责。", NULL},
      {"第四页的正文说的是经费保障和人员配备，", "财政部门要予以支持。", NULL},
      {"第五页的正文说的是宣传引导和舆论监督，", "营造良好的社会氛围。", NULL}};
  return text[i];
}

/* ---- a browser's print ---------------------------------------------------- */

static const char *const BODY[3][4] = {
    {"第一页正文开头这一行讲的是市场监管领域全面推行", "双随机一公开监管的总体要求和主要目标。",
     "一、总体要求", NULL},
    {"第二页正文开头这一行讲的是统筹建设监管工作平台", "（一）统筹建设监管工作平台。", NULL, NULL},
    {"第三页正文开头这一行讲的是保障措施和组织领导", "各地区各部门要认真贯彻执行。", NULL, NULL},
};

/* Chromium's header (print date and time, page title) and footer (address,
 * page n/total) on page i of 3; control: per-page text of the same shape
 * that is no furniture, for the line numbers the furniture should leave. */
static void browser_page(item *page, size_t cap, size_t i, bool control) {
  static const char *const odd[3][4] = {{"甲乙丙丁戊", "春天的花开了", "东南西北中", "金木水火土"},
                                        {"子丑寅卯辰", "夏天的雨来了", "巳午未申酉", "戌亥天地人"},
                                        {"红橙黄绿青", "秋天的叶落了", "蓝紫黑白灰", "日月星辰风"}};
  static const char *const pageno[3] = {"1/3", "2/3", "3/3"};
  item extra[] = {
      {20, 770, control ? odd[i][0] : "12/3/26, 7:00 PM"},
      {250, 770, control ? odd[i][1] : "国务院关于测试页眉页脚的意见"},
      {20, 20,
       control ? odd[i][2] : "http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm"},
      {560, 20, control ? odd[i][3] : pageno[i]},
      END};
  one_page(page, cap, extra, BODY[i]);
}

/* The header and footer go on every page, and each body line keeps the line
 * number (and page) it has when nothing is left out. */
static void test_pdf_noise_browser_print(void **state) {
  (void)state;
  item p[2][3][16];
  const item *pages[2][3];
  for (int control = 0; control < 2; control++)
    for (size_t i = 0; i < 3; i++) {
      browser_page(p[control][i], 16, i, control);
      pages[control][i] = p[control][i];
    }
  zs_extracted out, ctl;
  read_pdf(pages[0], 3, NULL, &out);
  read_pdf(pages[1], 3, NULL, &ctl);
  expect_absent(out.text, "PM");
  expect_absent(out.text, "12/3/26");
  expect_absent(out.text, "页眉页脚");
  expect_absent(out.text, "http");
  expect_absent(out.text, "/3");
  expect_present(ctl.text, "春天的花开了"); /* the control keeps its lines */
  expect_present(ctl.text, "日月星辰风");
  assert_int_equal(out.npages, 3);
  assert_int_equal(ctl.npages, 3);
  for (size_t i = 0; i < 3; i++) {
    assert_int_equal(out.page_lines[i], ctl.page_lines[i]);
    for (size_t k = 0; BODY[i][k]; k++) {
      unsigned line = zs_test_line_of(out.text, BODY[i][k]);
      assert_true(line > 0);
      assert_int_equal(line, zs_test_line_of(ctl.text, BODY[i][k]));
      assert_int_equal(zs_page_of_line(out.page_lines, out.npages, line), i + 1);
    }
  }
  zs_extracted_free(&out);
  zs_extracted_free(&ctl);
}

/* On a one-page print nothing repeats: the stamp at the top and the address
 * next to "1/1" at the bottom still go (the page title is a title, and stays). */
static void test_pdf_noise_browser_one_page(void **state) {
  (void)state;
  static const char *const body[] = {"国务院办公厅关于同意举办活动的复函", "北京市人民政府：",
                                     "你市关于举办活动的请示收悉。现函复如下。", NULL};
  item extra[] = {{20, 770, "12/3/26, 7:02 PM"},
                  {250, 770, "国务院办公厅关于同意举办活动的复函"},
                  {20, 20, "http://www.gov.cn/zhengce/content/2018-12/24/content_5351573.htm"},
                  {560, 20, "1/1"},
                  END};
  item page[16];
  one_page(page, 16, extra, body);
  const item *pages[] = {page};
  zs_extracted out;
  read_pdf(pages, 1, NULL, &out);
  expect_absent(out.text, "7:02");
  expect_absent(out.text, "http");
  expect_absent(out.text, "1/1");
  expect_present(out.text, "北京市人民政府：");
  expect_present(out.text, "现函复如下。");
  zs_extracted_free(&out);
}

/* ---- office documents ------------------------------------------------------ */

/* A running head (the organisation) and page numbers in their Chinese and
 * Western forms go; the body stays. */
static void test_pdf_noise_running_head_and_page_numbers(void **state) {
  (void)state;
  static const char *const numbers[4][2] = {{"- 1 -", "- 2 -"},
                                            {"第 1 页 共 2 页", "第 2 页 共 2 页"},
                                            {"Page 1 of 2", "Page 2 of 2"},
                                            {"— 1 —", "— 2 —"}};
  static const char *const body[2][3] = {
      {"某某市人民政府关于加强安全生产工作的通知", "各区县人民政府：", NULL},
      {"三、加强组织领导", "各地要结合实际抓好落实。", NULL}};
  for (size_t f = 0; f < 4; f++) {
    item p[2][16];
    const item *pages[2];
    for (size_t i = 0; i < 2; i++) {
      item extra[] = {{200, 760, "某某市人民政府办公室"}, {290, 30, numbers[f][i]}, END};
      one_page(p[i], 16, extra, body[i]);
      pages[i] = p[i];
    }
    zs_extracted out;
    read_pdf(pages, 2, NULL, &out);
    expect_absent(out.text, "某某市人民政府办公室");
    expect_absent(out.text, numbers[f][0]);
    expect_absent(out.text, numbers[f][1]);
    for (size_t i = 0; i < 2; i++)
      for (size_t k = 0; body[i][k]; k++)
        expect_present(out.text, body[i][k]);
    zs_extracted_free(&out);
  }
}

/* A running head with the page number in it counts the pages: it goes. */
static void test_pdf_noise_head_with_page_counter(void **state) {
  (void)state;
  static const char *const heads[3] = {"国务院公报 2019年第5号 第12页",
                                       "国务院公报 2019年第5号 第13页",
                                       "国务院公报 2019年第5号 第14页"};
  item p[3][8];
  const item *pages[3];
  for (size_t i = 0; i < 3; i++) {
    item extra[] = {{200, 760, heads[i]}, END};
    one_page(p[i], 8, extra, filler(i));
    pages[i] = p[i];
  }
  zs_extracted out;
  read_pdf(pages, 3, NULL, &out);
  expect_absent(out.text, "国务院公报");
  expect_present(out.text, "第三页的正文");
  zs_extracted_free(&out);
}

/* Each common page number form at the bottom of a one-page PDF goes; lines
 * that only look a little like one stay. */
static void test_pdf_noise_page_number_forms(void **state) {
  (void)state;
  static const char *const gone[] = {"3",       "- 3 -",       "－3－",        "— 12 —",
                                     "第 3 页", "第3页 共9页", "第3页，共9页", "共 9 页 第 3 页",
                                     "第三页",  "Page 3",      "page 3 of 9",  "3 / 9",
                                     "3 of 9",  "·3·",         "p. 3",         "第3/9页"};
  static const char *const kept[] = {"3个", "第3条", "共9项",  "附件3",  "2019年", "4/3",
                                     "3.",  "一、",  "（三）", "第三章", "3 苹果", "12345"};
  static const char *const body[] = {"正文第一行说的是一件重要的事情，需要认真对待。",
                                     "正文第二行继续说明具体的要求和措施。", NULL};
  for (size_t i = 0; i < sizeof gone / sizeof gone[0] + sizeof kept / sizeof kept[0]; i++) {
    bool drop = i < sizeof gone / sizeof gone[0];
    const char *line = drop ? gone[i] : kept[i - sizeof gone / sizeof gone[0]];
    item extra[] = {{290, 30, line}, END}, page[8];
    one_page(page, 8, extra, body);
    const item *pages[] = {page};
    zs_extracted out;
    read_pdf(pages, 1, NULL, &out);
    char want[64];
    snprintf(want, sizeof want, "\n%s\n", line);
    if (drop && strstr(out.text, want))
      fail_msg("page number '%s' kept:\n%s", line, out.text);
    if (!drop && !strstr(out.text, want))
      fail_msg("'%s' is no page number, yet it went:\n%s", line, out.text);
    zs_extracted_free(&out);
  }
}

/* Print stamps at the top of a page go, alone or followed by the page title on
 * the same line; a date in the body does not. */
static void test_pdf_noise_print_stamps(void **state) {
  (void)state;
  static const char *const gone[] = {"12/3/26, 7:00 PM", "2026/12/3 19:00", "2026/12/3 下午7:00",
                                     "12/3/26, 7:00 PM 国务院关于测试的意见", "03/12/2026, 19:00"};
  static const char *const kept[] = {"2019年1月22日", "2019/1/22 国务院常务会议纪要", "12/3/26",
                                     "7:00 PM"};
  static const char *const body[] = {"正文第一行说的是一件重要的事情，需要认真对待。", NULL};
  for (size_t i = 0; i < sizeof gone / sizeof gone[0] + sizeof kept / sizeof kept[0]; i++) {
    bool drop = i < sizeof gone / sizeof gone[0];
    const char *line = drop ? gone[i] : kept[i - sizeof gone / sizeof gone[0]];
    item extra[] = {{20, 770, line}, END}, page[8];
    one_page(page, 8, extra, body);
    const item *pages[] = {page};
    zs_extracted out;
    read_pdf(pages, 1, NULL, &out);
    bool there = strstr(out.text, drop ? ":00" : line) || (drop && strstr(out.text, "测试"));
    if (drop == there)
      fail_msg("'%s' should have %s:\n%s", line, drop ? "gone" : "stayed", out.text);
    if (drop && out.text[0] != '\n') /* the stamp's line stays, empty */
      fail_msg("'%s' left no empty line:\n%s", line, out.text);
    zs_extracted_free(&out);
  }
}

/* A long document is read in groups of pages: the running head goes on every
 * page, the last ones too, and each page keeps its own lines. */
static void test_pdf_noise_many_pages(void **state) {
  (void)state;
  enum { N = 513 }; /* 2 × 256 + 1: a last group of one page would keep its head */
  item(*p)[4] = calloc(N, sizeof *p);
  const item **pages = calloc(N, sizeof *pages);
  char(*body)[64] = calloc(N, sizeof *body);
  assert_true(p && pages && body);
  for (size_t i = 0; i < N; i++) {
    /* a body line of its own on every page: "正文" and three characters from the page's index */
    unsigned c[3] = {0x4E00 + (unsigned)i % 500, 0x5000 + (unsigned)i / 500,
                     0x6000 + (unsigned)i % 7};
    int w = snprintf(body[i], sizeof body[i], "正文");
    for (size_t k = 0; k < 3; k++)
      w += snprintf(body[i] + w, sizeof body[i] - (size_t)w, "%c%c%c", (char)(0xE0 | c[k] >> 12),
                    (char)(0x80 | (c[k] >> 6 & 0x3F)), (char)(0x80 | (c[k] & 0x3F)));
    snprintf(body[i] + w, sizeof body[i] - (size_t)w, "。");
    p[i][0] = (item){200, 760, "某某市人民政府办公室"};
    p[i][1] = (item){72, 700, body[i]};
    p[i][2] = (item){290, 30, i % 2 ? "- 7 -" : "- 8 -"};
    p[i][3] = (item)END;
    pages[i] = p[i];
  }
  zs_extracted out;
  read_pdf(pages, N, NULL, &out);
  expect_absent(out.text, "某某市人民政府办公室");
  expect_absent(out.text, "- 7 -");
  assert_int_equal(out.npages, N);
  for (size_t i = 0; i < N; i += 50)
    assert_int_equal(
        zs_page_of_line(out.page_lines, out.npages, zs_test_line_of(out.text, body[i])), i + 1);
  assert_int_equal(
      zs_page_of_line(out.page_lines, out.npages, zs_test_line_of(out.text, body[N - 1])), N);
  zs_extracted_free(&out);
  free(p);
  free(pages);
  free(body);
}

/* ---- body text that stays ---------------------------------------------------- */

/* A lone address at the bottom (no page count next to it) is body text. */
static void test_pdf_noise_lone_url_stays(void **state) {
  (void)state;
  static const char *const body[] = {"详细内容请登录以下网站查询：", "http://www.gov.cn/zhengce/",
                                     NULL};
  item page[8];
  one_page(page, 8, NULL, body);
  const item *pages[] = {page};
  zs_extracted out;
  read_pdf(pages, 1, NULL, &out);
  expect_present(out.text, "http://www.gov.cn/zhengce/");
  zs_extracted_free(&out);
}

/* Short body lines that happen to stand at the edges of pages stay: on one
 * page of several, on two pages of five, ending a sentence on both pages of
 * two, or table cells whose numbers do not count the pages. */
static void test_pdf_noise_short_body_lines_stay(void **state) {
  (void)state;
  /* two pages of five start with 一、总体要求-like lines; one line ends both of two pages */
  item p[5][8];
  const item *pages[5];
  static const char *const tops[5] = {"附件", "附件", "主要任务", "保障措施", "组织实施"};
  for (size_t i = 0; i < 5; i++) {
    item extra[] = {{72, 760, tops[i]}, END};
    one_page(p[i], 8, extra, filler(i));
    pages[i] = p[i];
  }
  zs_extracted out;
  read_pdf(pages, 5, NULL, &out);
  expect_present(out.text, "附件");
  expect_present(out.text, "组织实施");
  zs_extracted_free(&out);

  for (size_t i = 0; i < 2; i++) {
    item extra[] = {{72, 100, "特此通知。"}, END};
    one_page(p[i], 8, extra, filler(i));
  }
  read_pdf(pages, 2, NULL, &out);
  expect_present(out.text, "特此通知。");
  zs_extracted_free(&out);

  /* a table's category column at the bottom of three pages of four */
  static const char *const cells[4][2] = {
      {"（共 5 项）", NULL}, {"（共 5 项）", NULL}, {"（共 5 项）", "（共 6 项）"}, {NULL, NULL}};
  for (size_t i = 0; i < 4; i++) {
    item extra[] = {{72, 100, cells[i][0] ? cells[i][0] : "结束"},
                    {72, 80, cells[i][1] ? cells[i][1] : "完"},
                    END};
    one_page(p[i], 8, extra, filler(i));
  }
  read_pdf(pages, 4, NULL, &out);
  expect_present(out.text, "（共 5 项）");
  expect_present(out.text, "（共 6 项）");
  zs_extracted_free(&out);
}

/* ---- titles -------------------------------------------------------------------- */

static void expect_pdf_title(const char *info, const char *want) {
  static const char *const body[] = {"正文第一行说的是一件重要的事情，需要认真对待。", NULL};
  item page[8];
  one_page(page, 8, NULL, body);
  const item *pages[] = {page};
  zs_extracted out;
  read_pdf(pages, 1, info, &out);
  if (strcmp(out.props.title, want) != 0)
    fail_msg("info title %s: got '%s', want '%s'", info ? info : "(none)", out.props.title, want);
  zs_extracted_free(&out);
}

/* The document info's Title, when it is one: trimmed; a file name, a
 * placeholder or ASCII junk is none. */
static void test_pdf_noise_title(void **state) {
  (void)state;
  zs_test_buf t = {0};
  zs_test_puts(&t, "<FEFF");
  put_utf16_hex(&t, "  国务院关于测试的意见\n");
  zs_test_puts(&t, ">");
  expect_pdf_title(t.s, "国务院关于测试的意见");
  t.len = 0;
  zs_test_puts(&t, "<FEFF");
  put_utf16_hex(&t, "Microsoft Word - 国务院关于测试的意见.doc");
  zs_test_puts(&t, ">");
  expect_pdf_title(t.s, "");
  free(t.s);
  expect_pdf_title("(Annual Report on Policy 2023)", "Annual Report on Policy 2023");
  expect_pdf_title(NULL, "");
  expect_pdf_title("()", "");
  expect_pdf_title("(   )", "");
  expect_pdf_title("(untitled)", "");
  expect_pdf_title("(Untitled-1)", "");
  expect_pdf_title("(Document1)", "");
  expect_pdf_title("(report.pdf)", "");
  expect_pdf_title("(C:\\\\temp\\\\x)", "");
  expect_pdf_title("(x)", "");
  expect_pdf_title("(20190122)", "");
  expect_pdf_title("(ABC_123)", "");
}

/* ---- DOCX core properties ----------------------------------------------------- */

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define CORE_OPEN                                                                                  \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties "             \
  "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "          \
  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">"
#define CORE_CLOSE "<dc:creator>张三</dc:creator></cp:coreProperties>"

static const char DOC_XML[] = "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>正文一段。"
                              "</w:t></w:r></w:p></w:body></w:document>";

/* Reads a DOCX whose docProps/core.xml is core (NULL: none; claimed: the size
 * its headers claim, 0 for the true one); the document must read. */
static void read_docx_core(const char *core, uint32_t claimed, zs_extracted *out) {
  zs_test_zip_entry e[] = {{"[Content_Types].xml", "<Types/>", 0},
                           {"word/document.xml", DOC_XML, 0},
                           {"docProps/core.xml", core ? core : "", claimed}};
  size_t len;
  char *z = zs_test_make_zip(e, core ? 3 : 2, &len);
  int rc = zs_format_read_mem(ZS_FORMAT_DOCX, z, len, out);
  if (rc != ZS_OK)
    fail_msg("reading the DOCX failed: %s", zs_error_last());
  assert_string_equal(out->text, "正文一段。\n");
  free(z);
}

static void expect_docx_title(const char *core, const char *want) {
  zs_extracted out;
  read_docx_core(core, 0, &out);
  if (strcmp(out.props.title, want) != 0)
    fail_msg("core.xml %s: got '%s', want '%s'", core ? core : "(none)", out.props.title, want);
  zs_extracted_free(&out);
}

/* dc:title of core.xml, when it is a title; a missing, empty, damaged or
 * oversized core.xml only costs the title. */
static void test_pdf_noise_docx_title(void **state) {
  (void)state;
  expect_docx_title(CORE_OPEN "<dc:title>国务院关于测试的意见</dc:title>" CORE_CLOSE,
                    "国务院关于测试的意见");
  expect_docx_title(CORE_OPEN
                    "<dc:title>\n  国务院关于<![CDATA[测试]]>的&#x610F;见 </dc:title>" CORE_CLOSE,
                    "国务院关于测试的意见");
  expect_docx_title(NULL, "");
  expect_docx_title(CORE_OPEN "<dc:title/>" CORE_CLOSE, "");
  expect_docx_title(CORE_OPEN "<dc:title></dc:title>" CORE_CLOSE, "");
  expect_docx_title(CORE_OPEN "<dc:title>Microsoft Word - 测试.docx</dc:title>" CORE_CLOSE, "");
  expect_docx_title(CORE_OPEN "<dc:title>文档1</dc:title>" CORE_CLOSE, "");
  expect_docx_title(CORE_OPEN "<title>国务院关于测试的意见</title>" CORE_CLOSE, ""); /* not dc: */
  expect_docx_title("not xml at all <<<", "");
  expect_docx_title(CORE_OPEN "<dc:title>国务院关于", "");
  expect_docx_title("\xEF\xBB\xBF\xFF\xFE<dc:title", "");
  zs_extracted out;
  read_docx_core(CORE_OPEN "<dc:title>国务院关于测试的意见</dc:title>" CORE_CLOSE,
                 ZS_FORMAT_MAX_PART + 1, &out);
  assert_string_equal(out.props.title, "");
  zs_extracted_free(&out);
}

/* A title longer than the field is cut at a character boundary. */
static void test_pdf_noise_docx_long_title(void **state) {
  (void)state;
  zs_test_buf core = {0};
  zs_test_puts(&core, CORE_OPEN "<dc:title>");
  for (int i = 0; i < 300; i++)
    zs_test_puts(&core, "标");
  zs_test_puts(&core, "</dc:title>" CORE_CLOSE);
  zs_extracted out;
  read_docx_core(core.s, 0, &out);
  size_t n = strlen(out.props.title);
  assert_true(n > 0 && n < sizeof out.props.title);
  assert_int_equal(n % 3, 0);
  assert_memory_equal(out.props.title, "标标标", 9);
  zs_extracted_free(&out);
  free(core.s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pdf_noise_browser_print),
      cmocka_unit_test(test_pdf_noise_browser_one_page),
      cmocka_unit_test(test_pdf_noise_running_head_and_page_numbers),
      cmocka_unit_test(test_pdf_noise_head_with_page_counter),
      cmocka_unit_test(test_pdf_noise_page_number_forms),
      cmocka_unit_test(test_pdf_noise_print_stamps),
      cmocka_unit_test(test_pdf_noise_many_pages),
      cmocka_unit_test(test_pdf_noise_lone_url_stays),
      cmocka_unit_test(test_pdf_noise_short_body_lines_stay),
      cmocka_unit_test(test_pdf_noise_title),
      cmocka_unit_test(test_pdf_noise_docx_title),
      cmocka_unit_test(test_pdf_noise_docx_long_title),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
