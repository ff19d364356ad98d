/* zs_docmeta: rules over the title first (it is written to say what the
 * document is), then front matter and headings, then the body's majority. */
#define _GNU_SOURCE /* memmem */
#include "zs_docmeta.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Provincial-level divisions by short name, with their long-form suffixes. */
static const char *const provinces[] = {
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港",
    "澳门", NULL};
static const char *const province_suffixes[] = {
    "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市", ""};

static const char *const types[] = {"工作报告", "工作要点", "工作综述", "简报", "通知", "讲话",
                                    NULL};
/* Title words that give a type, tried in this order: a notice that issues a
 * work plan is a work plan; a bulletin quoting a speech is a bulletin. */
static const struct {
  const char *word, *type;
} type_words[] = {{"工作要点", "工作要点"}, {"要点", "工作要点"}, {"简报", "简报"},
                  {"综述", "工作综述"},     {"回眸", "工作综述"}, {"回顾", "工作综述"},
                  {"总结", "工作综述"},     {"报告", "工作报告"}, {"讲话", "讲话"},
                  {"通知", "通知"}};

static const char *const org_names[] = {"计划生育协会", "计生协会", "计生协"};

const char *const *zs_docmeta_provinces(void) { return provinces; }
const char *const *zs_docmeta_types(void) { return types; }

const char *zs_docmeta_province(const char *s, size_t len) {
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
  for (size_t i = 0; provinces[i]; i++) {
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

/* The province named most often in the body (earliest wins a tie). */
static const char *majority_province(const zs_doc_text *d) {
  size_t best_count = 0;
  const char *best = NULL;
  for (size_t i = 0; provinces[i]; i++) {
    size_t count = 0, pl = strlen(provinces[i]);
    for (size_t b = 0; b < d->nblocks; b++)
      for (const char *at = d->blocks[b].text;
           (at = memmem(at, d->blocks[b].len - (size_t)(at - d->blocks[b].text), provinces[i],
                        pl)) != NULL;
           at += pl)
        count++;
    if (count > best_count) {
      best_count = count;
      best = provinces[i];
    }
  }
  return best;
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
    bool is_year = digits == 4 && at + 3 <= len && memcmp(s + at, "年", 3) == 0 &&
                   year >= 1949 && year <= 2099 && digit_at(s + at, len - at, &n) < 0;
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

/* The document's own year: in the title; else a date of the front matter;
 * else the latest year a heading names (a report plans the coming year);
 * else the year the body names most. */
static int detect_year(const zs_doc_text *d) {
  int year = scan_years(d->title, strlen(d->title), true, NULL, NULL);
  for (size_t b = 0; !year && b < d->nblocks; b++)
    if (d->blocks[b].kind == ZS_BLOCK_TITLE)
      year = scan_years(d->blocks[b].text, d->blocks[b].len, true, NULL, NULL);
  int max = 0;
  for (size_t b = 0; !year && b < d->nblocks; b++)
    if (d->blocks[b].kind == ZS_BLOCK_HEADING)
      scan_years(d->blocks[b].text, d->blocks[b].len, false, &max, NULL);
  if (!year && max)
    year = max;
  if (!year) {
    unsigned counts[200] = {0};
    for (size_t b = 0; b < d->nblocks; b++)
      scan_years(d->blocks[b].text, d->blocks[b].len, false, NULL, counts);
    unsigned best = 0;
    for (int y = 0; y < 200; y++)
      if (counts[y] > best) {
        best = counts[y];
        year = 1900 + y;
      }
  }
  return year;
}

static const char *type_in(const char *s, size_t len) {
  for (size_t i = 0; i < sizeof type_words / sizeof *type_words; i++)
    if (memmem(s, len, type_words[i].word, strlen(type_words[i].word)))
      return type_words[i].type;
  return NULL;
}

/* The type the title names; else one a line of the title zone names (a
 * subtitle such as "2022年省计生协会工作回眸"). */
static const char *detect_type(const zs_doc_text *d) {
  const char *type = type_in(d->title, strlen(d->title));
  for (size_t b = 0; !type && b < d->nblocks; b++)
    if (d->blocks[b].kind == ZS_BLOCK_TITLE)
      type = type_in(d->blocks[b].text, d->blocks[b].len);
  return type;
}

void zs_docmeta_detect(zs_docmeta *m, const zs_doc_text *d) {
  memset(m, 0, sizeof *m);
  bool org = find_org(d->title, strlen(d->title), m);
  for (size_t b = 0; !org && b < d->nblocks; b++)
    org = find_org(d->blocks[b].text, d->blocks[b].len, m);
  size_t at;
  const char *prov = first_province(d->title, strlen(d->title), &at);
  if (!prov && !org)
    prov = majority_province(d);
  if (prov)
    snprintf(m->province, sizeof m->province, "%s", prov);
  m->year = detect_year(d);
  const char *type = detect_type(d);
  if (type)
    snprintf(m->type, sizeof m->type, "%s", type);
}
