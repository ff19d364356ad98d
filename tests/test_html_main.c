/* Unit tests for the HTML reader's content filter and metadata: page furniture
 * (menus, footers, buttons, QR codes, link lists) out, content and props in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_format.h"
#include "zs_test_util.h"
#include "zs_utf8.h"

/* ---- helpers ------------------------------------------------------------ */

static void read_html(const char *html, zs_extracted *out) {
  int rc = zs_format_read_mem(ZS_FORMAT_HTML, html, strlen(html), out);
  if (rc != ZS_OK)
    fail_msg("read failed: %s", zs_error_last());
}

/* Each needle present / absent in the text (the failing one is named). */
static void expect_all(const char *text, const char *const *needles, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strstr(text, needles[i]))
      fail_msg("missing \"%s\" in:\n%s", needles[i], text);
}

static void expect_none(const char *text, const char *const *needles, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strstr(text, needles[i]))
      fail_msg("\"%s\" should be gone from:\n%s", needles[i], text);
}

#define EXPECT_ALL(text, ...)                                                                      \
  do {                                                                                             \
    const char *const list_[] = {__VA_ARGS__};                                                     \
    expect_all(text, list_, sizeof list_ / sizeof list_[0]);                                       \
  } while (0)
#define EXPECT_NONE(text, ...)                                                                     \
  do {                                                                                             \
    const char *const list_[] = {__VA_ARGS__};                                                     \
    expect_none(text, list_, sizeof list_ / sizeof list_[0]);                                      \
  } while (0)

/* ---- a gov.cn policy page ------------------------------------------------ */

/* As the pages of ../shared/devarchive/html/ are: the metadata table, the body
 * in td#UCAP-CONTENT, the QR block, the image buttons, the side-bar iframe. */
static const char GOV[] =
    "<!DOCTYPE html>\n"                                                         /* 1 */
    "<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n"                     /* 2 */
    "<title>国务院办公厅关于有效发挥政府性融资担保基金作用的指导意见</title>\n" /* 3 */
    "</head><body><div class=\"wrap\">\n"                                       /* 4 */
    "<table class=\"bd1\"><tbody>\n"                                            /* 5 */
    "<tr><td><b>索 引 号：</b></td><td>000014349/2019-00006</td>\n"             /* 6 */
    "<td><b>主题分类：</b></td><td>财政、金融、审计\\银行</td></tr>\n"          /* 7 */
    "<tr><td><b>发文机关：</b></td>\n"                                          /* 8 */
    "<td>国务院办公厅</td>\n"                                                   /* 9 */
    "<td><b>成文日期：</b></td>\n"                                              /* 10 */
    "<td>2019年01月22日</td></tr>\n"                                            /* 11 */
    "<tr><td><b>标　　题：</b></td><td colspan=\"3\">"                          /* 12 */
    "国务院办公厅关于有效发挥政府性融资担保基金作用的指导意见</td></tr>\n"      /* 12 */
    "<tr><td><b>发文字号：</b></td><td>国办发〔2019〕6号</td>\n"                /* 13 */
    "<td><b>发布日期：</b></td><td>2019年02月14日</td></tr>\n"                  /* 14 */
    "</tbody></table>\n"                                                        /* 15 */
    "<table><tr><td width=\"675\"><table><tr>\n"                                /* 16 */
    "<td class=\"b12c\" id=\"UCAP-CONTENT\">\n"                                 /* 17 */
    "<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>\n"         /* 18 */
    "<p>近年来，各地区、各部门认真贯彻落实国务院关于促进融资担保行业加快发展的意见，"
    "推动政府性融资担保基金不断发展壮大。为进一步发挥其作用，现提出以下意见。</p>\n" /* 19 */
    "<p>一、总体要求。坚持聚焦支小支农主业，坚持保本微利运行，落实风险分担补偿，"
    "凝聚担保机构合力，切实降低小微企业综合融资成本。</p>\n" /* 20 */
    "<p>国务院办公厅</p><p>2019年1月22日</p>\n"              /* 21 */
    "</td></tr></table>\n"                                   /* 22 */
    "<div id=\"div_div\"><div id=\"qr_container\">扫一扫在手机打开当前页</div></div>\n"
    "<table><tr><td><a href=\"#\" onclick=\"window.print()\"><img src=\"print.gif\"></a>"
    "<a href=\"#\" onclick=\"window.close()\">关闭窗口</a></td></tr></table>\n"
    "</td><td><iframe src=\"side.htm\">侧栏</iframe></td></tr></table>\n"
    "<div class=\"de_bannerS\"><a href=\"/app\">国务院客户端</a></div>\n"
    "</div></body></html>\n";

/* The body stays whole, the QR block and buttons go, the metadata table's
 * cells stand apart (a label with its value on the label's source line), and
 * the table fills the props. */
static void test_html_main_gov(void **state) {
  (void)state;
  zs_extracted out;
  read_html(GOV, &out);
  const char *t = out.text;
  EXPECT_ALL(t, "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n", "现提出以下意见。\n",
             "切实降低小微企业综合融资成本。\n", "\n国务院办公厅\n", "\n2019年1月22日\n");
  EXPECT_NONE(t, "扫一扫", "关闭窗口", "侧栏", "国务院客户端", "国务院办公厅成文日期",
              "国务院办公厅 成文日期");
  assert_int_equal(zs_test_line_of(t, "发文机关： 国务院办公厅\n"), 8);
  assert_int_equal(zs_test_line_of(t, "成文日期： 2019年01月22日\n"), 10);
  assert_int_equal(zs_test_line_of(t, "索 引 号： 000014349/2019-00006\n"), 6);
  assert_int_equal(zs_test_line_of(t, "主题分类： 财政、金融、审计\\银行\n"), 7);
  assert_int_equal(zs_test_line_of(t, "发文字号： 国办发〔2019〕6号\n"), 13);
  assert_int_equal(zs_test_line_of(t, "近年来，"), 19);
  assert_string_equal(out.props.title, "国务院办公厅关于有效发挥政府性融资担保基金作用的指导意见");
  assert_string_equal(out.props.org, "国务院办公厅");
  assert_string_equal(out.props.docno, "国办发〔2019〕6号");
  assert_string_equal(out.props.date, "2019年01月22日");
  zs_extracted_free(&out);
}

/* ---- sites with HTML5 furniture ------------------------------------------ */

static const char ASSOC[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\n"
    "<title>湖南省计生协召开2023年工作会议｜湖南省计划生育协会</title></head><body>\n"
    "<header class=\"site-header\"><div class=\"logo\"><h1>湖南省计划生育协会</h1></div>\n"
    "<div class=\"top-links\"><a href=\"/\">无障碍</a> | <a href=\"/login\">登录</a></div>"
    "</header>\n"
    "<nav><ul class=\"menu\"><li><a href=\"/\">首页</a></li><li><a href=\"/x\">协会动态</a>"
    "</li><li><a href=\"/t\">通知公告</a></li><li><a href=\"/z\">政策法规</a></li></ul></nav>\n"
    "<div class=\"container\">\n"
    "<div class=\"breadcrumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/x\">协会动态</a>"
    " &gt; 正文</div>\n"
    "<div class=\"article\">\n"
    "<div class=\"content-header-text\"><h2>湖南省计生协召开2023年工作会议</h2></div>\n"
    "<div class=\"article-body\">\n"
    "<p>2月14日，湖南省计划生育协会在长沙召开2023年工作会议，总结2022年工作，部署2023年"
    "重点任务。会议强调，要深化计生协改革。</p>\n"
    "<p>会议指出，过去一年，全省各级计生协组织在优生优育指导、计生家庭帮扶等方面取得了"
    "明显成效，向日葵亲子小屋建设稳步推进。</p>\n"
    "<p>会议要求，2023年要推进家庭健康促进行动，做好计生特殊家庭帮扶，加强基层组织建设。"
    "</p>\n"
    "</div>\n"
    "<div class=\"share-bar\">分享到：<a href=\"#\">微信</a> <a href=\"#\">微博</a></div>\n"
    "<div class=\"article-tools\"><a href=\"javascript:print()\">【打印本页】</a> "
    "<a href=\"javascript:close()\">【关闭窗口】</a> <button>保存本页</button></div>\n"
    "<p>上一篇：<a href=\"/1.html\">省计生协开展新春走访慰问活动</a></p>\n"
    "</div>\n"
    "<aside class=\"sidebar\"><h3>相关新闻</h3><ul><li><a href=\"/11\">全国计生协工作会议在京"
    "召开</a></li><li><a href=\"/12\">省计生协党组召开学习会</a></li></ul>\n"
    "<div class=\"qrcode\"><img src=\"qr.png\"><p>扫码关注微信公众号</p></div></aside>\n"
    "</div>\n"
    "<footer><p><a href=\"/map\">网站地图</a> | <a href=\"/lx\">联系我们</a></p>\n"
    "<p>主办单位：湖南省计划生育协会　地址：长沙市韶山北路1号</p>\n"
    "<p>版权所有 © 2023 湖南省计划生育协会　湘ICP备12345678号-1</p></footer>\n"
    "<form class=\"search\"><input name=\"q\"><select><option>全站搜索</option></select>"
    "</form>\n"
    "</body></html>\n";

/* nav, header, footer, aside, form, menus, breadcrumb, share and print bars go;
 * the article and its title (in class="content-header-text") stay. */
static void test_html_main_html5_site(void **state) {
  (void)state;
  zs_extracted out;
  read_html(ASSOC, &out);
  const char *t = out.text;
  EXPECT_ALL(t, "## 湖南省计生协召开2023年工作会议\n", "会议强调，要深化计生协改革。",
             "向日葵亲子小屋建设稳步推进。", "加强基层组织建设。");
  EXPECT_NONE(t, "无障碍", "登录", "协会动态", "政策法规", "当前位置", "分享到", "打印本页",
              "关闭窗口", "保存本页", "上一篇", "相关新闻", "全国计生协工作会议在京召开",
              "扫码关注", "网站地图", "联系我们", "主办单位", "版权所有", "ICP", "全站搜索",
              "## 湖南省计划生育协会");
  assert_string_equal(out.props.title, "湖南省计生协召开2023年工作会议");
  assert_string_equal(out.props.org, "");
  assert_string_equal(out.props.docno, "");
  assert_string_equal(out.props.date, "");
  zs_extracted_free(&out);
}

/* No classes, no semantic tags, a short notice (no dominant container): the
 * link bar, the list of links, the breadcrumb and the footer lines still go. */
static void test_html_main_unmarked(void **state) {
  (void)state;
  static const char html[] =
      "<html><head><meta charset=\"utf-8\"><title>端午节放假通知-某某县计生协</title></head>"
      "<body><div>\n"
      "<div><a href=\"/\">首页</a> <a href=\"/a\">协会概况</a> <a href=\"/b\">工作动态</a> "
      "<a href=\"/c\">通知公告</a></div>\n"
      "<div>首页 &gt; 通知公告</div>\n"
      "<div><div><b>端午节放假通知</b></div><div>2023-06-20</div>\n"
      "<p>端午节放假三天，6月22日至24日，请各单位做好值班安排。</p></div>\n"
      "<div><ul><li><a href=\"/x1\">计生协召开年度会议</a> 2023-06-01</li>"
      "<li><a href=\"/x2\">开展青春健康教育</a> 2023-05-20</li>"
      "<li><a href=\"/x3\">走访慰问计生家庭</a> 2023-05-10</li></ul></div>\n"
      "<div><div>网站地图 | 联系我们</div><div>扫一扫在手机打开当前页</div>"
      "<div>Copyright © 2023 某某县计生协 湘ICP备12345号</div>"
      "<div>技术支持：某某科技　网站维护：某某县计生协办公室</div></div>\n"
      "</div></body></html>\n";
  zs_extracted out;
  read_html(html, &out);
  const char *t = out.text;
  EXPECT_ALL(t, "端午节放假通知\n", "2023-06-20\n", "请各单位做好值班安排。\n");
  EXPECT_NONE(t, "协会概况", "首页", "计生协召开年度会议", "开展青春健康教育", "网站地图", "扫一扫",
              "Copyright", "技术支持");
  assert_string_equal(out.props.title, "端午节放假通知");
  zs_extracted_free(&out);
}

/* An ASP.NET page wraps everything in one <form>: that form is the page. */
static void test_html_main_page_form(void **state) {
  (void)state;
  static const char html[] =
      "<html><head><meta charset=\"utf-8\"><title>协会简介</title></head><body>\n"
      "<form id=\"form1\" method=\"post\"><input type=\"hidden\" name=\"__VIEWSTATE\">\n"
      "<div id=\"topMenu\"><a href=\"/\">首页</a><a href=\"/a\">协会简介</a>"
      "<a href=\"/n\">新闻中心</a><a href=\"/c\">联系方式</a></div>\n"
      "<div id=\"pageContent\"><p>某某县计划生育协会成立于1985年，是在县委、县政府领导下的"
      "群众团体，现有会员两万余人。</p>\n"
      "<p>协会以宣传、服务、维权、帮扶为主要任务，积极开展生育关怀行动。</p></div>\n"
      "<div id=\"footerWrap\">Copyright © 2020 某某县计划生育协会</div>\n"
      "</form></body></html>\n";
  zs_extracted out;
  read_html(html, &out);
  EXPECT_ALL(out.text, "现有会员两万余人。", "积极开展生育关怀行动。");
  EXPECT_NONE(out.text, "新闻中心", "联系方式", "Copyright");
  zs_extracted_free(&out);
}

/* A news page: the container with the running text, the article's h1 and
 * nothing else (date bar, editor line, related links, footer). */
static void test_html_main_news(void **state) {
  (void)state;
  static const char html[] =
      "<html><head><meta charset=\"utf-8\">\n"
      "<meta name=\"ArticleTitle\" content=\"国务院常务会议部署优化生育政策配套措施\">\n"
      "<title>常务会议_滚动新闻_中国政府网</title></head><body>\n"
      "<div class=\"header\"><div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/a\">国务院</a> "
      "<a href=\"/b\">政策库</a></div></div>\n"
      "<div class=\"article oneColumn\">\n"
      "<h1>国务院常务会议部署优化生育政策配套措施</h1>\n"
      "<div class=\"pages-date\">2023-03-01 10:00　来源：新华社 <span>【字体：<a>大</a> <a>中</a>"
      " <a>小</a>】</span></div>\n"
      "<div class=\"pages_content\">\n"
      "<p>国务院总理主持召开国务院常务会议，部署优化生育政策配套措施，决定完善育儿补贴和托育"
      "服务支持政策。</p>\n"
      "<p>会议指出，要加快建立积极生育支持政策体系，减轻家庭生育、养育、教育负担，推动实现"
      "适度生育水平。</p>\n"
      "<p>会议要求，各地区各部门要抓好落实，确保政策措施尽快见效，让群众有实实在在的获得感。"
      "</p>\n"
      "</div>\n"
      "<div class=\"editor\">【我要纠错】 责任编辑：张三</div>\n"
      "</div>\n"
      "<div class=\"list\"><h3>相关稿件</h3><ul><li><a href=\"/r1\">国务院常务会议召开</a></li>"
      "<li><a href=\"/r2\">国务院办公厅印发意见</a></li><li><a href=\"/r3\">生育政策解读</a>"
      "</li></ul></div>\n"
      "<div><p>版权所有：中国政府网 | 中文域名：中国政府网.政务</p>"
      "<p>网站标识码bm01000001 京ICP备05070218号 京公网安备11010202000001号</p></div>\n"
      "</body></html>\n";
  zs_extracted out;
  read_html(html, &out);
  const char *t = out.text;
  EXPECT_ALL(t, "# 国务院常务会议部署优化生育政策配套措施\n",
             "决定完善育儿补贴和托育服务支持政策。", "推动实现适度生育水平。",
             "让群众有实实在在的获得感。");
  EXPECT_NONE(t, "政策库", "字体", "我要纠错", "相关稿件", "生育政策解读", "版权所有", "ICP",
              "公网安备");
  assert_string_equal(out.props.title, "国务院常务会议部署优化生育政策配套措施"); /* <meta> */
  zs_extracted_free(&out);
}

/* ---- metadata -------------------------------------------------------------- */

/* Label lines in a list (发布机构 / 文　　号 / 成文日期) fill the props and
 * stay in the text; a title inside 《》 keeps its separator. */
static void test_html_main_label_lines(void **state) {
  (void)state;
  static const char html[] =
      "<html><head><meta charset=\"utf-8\">"
      "<title>关于印发《家庭发展_工作方案》的通知 - 某省人民政府</title></head><body>\n"
      "<div class=\"xxgk-info\"><ul>\n"
      "<li><span>索 引 号：</span>000014349/2023-00012</li>\n"
      "<li><span>发布机构：</span>省人民政府办公厅</li>\n"
      "<li><span>文　　号：</span>某政办发〔2023〕12号</li>\n"
      "<li><span>成文日期：</span>2023-03-05</li>\n"
      "</ul></div>\n"
      "<div class=\"zw\"><p>各市州人民政府，省直有关单位：</p>\n"
      "<p>《家庭发展工作方案》已经省人民政府同意，现印发给你们，请认真组织实施。各地要结合"
      "实际制定具体措施，确保各项任务落到实处。</p></div>\n"
      "</body></html>\n";
  zs_extracted out;
  read_html(html, &out);
  EXPECT_ALL(out.text, "\n发布机构：省人民政府办公厅\n", "\n文　　号：某政办发〔2023〕12号\n",
             "确保各项任务落到实处。");
  assert_string_equal(out.props.title, "关于印发《家庭发展_工作方案》的通知");
  assert_string_equal(out.props.org, "省人民政府办公厅");
  assert_string_equal(out.props.docno, "某政办发〔2023〕12号");
  assert_string_equal(out.props.date, "2023-03-05");
  zs_extracted_free(&out);

  /* labels and values in one line, with a joint issuer */
  static const char line[] =
      "<html><head><meta charset=\"utf-8\"><title>通知</title></head><body>"
      "<p>发文机关：国务院　中央军委 成文日期：2019年1月22日 发文字号：国发〔2019〕1号</p>"
      "</body></html>";
  read_html(line, &out);
  assert_string_equal(out.props.org, "国务院　中央军委");
  assert_string_equal(out.props.date, "2019年1月22日");
  assert_string_equal(out.props.docno, "国发〔2019〕1号");
  assert_string_equal(out.props.title, "通知");
  zs_extracted_free(&out);
}

/* <meta> titles, and <title> without the site's name. */
static void test_html_main_titles(void **state) {
  (void)state;
  static const struct {
    const char *head, *title;
  } cases[] = {
      {"<meta name=\"DC.Title\" content=\" 关于做好春节慰问的通知 \"><title>x_y</title>",
       "关于做好春节慰问的通知"},
      {"<meta property=\"og:title\" content=\"社会抚养费\"><title>z</title>", "社会抚养费"},
      {"<title>国务院关于印发方案的通知_政府信息公开专栏</title>", "国务院关于印发方案的通知"},
      {"<title>国务院关于印发方案的通知_2019年第5号国务院公报_中国政府网</title>",
       "国务院关于印发方案的通知"},
      {"<title>国务院常务会议 - 中国政府网</title>", "国务院常务会议"},
      {"<title>协会召开理事会｜湖南省计划生育协会</title>", "协会召开理事会"},
      {"<title>2019-2020年工作计划</title>", "2019-2020年工作计划"},
      {"<title>COVID-19防控方案</title>", "COVID-19防控方案"},
      {"<title>_中国政府网</title>", "_中国政府网"},
      {"<title>  只有\n标题  </title>", "只有 标题"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char html[1024];
    snprintf(html, sizeof html,
             "<html><head><meta charset=\"utf-8\">%s</head><body><p>正文。</p></body></html>",
             cases[i].head);
    zs_extracted out;
    read_html(html, &out);
    if (strcmp(out.props.title, cases[i].title) != 0)
      fail_msg("case %zu: title \"%s\", want \"%s\"", i, out.props.title, cases[i].title);
    zs_extracted_free(&out);
  }
}

/* ---- the page is never dropped whole ------------------------------------- */

/* A page that is only a list of links is still that page's text. */
static void test_html_main_links_only(void **state) {
  (void)state;
  static const char html[] =
      "<html><head><meta charset=\"utf-8\"><title>通知公告</title></head><body>\n"
      "<nav><a href=\"/\">首页</a> <a href=\"/n\">新闻</a></nav>\n"
      "<ul class=\"list\">\n"
      "<li><a href=\"/1.html\">关于做好春节期间计生家庭走访慰问的通知</a></li>\n"
      "<li><a href=\"/2.html\">关于举办全省计生协干部培训班的通知</a></li>\n"
      "<li><a href=\"/3.html\">关于征集向日葵亲子小屋优秀案例的通知</a></li>\n"
      "<li><a href=\"/4.html\">关于开展青春健康教育示范校评选的通知</a></li>\n"
      "</ul></body></html>\n";
  zs_extracted out;
  read_html(html, &out);
  EXPECT_ALL(out.text, "关于做好春节期间计生家庭走访慰问的通知\n",
             "关于开展青春健康教育示范校评选的通知\n");
  assert_int_equal(zs_test_line_of(out.text, "关于举办全省计生协干部培训班的通知"), 5);
  zs_extracted_free(&out);

  /* nothing but a menu and a footer: kept rather than nothing */
  static const char menu[] = "<html><body><nav><a href=\"/\">首页</a> <a href=\"/a\">协会概况</a>"
                             "</nav><footer>版权所有：某某协会</footer></body></html>";
  read_html(menu, &out);
  EXPECT_ALL(out.text, "协会概况", "版权所有");
  zs_extracted_free(&out);
}

/* 10,000 nested divs: no recursion, and the text at every depth and after
 * the nesting is kept (a script down there stays out). */
static void test_html_main_deep(void **state) {
  (void)state;
  zs_test_buf b = {0};
  zs_test_puts(
      &b, "<html><head><meta charset=\"utf-8\"><title>深</title></head><body><p>开头的文字。</p>");
  for (int i = 0; i < 10000; i++)
    zs_test_puts(&b, i == 5000 ? "<div class=\"nav\"><p>中间的文字</p>" : "<div>");
  zs_test_puts(&b, "<p>最深处的文字</p><script>var hidden = 1;</script><style>p{}</style>");
  for (int i = 0; i < 10000; i++)
    zs_test_puts(&b, "</div>");
  zs_test_puts(&b, "<p>结尾的文字。</p></body></html>");
  zs_extracted out;
  read_html(b.s, &out);
  EXPECT_ALL(out.text, "开头的文字。", "中间的文字", "最深处的文字", "结尾的文字。");
  EXPECT_NONE(out.text, "hidden", "p{}");
  zs_extracted_free(&out);
  free(b.s);
}

/* Form controls, frames and noscript are not text; a data table's cells each
 * stand on their own line. */
static void test_html_main_controls_and_cells(void **state) {
  (void)state;
  static const char html[] =
      "<html><head><meta charset=\"utf-8\"><title>资金分配表</title></head><body>\n"
      "<button>保存本页</button><select><option>请选择</option></select>\n"
      "<iframe src=\"x\">框架</iframe><noscript>请启用脚本</noscript>\n"
      "<table border=\"1\">\n"
      "<tr><th>县市区</th><th>人数</th></tr>\n"
      "<tr><td>芙蓉区</td><td>1200</td></tr>\n"
      "</table></body></html>\n";
  zs_extracted out;
  read_html(html, &out);
  EXPECT_ALL(out.text, "\n县市区\n人数\n", "\n芙蓉区\n1200\n");
  EXPECT_NONE(out.text, "保存本页", "请选择", "框架", "请启用脚本");
  zs_extracted_free(&out);
}

/* Junk of every kind: an answer, and props that are NUL-terminated UTF-8. */
static void test_html_main_hostile(void **state) {
  (void)state;
  unsigned x = 777;
  static const char *const parts[] = {
      "<td>",     "发文机关：", "</td>",  "<table>",
      "<tr>",     "<a href=x>", "</a>",   "<div class=nav>",
      "</div>",   "<title>",    "_",      "版权所有",
      "\xFF\xFE", "<p>",        "文字。", "<meta name=ArticleTitle content=",
      "\"",       "<li>",       "<dt>",   "<dd>",
      "\xE4\xB8", "：",         " "};
  for (int round = 0; round < 200; round++) {
    zs_test_buf b = {0};
    zs_test_puts(&b, "");
    for (int i = 0; i < 60; i++) {
      x = x * 1103515245u + 12345u;
      zs_test_puts(&b, parts[(x >> 16) % (sizeof parts / sizeof parts[0])]);
    }
    zs_extracted out;
    int rc = zs_format_read_mem(ZS_FORMAT_HTML, b.s, b.len, &out);
    assert_true(rc == ZS_OK || rc == ZS_EEMPTY);
    if (rc == ZS_OK) {
      const char *props[] = {out.props.title, out.props.org, out.props.docno, out.props.date};
      size_t caps[] = {sizeof out.props.title, sizeof out.props.org, sizeof out.props.docno,
                       sizeof out.props.date};
      for (size_t i = 0; i < 4; i++) {
        const char *end = memchr(props[i], '\0', caps[i]);
        assert_non_null(end);
        size_t n = (size_t)(end - props[i]);
        assert_int_equal(zs_utf8_valid_prefix(props[i], n), n);
      }
    }
    zs_extracted_free(&out);
    free(b.s);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_html_main_gov),
      cmocka_unit_test(test_html_main_html5_site),
      cmocka_unit_test(test_html_main_unmarked),
      cmocka_unit_test(test_html_main_page_form),
      cmocka_unit_test(test_html_main_news),
      cmocka_unit_test(test_html_main_label_lines),
      cmocka_unit_test(test_html_main_titles),
      cmocka_unit_test(test_html_main_links_only),
      cmocka_unit_test(test_html_main_deep),
      cmocka_unit_test(test_html_main_controls_and_cells),
      cmocka_unit_test(test_html_main_hostile),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
