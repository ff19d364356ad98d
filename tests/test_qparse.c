/* Unit tests for search/zs_qparse: the tree each query shape gives, and the
 * column that the message of each malformed query points at. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_qparse.h"

/* ---- helpers ------------------------------------------------------------ */

/* Writes n as a compact S-expression: TEXT 'x', EXACT "x", FIELD field:v,
 * (AND a b), (OR a b), (NOT a). */
static void show(const zs_qnode *n, char *buf, size_t size, size_t *at) {
  static const char *const ops[] = {[ZS_Q_AND] = "AND", [ZS_Q_OR] = "OR", [ZS_Q_NOT] = "NOT"};
  int w = 0;
  switch (n->kind) {
  case ZS_Q_TEXT: w = snprintf(buf + *at, size - *at, "'%s'", n->text); break;
  case ZS_Q_EXACT: w = snprintf(buf + *at, size - *at, "\"%s\"", n->text); break;
  case ZS_Q_FIELD:
    w = snprintf(buf + *at, size - *at, "%s:%s", zs_qfield_name(n->field), n->text);
    break;
  default:
    w = snprintf(buf + *at, size - *at, "(%s", ops[n->kind]);
    *at += (size_t)w;
    for (size_t i = 0; i < n->nkids; i++) {
      w = snprintf(buf + *at, size - *at, " ");
      *at += (size_t)w;
      show(n->kids[i], buf, size, at);
    }
    w = snprintf(buf + *at, size - *at, ")");
    break;
  }
  *at += (size_t)w;
  assert_true(*at < size);
}

/* Parses q and checks its tree prints as want. */
static void assert_tree(const char *q, const char *want) {
  zs_qnode *n = NULL;
  int rc = zs_qparse(&n, q, strlen(q));
  if (rc != ZS_OK)
    fail_msg("%s: %s", q, zs_error_last());
  char buf[1024];
  size_t at = 0;
  show(n, buf, sizeof buf, &at);
  if (strcmp(buf, want) != 0)
    fail_msg("%s parsed as %s, want %s", q, buf, want);
  zs_qnode_free(n);
}

/* Parses q (expecting one node) and returns it; the caller frees it. */
static zs_qnode *parse_ok(const char *q) {
  zs_qnode *n = NULL;
  if (zs_qparse(&n, q, strlen(q)) != ZS_OK)
    fail_msg("%s: %s", q, zs_error_last());
  return n;
}

/* Parsing q fails with ZS_EINVAL and a message containing want. */
static void assert_error(const char *q, const char *want) {
  zs_qnode *n = (zs_qnode *)1;
  int rc = zs_qparse(&n, q, strlen(q));
  if (rc != ZS_EINVAL)
    fail_msg("%s: rc %d, want ZS_EINVAL", q, rc);
  assert_null(n);
  if (!strstr(zs_error_last(), want))
    fail_msg("%s: message '%s' lacks '%s'", q, zs_error_last(), want);
}

/* ---- tree shapes -------------------------------------------------------- */

/* One word is a TEXT leaf; words separated by spaces are ANDed in order. */
static void test_qparse_words_and(void **state) {
  (void)state;
  assert_tree("育儿补贴", "'育儿补贴'");
  assert_tree("暖心家园 保险", "(AND '暖心家园' '保险')");
  assert_tree("a  b\tc", "(AND 'a' 'b' 'c')");
  assert_tree("托育　服务", "(AND '托育' '服务')"); /* U+3000 separates too */
  assert_tree("  唇腭裂  ", "'唇腭裂'");
}

/* OR binds looser than AND: a b OR c is (a AND b) OR c. */
static void test_qparse_or_precedence(void **state) {
  (void)state;
  assert_tree("唇腭裂 OR 嫣然", "(OR '唇腭裂' '嫣然')");
  assert_tree("a b OR c", "(OR (AND 'a' 'b') 'c')");
  assert_tree("a OR b c", "(OR 'a' (AND 'b' 'c'))");
  assert_tree("a OR b OR c", "(OR 'a' 'b' 'c')");
  assert_tree("a or b", "(AND 'a' 'or' 'b')"); /* only upper-case OR is the operator */
}

/* -word and NOT word both exclude; a dash inside a word or alone is text. */
static void test_qparse_not_and_minus(void **state) {
  (void)state;
  assert_tree("暖心家园 -保险", "(AND '暖心家园' (NOT '保险'))");
  assert_tree("暖心家园 NOT 保险", "(AND '暖心家园' (NOT '保险'))");
  assert_tree("-保险", "(NOT '保险')");
  assert_tree("NOT 保险", "(NOT '保险')");
  assert_tree("- -a", "(AND '-' (NOT 'a'))");
  assert_tree("5-10", "'5-10'");
  assert_tree("--a", "(NOT (NOT 'a'))");
  assert_tree("a -\"b c\"", "(AND 'a' (NOT \"b c\"))");
  assert_tree("a -(b OR c)", "(AND 'a' (NOT (OR 'b' 'c')))");
  assert_tree("a -year:2025", "(AND 'a' (NOT year:2025))");
}

/* Parentheses group, nest, and need no spaces around them. */
static void test_qparse_parentheses(void **state) {
  (void)state;
  assert_tree("(托育 OR 托幼) 服务", "(AND (OR '托育' '托幼') '服务')");
  assert_tree("((a))", "'a'");
  assert_tree("a(b OR c)d", "(AND 'a' (OR 'b' 'c') 'd')");
  assert_tree("(a OR (b -c)) OR d", "(OR (OR 'a' (AND 'b' (NOT 'c'))) 'd')");
  char deep[256];
  size_t at = 0;
  for (int i = 0; i < 100; i++)
    deep[at++] = '(';
  deep[at++] = 'x';
  for (int i = 0; i < 100; i++)
    deep[at++] = ')';
  deep[at] = '\0';
  assert_tree(deep, "'x'"); /* 100 levels are allowed */
}

/* "…" and “…” are EXACT leaves keeping spaces, operators and parentheses as text. */
static void test_qparse_quotes(void **state) {
  (void)state;
  assert_tree("\"计生协\"", "\"计生协\"");
  assert_tree("“计生协”", "\"计生协\"");
  assert_tree("“计生协\"", "\"计生协\""); /* any quote mark closes */
  assert_tree("\"a OR (b) -c NOT\"", "\"a OR (b) -c NOT\"");
  assert_tree("\"育儿 补贴\" 托育", "(AND \"育儿 补贴\" '托育')");
  assert_tree("青春\"健康\"", "(AND '青春' \"健康\")");
  assert_tree("\"a\"\"b\"", "(AND \"a\" \"b\")");
}

/* Inside quotes a backslash makes the next character literal: \" “ is a quote mark. */
static void test_qparse_escaped_quotes(void **state) {
  (void)state;
  assert_tree("\"\\\"三提三效\\\"\"", "\"\"三提三效\"\"");
  assert_tree("\"\\“暖心家园\\”\"", "\"“暖心家园”\"");
  assert_tree("\"a\\\\b\"", "\"a\\b\"");
  zs_qnode *n = parse_ok("\"x\\\"y\"");
  assert_int_equal(n->kind, ZS_Q_EXACT);
  assert_int_equal(n->len, 3);
  assert_memory_equal(n->text, "x\"y", 3);
  zs_qnode_free(n);
}

/* Each field is a FIELD node with its value as typed; any case, full-width colon too. */
static void test_qparse_fields(void **state) {
  (void)state;
  static const struct {
    const char *q;
    zs_qfield field;
    const char *value;
  } cases[] = {
      {"year:2025", ZS_FIELD_YEAR, "2025"},
      {"year:2020..2023", ZS_FIELD_YEAR, "2020..2023"},
      {"year:2020..", ZS_FIELD_YEAR, "2020.."},
      {"year:..2023", ZS_FIELD_YEAR, "..2023"},
      {"province:湖南", ZS_FIELD_PROVINCE, "湖南"},
      {"type:工作要点", ZS_FIELD_TYPE, "工作要点"},
      {"doc:henan", ZS_FIELD_DOC, "henan"},
      {"heading:服务群众健康", ZS_FIELD_HEADING, "服务群众健康"},
      {"YEAR:2025", ZS_FIELD_YEAR, "2025"},
      {"Province:湖南", ZS_FIELD_PROVINCE, "湖南"},
      {"year：2025", ZS_FIELD_YEAR, "2025"},
      {"province：贵州省", ZS_FIELD_PROVINCE, "贵州省"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    zs_qnode *n = parse_ok(cases[i].q);
    assert_int_equal(n->kind, ZS_Q_FIELD);
    assert_int_equal(n->field, cases[i].field);
    assert_string_equal(n->text, cases[i].value);
    assert_int_equal(n->len, strlen(cases[i].value));
    assert_int_equal(n->column, 1);
    zs_qnode_free(n);
  }
  assert_string_equal(zs_qfield_name(ZS_FIELD_HEADING), "heading");
  assert_string_equal(zs_qfield_name(ZS_FIELD_DOC), "doc");
}

/* A quoted field value keeps spaces and escapes; an unquoted one ends at a space or ')'. */
static void test_qparse_quoted_field_values(void **state) {
  (void)state;
  assert_tree("heading:\"服务群众健康 促进健康贵州建设\"", "heading:服务群众健康 促进健康贵州建设");
  assert_tree("heading:“统筹 做好”", "heading:统筹 做好");
  assert_tree("heading：\"a\\\"b\"", "heading:a\"b");
  assert_tree("(province:河南 OR province:湖南) type:工作要点",
              "(AND (OR province:河南 province:湖南) type:工作要点)");
  assert_tree("育儿补贴 province:河南 year:2025..", "(AND '育儿补贴' province:河南 year:2025..)");
  assert_tree("\"year:2025\"", "\"year:2025\""); /* in quotes a colon is text */
  assert_tree("10:30", "'10:30'");               /* no letters before the colon */
  zs_qnode *n = parse_ok("a heading:\"x y\"");
  assert_int_equal(n->kids[1]->kind, ZS_Q_FIELD);
  assert_int_equal(n->kids[1]->column, 3);
  zs_qnode_free(n);
}

/* Each node records the column (in characters, not bytes) where it starts. */
static void test_qparse_columns_count_characters(void **state) {
  (void)state;
  zs_qnode *n = parse_ok("育儿补贴 OR 托育 \"暖心\" -保险");
  assert_int_equal(n->kind, ZS_Q_OR);
  assert_int_equal(n->kids[0]->column, 1);
  const zs_qnode *and = n->kids[1];
  assert_int_equal(and->kind, ZS_Q_AND);
  assert_int_equal(and->kids[0]->column, 9);  /* 托育 */
  assert_int_equal(and->kids[1]->column, 12); /* "暖心" */
  assert_int_equal(and->kids[2]->column, 17); /* -保险 */
  assert_int_equal(and->kids[2]->kids[0]->column, 18);
  zs_qnode_free(n);
}

/* ---- errors ------------------------------------------------------------- */

/* Unbalanced quotes are reported at the opening quote. */
static void test_qparse_unbalanced_quotes(void **state) {
  (void)state;
  assert_error("\"育儿补贴", "unterminated quote at column 1");
  assert_error("育儿补贴\"", "unterminated quote at column 5");
  assert_error("“育儿补贴", "unterminated quote at column 1");
  assert_error("托育 ”育儿", "unterminated quote at column 4");
  assert_error("\"a\\\"", "unterminated quote at column 1"); /* the escaped quote does not close */
  assert_error("heading:\"abc", "unterminated quote at column 9");
}

/* Unbalanced or empty parentheses name the column of the culprit. */
static void test_qparse_unbalanced_parentheses(void **state) {
  (void)state;
  assert_error("(育儿 OR 托育", "parenthesis opened at column 1 is not closed");
  assert_error("a (b (c) d", "parenthesis opened at column 3 is not closed");
  assert_error("(", "parenthesis opened at column 1 is not closed");
  assert_error("a (", "parenthesis opened at column 3 is not closed");
  assert_error("育儿)", "unmatched ')' at column 3");
  assert_error(")", "unmatched ')' at column 1");
  assert_error("(a))", "unmatched ')' at column 4");
  assert_error("()", "empty parentheses at column 1");
  assert_error("a ( )", "empty parentheses at column 3");
}

/* OR and NOT without an operand name their own column. */
static void test_qparse_operator_without_operand(void **state) {
  (void)state;
  assert_error("OR 育儿", "OR at column 1 has nothing on its left");
  assert_error("育儿 OR", "OR at column 4 has nothing on its right");
  assert_error("育儿 OR OR 托育", "OR at column 4 has nothing on its right");
  assert_error("(育儿 OR)", "OR at column 5 has nothing on its right");
  assert_error("(OR 育儿)", "OR at column 2 has nothing on its left");
  assert_error("NOT", "nothing to exclude after column 1");
  assert_error("育儿 NOT", "nothing to exclude after column 4");
  assert_error("a NOT OR b", "nothing to exclude after column 3");
  assert_error("(-)", "nothing to exclude after column 2");
}

/* Unknown fields and fields without a value are rejected at the field. */
static void test_qparse_bad_fields(void **state) {
  (void)state;
  assert_error("foo:bar", "unknown field 'foo' at column 1");
  assert_error("育儿 colour:red", "unknown field 'colour' at column 4");
  assert_error("year:", "field year at column 1 has no value");
  assert_error("a heading: b", "field heading at column 3 has no value");
  assert_error("doc:\"\"", "field doc at column 1 has no value");
  assert_error("(province:)", "field province at column 2 has no value");
}

/* Empty input, only spaces, empty quotes: nothing to search. */
static void test_qparse_empty(void **state) {
  (void)state;
  assert_error("", "the query is empty");
  assert_error("   ", "the query is empty");
  assert_error("　　", "the query is empty");
  assert_error("\"\"", "empty quotes at column 1");
  assert_error("育儿 “”", "empty quotes at column 4");
}

/* A query is UTF-8 and at most ZS_QUERY_MAX_BYTES long: refused before any
 * work (a 1 MB query once took a minute and 1.7 GB). */
static void test_qparse_bounds(void **state) {
  (void)state;
  assert_error("育儿\xff补贴", "not valid UTF-8 (byte 0xFF at offset 6)");
  assert_error("\xe8\x82", "not valid UTF-8 (byte 0xE8 at offset 0)");
  static char q[ZS_QUERY_MAX_BYTES + 2];
  for (size_t i = 0; i + 3 <= ZS_QUERY_MAX_BYTES; i += 3)
    memcpy(q + i, "育", 3);
  zs_qnode_free(parse_ok(q));
  strcat(q, "x");
  zs_qnode *n = (zs_qnode *)1;
  assert_int_equal(zs_qparse(&n, q, strlen(q)), ZS_ETOOBIG);
  assert_null(n);
  assert_non_null(strstr(zs_error_last(), "the limit is 3000 bytes"));
}

/* Nesting past 100 levels (parentheses or exclusions) is refused, not recursed. */
static void test_qparse_nesting_limit(void **state) {
  (void)state;
  static char q[ZS_QUERY_MAX_BYTES + 8];
  memset(q, '(', 150);
  strcpy(q + 150, "x");
  assert_error(q, "parentheses nested too deeply at column 101");
  memset(q, '-', ZS_QUERY_MAX_BYTES - 1); /* far past any stack a recursion may use */
  strcpy(q + ZS_QUERY_MAX_BYTES - 1, "x");
  assert_error(q, "exclusions nested too deeply at column 101");
  size_t nots = (ZS_QUERY_MAX_BYTES - 1) / 4;
  for (size_t i = 0; i < nots; i++)
    memcpy(q + 4 * i, "NOT ", 4);
  strcpy(q + 4 * nots, "x");
  assert_error(q, "exclusions nested too deeply at column 401");
  memset(q, '-', 100);
  strcpy(q + 100, "x");
  zs_qnode *n = parse_ok(q); /* 100 exclusions are still fine */
  zs_qnode_free(n);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_qparse_words_and),
      cmocka_unit_test(test_qparse_or_precedence),
      cmocka_unit_test(test_qparse_not_and_minus),
      cmocka_unit_test(test_qparse_parentheses),
      cmocka_unit_test(test_qparse_quotes),
      cmocka_unit_test(test_qparse_escaped_quotes),
      cmocka_unit_test(test_qparse_fields),
      cmocka_unit_test(test_qparse_quoted_field_values),
      cmocka_unit_test(test_qparse_columns_count_characters),
      cmocka_unit_test(test_qparse_unbalanced_quotes),
      cmocka_unit_test(test_qparse_unbalanced_parentheses),
      cmocka_unit_test(test_qparse_operator_without_operand),
      cmocka_unit_test(test_qparse_bad_fields),
      cmocka_unit_test(test_qparse_empty),
      cmocka_unit_test(test_qparse_nesting_limit),
      cmocka_unit_test(test_qparse_bounds),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
