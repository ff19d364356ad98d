/* zs_cmd_similar: `zhquery similar`: reads a draft (arguments, --from FILE or
 * standard input) and prints precedents from the archive, as text or JSON. */
#include <getopt.h>
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zs_cli.h"
#include "zs_cmds.h"
#include "zs_error.h"
#include "zs_export.h"
#include "zs_file.h"
#include "zs_format.h"
#include "zs_i18n.h"
#include "zs_ingest.h"
#include "zs_json_out.h"
#include "zs_render.h"
#include "zs_similar.h"
#include "zs_utf8.h"
#include "zs_visible.h"

typedef struct similar_opts {
  zs_cli cli;
  const char *from;
  bool json, bold, cite;
  int format; /* --format: a zs_table_format, or -1 */
  zs_similar_params p;
} similar_opts;

static void similar_usage(FILE *to) {
  fprintf(to,
          _("usage: zhquery similar [--index DIR] [-n N] [--per-doc N] [--where QUERY] [--json]\n"
            "                       [--synonyms FILE | --no-synonyms]\n"
            "                       TEXT... | --from FILE | -\n"
            "Finds what earlier documents said on the subject of a draft paragraph.\n"
            "  --from FILE     read the draft from FILE: text in any encoding zhindex reads,\n"
            "                  Word, PDF or a saved web page ('-' or no TEXT: standard input)\n"
            "  -n N            precedents to show (default 10)\n"
            "  --per-doc N     at most N passages of one document (default 2)\n"
            "  --where QUERY   only passages matching QUERY, e.g. '-province:河南 year:2020..'\n"
            "  --json          one JSON object per passage (kind \"source\" or \"precedent\")\n"
            "  --cite          under each passage, its citation (as zhquery --cite)\n"
            "  --format FMT    the passages as a table: csv or xlsx (a spreadsheet), tsv\n"
            "  --synonyms FILE add your own synonyms; --no-synonyms turns expansion off\n"));
}

/* Bytes of a draft in another encoding (GBK, Big5, UTF-16 with its mark):
 * converted as zhindex converts a text file; UTF-8 is left as it is. */
static int draft_to_utf8(const char *name, char **text, size_t *len) {
  const unsigned char *b = (const unsigned char *)*text;
  bool utf16 = *len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF));
  size_t valid = zs_utf8_valid_prefix(*text, *len);
  if (!utf16 && valid == *len)
    return ZS_OK;
  unsigned char bad = valid < *len ? (unsigned char)(*text)[valid] : 0;
  char *raw = *text;
  *text = NULL;
  int rc = zs_ingest_buffer(text, len, NULL, raw, *len, NULL); /* takes raw */
  if (rc == ZS_EBADUTF8) /* ingest's message speaks of indexing the file */
    return zs_error_set(rc,
                        _("the draft %s is neither UTF-8 (byte 0x%02X at offset %zu) nor GBK or "
                          "Big5; convert it to UTF-8"),
                        name, bad, valid);
  return rc ? zs_error_set(rc, _("draft %s: %s"), name, zs_error_last()) : ZS_OK;
}

/* The draft: a Word, PDF or saved web page through zhindex's reader for it,
 * other files and standard input as text in any encoding zhindex reads. */
static int read_draft(int argc, char **argv, int words, const similar_opts *o, char **text,
                      size_t *len) {
  const char *path = o->from && strcmp(o->from, "-") != 0 ? o->from : NULL;
  zs_format f = path ? zs_format_of(path) : ZS_FORMAT_UNKNOWN;
  if (path && f != ZS_FORMAT_UNKNOWN && !zs_format_is_plain(f)) {
    zs_extracted doc = {0};
    int rc = zs_format_read(f, path, &doc);
    if (rc == ZS_OK) {
      *text = doc.text;
      *len = doc.len;
      doc.text = NULL;
    }
    zs_extracted_free(&doc);
    return rc ? zs_error_set(rc, _("draft %s: %s"), path, zs_error_last()) : ZS_OK;
  }
  if (path || o->from || words >= argc || strcmp(argv[words], "-") == 0) {
    int rc = path ? zs_read_file(path, text, len) : zs_read_stream(stdin, text, len);
    return rc ? rc : draft_to_utf8(path ? path : "-", text, len);
  }
  size_t total = 1;
  for (int i = words; i < argc; i++)
    total += strlen(argv[i]) + 1;
  if (!(*text = calloc(total, 1)))
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  for (int i = words; i < argc; i++) {
    strcat(*text, argv[i]);
    strcat(*text, i + 1 < argc ? " " : "");
  }
  *len = strlen(*text);
  return ZS_OK;
}

static void print_item(FILE *out, const zs_similar_result *r, const zs_precedent *it, size_t rank,
                       bool bold, bool cite) {
  const zs_hit *h = it->hit;
  const zs_file_record *f = h->file;
  char cwd[4096];
  if (it->source)
    fprintf(out, _("source: "));
  else
    fprintf(out, "%zu. ", rank);
  char vis[3][512];
  fprintf(out, "%s (%s %d %s)\n   %s:%u", zs_visible(f->title, vis[0], sizeof vis[0]),
          f->province[0] ? zs_visible(f->province, vis[1], sizeof vis[1]) : "-", f->year,
          f->type[0] ? zs_visible(f->type, vis[2], sizeof vis[2]) : "-",
          zs_visible_path(f->path, cwd, sizeof cwd), h->rec.line_first);
  if (h->rec.line_last > h->rec.line_first)
    fprintf(out, _(" (lines %u–%u)"), h->rec.line_first, h->rec.line_last);
  fprintf(out, it->source ? _("  score %.2f  — the draft itself\n") : _("  score %.2f\n"),
          h->score);
  if (cite)
    zs_render_cite(out, h);
  fputs("   ", out);
  zs_render_passage(out, h, bold);
  fprintf(out, _("\n   matched:"));
  for (size_t t = 0; t < it->nterms && t < 10; t++) /* the weightiest say enough */
    fprintf(out, " %s", zs_visible(r->words[it->terms[t]], vis[0], sizeof vis[0]));
  if (it->nterms > 10)
    fprintf(out, " …");
  for (size_t a = 0; a < it->nalso; a++) {
    const zs_hit *o = &r->hits->hit[it->also_in[a]];
    fprintf(out, "%s %s:%u",
            a ? "," : "\n   also in:", zs_visible_path(o->file->path, cwd, sizeof cwd),
            o->rec.line_first);
  }
  for (size_t i = 0; i < h->ncopies; i++) /* the same document saved elsewhere */
    fprintf(out, "%s%s", i ? ", " : "\n   also saved as: ",
            zs_visible_path(h->copies[i]->path, cwd, sizeof cwd));
  fputs("\n\n", out);
}

static json_object *item_json(const zs_similar_result *r, const zs_precedent *it, size_t rank) {
  const zs_hit *h = it->hit;
  const zs_file_record *f = h->file;
  json_object *o = json_object_new_object(), *lines = json_object_new_array();
  json_object_object_add(o, "score", json_object_new_double(h->score));
  json_object_object_add(o, "file", json_object_new_string(f->path));
  json_object_array_add(lines, json_object_new_int64(h->rec.line_first));
  json_object_array_add(lines, json_object_new_int64(h->rec.line_last));
  json_object_object_add(o, "lines", lines);
  json_object_object_add(o, "title", json_object_new_string(f->title));
  json_object_object_add(o, "province", json_object_new_string(f->province));
  json_object_object_add(o, "year", f->year ? json_object_new_int(f->year) : NULL);
  json_object_object_add(o, "type", json_object_new_string(f->type));
  json_object_object_add(o, "text", json_object_new_string_len(h->rec.text, (int)h->rec.text_len));
  zs_json_add_precedent(o, r, it, rank);
  return o;
}

static void print_result(const similar_opts *o, const zs_similar_result *r) {
  size_t rank = 0;
  if (!o->json) {
    printf(_("distinctive words of the draft:"));
    char vis[256];
    for (size_t w = 0; w < r->nwords && w < 12; w++)
      printf(" %s", zs_visible(r->words[w], vis, sizeof vis));
    printf("\n\n");
  }
  for (size_t i = 0; i < r->n; i++) {
    const zs_precedent *it = &r->items[i];
    rank += !it->source;
    if (!o->json) {
      print_item(stdout, r, it, rank, o->bold, o->cite);
      continue;
    }
    json_object *j = item_json(r, it, rank);
    puts(
        json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(j);
  }
}

static int parse_similar(int *argc, char **argv, similar_opts *o, int *words) {
  static const struct option longopts[] = {ZS_CLI_INDEX_OPTS,
                                           ZS_CLI_SYNONYM_OPTS,
                                           {"from", required_argument, NULL, 'f'},
                                           {"per-doc", required_argument, NULL, 'p'},
                                           {"where", required_argument, NULL, 'w'},
                                           {"json", no_argument, NULL, 'J'},
                                           {"cite", no_argument, NULL, 'c'},
                                           {"format", required_argument, NULL, 'F'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  int c, status = zs_cli_order_args(&o->cli, argc, argv, "+i:n:h", longopts, words);
  if (status != ZS_EXIT_GO_ON)
    return status;
  optind = 1;
  while ((c = zs_cli_getopt(&o->cli, *words, argv, "+i:n:h", longopts, &status)) != -1) {
    char *end = NULL;
    long v = 0;
    if (c == 'n' || c == 'p') {
      v = strtol(optarg, &end, 10);
      if (*optarg == '\0' || *end != '\0' || v < 1 || v > 1000) {
        zs_cli_say(&o->cli, _("%s needs a number from 1 to 1000"), c == 'n' ? "-n" : "--per-doc");
        return ZS_EXIT_USAGE;
      }
    }
    switch (c) {
    case 'f': o->from = optarg; break;
    case 'n': o->p.max = (uint32_t)v; break;
    case 'p': o->p.per_doc = (uint32_t)v; break;
    case 'w': o->p.where = optarg; break;
    case 'J': o->json = true; break;
    case 'c': o->cite = true; break;
    case 'F':
      if (!zs_cli_table_format(&o->cli, optarg, &o->format))
        return ZS_EXIT_USAGE;
      break;
    case 'h': similar_usage(stdout); return ZS_EXIT_OK;
    default: similar_usage(stderr); return ZS_EXIT_USAGE;
    }
  }
  if (status == ZS_EXIT_GO_ON && o->format == ZS_TABLE_XLSX && !zs_cli_binary_ok(&o->cli))
    status = ZS_EXIT_USAGE;
  return status == ZS_EXIT_GO_ON ? zs_cli_finish(&o->cli) : status;
}

int zs_cmd_similar(int argc, char **argv) {
  const char *no_color = getenv("NO_COLOR");
  similar_opts o = {.p = {.max = 10, .per_doc = 2},
                    .bold = isatty(STDOUT_FILENO) && !(no_color && *no_color),
                    .format = -1};
  zs_cli_init(&o.cli, "zhquery similar");
  int words;
  int status = parse_similar(&argc, argv, &o, &words);
  if (status != ZS_EXIT_GO_ON)
    return status;
  char *text = NULL;
  size_t len = 0;
  if (read_draft(argc, argv, words, &o, &text, &len) != ZS_OK)
    return zs_cli_fail(&o.cli, ZS_EXIT_USAGE);
  zs_searcher *s = NULL;
  zs_similar_result *r = NULL;
  if ((status = zs_cli_open(&o.cli, &s)) != ZS_EXIT_GO_ON) {
    /* the message is out */
  } else if (zs_similar_run(s, text, len, &o.p, &r) != ZS_OK) {
    bool bad_input = zs_error_code() == ZS_EINVAL || zs_error_code() == ZS_ETOOBIG;
    status = zs_cli_fail(&o.cli, bad_input ? ZS_EXIT_USAGE : ZS_EXIT_INDEX);
  } else {
    status = r->n ? ZS_EXIT_OK : ZS_EXIT_NONE;
    if (o.format >= 0 && zs_export_precedents(stdout, (zs_table_format)o.format, r) != ZS_OK)
      status = zs_cli_fail(&o.cli, ZS_EXIT_INDEX);
    else if (o.format < 0)
      print_result(&o, r);
  }
  zs_similar_free(r);
  zs_searcher_close(s);
  free(text);
  return status;
}
