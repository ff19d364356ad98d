/* zs_boilerplate: lines that are a web page's controls rather than its text
 * (扫一扫在手机打开当前页, 【打印本页】【关闭窗口】), in any format they reach us. */
#ifndef ZS_BOILERPLATE_H
#define ZS_BOILERPLATE_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s[0..len) is made only of such controls and the brackets, bars and
 * spaces between them. Closed list: a sentence that mentions printing is text. */
bool zs_boilerplate_line(const char *s, size_t len);

#endif
