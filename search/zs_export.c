/* zs_export: the columns a drafter or an auditor wants in a spreadsheet: the
 * document's metadata, the passage, where it is and its citation. */
#include "zs_export.h"

#include <string.h>

#include "zs_cite.h"
#include "zs_error.h"
#include "zs_record.h"

typedef struct column {
  const char *tool, *people; /* header for TSV, and for CSV and XLSX */
} column;

static const column columns[] = {
    {"rank", "序号"},         {"title", "标题"},    {"docno", "发文字号"}, {"org", "发文机关"},
    {"date", "成文日期"},     {"province", "省份"}, {"year", "年份"},      {"type", "类型"},
    {"headings", "所在标题"}, {"text", "段落"},     {"cite", "引用"},      {"file", "文件"},
    {"line", "行"},           {"page", "页"},       {"score", "得分"},     {"match", "匹配"},
};
#define NCOLUMNS (sizeof columns / sizeof *columns)

static void header(zs_table *t, const char *last_tool, const char *last_people) {
  bool people = zs_table_for_people(t);
  for (size_t i = 0; i < NCOLUMNS - 1; i++)
    zs_table_text(t, people ? columns[i].people : columns[i].tool);
  zs_table_text(t, people ? last_people : last_tool);
  zs_table_end_row(t);
}

/* The headings above a passage joined by " › " (a record's headings each
 * end with a line break, outermost first). */
static void headings_text(const zs_passage_record *r, char *buf, size_t size) {
  size_t at = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < r->headings_len && at + 8 < size;) {
    const char *end = memchr(r->headings + i, '\n', r->headings_len - i);
    size_t n = end ? (size_t)(end - (r->headings + i)) : r->headings_len - i;
    if (n) {
      if (at) {
        memcpy(buf + at, " › ", 5);
        at += 5;
      }
      size_t take = n < size - at - 1 ? n : size - at - 1;
      memcpy(buf + at, r->headings + i, take);
      at += take;
      buf[at] = '\0';
    }
    i += n + 1;
  }
}

static void row(zs_table *t, const zs_hit *hit, int64_t rank, const char *match) {
  const zs_file_record *f = hit->file;
  char headings[2048], cite[1024], text[65536];
  headings_text(&hit->rec, headings, sizeof headings);
  zs_cite(cite, sizeof cite, f, &hit->rec);
  size_t n = hit->rec.text_len < sizeof text - 1 ? hit->rec.text_len : sizeof text - 1;
  memcpy(text, hit->rec.text, n);
  text[n] = '\0';
  zs_table_number(t, rank);
  zs_table_text(t, f->title);
  zs_table_text(t, f->docno ? f->docno : "");
  zs_table_text(t, f->org ? f->org : "");
  zs_table_text(t, f->date ? f->date : "");
  zs_table_text(t, f->province);
  zs_table_number(t, f->year ? f->year : -1);
  zs_table_text(t, f->type);
  zs_table_text(t, headings);
  zs_table_text(t, text);
  zs_table_text(t, cite);
  zs_table_text(t, f->path);
  zs_table_number(t, hit->rec.line_first);
  zs_table_number(t, hit->rec.page ? (int64_t)hit->rec.page : -1);
  zs_table_decimal(t, hit->score);
  zs_table_text(t, match);
  zs_table_end_row(t);
}

/* A table with the header row, its last column last_tool / last_people. */
static int start(zs_table **t, FILE *out, zs_table_format fmt, const char *sheet,
                 const char *last_tool, const char *last_people) {
  int rc = zs_table_open(t, out, fmt, sheet);
  if (rc == ZS_OK)
    header(*t, last_tool, last_people);
  return rc;
}

int zs_export_hits(FILE *out, zs_table_format fmt, const zs_hits *h) {
  zs_table *t = NULL;
  int rc = start(&t, out, fmt, "检索结果", "match", "匹配");
  if (rc)
    return rc;
  bool people = zs_table_for_people(t);
  for (size_t i = 0; i < h->n; i++)
    row(t, &h->hit[i], (int64_t)(h->first + i + 1),
        h->hit[i].partial ? (people ? "部分" : "partial") : (people ? "全部" : "full"));
  return zs_table_close(t);
}

int zs_export_precedents(FILE *out, zs_table_format fmt, const zs_similar_result *r) {
  zs_table *t = NULL;
  int rc = start(&t, out, fmt, "相似段落", "kind", "类别");
  if (rc)
    return rc;
  bool people = zs_table_for_people(t);
  size_t rank = 0;
  for (size_t i = 0; i < r->n; i++) {
    const zs_precedent *it = &r->items[i];
    rank += !it->source;
    row(t, it->hit, it->source ? -1 : (int64_t)rank,
        it->source ? (people ? "草稿本身" : "source") : (people ? "先例" : "precedent"));
  }
  return zs_table_close(t);
}
