/* zs_boilerplate: a closed list of the controls saved and printed pages carry
 * (gov.cn and provincial sites alike), matched as whole lines only. */
#include "zs_boilerplate.h"

#include <string.h>

static const char *const controls[] = {"扫一扫在手机打开当前页",
                                       "扫一扫在手机上查看当前页面",
                                       "扫一扫在手机打开",
                                       "用手机扫一扫",
                                       "打印本页",
                                       "打印此页",
                                       "打印",
                                       "关闭窗口",
                                       "关闭本页",
                                       "关闭",
                                       "保存本页",
                                       "收藏本页",
                                       "返回顶部",
                                       "回到顶部",
                                       "返回首页",
                                       "返回",
                                       "分享到",
                                       "字体",
                                       "字号",
                                       "大",
                                       "中",
                                       "小",
                                       "默认",
                                       "加入收藏",
                                       "设为首页",
                                       "【",
                                       "】",
                                       "[",
                                       "]",
                                       "|",
                                       "｜",
                                       "：",
                                       ":",
                                       "/",
                                       "／",
                                       "·",
                                       " ",
                                       "\t",
                                       "　",
                                       NULL};

bool zs_boilerplate_line(const char *s, size_t len) {
  size_t at = 0, words = 0;
  bool control_word = false;
  while (at < len) {
    size_t best = 0, best_i = 0;
    for (size_t i = 0; controls[i]; i++) { /* longest first, so 打印本页 beats 打印 */
      size_t cl = strlen(controls[i]);
      if (cl > best && at + cl <= len && memcmp(s + at, controls[i], cl) == 0) {
        best = cl;
        best_i = i;
      }
    }
    if (!best)
      return false;
    /* a real control, not only the bits around one (大, 中, 小 alone are words) */
    if (strlen(controls[best_i]) >= 6)
      control_word = true;
    words++;
    at += best;
  }
  return words > 0 && control_word;
}
