/* zs_docmeta: rules over the title first (it is written to say what the
 * document is), then front matter and headings, then the body's majority. */
#define _GNU_SOURCE /* memmem */
#include "zs_docmeta.h"

#include "zs_docfields.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Provincial-level divisions by short name, with their long-form suffixes. */
static const char *const provinces[] = {
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海",
    "江苏", "浙江", "安徽", "福建", "江西",   "山东", "河南", "湖北",   "湖南",
    "广东", "广西", "海南", "重庆", "四川",   "贵州", "云南", "西藏",   "陕西",
    "甘肃", "青海", "宁夏", "新疆", "台湾",   "香港", "澳门", "全国",   NULL};
/* 全国 (national) is a value, never scanned for in text: "全国" is in every report. */
#define SCANNED_PROVINCES 34
static const char *const province_suffixes[] = {
    "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市", ""};

static const char *const types[] = {"工作报告", "工作要点", "工作综述", "简报", "通知", "讲话",
                                    "意见",     "办法",     "规定",     "条例", "决定", "方案",
                                    "规划",     "批复",     "通报",     "公告", "通告", "决议",
                                    "命令",     "纪要",     "细则",     "函",   "法律", NULL};
/* Title words that give a type, tried in this order: a notice that issues a
 * work plan is a work plan; a bulletin quoting a speech is a bulletin. */
static const struct {
  const char *word, *type;
} type_words[] = {{"工作要点", "工作要点"}, {"要点", "工作要点"}, {"简报", "简报"},
                  {"综述", "工作综述"},     {"回眸", "工作综述"}, {"回顾", "工作综述"},
                  {"总结", "工作综述"},     {"报告", "工作报告"}, {"讲话", "讲话"},
                  {"通知", "通知"},         {"指导意见", "意见"}, {"实施意见", "意见"},
                  {"纲要", "规划"},         {"实施细则", "细则"}, {"法", "法律"}};

static const char *const org_names[] = {"计划生育协会", "计生协会", "计生协"};

const char *const *zs_docmeta_provinces(void) {
  return provinces;
}
const char *const *zs_docmeta_types(void) {
  return types;
}

const char *zs_docmeta_province(const char *s, size_t len) {
  if (len == strlen("国家") && memcmp(s, "国家", len) == 0)
    return provinces[SCANNED_PROVINCES];
  for (size_t i = 0; provinces[i]; i++) {
    size_t pl = strlen(provinces[i]);
    if (len < pl || memcmp(s, provinces[i], pl) != 0)
      continue;
    for (size_t k = 0; k < sizeof province_suffixes / sizeof *province_suffixes; k++)
      if (len - pl == strlen(province_suffixes[k]) &&
          memcmp(s + pl, province_suffixes[k], len - pl) == 0)
        return provinces[i];
  }
  return NULL;
}

const char *zs_docmeta_type(const char *s, size_t len) {
  for (size_t i = 0; types[i]; i++)
    if (len == strlen(types[i]) && memcmp(s, types[i], len) == 0)
      return types[i];
  for (size_t i = 0; i < sizeof type_words / sizeof *type_words; i++)
    if (len == strlen(type_words[i].word) && memcmp(s, type_words[i].word, len) == 0)
      return type_words[i].type;
  return NULL;
}

/* The province named earliest in s, or NULL; *at gets its offset. */
static const char *first_province(const char *s, size_t len, size_t *at) {
  const char *best = NULL;
  size_t best_at = len;
  for (size_t i = 0; i < SCANNED_PROVINCES; i++) {
    const char *hit = memmem(s, len, provinces[i], strlen(provinces[i]));
    if (hit && (size_t)(hit - s) < best_at) {
      best = provinces[i];
      best_at = (size_t)(hit - s);
    }
  }
  *at = best_at;
  return best;
}

/* An organisation name "<province>[省…]<计生协 name>" at the earliest place in s. */
static bool find_org(const char *s, size_t len, zs_docmeta *m) {
  size_t from = 0, at;
  const char *prov;
  while (from < len && (prov = first_province(s + from, len - from, &at)) != NULL) {
    size_t start = from + at, i = start + strlen(prov);
    for (size_t k = 0; k < sizeof province_suffixes / sizeof *province_suffixes; k++) {
      size_t sl = strlen(province_suffixes[k]);
      if (i + sl <= len && memcmp(s + i, province_suffixes[k], sl) == 0) {
        i += sl;
        break;
      }
    }
    for (size_t k = 0; k < sizeof org_names / sizeof *org_names; k++) {
      size_t ol = strlen(org_names[k]);
      if (i + ol <= len && memcmp(s + i, org_names[k], ol) == 0) {
        snprintf(m->org, sizeof m->org, "%.*s", (int)(i + ol - start), s + start);
        snprintf(m->province, sizeof m->province, "%s", prov);
        return true;
      }
    }
    from = start + 1;
  }
  return false;
}

/* Value of the Chinese or ASCII digit at s (sets *n to its bytes), or -1. */
static int digit_at(const char *s, size_t left, size_t *n) {
  static const char *const cn[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (left >= 1 && s[0] >= '0' && s[0] <= '9') {
    *n = 1;
    return s[0] - '0';
  }
  if (left >= 3 && (memcmp(s, "○", 3) == 0 || memcmp(s, "零", 3) == 0)) {
    *n = 3;
    return 0;
  }
  for (int d = 0; d < 10; d++)
    if (left >= 3 && memcmp(s, cn[d], 3) == 0) {
      *n = 3;
      return d;
    }
  return -1;
}

/* Calls back each year "2025年" / "二〇二五年" (1949–2099) in s; stops at the
 * first when `first`. Returns the last year seen (or the first), 0 if none;
 * *max gets the largest and counts[year - 1900] the occurrences when given. */
static int scan_years(const char *s, size_t len, bool first, int *max, unsigned *counts) {
  int last = 0;
  for (size_t i = 0; i < len;) {
    size_t at = i, n = 0;
    int year = 0, digits = 0, d;
    while (digits < 4 && (d = digit_at(s + at, len - at, &n)) >= 0) {
      year = year * 10 + d;
      at += n;
      digits++;
    }
    bool is_year = digits == 4 && at + 3 <= len && memcmp(s + at, "年", 3) == 0 && year >= 1949 &&
                   year <= 2099 && digit_at(s + at, len - at, &n) < 0;
    if (is_year) {
      last = year;
      if (max && year > *max)
        *max = year;
      if (counts)
        counts[year - 1900]++;
      if (first)
        return year;
      i = at + 3;
    } else {
      i += digits ? n : 1;
      while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    }
  }
  return last;
}

/* Blocks at the top that may hold front matter (发文字号, 发文机关标志, a date). */
#define FRONT_BLOCKS 12
/* Where an association's own name is looked for: a report names its own
 * early; the scan of a name is quadratic in the mentions of places. */
#define ORG_SCAN_BLOCKS 40
#define ORG_SCAN_BYTES 4096

/* s[0..len) into dst[size], cut at a character boundary when it is too long. */
static void copy_field(char *dst, size_t size, const char *s, size_t len) {
  if (len >= size) {
    len = size - 1;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
      len--;
  }
  snprintf(dst, size, "%.*s", (int)len, s);
}

/* A hint that is present (non-empty after the spaces). */
static bool hint(const char *h) {
  if (!h)
    return false;
  while (*h == ' ' || *h == '\t')
    h++;
  return *h != '\0';
}

static const char *block_text(const zs_doc_text *d, size_t b, size_t *len) {
  *len = d->blocks[b].len;
  return d->blocks[b].text;
}

/* Where a document number ends the line t[0..len) after a space (a title
 * block that took in the number line under it: "…的通知 国办发〔2019〕6号",
 * "专利代理条例 中华人民共和国国务院令 第706号"): its offset, or len. */
static size_t docno_tail(const char *t, size_t len, char *out, size_t size) {
  size_t spaces = 0;
  for (size_t at = len; at-- > 0 && spaces < 3;)
    if (t[at] == ' ') {
      spaces++;
      if (zs_docno_line(t + at + 1, len - at - 1, out, size))
        return at + 1;
    }
  return len;
}

/* The number in the front matter: a block that is nothing else, or that a
 * title line took in. */
static void docno_in_text(zs_docmeta *m, const zs_doc_text *d) {
  for (size_t b = 0; b < d->nblocks && b < FRONT_BLOCKS; b++) {
    size_t len;
    const char *t = block_text(d, b, &len);
    if (zs_docno_line(t, len, m->docno, sizeof m->docno))
      return;
    if (len < 400 && docno_tail(t, len, m->docno, sizeof m->docno) < len)
      return;
    /* 中华人民共和国国务院令 on one line, 第707号 on the next */
    char joined[256];
    if (b + 1 < d->nblocks && len < 120 && d->blocks[b + 1].len < 40 && len >= strlen("令") &&
        memcmp(t + len - strlen("令"), "令", strlen("令")) == 0) {
      int n = snprintf(joined, sizeof joined, "%.*s%s", (int)len, t, d->blocks[b + 1].text);
      if (n > 0 && (size_t)n < sizeof joined &&
          zs_docno_line(joined, (size_t)n, m->docno, sizeof m->docno))
        return;
    }
  }
  m->docno[0] = '\0';
}

/* The file's own number, else the text's; when both are there and differ,
 * none: a contradiction is not resolved by a guess. */
static void detect_docno(zs_docmeta *m, const zs_doc_text *d, const zs_docmeta_hints *h) {
  char own[sizeof m->docno] = "";
  if (h && hint(h->docno))
    zs_docno_line(h->docno, strlen(h->docno), own, sizeof own);
  docno_in_text(m, d);
  if (own[0] && m->docno[0] && strcmp(own, m->docno) != 0)
    m->docno[0] = '\0';
  else if (own[0])
    memcpy(m->docno, own, sizeof own);
}

/* 成文日期 in the text: the first line that is a date alone (the sign-off of a
 * notice, the date under a report's title); else a date that opens a
 * bracketed line of the front matter ("（2019年3月5日在…上）"). */
static void date_in_text(zs_docmeta *m, const zs_doc_text *d) {
  for (size_t b = 0; b < d->nblocks; b++) {
    size_t len;
    const char *t = block_text(d, b, &len);
    if (len < 64 && zs_date_find(t, len, true, m->date))
      return;
  }
  for (size_t b = 0; b < d->nblocks && b < FRONT_BLOCKS; b++) {
    size_t len;
    const char *t = block_text(d, b, &len);
    if ((strncmp(t, "（", strlen("（")) == 0 || t[0] == '(') && len < 300 &&
        zs_date_find(t, len < 40 ? len : 40, false, m->date))
      return;
  }
  m->date[0] = '\0';
}

/* The file's own date (a page's 成文日期), else the text's; none when they differ. */
static void detect_date(zs_docmeta *m, const zs_doc_text *d, const zs_docmeta_hints *h) {
  char own[sizeof m->date] = "";
  if (h && hint(h->date))
    zs_date_find(h->date, strlen(h->date), false, own);
  date_in_text(m, d);
  if (own[0] && m->date[0] && strcmp(own, m->date) != 0)
    m->date[0] = '\0';
  else if (own[0])
    memcpy(m->date, own, sizeof own);
}

/* "国务院总理 李克强", "湖南省计划生育协会会长 张三": the speaker's body. */
static bool speaker_org(const char *t, size_t len, char *out, size_t size) {
  static const char *const offices[] = {
      "副总理", "总理", "副省长", "省长", "副主席", "主席", "副会长", "会长",   "副书记",   "书记",
      "副主任", "主任", "副部长", "部长", "副市长", "市长", "理事长", "秘书长", "党组书记", NULL};
  const char *sp = memchr(t, ' ', len);
  if (!sp || sp == t || len - (size_t)(sp - t) > 16)
    return false;
  size_t head = (size_t)(sp - t);
  for (size_t i = 0; offices[i]; i++) {
    size_t ol = strlen(offices[i]);
    if (head > ol && memcmp(t + head - ol, offices[i], ol) == 0)
      return zs_org_line(t, head - ol, out, size);
  }
  return false;
}

/* The issuing body named by name[0..len), read past a leading 中华人民共和国
 * (中华人民共和国国务院令 names 国务院). */
static bool org_of_state(const char *name, size_t len, char *out, size_t size) {
  static const char state[] = "中华人民共和国";
  if (len > strlen(state) && memcmp(name, state, strlen(state)) == 0) {
    name += strlen(state);
    len -= strlen(state);
  }
  return zs_org_line(name, len, out, size);
}

/* 发文机关: the file's own; the title's "X关于…"; a 发文机关标志 ("X文件"), an
 * order's "X令" or a speaker in the front matter; a sign-off (bodies alone on a
 * line, then the date); the full name of a 计生协 the earliest in the text. */
static void detect_org(zs_docmeta *m, const zs_doc_text *d, const zs_docmeta_hints *h) {
  char *o = m->org;
  size_t size = sizeof m->org;
  if (h && hint(h->org) && zs_org_line(h->org, strlen(h->org), o, size))
    return;
  if (zs_org_of_title(m->title, strlen(m->title), o, size))
    return;
  for (size_t b = 0; b < d->nblocks && b < FRONT_BLOCKS; b++) {
    size_t len;
    const char *t = block_text(d, b, &len);
    static const char *const marks[] = {"文件", "令", NULL};
    for (size_t k = 0; marks[k]; k++) {
      size_t ml = strlen(marks[k]);
      if (len > ml && len < 100 && memcmp(t + len - ml, marks[k], ml) == 0) {
        if (org_of_state(t, len - ml, o, size))
          return;
      }
    }
    /* 中华人民共和国国务院令 第706号 on one line */
    char no[64];
    size_t tail = len < 400 ? docno_tail(t, len, no, sizeof no) : len;
    if (tail < len) { /* the number that ends a title line starts there */
      t += tail;
      len -= tail;
    }
    const char *order = memmem(t, len, "令", strlen("令"));
    if (order && len < 100 && zs_docno_line(t, len, no, sizeof no)) {
      if (org_of_state(t, (size_t)(order - t), o, size))
        return;
    }
    if (b < 6 && len < 64 && speaker_org(t, len, o, size))
      return;
  }
  char date[11];
  for (size_t b = 0; b + 1 < d->nblocks; b++) {
    size_t len, next_len;
    const char *t = block_text(d, b, &len);
    const char *next = block_text(d, b + 1, &next_len);
    if (len < 200 && next_len < 64 && zs_date_find(next, next_len, true, date) &&
        zs_org_line(t, len, o, size))
      return;
  }
  /* an association's full name (<省>计划生育协会) the earliest in the text:
   * the reports of this archive name their own association before others */
  bool found = find_org(m->title, strlen(m->title), m);
  for (size_t b = 0; !found && b < d->nblocks && b < ORG_SCAN_BLOCKS; b++)
    found = find_org(d->blocks[b].text,
                     d->blocks[b].len < ORG_SCAN_BYTES ? d->blocks[b].len : ORG_SCAN_BYTES, m);
  if (!found)
    o[0] = '\0';
}

/* The document's own year: the title's when it is next to the date's (a plan
 * written in December for the coming year, a review written in January of the
 * past one), else the date's; without a date, the title's; else a year of the
 * title lines (二〇二二年第十九期); else the latest year a heading names (a
 * report given early in a year plans that year). Never the body's. */
static int detect_year(const zs_docmeta *m, const zs_doc_text *d) {
  int year = scan_years(m->title, strlen(m->title), true, NULL, NULL);
  if (m->date[0]) { /* a plan dated December names the year after: that is its own */
    int dated = (m->date[0] - '0') * 1000 + (m->date[1] - '0') * 100 + (m->date[2] - '0') * 10 +
                (m->date[3] - '0');
    if (year < dated - 1 || year > dated + 1)
      year = dated; /* 关于申办2009年…的复函 of 2004 is of 2004 */
  }
  for (size_t b = 0; !year && b < d->nblocks && b < FRONT_BLOCKS; b++)
    if (d->blocks[b].kind == ZS_BLOCK_TITLE)
      year = scan_years(d->blocks[b].text, d->blocks[b].len, true, NULL, NULL);
  int max = 0;
  for (size_t b = 0; !year && b < d->nblocks; b++)
    if (d->blocks[b].kind == ZS_BLOCK_HEADING)
      scan_years(d->blocks[b].text, d->blocks[b].len, false, &max, NULL);
  return year ? year : max;
}

/* The 文种 of the title; else of a title line (a subtitle "2022年…工作回眸"). */
static const char *detect_type(const zs_docmeta *m, const zs_doc_text *d) {
  const char *type = zs_type_of_title(m->title, strlen(m->title));
  for (size_t b = 0; !type && b < d->nblocks; b++)
    if (d->blocks[b].kind == ZS_BLOCK_TITLE)
      type = zs_type_of_title(d->blocks[b].text, d->blocks[b].len);
  return type;
}

/* National bodies are 全国; else the place the title names; else the
 * issuing body's province. */
static void detect_province(zs_docmeta *m) {
  const char *prov = NULL;
  size_t at;
  if (m->org[0] && !first_province(m->org, strlen(m->org), &at) && zs_org_is_national(m->org))
    prov = "全国";
  if (!prov)
    prov = first_province(m->title, strlen(m->title), &at);
  if (!prov && m->org[0]) {
    prov = first_province(m->org, strlen(m->org), &at);
    if (prov && at != 0)
      prov = NULL; /* 某市 of another province's name inside: not the body's own place */
  }
  snprintf(m->province, sizeof m->province, "%s", prov ? prov : "");
}

/* A line that can be a title: short, not a sentence, not a date or a number. */
static bool plain_title(const zs_block *b) {
  static const char *const sentence_ends[] = {"。", "；", "：", "！", "？", ".", ";", ":", NULL};
  if (b->len < 6 || b->len > 100 * 3)
    return false;
  for (size_t i = 0; sentence_ends[i]; i++) {
    size_t el = strlen(sentence_ends[i]);
    if (b->len >= el && memcmp(b->text + b->len - el, sentence_ends[i], el) == 0)
      return false;
  }
  char scratch[128];
  return !zs_date_find(b->text, b->len, true, scratch) &&
         !zs_docno_line(b->text, b->len, scratch, sizeof scratch);
}

void zs_docmeta_detect(zs_docmeta *m, const zs_doc_text *d, const zs_docmeta_hints *h) {
  memset(m, 0, sizeof *m);
  const char *title = h && hint(h->title) ? h->title : d->title;
  copy_field(m->title, sizeof m->title, title, strlen(title));
  /* plain text whose first line is the title, as archives save documents,
   * when the clean-up did not see a title in it (inner punctuation, say) */
  if (!m->title[0] && d->nblocks && d->blocks[0].kind != ZS_BLOCK_HEADING &&
      d->blocks[0].line_first == d->blocks[0].line_last && plain_title(&d->blocks[0]))
    copy_field(m->title, sizeof m->title, d->blocks[0].text, d->blocks[0].len);
  detect_docno(m, d, h);
  detect_date(m, d, h);
  detect_org(m, d, h);
  detect_province(m);
  m->year = detect_year(m, d);
  const char *type = detect_type(m, d);
  snprintf(m->type, sizeof m->type, "%s", type ? type : "");
}
