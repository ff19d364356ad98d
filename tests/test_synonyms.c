/* Unit tests for search/zs_synonyms: groups, one-way rules, folding of rule
 * terms, the user's own rules and the messages of malformed ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_fold.h"
#include "zs_synonyms.h"

/* ---- helpers ------------------------------------------------------------ */

/* The terms zs_synonyms_each gives, joined by '|' in the order given. */
typedef struct joined {
  char buf[1024];
  size_t at, n;
} joined;

static int join_term(void *ctx, const char *term, size_t len) {
  joined *j = ctx;
  int w =
      snprintf(j->buf + j->at, sizeof j->buf - j->at, "%s%.*s", j->n ? "|" : "", (int)len, term);
  assert_true(w > 0 && (size_t)w < sizeof j->buf - j->at);
  j->at += (size_t)w;
  j->n++;
  return 0;
}

/* Whether '|'-joined list has term as one of its items. */
static int has_item(const char *list, const char *term) {
  size_t tl = strlen(term);
  for (const char *p = list; (p = strstr(p, term)) != NULL; p++)
    if ((p == list || p[-1] == '|') && (p[tl] == '|' || p[tl] == '\0'))
      return 1;
  return 0;
}

/* The synonyms of word w, with their count checked against zs_synonyms_count. */
static joined synonyms_of(const zs_synonyms *syn, const char *w) {
  joined j = {.at = 0};
  assert_int_equal(zs_synonyms_each(syn, w, strlen(w), join_term, &j), 0);
  assert_int_equal(zs_synonyms_count(syn, w, strlen(w)), j.n);
  assert_false(has_item(j.buf, w)); /* never the word itself */
  return j;
}

static zs_synonyms *load(const char *user, unsigned flags) {
  zs_synonyms *syn = NULL;
  int rc = zs_synonyms_load(&syn, user, user ? strlen(user) : 0, "my.txt", flags);
  if (rc != ZS_OK)
    fail_msg("load: %s", zs_error_last());
  assert_non_null(syn);
  return syn;
}

/* Loading user fails with ZS_EINVAL (or code) and a message containing want. */
static void assert_load_error(const char *user, int code, const char *want) {
  zs_synonyms *syn = (zs_synonyms *)1;
  int rc = zs_synonyms_load(&syn, user, strlen(user), "my.txt", ZS_FOLD_DEFAULT);
  if (rc != code)
    fail_msg("%s: rc %d, want %d", user, rc, code);
  assert_null(syn);
  if (!strstr(zs_error_last(), want))
    fail_msg("%s: message '%s' lacks '%s'", user, zs_error_last(), want);
}

/* ---- tests -------------------------------------------------------------- */

/* A group (a = b = c) gives every member every other member, both ways. */
static void test_synonyms_groups_are_symmetric(void **state) {
  (void)state;
  zs_synonyms *syn = load(NULL, ZS_FOLD_DEFAULT);
  static const char *const group[] = {"计生协", "计划生育协会", "计生协会"};
  for (size_t i = 0; i < 3; i++) {
    joined j = synonyms_of(syn, group[i]);
    assert_int_equal(j.n, 2);
    for (size_t k = 0; k < 3; k++)
      if (k != i && !has_item(j.buf, group[k]))
        fail_msg("%s gives %s, not %s", group[i], j.buf, group[k]);
  }
  assert_string_equal(synonyms_of(syn, "育儿补贴").buf, "育儿津贴");
  assert_string_equal(synonyms_of(syn, "育儿津贴").buf, "育儿补贴");
  assert_string_equal(synonyms_of(syn, "二十大").buf, "党的二十大");
  assert_string_equal(synonyms_of(syn, "党的二十大").buf, "二十大");
  zs_synonyms_free(syn);
}

/* 'a => b c' is one way: a gives b and c, neither of them gives a. */
static void test_synonyms_arrow_is_one_way(void **state) {
  (void)state;
  zs_synonyms *syn = load(NULL, ZS_FOLD_DEFAULT);
  joined j = synonyms_of(syn, "失独家庭");
  assert_int_equal(j.n, 2);
  assert_true(has_item(j.buf, "计生特殊家庭"));
  assert_true(has_item(j.buf, "计划生育特殊家庭"));
  assert_false(has_item(synonyms_of(syn, "计生特殊家庭").buf, "失独家庭"));
  assert_false(has_item(synonyms_of(syn, "计划生育特殊家庭").buf, "失独家庭"));
  assert_false(has_item(synonyms_of(syn, "计生特殊家庭").buf, "失独"));
  zs_synonyms_free(syn);
  syn = load("甲 => 乙 丙\n", ZS_FOLD_DEFAULT);
  assert_string_equal(synonyms_of(syn, "甲").buf, "乙|丙");
  assert_int_equal(synonyms_of(syn, "乙").n, 0);
  assert_int_equal(synonyms_of(syn, "丙").n, 0);
  zs_synonyms_free(syn);
}

/* A term that several rules give is given once. */
static void test_synonyms_duplicates_given_once(void **state) {
  (void)state;
  zs_synonyms *syn = load("计生协 = 计划生育协会\n计生协 => 计生协会 计划生育协会\n"
                          "甲 = 乙\n甲 = 乙 = 丙\n甲 => 乙\n",
                          ZS_FOLD_DEFAULT);
  joined j = synonyms_of(syn, "计生协");
  assert_int_equal(j.n, 2);
  assert_true(has_item(j.buf, "计划生育协会"));
  assert_true(has_item(j.buf, "计生协会"));
  assert_string_equal(synonyms_of(syn, "甲").buf, "乙|丙");
  assert_string_equal(synonyms_of(syn, "乙").buf, "甲|丙");
  zs_synonyms_free(syn);
}

/* Rule terms are folded: traditional, full-width, upper-case terms match folded words. */
static void test_synonyms_rules_are_folded(void **state) {
  (void)state;
  zs_synonyms *syn = load("暖心家園 = 嫣然天使\nＡＢＣ協會 = 青春健康俱乐部\nSmile => 微笑行动\n",
                          ZS_FOLD_DEFAULT);
  assert_string_equal(synonyms_of(syn, "暖心家园").buf, "嫣然天使");
  assert_string_equal(synonyms_of(syn, "嫣然天使").buf, "暖心家园");
  assert_string_equal(synonyms_of(syn, "abc协会").buf, "青春健康俱乐部");
  assert_string_equal(synonyms_of(syn, "青春健康俱乐部").buf, "abc协会");
  assert_string_equal(synonyms_of(syn, "smile").buf, "微笑行动");
  assert_int_equal(synonyms_of(syn, "暖心家園").n, 0); /* lookups take folded words */
  assert_int_equal(synonyms_of(syn, "Smile").n, 0);
  zs_synonyms_free(syn);
  /* without T2S folding, traditional terms stay apart from simplified ones */
  syn = load("暖心家園 = 嫣然天使\n", 0);
  assert_string_equal(synonyms_of(syn, "暖心家園").buf, "嫣然天使");
  assert_int_equal(synonyms_of(syn, "暖心家园").n, 0);
  assert_string_equal(synonyms_of(syn, "计生协").buf, "计划生育协会|计生协会");
  zs_synonyms_free(syn);
}

/* The user's text adds rules (and comments, CRLF lines) to the built-in ones. */
static void test_synonyms_user_text_adds_rules(void **state) {
  (void)state;
  zs_synonyms *syn = load(NULL, ZS_FOLD_DEFAULT);
  assert_int_equal(synonyms_of(syn, "暖心家园").n, 0);
  zs_synonyms_free(syn);
  syn = load("# my rules\r\n暖心家园 = 嫣然天使   # a comment\r\n托育 = 托幼\r\n", ZS_FOLD_DEFAULT);
  assert_string_equal(synonyms_of(syn, "暖心家园").buf, "嫣然天使");
  joined j = synonyms_of(syn, "托育"); /* built-in 婴幼儿照护 and the user's 托幼 */
  assert_int_equal(j.n, 2);
  assert_true(has_item(j.buf, "婴幼儿照护"));
  assert_true(has_item(j.buf, "托幼"));
  assert_int_equal(synonyms_of(syn, "计生协").n, 2); /* built-ins are still there */
  assert_int_equal(synonyms_of(syn, "嫣然").n, 0);   /* whole words only */
  zs_synonyms_free(syn);
}

/* Malformed rules fail the load with the source, the line number and why. */
static void test_synonyms_malformed_rules_named(void **state) {
  (void)state;
  assert_load_error("暖心家园\n", ZS_EINVAL, "my.txt: line 1: a group needs two terms or more");
  assert_load_error("甲 = 乙\n# comment\n丙 =\n", ZS_EINVAL,
                    "my.txt: line 3: a group needs two terms or more");
  assert_load_error("甲 = 乙\n甲 =>\n", ZS_EINVAL,
                    "my.txt: line 2: '=>' needs terms on both sides");
  assert_load_error("=> 乙\n", ZS_EINVAL, "my.txt: line 1: '=>' needs terms on both sides");
  /* blank lines count: the number is the line an editor shows */
  assert_load_error("甲 = 乙\n\n\n丙 =\n", ZS_EINVAL,
                    "my.txt: line 4: a group needs two terms or more");
  char many[1024] = "甲";
  for (int i = 0; i < 40; i++)
    snprintf(many + strlen(many), sizeof many - strlen(many), " = t%d", i);
  assert_load_error(many, ZS_ETOOBIG, "my.txt: line 1: more than 32 terms in one rule");
  /* lines of only spaces and tabs are no rule */
  zs_synonyms *syn = load("   \n\t\n", ZS_FOLD_DEFAULT);
  zs_synonyms_free(syn);
}

/* A callback's non-zero value stops the walk and is returned. */
static int stop_at_first(void *ctx, const char *term, size_t len) {
  (void)term;
  (void)len;
  ++*(int *)ctx;
  return 7;
}

/* each() stops at the callback's first non-zero value; NULL synonyms give nothing. */
static void test_synonyms_each_stops(void **state) {
  (void)state;
  zs_synonyms *syn = load(NULL, ZS_FOLD_DEFAULT);
  int calls = 0;
  assert_int_equal(zs_synonyms_each(syn, "计生协", strlen("计生协"), stop_at_first, &calls), 7);
  assert_int_equal(calls, 1);
  assert_int_equal(zs_synonyms_count(NULL, "计生协", strlen("计生协")), 0);
  zs_synonyms_free(syn);
  zs_synonyms_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_synonyms_groups_are_symmetric),
      cmocka_unit_test(test_synonyms_arrow_is_one_way),
      cmocka_unit_test(test_synonyms_duplicates_given_once),
      cmocka_unit_test(test_synonyms_rules_are_folded),
      cmocka_unit_test(test_synonyms_user_text_adds_rules),
      cmocka_unit_test(test_synonyms_malformed_rules_named),
      cmocka_unit_test(test_synonyms_each_stops),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
