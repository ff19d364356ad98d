/* zs_docfields: hand-written scanners, since the patterns mix Han and ASCII
 * digits with full-width brackets; ICU regex would need UTF-16 copies per line. */
#define _GNU_SOURCE /* memmem */
#include "zs_docfields.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/utf8.h>

/* The code point at s (sets *n to its bytes, 0 at the end); 0xFFFD on a bad
 * sequence. ICU's U8_NEXT on one code point's window (its length is int32_t). */
static uint32_t cp_at(const char *s, size_t left, size_t *n) {
  int32_t i = 0;
  UChar32 c = 0;
  if (left == 0) {
    *n = 0;
    return 0;
  }
  U8_NEXT((const uint8_t *)s, i, (int32_t)(left < 4 ? left : 4), c);
  *n = (size_t)i;
  return c < 0 ? 0xFFFD : (uint32_t)c;
}

static bool is_han(uint32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FFFF) || c == 0x3007;
}

static bool is_space(uint32_t c) {
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

/* s[0..len) without surrounding spaces (ASCII, ideographic, no-break). */
static void trim(const char **s, size_t *len) {
  size_t n;
  while (*len && is_space(cp_at(*s, *len, &n))) {
    *s += n;
    *len -= n;
  }
  while (*len) {
    size_t back = 1;
    while (back < *len && back < 4 && ((unsigned char)(*s)[*len - back] & 0xC0) == 0x80)
      back++;
    if (!is_space(cp_at(*s + *len - back, back, &n)))
      break;
    *len -= back;
  }
}

static bool starts(const char *s, size_t len, const char *w) {
  size_t wl = strlen(w);
  return len >= wl && memcmp(s, w, wl) == 0;
}

static bool ends(const char *s, size_t len, const char *w) {
  size_t wl = strlen(w);
  return len >= wl && memcmp(s + len - wl, w, wl) == 0;
}

/* ---- numbers ---- */

/* ASCII or full-width digits at s: their value, bytes used in *n (0 if none). */
static long ascii_number(const char *s, size_t len, size_t *n, int *digits) {
  long v = 0;
  size_t at = 0, k;
  *digits = 0;
  for (;;) {
    uint32_t c = cp_at(s + at, len - at, &k);
    int d = c >= '0' && c <= '9'         ? (int)(c - '0')
            : c >= 0xFF10 && c <= 0xFF19 ? (int)(c - 0xFF10)
                                         : -1;
    if (d < 0 || *digits >= 9)
      break;
    v = v * 10 + d;
    at += k;
    (*digits)++;
  }
  *n = at;
  return v;
}

static int cn_digit(uint32_t c) {
  static const uint32_t d[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                               0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D}; /* 〇一二三四五六七八九 */
  for (int i = 0; i < 10; i++)
    if (c == d[i])
      return i;
  if (c == 0x25CB || c == 0x96F6 || c == 0x004F || c == 0xFF2F) /* ○ 零, and O misread for 〇 */
    return 0;
  return -1;
}

/* A year in Chinese digits (二〇一九) or a number up to 99 in Chinese (二十四). */
static long cn_number(const char *s, size_t len, size_t *n, int *digits, bool year) {
  size_t at = 0, k;
  long v = 0;
  *digits = 0;
  if (year) {
    int d;
    while (*digits < 4 && (d = cn_digit(cp_at(s + at, len - at, &k))) >= 0) {
      v = v * 10 + d;
      at += k;
      (*digits)++;
    }
  } else {
    int tens = -1, ones = 0, d;
    uint32_t c = cp_at(s, len, &k);
    if ((d = cn_digit(c)) > 0) {
      ones = d;
      at += k;
      (*digits)++;
      c = cp_at(s + at, len - at, &k);
    }
    if (c == 0x5341) { /* 十 */
      tens = *digits ? ones : 1;
      ones = 0;
      at += k;
      (*digits)++;
      if ((d = cn_digit(cp_at(s + at, len - at, &k))) > 0) {
        ones = d;
        at += k;
      }
    }
    v = tens >= 0 ? tens * 10 + ones : ones;
  }
  *n = at;
  return v;
}

/* A number (ASCII or Chinese) at s. */
static long number_at(const char *s, size_t len, size_t *n, int *digits, bool year) {
  long v = ascii_number(s, len, n, digits);
  return *digits ? v : cn_number(s, len, n, digits, year);
}

/* ---- document numbers ---- */

static bool open_bracket(uint32_t c) {
  return c == 0x3014 || c == '[' || c == 0xFF3B || c == '(' || c == 0xFF08 || c == 0x3010 ||
         c == 0x3016;
}
static bool close_bracket(uint32_t c) {
  return c == 0x3015 || c == ']' || c == 0xFF3D || c == ')' || c == 0xFF09 || c == 0x3011 ||
         c == 0x3017;
}

bool zs_docno_line(const char *s, size_t len, char *out, size_t size) {
  trim(&s, &len);
  /* a label before it (发文字号：…), or what a PDF's table left of one (发文字…) */
  static const char *const labels[] = {"发文字号：", "发文字号:", "发文字号", "文号：",
                                       "文号:",      "发文字",    NULL};
  for (size_t i = 0; labels[i]; i++)
    if (starts(s, len, labels[i])) {
      s += strlen(labels[i]);
      len -= strlen(labels[i]);
      trim(&s, &len);
      break;
    }
  const char *sign = memmem(s, len, "签发人", strlen("签发人"));
  if (sign) { /* 国办发〔2019〕6号   签发人：… */
    len = (size_t)(sign - s);
    trim(&s, &len);
  }
  size_t at = 0, k, han = 0;
  uint32_t c;
  /* the issuer's code: Han characters (a few letters allowed, as in 国办发明电) */
  size_t latin = 0;
  while (at < len && (is_han(c = cp_at(s + at, len - at, &k)) ||
                      (latin < 8 && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))))) {
    latin += !is_han(c);
    int digits;
    size_t n;
    if (c == 0x7B2C && (ascii_number(s + at + k, len - at - k, &n, &digits), digits))
      break; /* 第 before the number: 国令第707号 */
    han += is_han(c);
    at += k;
  }
  size_t code_end = at;
  if (han == 0 || han > 16)
    return false;
  int digits;
  long year, num;
  size_t n;
  c = cp_at(s + at, len - at, &k);
  if (open_bracket(c)) { /* 〔2019〕6号 */
    at += k;
    while (at < len && is_space(cp_at(s + at, len - at, &k)))
      at += k;
    year = ascii_number(s + at, len - at, &n, &digits);
    if (digits != 4 || year < 1949 || year > 2099)
      return false;
    at += n;
    while (at < len && is_space(cp_at(s + at, len - at, &k)))
      at += k;
    if (!close_bracket(cp_at(s + at, len - at, &k)))
      return false;
    at += k;
    while (at < len && is_space(cp_at(s + at, len - at, &k)))
      at += k;
    if (starts(s + at, len - at, "第"))
      at += strlen("第");
    num = ascii_number(s + at, len - at, &n, &digits);
    if (!digits)
      return false;
    at += n;
    if (at + strlen("号") != len || !ends(s, len, "号"))
      return false;
    snprintf(out, size, "%.*s〔%ld〕%ld号", (int)code_end, s, year, num);
    return true;
  }
  /* 国令第707号 (and 中华人民共和国国务院令 第707号 in its usual short form) */
  while (at < len && is_space(cp_at(s + at, len - at, &k)))
    at += k;
  if (starts(s + at, len - at, "第")) {
    size_t code_len = code_end;
    at += strlen("第");
    num = ascii_number(s + at, len - at, &n, &digits);
    if (!digits || at + n + strlen("号") != len || !ends(s, len, "号") || !ends(s, code_len, "令"))
      return false;
    const char *code = s;
    if (starts(code, code_len, "中华人民共和国")) {
      code += strlen("中华人民共和国");
      code_len -= strlen("中华人民共和国");
    }
    if (code_len == strlen("国务院令") && memcmp(code, "国务院令", code_len) == 0) {
      code = "国令";
      code_len = strlen(code);
    }
    snprintf(out, size, "%.*s第%ld号", (int)code_len, code, num);
    return true;
  }
  return false;
}

/* ---- dates ---- */

/* A date at s: YYYY年M月D日 (digits or Chinese) or YYYY-M-D / YYYY.M.D /
 * YYYY/M/D; bytes in *n. */
static bool date_at(const char *s, size_t len, size_t *n, int *y, int *m, int *d) {
  size_t at = 0, k;
  int digits;
  long v = number_at(s, len, &k, &digits, true);
  if (digits != 4 || v < 1900 || v > 2099)
    return false;
  *y = (int)v;
  at += k;
  bool cn = starts(s + at, len - at, "年");
  char sep = 0;
  if (cn)
    at += strlen("年");
  else if (at < len && (s[at] == '-' || s[at] == '.' || s[at] == '/'))
    sep = s[at++];
  else
    return false;
  v = number_at(s + at, len - at, &k, &digits, false);
  if (!digits || v < 1 || v > 12)
    return false;
  *m = (int)v;
  at += k;
  if (cn ? !starts(s + at, len - at, "月") : (at >= len || s[at] != sep))
    return false;
  at += cn ? strlen("月") : 1;
  v = number_at(s + at, len - at, &k, &digits, false);
  if (!digits || v < 1 || v > 31)
    return false;
  *d = (int)v;
  at += k;
  if (cn) {
    if (!starts(s + at, len - at, "日") && !starts(s + at, len - at, "号"))
      return false;
    at += strlen("日");
  } else if (at < len && s[at] >= '0' && s[at] <= '9') {
    return false;
  }
  *n = at;
  return true;
}

bool zs_date_find(const char *s, size_t len, bool whole_line, char out[11]) {
  trim(&s, &len);
  size_t n, k;
  int y, m, d;
  if (whole_line) {
    bool paren = starts(s, len, "（") || starts(s, len, "(");
    if (paren) {
      size_t open = starts(s, len, "（") ? strlen("（") : 1;
      s += open;
      len -= open;
      if (ends(s, len, "）"))
        len -= strlen("）");
      else if (ends(s, len, ")"))
        len -= 1;
      else
        return false;
      trim(&s, &len);
    }
    if (!date_at(s, len, &n, &y, &m, &d) || n != len)
      return false;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return true;
  }
  for (size_t at = 0; at < len; at += k) {
    if (date_at(s + at, len - at, &n, &y, &m, &d)) {
      snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
      return true;
    }
    cp_at(s + at, len - at, &k);
  }
  return false;
}

/* ---- issuing bodies ---- */

/* How the names of organs, offices and associations end. */
static const char *const org_ends[] = {"国务院", "中共中央", "中央军委", "全国人大常委会",
                                       "委员会", "办公厅",   "办公室",   "人民政府",
                                       "政府",   "院",       "厅",       "部",
                                       "委",     "局",       "署",       "办",
                                       "会",     "协会",     "中心",     "小组",
                                       "党委",   "党组",     "银行",     "集团",
                                       "公司",   "学校",     "大学",     "法院",
                                       "检察院", "总队",     "支队",     "所",
                                       "站",     "社",       "联",       "处",
                                       "科",     "协",       NULL};

/* Words a body's name never holds: a headline ("省计生协召开…学习会") is not a body. */
static const char *const not_in_names[] = {"召开", "举办", "举行", "开展",   "关于",
                                           "印发", "部署", "推进", "学习会", "座谈会",
                                           "通知", "意见", "报告", NULL};

static bool org_name(const char *s, size_t len) {
  for (size_t i = 0; not_in_names[i]; i++)
    if (memmem(s, len, not_in_names[i], strlen(not_in_names[i])))
      return false;
  size_t at = 0, k, n = 0;
  while (at < len) {
    uint32_t c = cp_at(s + at, len - at, &k);
    if (!is_han(c) && c != 0xFF08 && c != 0xFF09) /* （） as in 国务院扶贫开发领导小组办公室（…） */
      return false;
    at += k;
    n++;
  }
  if (n < 2 || n > 30)
    return false;
  for (size_t i = 0; org_ends[i]; i++)
    if (ends(s, len, org_ends[i]))
      return true;
  return false;
}

/* Where a name of a body starts: a second issuer glued to the first once the
 * spaces between Chinese characters are gone (国务院办公厅中央军委办公厅). */
static const char *const org_starts[] = {"国务院", "中共",           "中央",     "全国",
                                         "国家",   "中华人民共和国", "最高人民", NULL};

/* Appends the name s[0..len) to out (after 、 when not first), splitting a
 * glued pair; false when it is not a body's name. */
static bool add_org(const char *s, size_t len, char *out, size_t size, size_t *used,
                    size_t *names) {
  if (!org_name(s, len)) {
    size_t k;
    for (size_t at = 0; at < len; at += k) {
      cp_at(s + at, len - at, &k);
      bool head = false;
      for (size_t i = 0; org_starts[i] && !head; i++)
        head = starts(s + at + k, len - at - k, org_starts[i]);
      if (head && org_name(s, at + k) && org_name(s + at + k, len - at - k))
        return add_org(s, at + k, out, size, used, names) &&
               add_org(s + at + k, len - at - k, out, size, used, names);
    }
    return false;
  }
  int w = snprintf(out + *used, size - *used, "%s%.*s", *names ? "、" : "", (int)len, s);
  if (w < 0 || (size_t)w >= size - *used)
    return false;
  *used += (size_t)w;
  (*names)++;
  return true;
}

/* Splits s at 、 and spaces into names that must all be organisations. */
bool zs_org_line(const char *s, size_t len, char *out, size_t size) {
  trim(&s, &len);
  if (len == 0 || size == 0)
    return false;
  size_t at = 0, k, used = 0, names = 0;
  out[0] = '\0';
  while (at < len) {
    size_t start = at;
    uint32_t c;
    while (at < len && !is_space(c = cp_at(s + at, len - at, &k)) && c != 0x3001 && c != ',' &&
           c != 0xFF0C)
      at += k;
    size_t end = at;
    if (end > start && !add_org(s + start, end - start, out, size, &used, &names))
      return false;
    while (at < len &&
           (is_space(c = cp_at(s + at, len - at, &k)) || c == 0x3001 || c == ',' || c == 0xFF0C))
      at += k;
  }
  return names > 0 && names <= 8;
}

bool zs_org_of_title(const char *title, size_t len, char *out, size_t size) {
  /* 国务院办公厅关于…, 国务院办公厅转发民政部关于…, 国务院办公厅对…的答复:
   * the shortest start that names bodies and stands before one of these */
  static const char *const after[] = {"关于", "转发", "批转", "印发", "对", NULL};
  size_t k;
  for (size_t at = 3; at < len && at <= 120; at += k) {
    cp_at(title + at, len - at, &k);
    for (size_t i = 0; after[i]; i++)
      if (starts(title + at, len - at, after[i]) && zs_org_line(title, at, out, size))
        return true;
  }
  return false;
}

bool zs_org_is_national(const char *org) {
  static const char *const national_starts[] = {"国务院",
                                                "中共中央",
                                                "中央",
                                                "全国人民代表大会",
                                                "全国人大",
                                                "全国政协",
                                                "国家",
                                                "中华人民共和国",
                                                "最高人民法院",
                                                "最高人民检察院",
                                                "中国计划生育协会",
                                                "中国计生协",
                                                "中国人民银行",
                                                NULL};
  /* the ministries and commissions by their names (a department of a provincial
   * body, 组织宣传部, ends in 部 too) */
  static const char *const ministries[] = {"外交部",
                                           "国防部",
                                           "教育部",
                                           "科学技术部",
                                           "科技部",
                                           "工业和信息化部",
                                           "工信部",
                                           "公安部",
                                           "安全部",
                                           "民政部",
                                           "司法部",
                                           "财政部",
                                           "人力资源社会保障部",
                                           "人力资源和社会保障部",
                                           "人社部",
                                           "自然资源部",
                                           "生态环境部",
                                           "住房城乡建设部",
                                           "住房和城乡建设部",
                                           "住建部",
                                           "交通运输部",
                                           "水利部",
                                           "农业农村部",
                                           "商务部",
                                           "文化和旅游部",
                                           "退役军人事务部",
                                           "应急管理部",
                                           "审计署",
                                           "海关总署",
                                           "卫生部",
                                           "卫生健康委",
                                           "卫生计生委",
                                           "发展改革委",
                                           "人口计生委",
                                           "铁道部",
                                           "农业部",
                                           "文化部",
                                           "国土资源部",
                                           "环境保护部",
                                           "人事部",
                                           "劳动和社会保障部",
                                           "建设部",
                                           "监察部",
                                           "信息产业部",
                                           "体育总局",
                                           "统计局",
                                           "税务总局",
                                           "市场监管总局",
                                           "广电总局",
                                           "新闻出版总署",
                                           "民航局",
                                           "中国民用航空局",
                                           NULL};
  size_t len = strlen(org);
  for (size_t i = 0; national_starts[i]; i++)
    if (starts(org, len, national_starts[i]))
      return true;
  const char *sep = memmem(org, len, "、", strlen("、"));
  size_t first = sep ? (size_t)(sep - org) : len; /* joint issuers: the first leads */
  for (size_t i = 0; ministries[i]; i++)
    if (first == strlen(ministries[i]) && memcmp(org, ministries[i], first) == 0)
      return true;
  return false;
}

/* ---- 文种 ---- */

/* Titles ending in 法 that name no law (做法, 工作法, 方法). */
static bool law_title(const char *s, size_t len) {
  static const char *const not_laws[] = {"做法", "办法", "方法", "工作法", "说法", "写法",
                                         "用法", "看法", "想法", "算法",   "手法", "技法",
                                         "疗法", "战法", "打法", "干法",   NULL};
  for (size_t i = 0; not_laws[i]; i++)
    if (ends(s, len, not_laws[i]))
      return false;
  return true;
}

const char *zs_type_of_title(const char *title, size_t len) {
  /* a notice that issues a work plan is filed as the work plan (README), but
   * news that mentions one (…部署2025年工作要点) is not a plan */
  const char *t = title;
  size_t tl = len;
  trim(&t, &tl);
  while (tl && (ends(t, tl, "》") || ends(t, tl, "）") || ends(t, tl, "”")))
    tl -= 3;
  if (ends(t, tl, "工作要点") || memmem(title, len, "工作要点》", strlen("工作要点》")))
    return "工作要点";
  static const struct {
    const char *end, *type;
  } by_end[] = {
      {"工作报告", "工作报告"}, {"报告", "工作报告"}, {"通知", "通知"},     {"意见", "意见"},
      {"办法", "办法"},         {"规定", "规定"},     {"条例", "条例"},     {"决定", "决定"},
      {"方案", "方案"},         {"规划", "规划"},     {"纲要", "规划"},     {"批复", "批复"},
      {"通报", "通报"},         {"公告", "公告"},     {"通告", "通告"},     {"决议", "决议"},
      {"命令", "命令"},         {"纪要", "纪要"},     {"细则", "细则"},     {"函", "函"},
      {"讲话", "讲话"},         {"简报", "简报"},     {"综述", "工作综述"}, {"回眸", "工作综述"},
      {"回顾", "工作综述"},     {"总结", "工作综述"}, {"法", "法律"},       {"要点", "工作要点"}};
  const char *s = title;
  trim(&s, &len);
  /* a closing 》 or ） after the 文种 (《…条例》) does not hide it */
  while (len && (ends(s, len, "》") || ends(s, len, "）") || ends(s, len, "”")))
    len -= 3;
  for (size_t i = 0; i < sizeof by_end / sizeof *by_end; i++)
    if (ends(s, len, by_end[i].end) && (strcmp(by_end[i].type, "法律") != 0 || law_title(s, len)))
      return by_end[i].type;
  /* a subtitle or a report named inside a longer title */
  static const struct {
    const char *word, *type;
  } inside[] = {{"简报", "简报"},         {"综述", "工作综述"},     {"回眸", "工作综述"},
                {"工作回顾", "工作综述"}, {"工作总结", "工作综述"}, {"工作报告", "工作报告"},
                {"讲话", "讲话"},         {"通知", "通知"}};
  for (size_t i = 0; i < sizeof inside / sizeof *inside; i++)
    if (memmem(s, len, inside[i].word, strlen(inside[i].word)))
      return inside[i].type;
  return NULL;
}
