/* Unit tests of zs_boilerplate: a page's controls are found as whole lines
 * only; text that mentions them is text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "zs_boilerplate.h"

static bool line(const char *s) {
  return zs_boilerplate_line(s, strlen(s));
}

static void test_controls(void **state) {
  (void)state;
  assert_true(line("扫一扫在手机打开当前页"));
  assert_true(line("【打印本页】【关闭窗口】"));
  assert_true(line("保存本页 | 打印本页 | 关闭窗口"));
  assert_true(line("【字体：大 中 小】"));
  assert_false(line(""));
  assert_false(line("【】"));
  assert_false(line("大 中 小"));
  assert_false(line("请各单位打印本页并关闭窗口后上报。"));
  assert_false(line("打印本页所列名单"));
  assert_false(line("关于开展扫一扫活动的通知"));
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_controls)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
