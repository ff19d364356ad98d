/* Unit tests of zs_copies: signatures of the same text in other layouts agree,
 * other texts do not; grouping in an index names one file and its copies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "zs_copies.h"

static const char *const para =
    "各地区、各部门认真贯彻落实党中央、国务院决策部署，推动政府性融资担保基金不断发展壮大。"
    "但融资担保行业还存在业务聚焦不够、担保能力不强、银担合作不畅、风险分担补偿机制有待健全等问题。"
    "为进一步发挥政府性融资担保基金作用，引导更多金融资源支持小微企业和三农发展，现提出以下意见。";

static void sig_of(const char *const *parts, size_t n, char out[ZS_SIG_HEX + 1]) {
  zs_sig_builder b;
  zs_sig_init(&b);
  for (size_t i = 0; i < n; i++)
    zs_sig_add(&b, parts[i], strlen(parts[i]));
  zs_sig_hex(&b, out);
}

static int same_mins(const char *a, const char *b) {
  int same = 0;
  for (size_t k = 0; k < ZS_SIG_HASHES; k++)
    same += memcmp(a + 8 * k, b + 8 * k, 8) == 0;
  return same;
}

/* Line breaks, spaces, punctuation and how the text is cut into passages do
 * not change the signature; other text does. */
static void test_sig_layouts(void **state) {
  (void)state;
  char a[ZS_SIG_HEX + 1], b[ZS_SIG_HEX + 1], c[ZS_SIG_HEX + 1];
  const char *whole[] = {para};
  sig_of(whole, 1, a);
  assert_int_equal(strlen(a), ZS_SIG_HEX);
  /* the same text cut at other places, with spaces and full-width commas */
  size_t cut = 99; /* a character boundary: 33 characters of 3 bytes */
  char first[512], second[1024];
  snprintf(first, sizeof first, "%.*s \n", (int)cut, para);
  snprintf(second, sizeof second, "  %s", para + cut);
  const char *pieces[] = {first, second};
  sig_of(pieces, 2, b);
  assert_int_equal(same_mins(a, b), ZS_SIG_HASHES);
  const char *other[] = {
      "同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会。运动会申办全部经费由"
      "黑龙江省和哈尔滨市自行筹措，中央财政不予负担。请你们按照有关规定认真做好申办工作。"};
  sig_of(other, 1, c);
  assert_true(same_mins(a, c) < 8);
}

/* Appends n Han characters drawn by an LCG from *state to out (3 bytes each). */
static void han_text(char *out, size_t n, uint32_t *state) {
  for (size_t i = 0; i < n; i++) {
    *state = *state * 1664525u + 1013904223u;
    uint32_t c = 0x4E00 + (*state >> 8) % 3000;
    *out++ = (char)(0xE0 | c >> 12);
    *out++ = (char)(0x80 | (c >> 6 & 0x3F));
    *out++ = (char)(0x80 | (c & 0x3F));
  }
  *out = '\0';
}

/* |A∩B| / |A∪B| of the 5-character shingles of two texts of 3-byte characters. */
static double jaccard(const char *a, const char *b) {
  size_t na = strlen(a) / 3 - 4, nb = strlen(b) / 3 - 4, common = 0, distinct_a = 0;
  for (size_t i = 0; i < na; i++) {
    bool seen = false, in_b = false;
    for (size_t j = 0; j < i && !seen; j++)
      seen = memcmp(a + 3 * i, a + 3 * j, 15) == 0;
    if (seen)
      continue;
    distinct_a++;
    for (size_t j = 0; j < nb && !in_b; j++)
      in_b = memcmp(a + 3 * i, b + 3 * j, 15) == 0;
    common += in_b;
  }
  size_t distinct_b = 0;
  for (size_t i = 0; i < nb; i++) {
    bool seen = false;
    for (size_t j = 0; j < i && !seen; j++)
      seen = memcmp(b + 3 * i, b + 3 * j, 15) == 0;
    distinct_b += !seen;
  }
  return (double)common / (double)(distinct_a + distinct_b - common);
}

/* The share of equal minima estimates the Jaccard similarity without bias:
 * 40 texts, each against itself with a span replaced (J from 0.3 to 0.95).
 * One pair's estimate errs by about 0.05; hash functions that were not
 * independent of each other would err by far more. */
static void test_sig_estimates_jaccard(void **state) {
  (void)state;
  uint32_t rng = 12345;
  double abs_err = 0, bias = 0;
  const int pairs = 40;
  for (int t = 0; t < pairs; t++) {
    char a[3 * 160 + 1], b[3 * 160 + 1], span[3 * 60 + 1];
    han_text(a, 160, &rng);
    size_t len = 4 + (size_t)t, at = (size_t)(t * 7) % (160 - len);
    han_text(span, len, &rng);
    memcpy(b, a, sizeof a);
    memcpy(b + 3 * at, span, 3 * len);
    char sa[ZS_SIG_HEX + 1], sb[ZS_SIG_HEX + 1];
    const char *pa[] = {a}, *pb[] = {b};
    sig_of(pa, 1, sa);
    sig_of(pb, 1, sb);
    double err = (double)same_mins(sa, sb) / ZS_SIG_HASHES - jaccard(a, b);
    abs_err += err < 0 ? -err : err;
    bias += err;
  }
  assert_true(abs_err / pairs < 0.07);
  assert_true(bias / pairs < 0.03 && bias / pairs > -0.03);
}

/* A text too short to tell copies apart has no signature. */
static void test_sig_short(void **state) {
  (void)state;
  char a[ZS_SIG_HEX + 1];
  const char *tiny[] = {"附件：1.名单"};
  sig_of(tiny, 1, a);
  assert_string_equal(a, "");
  zs_sig_builder b;
  zs_sig_init(&b);
  zs_sig_add(&b, "\xff\xfe\xe4\xb8", 4); /* bad and cut UTF-8 is safe */
  zs_sig_hex(&b, a);
  assert_string_equal(a, "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sig_layouts),
      cmocka_unit_test(test_sig_short),
      cmocka_unit_test(test_sig_estimates_jaccard),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
