/* Unit tests for indexer/formats/zs_format*: each reader on documents built in memory
 * here (PDF and DOCX bytes written by hand), and on broken and hostile bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zs_error.h"
#include "zs_format.h"
#include "zs_format_int.h"
#include "zs_test_util.h"

/* ---- helpers ------------------------------------------------------------ */

static int read_mem(zs_format f, const char *s, size_t n, zs_extracted *out) {
  return zs_format_read_mem(f, s, n, out);
}

/* ---- PDF and zip writers ------------------------------------------------ */

/* A PDF with one page per string of pages[] (lines split at '\n'; "" is an
 * empty page), Helvetica text, a correct xref table. Caller frees. */
static char *make_pdf(const char *const *pages, size_t n, size_t *len) {
  zs_test_buf b = {0};
  size_t nobj = 3 + 2 * n, off[64];
  assert_true(nobj < 64);
  zs_test_puts(&b, "%PDF-1.4\n");
  for (size_t o = 1; o <= nobj; o++) {
    off[o] = b.len;
    zs_test_putf(&b, "%zu 0 obj\n", o);
    if (o == 1) {
      zs_test_puts(&b, "<< /Type /Catalog /Pages 2 0 R >>");
    } else if (o == 2) {
      zs_test_puts(&b, "<< /Type /Pages /Kids [");
      for (size_t i = 0; i < n; i++)
        zs_test_putf(&b, " %zu 0 R", 4 + 2 * i);
      zs_test_putf(&b, " ] /Count %zu >>", n);
    } else if (o == 3) {
      zs_test_puts(&b, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    } else if (o % 2 == 0) {
      zs_test_putf(&b,
                   "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
                   "<< /F1 3 0 R >> >> /Contents %zu 0 R >>",
                   o + 1);
    } else {
      zs_test_buf c = {0};
      zs_test_puts(&c, "BT /F1 12 Tf 14 TL 72 760 Td\n");
      for (const char *p = pages[(o - 5) / 2]; *p;) {
        size_t k = strcspn(p, "\n");
        zs_test_putf(&c, "(%.*s) Tj T*\n", (int)k, p);
        p += k + (p[k] == '\n');
      }
      zs_test_puts(&c, "ET");
      zs_test_putf(&b, "<< /Length %zu >>\nstream\n", c.len);
      zs_test_put(&b, c.s, c.len);
      zs_test_puts(&b, "\nendstream");
      free(c.s);
    }
    zs_test_puts(&b, "\nendobj\n");
  }
  size_t xref = b.len;
  zs_test_putf(&b, "xref\n0 %zu\n0000000000 65535 f \n", nobj + 1);
  for (size_t o = 1; o <= nobj; o++)
    zs_test_putf(&b, "%010zu 00000 n \n", off[o]);
  zs_test_putf(&b, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1,
               xref);
  *len = b.len;
  return b.s;
}

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

/* clang-format off: XML written the way it reads */
/* Word's own style ids are localised ("1" for 标题 1): the names tell. */
static const char STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"" W_NS "\">"
    "<w:style w:type=\"paragraph\" w:styleId=\"a1\"><w:name w:val=\"Title\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"x\"><w:name w:val=\"My Outline\"/>"
    "<w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"Body Text\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"empty\"/>"
    "<w:style w:type=\"paragraph\" w:styleId=\"c\"><w:name w:val=\"我的标题\"/>"
    "<w:basedOn w:val=\"1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"loop\"><w:basedOn w:val=\"loop\"/></w:style>"
    "</w:styles>";

#define P(style, text)                                                                             \
  "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"

static const char DOCUMENT[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" W_NS "\" xmlns:mc=\"" MC_NS
    "\"><w:body>" P("a1", "文档标题")
        P("1",
          "一、总体") "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
                      "<w:r><w:t "
                      "xml:space=\"preserve\">正文</w:t></w:r><w:r><w:tab/><w:t>第二段</w:t></w:r>"
                      "<w:del><w:r><w:delText>删掉</w:delText></w:r></w:del>"
                      "<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:r><w:instrText>PAGE</"
                      "w:instrText></w:r>"
                      "</w:p>" P(
                          "2",
                          "（一）分项") "<w:p><w:pPr><w:outlineLvl "
                                        "w:val=\"0\"/></w:pPr><w:r><w:t>大纲标题</w:t></w:r></"
                                        "w:p>" P("x", "自定义") P("c", "继承标题") P("loop", "循环")
                                            P("Heading1",
                                              "不是标题") "<w:p><w:r><w:t>换行前</w:t><w:br/"
                                                          "><w:t>换行后</w:t></w:r></w:p>"
                                                          "<w:p><w:r><mc:AlternateContent><mc:"
                                                          "Choice "
                                                          "Requires=\"wps\"><w:t>选择</w:t></"
                                                          "mc:Choice>"
                                                          "<mc:Fallback><w:t>后备</w:t></"
                                                          "mc:Fallback></mc:AlternateContent></"
                                                          "w:r></w:p><w:p/>"
                                                          "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>"
                                                          "单元格</w:t></w:r></w:p></w:tc></w:tr></"
                                                          "w:tbl>"
                                                          "<w:p><w:pPr><w:pStyle "
                                                          "w:val=\"1\"/></w:pPr></w:p>" P(
                                                              "2",
                                                              "二、尾声") "</w:body></w:document>";

static const char DOCUMENT_TEXT[] = "# 文档标题\n"
                                    "## 一、总体\n"
                                    "正文 第二段\n"
                                    "### （一）分项\n"
                                    "## 大纲标题\n"
                                    "#### 自定义\n"
                                    "## 继承标题\n"
                                    "循环\n"
                                    "不是标题\n"
                                    "换行前\n"
                                    "换行后\n"
                                    "选择\n"
                                    "单元格\n"
                                    "### 二、尾声\n";

/* clang-format on */

static char *make_docx(const char *document, bool with_styles, size_t *len) {
  zs_test_zip_entry e[] = {{"[Content_Types].xml", "<Types/>", 0},
                           {"word/document.xml", document, 0},
                           {"word/styles.xml", STYLES, 0}};
  return zs_test_make_zip(e, with_styles ? 3 : 2, len);
}

/* ---- formats and the text builder ---------------------------------------- */

/* Formats go by extension, case-insensitively; a dot in a folder name is no
 * extension. */
static void test_formats_of(void **state) {
  (void)state;
  assert_int_equal(zs_format_of("a/b.txt"), ZS_FORMAT_TEXT);
  assert_int_equal(zs_format_of("B.MD"), ZS_FORMAT_MARKDOWN);
  assert_int_equal(zs_format_of("x.Html"), ZS_FORMAT_HTML);
  assert_int_equal(zs_format_of("x.htm"), ZS_FORMAT_HTML);
  assert_int_equal(zs_format_of("报告.PDF"), ZS_FORMAT_PDF);
  assert_int_equal(zs_format_of("/a.b/c.docx"), ZS_FORMAT_DOCX);
  assert_int_equal(zs_format_of("/a.pdf/c"), ZS_FORMAT_UNKNOWN);
  assert_int_equal(zs_format_of("old.doc"), ZS_FORMAT_UNKNOWN);
  assert_int_equal(zs_format_of("noext"), ZS_FORMAT_UNKNOWN);
  assert_true(zs_format_is_plain(ZS_FORMAT_TEXT) && zs_format_is_plain(ZS_FORMAT_MARKDOWN));
  assert_false(zs_format_is_plain(ZS_FORMAT_PDF));
  assert_string_equal(zs_format_name(ZS_FORMAT_DOCX), "DOCX");
}

/* Whatever bytes come in, valid UTF-8 in lines comes out: bad bytes become
 * U+FFFD, NUL goes, controls become spaces, line ends become \n. */
static void test_formats_textbuf_sanitises(void **state) {
  (void)state;
  zs_textbuf b;
  zs_textbuf_init(&b);
  static const char in[] = "a\xff"
                           "b\0c\x01"
                           "d\r\ne\rf\xe4\xb8"
                           "\n中\xed\xa0\x80";
  assert_int_equal(zs_textbuf_raw(&b, in, sizeof in - 1), ZS_OK);
  assert_string_equal(b.s, "a\xEF\xBF\xBD"
                           "bc d\ne\nf\xEF\xBF\xBD\n中\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  zs_textbuf_free(&b);
  /* escape sequences and C1 controls (U+009B is a CSI on some terminals) too */
  zs_textbuf_init(&b);
  static const char esc[] = "红\x1b[31m色\xc2\x9b"
                            "2J字";
  assert_int_equal(zs_textbuf_raw(&b, esc, sizeof esc - 1), ZS_OK);
  assert_string_equal(b.s, "红 [31m色 2J字");
  zs_textbuf_free(&b);
}

/* Flowing text collapses whitespace; headings are written before their first
 * text and not at all when empty; goto_line pads with empty lines. */
static void test_formats_textbuf_flow(void **state) {
  (void)state;
  zs_textbuf b;
  zs_textbuf_init(&b);
  assert_int_equal(zs_textbuf_flow(&b, "  one \n\t two  ", 14), ZS_OK);
  assert_int_equal(zs_textbuf_heading(&b, 2), ZS_OK);
  assert_int_equal(zs_textbuf_flow(&b, "   ", 3), ZS_OK);
  assert_int_equal(zs_textbuf_heading(&b, 9), ZS_OK); /* the empty heading leaves nothing */
  assert_int_equal(zs_textbuf_goto_line(&b, 4), ZS_OK);
  assert_int_equal(zs_textbuf_flow(&b, "标题", strlen("标题")), ZS_OK);
  assert_int_equal(zs_textbuf_goto_line(&b, 1), ZS_OK); /* never back */
  assert_int_equal(zs_textbuf_endline(&b), ZS_OK);
  assert_int_equal(zs_textbuf_endline(&b), ZS_OK); /* no empty line */
  assert_string_equal(b.s, "one two\n\n\n###### 标题\n");
  assert_int_equal(b.line, 5);
  zs_extracted out = {0};
  assert_int_equal(zs_textbuf_finish(&b, &out, "test"), ZS_OK);
  assert_int_equal(out.len, strlen("one two\n\n\n###### 标题\n"));
  zs_extracted_free(&out);
  zs_textbuf_free(&b);
  zs_textbuf_init(&b);
  assert_int_equal(zs_textbuf_flow(&b, " \n ", 3), ZS_OK);
  assert_int_equal(zs_textbuf_finish(&b, &out, "thing"), ZS_EEMPTY);
  assert_string_equal(zs_error_last(), "no text in the thing");
  zs_textbuf_free(&b);
}

/* Text beyond ZS_FORMAT_MAX_TEXT is refused. */
static void test_formats_textbuf_limit(void **state) {
  (void)state;
  size_t n = ZS_FORMAT_MAX_TEXT / 4;
  char *chunk = malloc(n);
  assert_non_null(chunk);
  memset(chunk, 'a', n);
  zs_textbuf b;
  zs_textbuf_init(&b);
  int rc = ZS_OK;
  for (int i = 0; i < 5 && rc == ZS_OK; i++)
    rc = zs_textbuf_raw(&b, chunk, n);
  assert_int_equal(rc, ZS_ETOOBIG);
  assert_true(b.len <= ZS_FORMAT_MAX_TEXT);
  zs_textbuf_free(&b);
  free(chunk);
}

/* A line's page is the last page starting at or before it; empty pages share
 * the next page's first line and never own a line. */
static void test_formats_page_of_line(void **state) {
  (void)state;
  const uint32_t pages[] = {1, 5, 5, 9};
  assert_int_equal(zs_page_of_line(NULL, 0, 3), 0);
  assert_int_equal(zs_page_of_line(pages, 4, 0), 0);
  assert_int_equal(zs_page_of_line(pages, 4, 1), 1);
  assert_int_equal(zs_page_of_line(pages, 4, 4), 1);
  assert_int_equal(zs_page_of_line(pages, 4, 5), 3);
  assert_int_equal(zs_page_of_line(pages, 4, 8), 3);
  assert_int_equal(zs_page_of_line(pages, 4, 9), 4);
  assert_int_equal(zs_page_of_line(pages, 4, 1000), 4);
}

/* Text and markdown are copied from memory (BOM dropped), bad UTF-8 refused. */
static void test_formats_plain(void **state) {
  (void)state;
  zs_extracted out;
  assert_int_equal(read_mem(ZS_FORMAT_MARKDOWN, "\xEF\xBB\xBF# 标题\r\n正文", 19, &out), ZS_OK);
  assert_string_equal(out.text, "# 标题\n正文\n");
  assert_null(out.page_lines);
  zs_extracted_free(&out);
  assert_int_equal(read_mem(ZS_FORMAT_TEXT, "ab\xC0\xAF", 4, &out), ZS_EBADUTF8);
  assert_non_null(strstr(zs_error_last(), "byte 0xC0 at offset 2"));
  assert_int_equal(read_mem(ZS_FORMAT_TEXT, " \n", 2, &out), ZS_EEMPTY);
  assert_int_equal(read_mem(ZS_FORMAT_UNKNOWN, "x", 1, &out), ZS_EINVAL);
  assert_int_equal(read_mem(ZS_FORMAT_TEXT, NULL, 0, &out), ZS_EEMPTY);
}

/* ---- HTML ---------------------------------------------------------------- */

static const char HTML[] = "<!DOCTYPE html>\n"
                           "<html><head>\n"
                           "<title>报告 标题</title>\n"
                           "<script>var x = \"脚本\";</script><style>p { }</style>\n"
                           "</head><body>\n"
                           "<h1>报告标题</h1>\n"
                           "<h2>一、概况</h2>\n"
                           "<p>第一段&amp;文字，\n"
                           "  续行。</p>\n"
                           "<h3>（一）细节</h3>\n"
                           "<p>前<br>后</p>\n"
                           "<table><tr><td>甲</td><td>乙</td></tr></table>\n"
                           "<pre>第一行\n"
                           "  第二行</pre>\n"
                           "<noscript>不要</noscript><!-- 注释 -->\n"
                           "</body></html>\n";

/* The title is a leading "# " line (the h1 repeating it is left out),
 * headings are markdown, blocks and table cells are lines at their source
 * line, scripts, styles and comments are no text, <pre> keeps its lines. */
static void test_formats_html(void **state) {
  (void)state;
  zs_extracted out;
  assert_int_equal(read_mem(ZS_FORMAT_HTML, HTML, sizeof HTML - 1, &out), ZS_OK);
  const char *t = out.text;
  assert_int_equal(zs_test_line_of(t, "# 报告 标题\n"), 3);
  assert_null(strstr(t, "# 报告标题"));
  assert_int_equal(zs_test_line_of(t, "## 一、概况\n"), 7);
  assert_int_equal(zs_test_line_of(t, "第一段&文字， 续行。\n"), 8);
  assert_int_equal(zs_test_line_of(t, "### （一）细节\n"), 10);
  assert_int_equal(zs_test_line_of(t, "前\n后\n"), 11);
  assert_non_null(strstr(t, "\n甲\n乙\n")); /* table cells apart, each on its line */
  assert_non_null(strstr(t, "\n第一行\n  第二行\n"));
  assert_null(strstr(t, "脚本"));
  assert_null(strstr(t, "p {"));
  assert_null(strstr(t, "不要"));
  assert_null(strstr(t, "注释"));
  assert_null(out.page_lines);
  zs_extracted_free(&out);
}

/* A declared charset is honoured; a page that declares none and is not UTF-8
 * is read as GBK (GB18030). */
static void test_formats_html_gbk(void **state) {
  (void)state;
  /* 标题 and 正文 in GBK */
  static const char declared[] = "<html><head><meta charset=\"gb2312\"><title>\xB1\xEA\xCC\xE2"
                                 "</title></head><body><p>\xD5\xFD\xCE\xC4</p></body></html>";
  static const char undeclared[] = "<p>\xD5\xFD\xCE\xC4</p>";
  zs_extracted out;
  assert_int_equal(read_mem(ZS_FORMAT_HTML, declared, sizeof declared - 1, &out), ZS_OK);
  assert_string_equal(out.text, "# 标题\n正文\n");
  zs_extracted_free(&out);
  assert_int_equal(read_mem(ZS_FORMAT_HTML, undeclared, sizeof undeclared - 1, &out), ZS_OK);
  assert_string_equal(out.text, "正文\n");
  zs_extracted_free(&out);
}

/* Deep nesting, binary junk, no text and oversize input: an answer, no crash. */
static void test_formats_html_hostile(void **state) {
  (void)state;
  zs_test_buf b = {0};
  for (int i = 0; i < 100000; i++)
    zs_test_puts(&b, i == 100 ? "<div>浅处<span>" : "<div><span>");
  zs_test_puts(&b, "深处");
  zs_extracted out;
  /* past the reader's depth cap the elements go and their text stays */
  assert_int_equal(read_mem(ZS_FORMAT_HTML, b.s, b.len, &out), ZS_OK);
  assert_string_equal(out.text, "浅处 深处\n");
  zs_extracted_free(&out);
  free(b.s);
  char junk[4096];
  unsigned x = 12345;
  for (size_t i = 0; i < sizeof junk; i++)
    junk[i] = (char)((x = x * 1103515245u + 12345u) >> 16);
  int rc = read_mem(ZS_FORMAT_HTML, junk, sizeof junk, &out);
  assert_true(rc == ZS_OK || rc == ZS_EEMPTY);
  zs_extracted_free(&out);
  assert_int_equal(read_mem(ZS_FORMAT_HTML, "<html><script>x</script></html>", 31, &out),
                   ZS_EEMPTY);
  assert_string_equal(zs_error_last(), "no text in the HTML file");
  assert_int_equal(read_mem(ZS_FORMAT_HTML, "", 0, &out), ZS_EEMPTY);
  char *big = calloc(ZS_FORMAT_MAX_HTML + 1, 1);
  assert_non_null(big);
  assert_int_equal(read_mem(ZS_FORMAT_HTML, big, ZS_FORMAT_MAX_HTML + 1, &out), ZS_ETOOBIG);
  free(big);
}

/* ---- PDF ----------------------------------------------------------------- */

/* Text per page; an empty page keeps its number (it starts where the next
 * page does). */
static void test_formats_pdf_pages(void **state) {
  (void)state;
  const char *pages[] = {"First page line one\nline two", "", "Third page"};
  size_t len;
  char *pdf = make_pdf(pages, 3, &len);
  zs_extracted out;
  assert_int_equal(read_mem(ZS_FORMAT_PDF, pdf, len, &out), ZS_OK);
  assert_string_equal(out.text, "First page line one\nline two\nThird page\n");
  assert_int_equal(out.npages, 3);
  assert_int_equal(out.page_lines[0], 1);
  assert_int_equal(out.page_lines[1], 3);
  assert_int_equal(out.page_lines[2], 3);
  assert_int_equal(zs_page_of_line(out.page_lines, out.npages, 2), 1);
  assert_int_equal(zs_page_of_line(out.page_lines, out.npages, 3), 3);
  zs_extracted_free(&out);
  free(pdf);
}

/* Not a PDF, a damaged one, one without text, every truncation of a good one:
 * an error that says so, never a crash. */
static void test_formats_pdf_errors(void **state) {
  (void)state;
  zs_extracted out;
  assert_int_equal(read_mem(ZS_FORMAT_PDF, "hello", 5, &out), ZS_EINVAL);
  assert_string_equal(zs_error_last(), "not a PDF file");
  assert_int_equal(read_mem(ZS_FORMAT_PDF, "%PDF-1.4\n1 0 obj\n<<", 19, &out), ZS_EINVAL);
  assert_non_null(strstr(zs_error_last(), "damaged PDF"));
  const char *blank[] = {""};
  size_t len;
  char *pdf = make_pdf(blank, 1, &len);
  assert_int_equal(read_mem(ZS_FORMAT_PDF, pdf, len, &out), ZS_EEMPTY);
  assert_non_null(strstr(zs_error_last(), "OCR"));
  free(pdf);
  const char *pages[] = {"Some text", "More text"};
  pdf = make_pdf(pages, 2, &len);
  for (size_t cut = 0; cut < len; cut += 3) {
    int rc = read_mem(ZS_FORMAT_PDF, pdf, cut, &out);
    assert_true(rc == ZS_OK || rc == ZS_EINVAL || rc == ZS_EEMPTY);
    zs_extracted_free(&out);
  }
  free(pdf);
}

/* ---- DOCX ---------------------------------------------------------------- */

/* Paragraphs are lines; headings come from the styles' names, outline levels
 * or the style they are based on (Title "#", heading N "#" × (N + 1), a loop
 * of basedOn ends); tabs are spaces, breaks end
 * lines; deleted, moved-away, fallback and field-code text is left out. */
static void test_formats_docx(void **state) {
  (void)state;
  size_t len;
  char *docx = make_docx(DOCUMENT, true, &len);
  zs_extracted out;
  assert_int_equal(read_mem(ZS_FORMAT_DOCX, docx, len, &out), ZS_OK);
  assert_string_equal(out.text, DOCUMENT_TEXT);
  assert_null(out.page_lines);
  zs_extracted_free(&out);
  free(docx);
}

/* Without styles.xml, the style ids Word writes in English tell the headings. */
static void test_formats_docx_without_styles(void **state) {
  (void)state;
  static const char doc[] = "<w:document xmlns:w=\"" W_NS "\"><w:body>" P("Title", "标题")
      P("Heading1", "一、章") P("Heading2", "（一）节") P("a1", "正文") "</w:body></w:document>";
  size_t len;
  char *docx = make_docx(doc, false, &len);
  zs_extracted out;
  assert_int_equal(read_mem(ZS_FORMAT_DOCX, docx, len, &out), ZS_OK);
  assert_string_equal(out.text, "# 标题\n## 一、章\n### （一）节\n正文\n");
  zs_extracted_free(&out);
  free(docx);
}

static void expect_docx_error(const char *bytes, size_t len, int code, const char *message) {
  zs_extracted out;
  assert_int_equal(read_mem(ZS_FORMAT_DOCX, bytes, len, &out), code);
  if (!strstr(zs_error_last(), message))
    fail_msg("'%s' does not say '%s'", zs_error_last(), message);
}

/* Each way a DOCX can be wrong gets its own message. */
static void test_formats_docx_errors(void **state) {
  (void)state;
  expect_docx_error("plain text", 10, ZS_EINVAL, "not a DOCX file (not a zip archive)");
  expect_docx_error("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, ZS_EINVAL, "an old .doc");
  size_t len;
  zs_test_zip_entry none[] = {{"word/other.xml", "<x/>", 0}};
  char *z = zs_test_make_zip(none, 1, &len);
  expect_docx_error(z, len, ZS_EINVAL, "damaged DOCX: no word/document.xml");
  free(z);
  z = make_docx("<w:document xmlns:w=\"" W_NS "\"><w:body><w:p>", true, &len);
  expect_docx_error(z, len, ZS_EINVAL, "damaged DOCX: word/document.xml is not well-formed XML");
  free(z);
  z = make_docx(DOCUMENT, true, &len);
  char *text = NULL;
  for (size_t i = 0; i + 6 <= len && !text; i++)
    text = memcmp(z + i, "正文", 6) == 0 ? z + i : NULL;
  assert_non_null(text);
  text[0] ^= 1; /* the stored CRC no longer matches */
  expect_docx_error(z, len, ZS_EINVAL, "damaged DOCX: word/document.xml");
  free(z);
  zs_test_zip_entry big[] = {{"word/document.xml", "<w:document/>", ZS_FORMAT_MAX_PART + 1}};
  z = zs_test_make_zip(big, 1, &len);
  zs_extracted out;
  int rc = read_mem(ZS_FORMAT_DOCX, z, len, &out);
  assert_true(rc == ZS_ETOOBIG || rc == ZS_EINVAL);
  free(z);
  z = make_docx("<w:document xmlns:w=\"" W_NS "\"><w:body><w:p/></w:body></w:document>", true,
                &len);
  expect_docx_error(z, len, ZS_EEMPTY, "no text in the DOCX file");
  free(z);
}

/* Every truncation and many one-byte changes of a good DOCX: no crash. */
static void test_formats_docx_damage(void **state) {
  (void)state;
  size_t len;
  char *docx = make_docx(DOCUMENT, true, &len);
  char *copy = malloc(len);
  assert_non_null(copy);
  zs_extracted out;
  for (size_t cut = 0; cut < len; cut++) {
    int rc = read_mem(ZS_FORMAT_DOCX, docx, cut, &out);
    assert_true(rc == ZS_EINVAL || rc == ZS_OK || rc == ZS_EEMPTY || rc == ZS_ETOOBIG);
    zs_extracted_free(&out);
  }
  for (size_t at = 0; at < len; at += 7) {
    memcpy(copy, docx, len);
    copy[at] = (char)(copy[at] ^ 0x5A);
    int rc = read_mem(ZS_FORMAT_DOCX, copy, len, &out);
    assert_true(rc == ZS_EINVAL || rc == ZS_OK || rc == ZS_EEMPTY || rc == ZS_ETOOBIG);
    zs_extracted_free(&out);
  }
  free(copy);
  free(docx);
}

/* The XML side of the reader, fed directly (as the fuzzer does): entity
 * bombs are not expanded, deep nesting stops at libxml2's limit. */
static void test_formats_docx_xml_hostile(void **state) {
  (void)state;
  zs_extracted out;
  assert_int_equal(zs_format_read_docx_parts(DOCUMENT, sizeof DOCUMENT - 1, NULL, 0, &out), ZS_OK);
  assert_non_null(strstr(out.text, "正文 第二段"));
  zs_extracted_free(&out);
  zs_test_buf b = {0};
  zs_test_puts(&b, "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"笑笑笑笑笑笑笑笑\">");
  for (char c = 'b'; c <= 'k'; c++)
    zs_test_putf(&b, "<!ENTITY %c \"&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;\">", c, c - 1, c - 1,
                 c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
  zs_test_puts(&b,
               "]><w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>前&k;后</w:t></w:r></w:p>"
               "</w:body></w:document>");
  int rc = zs_format_read_docx_parts(b.s, b.len, b.s, b.len, &out);
  assert_true(rc == ZS_OK || rc == ZS_EINVAL);
  assert_true(out.len < 1000);
  zs_extracted_free(&out);
  b.len = 0;
  zs_test_puts(&b, "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>浅</w:t></w:r></w:p>");
  for (int i = 0; i < 100000; i++)
    zs_test_puts(&b, "<w:p>");
  rc = zs_format_read_docx_parts(b.s, b.len, NULL, 0, &out);
  assert_int_equal(rc, ZS_EINVAL);
  assert_non_null(strstr(zs_error_last(), "not well-formed"));
  zs_extracted_free(&out);
  free(b.s);
}

/* ---- files and threads --------------------------------------------------- */

/* zs_format_read reads the file and says what is wrong with the path. */
static void test_formats_read_file(void **state) {
  (void)state;
  char path[512];
  snprintf(path, sizeof path, "%s/formats-%d.html", ZS_TEST_TMP, (int)getpid());
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fwrite(HTML, 1, sizeof HTML - 1, f);
  fclose(f);
  zs_extracted out;
  assert_int_equal(zs_format_read(ZS_FORMAT_HTML, path, &out), ZS_OK);
  assert_non_null(strstr(out.text, "## 一、概况"));
  zs_extracted_free(&out);
  f = fopen(path, "wb");
  assert_non_null(f);
  fclose(f);
  assert_int_equal(zs_format_read(ZS_FORMAT_HTML, path, &out), ZS_EEMPTY);
  unlink(path);
  assert_int_equal(zs_format_read(ZS_FORMAT_PDF, path, &out), ZS_ENOTFOUND);
  assert_int_equal(zs_format_read(ZS_FORMAT_PDF, ZS_TEST_TMP, &out), ZS_EIO);
  assert_string_equal(zs_error_last(), "not a regular file");
}

typedef struct doc_set {
  const char *bytes[3];
  size_t len[3];
  zs_format format[3];
  int failures;
} doc_set;

static void *read_many(void *arg) {
  doc_set *d = arg;
  for (int i = 0; i < 30; i++) {
    zs_extracted out;
    if (zs_format_read_mem(d->format[i % 3], d->bytes[i % 3], d->len[i % 3], &out) != ZS_OK)
      __atomic_add_fetch(&d->failures, 1, __ATOMIC_RELAXED);
    zs_extracted_free(&out);
  }
  return NULL;
}

/* zhindex's workers read documents in parallel. */
static void test_formats_threads(void **state) {
  (void)state;
  const char *pages[] = {"Page one", "Page two"};
  doc_set d = {.format = {ZS_FORMAT_PDF, ZS_FORMAT_DOCX, ZS_FORMAT_HTML}};
  char *pdf = make_pdf(pages, 2, &d.len[0]);
  char *docx = make_docx(DOCUMENT, true, &d.len[1]);
  d.bytes[0] = pdf;
  d.bytes[1] = docx;
  d.bytes[2] = HTML;
  d.len[2] = sizeof HTML - 1;
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    assert_int_equal(pthread_create(&t[i], NULL, read_many, &d), 0);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  assert_int_equal(d.failures, 0);
  free(pdf);
  free(docx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_formats_of),
      cmocka_unit_test(test_formats_textbuf_sanitises),
      cmocka_unit_test(test_formats_textbuf_flow),
      cmocka_unit_test(test_formats_textbuf_limit),
      cmocka_unit_test(test_formats_page_of_line),
      cmocka_unit_test(test_formats_plain),
      cmocka_unit_test(test_formats_html),
      cmocka_unit_test(test_formats_html_gbk),
      cmocka_unit_test(test_formats_html_hostile),
      cmocka_unit_test(test_formats_pdf_pages),
      cmocka_unit_test(test_formats_pdf_errors),
      cmocka_unit_test(test_formats_docx),
      cmocka_unit_test(test_formats_docx_without_styles),
      cmocka_unit_test(test_formats_docx_errors),
      cmocka_unit_test(test_formats_docx_damage),
      cmocka_unit_test(test_formats_docx_xml_hostile),
      cmocka_unit_test(test_formats_read_file),
      cmocka_unit_test(test_formats_threads),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
