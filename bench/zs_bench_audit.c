/* zs_bench_audit: times `zhquery audit` counting on the benchmark index with
 * 1,000 generated keywords, and on a smaller index to show what the time grows with. */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "zs_audit.h"
#include "zs_clean.h"
#include "zs_error.h"
#include "zs_file.h"
#include "zs_fold.h"
#include "zs_grow.h"
#include "zs_passage.h"
#include "zs_qbuild.h"
#include "zs_search.h"
#include "zs_utf8.h"

/* Terms an auditor of these reports would check, separated by spaces. */
static const char domain_terms[] =
    "计生协 生育 托育 育儿补贴 青春健康 暖心家园 向日葵亲子小屋 唇腭裂 "
    "优生优育 计生特殊家庭 家庭健康指导员 二十大 常务专职副会长 疫情防控 换届 "
    "三定 入序 金秋助学 保险 理赔 流动人口 新型婚育文化 婚育 健康 服务 "
    "计划生育协会 党建 志愿者 志愿服务 优化生育政策 人口长期均衡发展 家庭发展 "
    "妇幼 出生缺陷 婴幼儿照护 3岁以下 乡村振兴 基层 宣传 培训 项目 特殊家庭 "
    "失独 幸福工程 人口 家庭 养老 医养结合 心理健康 生殖健康 性与生殖健康 "
    "青少年 大学生 留守儿童 关爱 帮扶 慰问 救助 资金 万元 会员 会员之家 "
    "群众 满意度 考核 督导 调研 信息化 宣传月 5·29 会员活动日 生育友好 "
    "生育支持 育龄妇女 避孕 孕产 母婴 早教 科学育儿 家庭教育 婚恋 婚俗改革 "
    "彩礼 独生子女 奖励扶助 特别扶助 计生家庭 健康中国 全民健康 爱国卫生 改革 "
    "创新 高质量发展 习近平 省委 国务院 中国计生协 纪律 作风建设 廉政";

typedef struct strs {
  char **s;
  size_t n, cap;
} strs;

static int strs_add(strs *l, const char *s, size_t len) {
  char *copy = strndup(s, len);
  if (!copy || zs_grow((void **)&l->s, &l->cap, l->n + 1, sizeof *l->s)) {
    free(copy);
    return -1;
  }
  l->s[l->n++] = copy;
  return 0;
}

static void strs_free(strs *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->s[i]);
  free(l->s);
}

static bool strs_has(const strs *l, const char *s) {
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->s[i], s) == 0)
      return true;
  return false;
}

/* The corpus's passages (cleaned) and all of their folded text, one passage a line. */
typedef struct corpus {
  strs passages;
  char *folded;
  size_t folded_len, folded_cap;
} corpus;

static int keep_passage(void *ctx, const zs_passage *p) {
  corpus *c = ctx;
  char *f = NULL;
  size_t fl = 0;
  int rc = strs_add(&c->passages, p->text, p->len) ? ZS_ENOMEM
                                                   : zs_fold_string(&f, &fl, p->text, p->len);
  if (rc == ZS_OK &&
      (rc = zs_grow((void **)&c->folded, &c->folded_cap, c->folded_len + fl + 2, 1)) == ZS_OK) {
    memcpy(c->folded + c->folded_len, f, fl);
    c->folded_len += fl;
    c->folded[c->folded_len++] = '\n';
    c->folded[c->folded_len] = '\0';
  }
  free(f);
  return rc;
}

static int load_corpus(corpus *c, const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  int rc = d ? ZS_OK : -1;
  while (rc == ZS_OK && d && (e = readdir(d))) {
    char path[4096], *text = NULL;
    size_t len = 0;
    zs_doc_text dt;
    if (!strstr(e->d_name, ".txt") ||
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
      continue;
    rc = zs_read_file(path, &text, &len);
    if (rc == ZS_OK && (rc = zs_clean_document(&dt, text, len)) == ZS_OK) {
      rc = zs_passages(&dt, keep_passage, c);
      zs_doc_text_free(&dt);
    }
    free(text);
  }
  if (d)
    closedir(d);
  return rc == ZS_OK && c->passages.n ? 0 : -1;
}

static uint64_t rng = 88172645463325252ULL; /* xorshift64: the same keywords every run */
static size_t next_rand(size_t bound) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (size_t)(rng % bound);
}

/* Byte offset of code point i of s. */
static size_t offset_of(const char *s, size_t len, size_t i) {
  size_t at = 0;
  for (; i > 0 && at < len; i--)
    do
      at++;
    while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80);
  return at;
}

/* chars code points from a random place of a random passage, reversed when
 * reverse; "" when the passage is too short or the string has a space or a
 * mark of the keywords file ('|' anywhere, '#' or '+' first). */
static void random_substring(const corpus *c, size_t chars, bool reverse, char *out, size_t size) {
  const char *p = c->passages.s[next_rand(c->passages.n)];
  size_t len = strlen(p), n = zs_utf8_count(p, len);
  out[0] = '\0';
  if (n < chars)
    return;
  size_t from = next_rand(n - chars + 1), a = offset_of(p, len, from);
  size_t b = a + offset_of(p + a, len - a, chars), w = 0;
  if (b - a >= size || memchr(p + a, ' ', b - a) || memchr(p + a, '|', b - a))
    return;
  for (size_t e = b; reverse && e > a;) { /* copy code points last to first */
    size_t s = e - 1;
    while (s > a && ((unsigned char)p[s] & 0xC0) == 0x80)
      s--;
    memcpy(out + w, p + s, e - s);
    w += e - s;
    e = s;
  }
  if (!reverse)
    memcpy(out, p + a, w = b - a);
  out[out[0] == '#' || out[0] == '+' ? 0 : w] = '\0';
}

/* Keywords as written, distinct once folded. */
typedef struct keyword_set {
  strs written, folded;
  size_t domain, substrings, absent;
} keyword_set;

/* Adds s unless it folds like an earlier keyword or, with absent, occurs in
 * the corpus; 1 when added, 0 when not, -1 out of memory. */
static int add_keyword(keyword_set *k, const corpus *c, const char *s, bool absent) {
  char *f = NULL;
  size_t fl = 0;
  if (!*s || zs_qbuild_fold(&f, &fl, s, strlen(s), ZS_FOLD_DEFAULT) != ZS_OK)
    return 0;
  bool skip =
      fl == 0 || strs_has(&k->folded, f) || (absent && memmem(c->folded, c->folded_len, f, fl));
  int rc = skip ? 0 : strs_add(&k->folded, f, fl) || strs_add(&k->written, s, strlen(s)) ? -1 : 1;
  free(f);
  return rc;
}

/* n keywords: the domain terms, a fifth of n strings in no passage (corpus
 * strings of 3-5 characters reversed), the rest corpus strings of 1-6 characters. */
static int generate(keyword_set *k, const corpus *c, size_t n) {
  char buf[64];
  for (const char *t = domain_terms; *t && k->written.n < n;) {
    size_t len = strcspn(t, " ");
    snprintf(buf, sizeof buf, "%.*s", (int)len, t);
    if (add_keyword(k, c, buf, false) > 0)
      k->domain++;
    t += len + (t[len] == ' ');
  }
  for (size_t tries = 0; k->absent < n / 5 && tries < 100000; tries++) {
    random_substring(c, 3 + next_rand(3), true, buf, sizeof buf);
    int rc = add_keyword(k, c, buf, true);
    if (rc < 0)
      return -1;
    k->absent += (size_t)rc;
  }
  for (size_t tries = 0; k->written.n < n && tries < 100000; tries++) {
    random_substring(c, 1 + next_rand(6), false, buf, sizeof buf);
    int rc = add_keyword(k, c, buf, false);
    if (rc < 0)
      return -1;
    k->substrings += (size_t)rc;
  }
  return k->written.n == n ? 0 : -1;
}

/* written[from..to) as a keywords file. Caller frees. */
static char *keywords_text(const keyword_set *k, size_t from, size_t to) {
  size_t size = 1;
  for (size_t i = from; i < to; i++)
    size += strlen(k->written.s[i]) + 1;
  char *text = malloc(size), *w = text;
  for (size_t i = from; text && i < to; i++)
    w += sprintf(w, "%s\n", k->written.s[i]);
  if (text)
    *w = '\0';
  return text;
}

typedef struct run_stats {
  double secs;
  size_t docs, keywords;
  uint64_t occurrences, passages;
} run_stats;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Opens index and counts the keywords of text in it, timing the counting. */
static int run_audit(const char *index, const char *text, run_stats *st) {
  zs_searcher *s = NULL;
  zs_audit_keywords k = {0};
  zs_audit_result r = {0};
  int rc = zs_searcher_open(&s, index);
  if (rc == ZS_OK)
    rc = zs_audit_parse_keywords(&k, text, strlen(text), zs_searcher_fold_flags(s));
  if (rc == ZS_OK && k.nproblems)
    rc = zs_error_set(ZS_EINVAL, "generated keyword, line %u: %s", k.problem[0].line,
                      k.problem[0].message);
  double t0 = now();
  if (rc == ZS_OK)
    rc = zs_audit_count(&r, s, &k, false);
  *st = (run_stats){
      .secs = now() - t0, .docs = r.ndocs, .keywords = k.n, .passages = r.matching_passages};
  for (size_t i = 0; i < r.ndocs * r.nkw; i++)
    st->occurrences += r.count[i];
  zs_audit_result_free(&r);
  zs_audit_keywords_free(&k);
  zs_searcher_close(s);
  if (rc)
    fprintf(stderr, "zs_bench_audit: %s: %s\n", index, zs_error_last());
  return rc;
}

static void print_run(const char *index, const char *what, const run_stats *st) {
  printf("%-34s %5zu %5zu %-7s %7.2f %9.0f %12llu %10llu\n", index, st->docs, st->keywords, what,
         st->secs, (double)st->keywords / st->secs, (unsigned long long)st->occurrences,
         (unsigned long long)st->passages);
}

/* All keywords, then the absent ones alone, on one index. */
static int bench_index(const char *index, const keyword_set *k, run_stats st[2]) {
  size_t absent_from = k->domain, absent_to = k->domain + k->absent;
  char *all = keywords_text(k, 0, k->written.n), *absent = keywords_text(k, absent_from, absent_to);
  int rc = all && absent ? run_audit(index, all, &st[0]) : -1;
  if (rc == 0)
    rc = run_audit(index, absent, &st[1]);
  if (rc == 0) {
    print_run(index, "all", &st[0]);
    print_run(index, "absent", &st[1]);
  }
  free(all);
  free(absent);
  return rc;
}

static void print_scaling(const run_stats big[2], const run_stats small[2]) {
  printf(
      "from the small to the large index: documents x%.1f, occurrences x%.1f, passage matches "
      "x%.1f, time x%.1f\n  time per passage match: %.1f -> %.1f us; per keyword in no "
      "passage: %.1f -> %.1f us\n",
      (double)big[0].docs / (double)small[0].docs,
      (double)big[0].occurrences / (double)small[0].occurrences,
      (double)big[0].passages / (double)small[0].passages, big[0].secs / small[0].secs,
      small[0].secs * 1e6 / (double)small[0].passages, big[0].secs * 1e6 / (double)big[0].passages,
      small[1].secs * 1e6 / (double)small[1].keywords, big[1].secs * 1e6 / (double)big[1].keywords);
}

int main(int argc, char **argv) {
  const char *index = "build/bench-work/index", *small = NULL, *corpus_dir = "corpus";
  size_t n = 1000;
  int c;
  while ((c = getopt(argc, argv, "i:s:c:n:")) != -1) {
    switch (c) {
    case 'i': index = optarg; break;
    case 's': small = optarg; break;
    case 'c': corpus_dir = optarg; break;
    case 'n': n = strtoul(optarg, NULL, 10); break;
    default:
      fprintf(stderr,
              "usage: zs_bench_audit [-i INDEX] [-s SMALLER_INDEX] [-c CORPUS] [-n KEYWORDS]\n");
      return 2;
    }
  }
  if (access(index, F_OK) != 0) {
    fprintf(stderr, "zs_bench_audit: no benchmark index at %s; `make bench` builds it\n", index);
    return 1;
  }
  corpus cp = {0};
  keyword_set k = {0};
  if (load_corpus(&cp, corpus_dir) != 0 || generate(&k, &cp, n) != 0) {
    fprintf(stderr, "zs_bench_audit: cannot make %zu keywords from %s\n", n, corpus_dir);
    return 1;
  }
  printf("%zu keywords: %zu domain terms, %zu strings of the corpus (1-6 characters), %zu in no "
         "passage\n%-34s %5s %5s %-7s %7s %9s %12s %10s\n",
         k.written.n, k.domain, k.substrings, k.absent, "index", "docs", "kws", "which", "seconds",
         "kws/s", "occurrences", "passages");
  run_stats big[2], little[2];
  int rc = bench_index(index, &k, big);
  if (rc == 0 && small && (rc = bench_index(small, &k, little)) == 0)
    print_scaling(big, little);
  if (rc == 0)
    printf("audit of %zu keywords on %s: %.2f s (target < 10 s)\n", k.written.n, index,
           big[0].secs);
  strs_free(&k.written);
  strs_free(&k.folded);
  strs_free(&cp.passages);
  free(cp.folded);
  return rc ? 1 : 0;
}
