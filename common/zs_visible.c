/* zs_visible: control characters as Unicode's control pictures (U+2400..),
 * which every CJK font has; written by hand since it is a table of 33 entries. */
#include "zs_visible.h"

#include <string.h>
#include <unistd.h>

size_t zs_control_len(const char *s, size_t len) {
  unsigned char c = (unsigned char)s[0];
  if ((c < 0x20 && c != '\t') || c == 0x7F)
    return 1;
  if (c == 0xC2 && len >= 2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9F)
    return 2;
  return 0;
}

static size_t control_len(const char *s, size_t i, size_t len) {
  return zs_control_len(s + i, len - i);
}

/* The UTF-8 picture of the control character c (first byte) into out[3]. */
static void picture(unsigned char c, char out[3]) {
  unsigned cp = c == 0x7F ? 0x2421 : c == 0xC2 ? 0xFFFD : 0x2400 + c;
  out[0] = (char)(0xE0 | (cp >> 12));
  out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[2] = (char)(0x80 | (cp & 0x3F));
}

bool zs_has_control(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (control_len(s, i, len))
      return true;
  return false;
}

void zs_fput_visible(FILE *out, const char *s, size_t len) {
  size_t from = 0;
  for (size_t i = 0; i < len;) {
    size_t n = control_len(s, i, len);
    if (!n) {
      i++;
      continue;
    }
    char pic[3];
    picture((unsigned char)s[i], pic);
    fwrite(s + from, 1, i - from, out);
    fwrite(pic, 1, sizeof pic, out);
    i += n;
    from = i;
  }
  fwrite(s + from, 1, len - from, out);
}

const char *zs_visible(const char *s, char *buf, size_t size) {
  size_t len = strlen(s);
  if (!zs_has_control(s, len) || size == 0)
    return s;
  size_t at = 0;
  for (size_t i = 0; i < len;) {
    size_t n = control_len(s, i, len);
    size_t width = n ? 3 : 1;
    /* a multi-byte character is copied whole or not at all */
    if (!n && ((unsigned char)s[i] & 0xC0) == 0xC0) {
      width = 1;
      while (i + width < len && ((unsigned char)s[i + width] & 0xC0) == 0x80)
        width++;
    }
    if (at + width >= size)
      break;
    if (n)
      picture((unsigned char)s[i], buf + at);
    else
      memcpy(buf + at, s + i, width);
    at += width;
    i += n ? n : width;
  }
  buf[at] = '\0';
  return buf;
}

bool zs_cell_is_formula(const char *s) {
  return strchr("=+-@\t\r", s[0]) && s[0] != '\0';
}

const char *zs_visible_path(const char *abs_path, char *buf, size_t size) {
  char cwd[4096];
  const char *path = abs_path;
  if (getcwd(cwd, sizeof cwd)) {
    size_t n = strlen(cwd);
    if (n > 1 && strncmp(abs_path, cwd, n) == 0 && abs_path[n] == '/')
      path = abs_path + n + 1;
  }
  return zs_visible(path, buf, size); /* a file may be named "\033[2J.txt" */
}
