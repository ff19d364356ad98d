/* zs_cite: a citation in the form of Chinese official documents, built from
 * the metadata the indexer read (title, 发文字号, 发文机关, 成文日期). */
#include "zs_cite.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

typedef struct out {
  char *buf;
  size_t size, len;
} out;

/* Appends s[0..n), whole characters only, while it fits. */
static void put(out *o, const char *s, size_t n) {
  if (o->size == 0)
    return;
  size_t room = o->size - 1 - o->len;
  if (n > room) {
    n = room;
    while (n > 0 && (s[n] & 0xC0) == 0x80) /* not inside a character */
      n--;
  }
  memcpy(o->buf + o->len, s, n);
  o->len += n;
  o->buf[o->len] = '\0';
}

static void puts_(out *o, const char *s) {
  put(o, s, strlen(s));
}

/* The title with 《》 made 〈〉, as a title inside a title is written. */
static void put_title(out *o, const char *t, size_t n) {
  size_t from = 0;
  for (size_t i = 0; i + 3 <= n; i++) {
    bool open = memcmp(t + i, "《", 3) == 0, close = memcmp(t + i, "》", 3) == 0;
    if (!open && !close)
      continue;
    put(o, t + from, i - from);
    puts_(o, open ? "〈" : "〉");
    from = i + 3;
    i += 2;
  }
  put(o, t + from, n - from);
}

/* 2019-01-22 as 2019年1月22日 (2019-01: 2019年1月); false when it is not
 * such a date. */
static bool put_date(out *o, const char *d) {
  int y, m = 0, day = 0, used = 0;
  size_t len = strlen(d);
  if (len == 10  ? sscanf(d, "%4d-%2d-%2d%n", &y, &m, &day, &used) != 3
      : len == 7 ? sscanf(d, "%4d-%2d%n", &y, &m, &used) != 2
                 : true)
    return false;
  if ((size_t)used != len || m < 1 || m > 12 || (len == 10 && (day < 1 || day > 31)))
    return false;
  char s[32];
  if (len == 10)
    snprintf(s, sizeof s, "%d年%d月%d日", y, m, day);
  else
    snprintf(s, sizeof s, "%d年%d月", y, m);
  puts_(o, s);
  return true;
}

size_t zs_cite(char *buf, size_t size, const zs_file_record *f, const zs_passage_record *rec) {
  out o = {buf, size, 0};
  if (size)
    buf[0] = '\0';
  const char *title = f->title;
  size_t title_len = f->title_len;
  if (!title_len) { /* no title read: the file's name */
    size_t at = f->path_len;
    while (at > 0 && f->path[at - 1] != '/')
      at--;
    title = f->path + at;
    title_len = f->path_len - at;
  }
  puts_(&o, "《");
  put_title(&o, title, title_len);
  puts_(&o, "》");
  if (f->docno && f->docno[0]) {
    puts_(&o, "（");
    puts_(&o, f->docno);
    puts_(&o, "）");
  }
  if (f->org && f->org[0]) {
    puts_(&o, "，");
    puts_(&o, f->org);
  }
  size_t before = o.len;
  if (f->date && f->date[0]) {
    puts_(&o, "，");
    if (!put_date(&o, f->date)) {
      o.len = before;
      buf[o.len] = '\0';
    }
  }
  if (o.len == before && f->year) {
    char y[16];
    snprintf(y, sizeof y, "，%d年", f->year);
    puts_(&o, y);
  }
  char where[48];
  if (rec->page)
    snprintf(where, sizeof where, "，第%u页", rec->page);
  else
    snprintf(where, sizeof where, "，第%u段", rec->passage_no + 1);
  puts_(&o, where);
  return o.len;
}
