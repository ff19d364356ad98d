/* zs_heading: the structure half of zs_clean — numbering at line starts, headings
 * and inline headings with their nesting levels, and which leading lines make the title. */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "zs_clean_int.h"
#include "zs_utf8.h"

#define NEWS_MAX_CP 40  /* "01 …" section numbers only count on short lines */
#define TITLE_MAX_CP 64 /* a title line is short */
#define MAX_NUMERALS 4  /* 一百二十 */

bool zs_is_stop(UChar32 c) {
  switch (c) {
  case 0x3002:
  case 0xFF61:
  case 0xFF01:
  case 0xFF1F:
  case 0xFF1B:
  case '!':
  case '?':
  case ';': return true;
  default: return false;
  }
}

bool zs_is_end(UChar32 c) {
  return zs_is_stop(c) || c == 0xFF1A || c == ':' || c == 0x2026;
}

bool zs_is_clause(UChar32 c) {
  return c == 0xFF0C || c == ',' || c == 0x3001;
}

bool zs_is_closer(UChar32 c) {
  if (c < 0)
    return false;
  int8_t t = u_charType(c);
  return t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION || c == '"' || c == '\'';
}

UChar32 zs_next_cp(const char *s, size_t len, size_t *i) {
  if (*i >= len)
    return -1;
  UChar32 c;
  U8_NEXT((const uint8_t *)s, *i, len, c);
  return c;
}

static UChar32 peek_cp(const char *s, size_t len, size_t i) {
  return zs_next_cp(s, len, &i);
}

static size_t skip_spaces(const char *s, size_t len, size_t i) {
  for (size_t j = i; j < len; i = j) {
    UChar32 c = zs_next_cp(s, len, &j);
    if (c < 0 || !u_isUWhiteSpace(c))
      break;
  }
  return i;
}

static bool is_han(UChar32 c) {
  UErrorCode e = U_ZERO_ERROR;
  return c >= 0 && uscript_getScript(c, &e) == USCRIPT_HAN;
}

/* 一 … 十, 百, 〇, 零 and the like: ICU knows their numeric values. */
static bool cn_numeral(UChar32 c) {
  if (!is_han(c))
    return false;
  double v = u_getNumericValue(c);
  return v != U_NO_NUMERIC_VALUE && v >= 0 && v <= 100;
}

/* Skips up to max+1 code points satisfying pred; returns how many. */
static size_t take_run(const char *s, size_t len, size_t *i, bool (*pred)(UChar32), size_t max) {
  size_t n = 0;
  while (n <= max && pred(peek_cp(s, len, *i))) {
    zs_next_cp(s, len, i);
    n++;
  }
  return n;
}

static bool is_digit(UChar32 c) {
  return c >= 0 && u_isdigit(c);
}

/* （一） (十一) （1）: the opening parenthesis has been read. */
static int paren_numbering(const char *s, size_t len, size_t *i) {
  *i = skip_spaces(s, len, *i);
  int kind = ZS_NUM_CN_PAREN;
  size_t n = take_run(s, len, i, cn_numeral, MAX_NUMERALS);
  if (n == 0) {
    kind = ZS_NUM_AR_PAREN;
    n = take_run(s, len, i, is_digit, 2);
    if (n > 2)
      return ZS_NUM_NONE;
  }
  if (n == 0 || n > MAX_NUMERALS)
    return ZS_NUM_NONE;
  *i = skip_spaces(s, len, *i);
  UChar32 c = zs_next_cp(s, len, i);
  return c == ')' || c == 0xFF09 ? kind : ZS_NUM_NONE;
}

/* 01 … 09 followed by a space or a Han character (not a date: 09年), on a short
 * line without sentence ends. */
static int news_numbering(const char *s, size_t len, size_t *i) {
  zs_next_cp(s, len, i); /* the 0 */
  UChar32 d = zs_next_cp(s, len, i);
  if (!is_digit(d) || u_charDigitValue(d) == 0 || is_digit(peek_cp(s, len, *i)))
    return ZS_NUM_NONE;
  size_t j = skip_spaces(s, len, *i);
  UChar32 c = peek_cp(s, len, j);
  if ((j == *i && !is_han(c)) || c == 0x5E74 || c == 0x6708 || c == 0x65E5 || c == 0x53F7)
    return ZS_NUM_NONE;
  if (zs_utf8_count(s, len) > NEWS_MAX_CP)
    return ZS_NUM_NONE;
  for (size_t k = 0; k < len;)
    if (zs_is_stop(zs_next_cp(s, len, &k)))
      return ZS_NUM_NONE;
  return ZS_NUM_NEWS;
}

/* 1． 1. 1、 followed by something other than a digit (1.8亿 is a number). */
static int arabic_numbering(const char *s, size_t len, size_t *i) {
  if (u_charDigitValue(peek_cp(s, len, *i)) == 0)
    return news_numbering(s, len, i);
  if (take_run(s, len, i, is_digit, 2) > 2)
    return ZS_NUM_NONE;
  UChar32 c = zs_next_cp(s, len, i);
  if (c != '.' && c != 0xFF0E && c != 0x3001)
    return ZS_NUM_NONE;
  return is_digit(peek_cp(s, len, *i)) ? ZS_NUM_NONE : ZS_NUM_AR;
}

int zs_numbering(const char *s, size_t len, size_t *prefix) {
  size_t i = 0;
  int kind = ZS_NUM_NONE;
  UChar32 c = peek_cp(s, len, 0);
  if (c == '(' || c == 0xFF08) {
    zs_next_cp(s, len, &i);
    kind = paren_numbering(s, len, &i);
  } else if (cn_numeral(c)) {
    /* 一、 but not 一、二季度 */
    if (take_run(s, len, &i, cn_numeral, MAX_NUMERALS) <= MAX_NUMERALS &&
        zs_next_cp(s, len, &i) == 0x3001 && !cn_numeral(peek_cp(s, len, i)))
      kind = ZS_NUM_CN;
  } else if (is_digit(c)) {
    kind = arabic_numbering(s, len, &i);
  }
  *prefix = kind ? skip_spaces(s, len, i) : 0;
  return kind;
}

bool zs_title_line(const zs_line *l, bool first) {
  bool dashes = l->len >= 6 && memcmp(l->s, "\xE2\x80\x94\xE2\x80\x94", 6) == 0;
  if (l->md && (first || l->md == 1))
    return true;
  if (l->md && !dashes)
    return false;
  if (l->list || l->num || l->ncp > TITLE_MAX_CP)
    return false;
  for (size_t i = 0; i < l->len;) {
    UChar32 c = zs_next_cp(l->s, l->len, &i);
    if (zs_is_end(c) || zs_is_clause(c))
      return false;
  }
  return true;
}

/* 〔2026〕 [2026] 【2026】 （2026） then a number and 号 at the end. */
bool zs_docnum_line(const char *s, size_t len) {
  static const char hao[] = "\xE5\x8F\xB7"; /* 号 */
  if (len < 3 || memcmp(s + len - 3, hao, 3) != 0)
    return false;
  for (size_t i = 0; i < len;) {
    UChar32 c = zs_next_cp(s, len, &i);
    if (c != 0x3014 && c != '[' && c != 0x3010 && c != 0xFF08 && c != '(')
      continue;
    size_t j = i;
    if (take_run(s, len, &j, is_digit, 4) != 4)
      continue;
    c = zs_next_cp(s, len, &j);
    if (c == 0x3015 || c == ']' || c == 0x3011 || c == 0xFF09 || c == ')')
      return true;
  }
  return false;
}

/* Bytes of the first sentence after the numbering (through 。！？： and closing
 * quotes), or 0 when none ends before the text does. */
static size_t first_sentence(const char *s, size_t len, size_t from) {
  size_t i = from;
  while (i < len) {
    UChar32 c = zs_next_cp(s, len, &i);
    bool colon = c == 0xFF1A || (c == ':' && !is_digit(peek_cp(s, len, i)));
    if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?' || colon) {
      while (i < len && zs_is_closer(peek_cp(s, len, i)))
        zs_next_cp(s, len, &i);
      return i;
    }
  }
  return 0;
}

/* No sentence ends inside (one at the very end, before closing quotes, is allowed). */
static bool no_inner_stop(const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    if (!zs_is_stop(zs_next_cp(s, len, &i)))
      continue;
    size_t j = i;
    while (j < len) {
      UChar32 c = zs_next_cp(s, len, &j);
      if (!zs_is_closer(c) && !u_isUWhiteSpace(c))
        return false;
    }
  }
  return true;
}

static size_t trim_end(const char *s, size_t len) {
  while (len > 0 && s[len - 1] == ' ')
    len--;
  return len;
}

/* Decides the heading kind of one paragraph; returns its style key (0: none). */
static int heading_style(zs_para *p) {
  zs_block *b = &p->b;
  size_t pre;
  int num = zs_numbering(b->text, b->len, &pre);
  if (p->md) {
    b->kind = ZS_BLOCK_HEADING;
    return num ? num : ZS_STYLE_MD + p->md;
  }
  if (p->list)
    return 0;
  if (p->bold && p->bold < b->len) {
    size_t n = trim_end(b->text, p->bold);
    if (n == 0 || zs_utf8_count(b->text, n) > ZS_HEAD_MAX_CP)
      return 0;
    b->inline_heading_len = n;
    num = zs_numbering(b->text, n, &pre);
    return num ? num : ZS_STYLE_BOLD;
  }
  bool short_text = zs_utf8_count(b->text, b->len) <= ZS_HEAD_MAX_CP;
  if (p->bold && short_text) {
    b->kind = ZS_BLOCK_HEADING;
    return num ? num : ZS_STYLE_BOLD;
  }
  if (!num)
    return 0;
  size_t e = first_sentence(b->text, b->len, pre);
  if (e && e < b->len) {
    if (zs_utf8_count(b->text, e) > ZS_HEAD_MAX_CP)
      return 0;
    b->inline_heading_len = e;
    return num;
  }
  if (!short_text || !no_inner_stop(b->text, b->len))
    return 0;
  b->kind = ZS_BLOCK_HEADING;
  return num;
}

/* Nesting by first appearance: a style already on the stack pops back to it, a
 * new one goes one level deeper. */
static int stack_level(int *stack, int *depth, int key) {
  for (int i = 0; i < *depth; i++)
    if (stack[i] == key) {
      *depth = i + 1;
      return *depth;
    }
  if (*depth < ZS_CLEAN_MAX_DEPTH)
    stack[(*depth)++] = key;
  else
    stack[ZS_CLEAN_MAX_DEPTH - 1] = key;
  return *depth;
}

void zs_classify(zs_para *p, size_t n) {
  int stack[ZS_CLEAN_MAX_DEPTH];
  int depth = 0;
  for (size_t i = 0; i < n; i++) {
    zs_block *b = &p[i].b;
    if (b->kind == ZS_BLOCK_TITLE || p[i].dropped)
      continue;
    int key = heading_style(&p[i]);
    if (!key)
      continue;
    int level = stack_level(stack, &depth, key);
    if (b->kind == ZS_BLOCK_HEADING)
      b->level = level;
    else
      b->inline_level = level;
  }
}
