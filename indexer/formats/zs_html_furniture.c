/* zs_html_furniture: lines of page furniture in the text (footers, copyright and
 * filing numbers, buttons, share bars, breadcrumbs), taken back as they are written. */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include <strings.h>

#include "zs_html_int.h"

static bool is_ideograph(UChar32 c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

static bool contains(const char *s, size_t n, const char *needle) {
  return memmem(s, n, needle, strlen(needle)) != NULL;
}

static bool contains_ci(const char *s, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= n; i++)
    if (strncasecmp(s + i, needle, k) == 0)
      return true;
  return false;
}

/* needle in s followed within a few bytes by a digit (京ICP备05070218号). */
static bool marker_number(const char *s, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (const char *at = memmem(s, n, needle, k); at;
       at = memmem(at + 1, n - (size_t)(at + 1 - s), needle, k)) {
    const char *p = at + k;
    for (int i = 0; i < 8 && p + i < s + n; i++)
      if (p[i] >= '0' && p[i] <= '9')
        return true;
  }
  return false;
}

/* A footer's line: 版权所有 (not 版权所有人), Copyright ©, ICP and police
 * filing numbers, 网站标识码. */
static bool footer_marker(const char *s, size_t n) {
  if (contains(s, n, "\xC2\xA9") || contains(s, n, "网站标识码") || marker_number(s, n, "ICP备") ||
      marker_number(s, n, "ICP证") || marker_number(s, n, "公网安备") ||
      contains_ci(s, n, "all rights reserved"))
    return true;
  for (const char *at = memmem(s, n, "版权所有", 12); at;
       at = memmem(at + 1, n - (size_t)(at + 1 - s), "版权所有", 12)) {
    size_t i = (size_t)(at + 12 - s);
    if (i >= n || !is_ideograph(zs_html_next_cp(s, n, &i)))
      return true;
  }
  for (size_t i = 0; i + 9 <= n; i++)
    if (strncasecmp(s + i, "copyright", 9) == 0) {
      size_t j = i + 9;
      while (j < n && s[j] == ' ')
        j++;
      if (j < n && (s[j] == '(' || (s[j] >= '0' && s[j] <= '9') || s[j] == '\xC2'))
        return true;
    }
  return false;
}

/* The words of a site's footer bar, in pairs (网站地图 | 联系我们). */
static bool footer_words(const char *s, size_t n) {
  static const char *const site[] = {"网站地图", "站点地图", "联系我们", "关于我们", "设为首页",
                                     "加入收藏", "网站声明", "免责声明", "隐私政策", "隐私声明",
                                     "法律声明", "使用帮助", "网站纠错", "网站导航"};
  static const char *const org[] = {"主办单位", "承办单位", "技术支持", "主办：",
                                    "承办：",   "网站维护", "运维单位", "维护单位"};
  int sites = 0, orgs = 0;
  for (size_t i = 0; i < sizeof site / sizeof site[0]; i++)
    sites += contains(s, n, site[i]);
  for (size_t i = 0; i < sizeof org / sizeof org[0]; i++)
    orgs += contains(s, n, org[i]);
  bool support = contains(s, n, "技术支持") || contains(s, n, "维护");
  return sites >= 2 || (sites && orgs) || (orgs >= 2 && support) ||
         (contains(s, n, "分辨率") && contains(s, n, "浏览"));
}

/* Buttons, share bars, QR codes, page counters, "previous/next article". */
static bool ui_line(const char *s, size_t n, uint32_t chars) {
  static const char *const phrases[] = {
      "扫一扫",   "打印本页",   "关闭窗口",   "保存本页", "打印此页", "关闭本页", "打印文章",
      "关闭此页", "分享到",     "【打印】",   "【关闭】", "【字体",   "【字号",   "返回顶部",
      "收藏本页", "加入收藏",   "设为首页",   "阅读次数", "浏览次数", "点击数",   "访问量",
      "手机扫码", "扫描二维码", "在手机打开", "打印正文", "关闭页面"};
  static const char *const starts[] = {"上一篇", "下一篇", "上一条", "下一条"};
  /* 字号 alone, not in 发文字号 */
  static const char *const font[] = {"字体：", "字体:", "字号：", "字号:"};
  if (chars <= 24) {
    for (size_t i = 0; i < sizeof font / sizeof font[0]; i++)
      if (zs_html_starts_with(s, n, font[i]))
        return true;
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
      if (contains(s, n, phrases[i]))
        return true;
    if (contains(s, n, "打印") && contains(s, n, "关闭"))
      return true;
  }
  if (chars <= 80)
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
      if (zs_html_starts_with(s, n, starts[i]))
        return true;
  return false;
}

/* 当前位置：首页 > 协会动态 > 正文 */
static bool breadcrumb(const char *s, size_t n) {
  static const char *const starts[] = {"当前位置",     "您的位置",     "您现在的位置",
                                       "您当前的位置", "所在位置",     "当前的位置",
                                       "你的位置",     "你现在的位置", "现在的位置"};
  for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
    if (zs_html_starts_with(s, n, starts[i]))
      return true;
  if (!zs_html_starts_with(s, n, "首页"))
    return false;
  size_t i = 6;
  while (i < n && s[i] == ' ')
    i++;
  static const char *const arrows[] = {">",
                                       "\xC2\xBB" /* » */,
                                       "\xE2\x80\xBA" /* › */,
                                       "\xEF\xBC\x9E" /* ＞ */,
                                       "\xE2\x86\x92" /* → */,
                                       "/",
                                       "\xE3\x80\x8B" /* 》 */,
                                       "-"};
  for (size_t a = 0; a < sizeof arrows / sizeof arrows[0]; a++)
    if (zs_html_starts_with(s + i, n - i, arrows[a]))
      return true;
  return false;
}

/* Whether a line of output is only page furniture. */
bool zs_html_boilerplate_line(const char *s, size_t n) {
  while (n > 0 && (*s == '#' || *s == ' ')) /* a heading's marks */
    s++, n--;
  if (n > 2400) /* flow text: over 200 characters whatever they are */
    return false;
  uint32_t chars = zs_html_visible(s, n);
  if (chars == 0)
    return false;
  return (chars <= 200 && footer_marker(s, n)) || ui_line(s, n, chars) ||
         (chars <= 80 && breadcrumb(s, n)) || (chars <= 150 && footer_words(s, n));
}
