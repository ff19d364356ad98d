/* fuzz_search: documents from the input indexed (beside a base made from corpus/ at
 * start), then search, similar and audit on them through every renderer and the serve API. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zs_audit.h"
#include "zs_docmeta.h"
#include "zs_error.h"
#include "zs_file.h"
#include "zs_fuzz.h"
#include "zs_indexer.h"
#include "zs_json_out.h"
#include "zs_paths.h"
#include "zs_render.h"
#include "zs_search.h"
#include "zs_serve.h"
#include "zs_serve_api.h"
#include "zs_similar.h"
#include "zs_visible.h"

/* The input: HEADER option bytes (missing ones are 0), then the query, then
 * up to MAX_DOCS documents, each part after a SEP byte:
 *   [0] bit 0 facets, 1 group by document, 2 all copies, 3 --count, 4 bold,
 *       bits 5-6 indexes searched (0 base then input, 1 input then base,
 *       2 input alone, 3 base alone), bit 7 documents are .md, not .txt
 *   [1] offset: v below 192, else (v - 191) * 160 (past serve's 10000)
 *   [2] bits 0-5 hits wanted (n), bits 6-7 passages per document (0 no limit)
 *   [3] bits 0-3 province filter (0 none, 15 one that does not exist),
 *       bits 4-7 year filter (0 none, 15 a range)
 *   [4] bits 0-1 audit rows (doc, year, province, type), bits 2-3 format
 *       (tsv, csv, json, csv), bits 4-5 audit report (matrix, passages,
 *       required keywords, matrix), bit 6 lossy indexing, bit 7 similar's
 *       where takes the filters
 *   [5] what runs besides the search (each costs milliseconds, so that an
 *       input does a few): bit 0 similar, 1 audit, 2 the serve API's search,
 *       3 its similar, 4 its audit, 5 its docs and health, 6 the documents
 *       listed as JSON too, 7 serve's similar takes the draft as text=
 *       (else as the body)
 * The search renders its hits, lists the documents (which reads every file
 * record) and renders the hits again. The keyword list is the query with
 * spaces made line ends; the draft for similar is the first document (the
 * query when there is none). */
#define HEADER 6
#define SEP 0x1e
#define MAX_DOCS 8
#define FIXED_MTIME 1700000000

int LLVMFuzzerInitialize(int *argc, char ***argv);

static char root[PATH_MAX], base_index[PATH_MAX], in_docs[PATH_MAX], in_index[PATH_MAX];
static bool have_base;
static FILE *devnull;

/* ---- the base: documents generated from corpus/, indexed once ---- */

static void quiet(void *ctx, const char *path, const char *problem) {
  (void)ctx, (void)path, (void)problem;
}

static void join(char *out, const char *dir, const char *name) {
  int n = snprintf(out, PATH_MAX, "%s/%s", dir, name);
  if (n < 0 || n >= PATH_MAX)
    abort();
}

/* Writes s[0..len) to path with a fixed time, so that runs are alike. */
static void write_doc(const char *path, const char *s, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    abort();
  for (size_t at = 0; at < len;) {
    ssize_t w = write(fd, s + at, len - at);
    if (w <= 0)
      abort();
    at += (size_t)w;
  }
  struct timespec t[2] = {{FIXED_MTIME, 0}, {FIXED_MTIME, 0}};
  futimens(fd, t);
  close(fd);
}

typedef struct text_buf {
  char *s;
  size_t len, cap;
} text_buf;

static void put(text_buf *b, const char *s, size_t len) {
  if (b->len + len + 1 > b->cap) {
    b->cap = (b->len + len + 1) * 2;
    if (!(b->s = realloc(b->s, b->cap)))
      abort();
  }
  memcpy(b->s + b->len, s, len);
  b->len += len;
  b->s[b->len] = '\0';
}

static void putf(text_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(text_buf *b, const char *fmt, ...) {
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof tmp)
    abort();
  put(b, tmp, (size_t)n);
}

/* A report of province prov, year and type: a heading block as such reports
 * have (issuing body, number, title), the body lines, the date; as markdown
 * (title and headings marked) when md. */
static void make_report(text_buf *b, size_t g, const char *const *lines, size_t n, bool md) {
  const char *const *provs = zs_docmeta_provinces(), *const *types = zs_docmeta_types();
  size_t nprov = 0, ntypes = 0;
  while (provs[nprov] && strcmp(provs[nprov], "全国") != 0)
    nprov++;
  while (types[ntypes])
    ntypes++;
  const char *prov = provs[g % nprov], *type = types[(g / 3) % (ntypes < 8 ? ntypes : 8)];
  int year = 2015 + (int)(g % 12);
  b->len = 0;
  if (md)
    putf(b, "# %s省计划生育协会%d年%s\n\n", prov, year, type);
  else
    putf(b, "%s省计划生育协会文件\n\n%s计生协〔%d〕%zu号\n\n%s省计划生育协会%d年%s\n\n", prov, prov,
         year, g + 1, prov, year, type);
  for (size_t i = 0; i < n; i++) {
    bool heading = strstr(lines[i], "、") && strlen(lines[i]) < 90;
    if (md && heading)
      put(b, "## ", 3);
    put(b, lines[i], strlen(lines[i]));
    put(b, "\n\n", 2);
  }
  putf(b, "%s省计划生育协会\n\n%d年%d月%d日\n", prov, year, 1 + (int)(g % 12), 1 + (int)(g % 28));
}

static int add_txt(const struct dirent *e) {
  size_t n = strlen(e->d_name);
  return n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0;
}

/* The corpus's reports as they are, then cut into reports of about 800
 * bytes each, some as markdown, some saved twice (copies): ~130 files. */
static void write_base(const char *corpus, const char *docs, zs_indexer *ix) {
  struct dirent **names = NULL;
  int nnames = scandir(corpus, &names, add_txt, alphasort);
  if (nnames < 0) {
    fprintf(stderr, "fuzz_search: no corpus at %s (set ZS_FUZZ_CORPUS): no base\n", corpus);
    return;
  }
  char dir[PATH_MAX], path[PATH_MAX + 64];
  text_buf b = {0};
  size_t g = 0;
  for (int f = 0; f < nnames; f++) {
    char *text = NULL;
    size_t len = 0;
    join(path, corpus, names[f]->d_name);
    if (zs_read_file(path, &text, &len) != ZS_OK)
      abort();
    snprintf(dir, sizeof dir, "%s/whole", docs);
    zs_mkdir_parents(dir);
    snprintf(path, sizeof path, "%s/%s", dir, names[f]->d_name);
    write_doc(path, text, len);
    ZS_FUZZ_CHECK(zs_indexer_add_file(ix, path) == ZS_OK);
    const char *lines[64];
    size_t n = 0, bytes = 0;
    for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
      if (!l[strspn(l, " \t\r")])
        continue;
      lines[n++] = l;
      bytes += strlen(l);
      if (bytes < 800 && n < 64)
        continue;
      bool md = g % 5 == 3;
      make_report(&b, g, lines, n, md);
      snprintf(dir, sizeof dir, "%s/part-%02zu", docs, g / 16);
      zs_mkdir_parents(dir);
      snprintf(path, sizeof path, "%s/report-%03zu.%s", dir, g, md ? "md" : "txt");
      write_doc(path, b.s, b.len);
      ZS_FUZZ_CHECK(zs_indexer_add_file(ix, path) == ZS_OK);
      if (g % 13 == 0) { /* the same report saved again elsewhere */
        snprintf(dir, sizeof dir, "%s/saved-again", docs);
        zs_mkdir_parents(dir);
        snprintf(path, sizeof path, "%s/report-%03zu-copy.%s", dir, g, md ? "md" : "txt");
        write_doc(path, b.s, b.len);
        ZS_FUZZ_CHECK(zs_indexer_add_file(ix, path) == ZS_OK);
      }
      g++;
      n = bytes = 0;
    }
    free(text);
    free(names[f]);
  }
  free(names);
  free(b.s);
}

static void remove_root(void) {
  if (root[0])
    zs_remove_tree(root);
}

/* The corpus: $ZS_FUZZ_CORPUS, else the source tree's (known at build time),
 * else ../../corpus from the executable (build/fuzz/fuzz_search). */
static void corpus_dir(char *out, const char *argv0) {
  const char *env = getenv("ZS_FUZZ_CORPUS");
  struct stat st;
  if (env && *env) {
    snprintf(out, PATH_MAX, "%s", env);
    return;
  }
#ifdef ZS_FUZZ_CORPUS_DIR
  if (stat(ZS_FUZZ_CORPUS_DIR, &st) == 0 && S_ISDIR(st.st_mode)) {
    snprintf(out, PATH_MAX, "%s", ZS_FUZZ_CORPUS_DIR);
    return;
  }
#endif
  char exe[PATH_MAX];
  snprintf(exe, sizeof exe, "%s", argv0);
  snprintf(out, PATH_MAX, "%s/../../corpus", dirname(exe));
}

/* Removes what runs that crashed left in parent (their exit did not remove
 * it): the directories named after a process that no longer exists. */
static void remove_stale(const char *parent) {
  DIR *d = opendir(parent);
  if (!d)
    return;
  for (struct dirent *e; (e = readdir(d));) {
    char *end = NULL;
    long pid =
        strncmp(e->d_name, "zs-fuzz-search-", 15) == 0 ? strtol(e->d_name + 15, &end, 10) : 0;
    if (pid > 0 && *end == '-' && kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
      char path[PATH_MAX];
      join(path, parent, e->d_name);
      zs_remove_tree(path);
    }
  }
  closedir(d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  const char *tmp = getenv("TMPDIR");
  const char *parent = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : tmp && *tmp ? tmp : "/tmp";
  remove_stale(parent);
  snprintf(root, sizeof root, "%s/zs-fuzz-search-%ld-XXXXXX", parent, (long)getpid());
  if (!mkdtemp(root))
    abort();
  atexit(remove_root);
  char base_docs[PATH_MAX], corpus[PATH_MAX];
  join(base_docs, root, "base");
  join(base_index, root, "base-index");
  join(in_docs, root, "in");
  join(in_index, root, "in-index");
  corpus_dir(corpus, (*argv)[0]);

  zs_indexer *ix = NULL;
  zs_indexer_opts opts = {.rebuild = true, .jobs = 1, .on_error = quiet, .on_lossy = quiet};
  ZS_FUZZ_CHECK(zs_indexer_open(&ix, base_index, &opts) == ZS_OK);
  write_base(corpus, base_docs, ix);
  ZS_FUZZ_CHECK(zs_indexer_commit(ix) == ZS_OK);
  have_base = zs_indexer_stats(ix)->files_added > 0;
  zs_indexer_close(ix);
  if (!(devnull = fopen("/dev/null", "w")))
    abort();
  return 0;
}

/* ---- one input ---- */

typedef struct input {
  const char *query; /* NUL-terminated copies */
  size_t query_len;
  const char *doc[MAX_DOCS];
  size_t doc_len[MAX_DOCS];
  size_t ndocs;
  uint8_t opt[HEADER];
} input;

static void split(input *in, const uint8_t *data, size_t size, char *copy) {
  memset(in, 0, sizeof *in);
  size_t h = size < HEADER ? size : HEADER;
  memcpy(in->opt, data, h);
  memcpy(copy, data + h, size - h);
  copy[size - h] = '\0';
  char *at = copy, *end = copy + (size - h);
  char *sep = memchr(at, SEP, (size_t)(end - at));
  in->query = at;
  in->query_len = sep ? (size_t)(sep - at) : (size_t)(end - at);
  while (sep && in->ndocs < MAX_DOCS) {
    *sep = '\0';
    at = sep + 1;
    sep = memchr(at, SEP, (size_t)(end - at));
    in->doc[in->ndocs] = at;
    in->doc_len[in->ndocs++] = sep ? (size_t)(sep - at) : (size_t)(end - at);
  }
  if (sep)
    *sep = '\0';
}

/* Indexes the input's documents afresh; false when none was indexed. */
static bool index_input(const input *in, bool md, bool lossy) {
  zs_remove_tree(in_docs);
  zs_remove_tree(in_index);
  if (in->ndocs == 0)
    return false;
  ZS_FUZZ_CHECK(zs_mkdir_parents(in_docs) == ZS_OK);
  zs_indexer *ix = NULL;
  zs_indexer_opts opts = {
      .rebuild = true, .jobs = 1, .lossy = lossy, .on_error = quiet, .on_lossy = quiet};
  ZS_FUZZ_CHECK(zs_indexer_open(&ix, in_index, &opts) == ZS_OK);
  for (size_t i = 0; i < in->ndocs; i++) {
    char name[32], path[PATH_MAX];
    snprintf(name, sizeof name, "doc-%zu.%s", i + 1, md ? "md" : "txt");
    join(path, in_docs, name);
    write_doc(path, in->doc[i], in->doc_len[i]);
    ZS_FUZZ_CHECK(zs_indexer_add_file(ix, path) == ZS_OK);
  }
  ZS_FUZZ_CHECK(zs_indexer_commit(ix) == ZS_OK);
  bool any = zs_indexer_stats(ix)->files_added > 0;
  zs_indexer_close(ix);
  return any;
}

/* A failure that says the input is bad, not the index: anything else is a
 * finding, printed with its message. A draft that is not UTF-8 (a GBK file
 * given to zhquery similar --from) is refused with ZS_EBADUTF8. */
static void expect_bad_input(int rc) {
  if (rc == ZS_EINVAL || rc == ZS_ETOOBIG || rc == ZS_EBADUTF8)
    return;
  fprintf(stderr, "fuzz_search: %s: %s\n", zs_error_name(rc), zs_error_last());
  ZS_FUZZ_CHECK(!"an error other than bad input");
}

/* ---- what the hits promise (zs_search.h) ---- */

static void check_hit(const zs_hit *hit) {
  ZS_FUZZ_CHECK(hit->file && hit->file->path && hit->file->title && hit->file->province &&
                hit->file->type && hit->rec.text);
  ZS_FUZZ_CHECK(hit->file->file_id == hit->rec.file_id);
  for (size_t i = 0; i < hit->nspans; i++)
    ZS_FUZZ_CHECK(hit->spans[i].start < hit->spans[i].end &&
                  hit->spans[i].end <= hit->rec.text_len &&
                  (i == 0 || hit->spans[i - 1].end <= hit->spans[i].start));
  for (size_t i = 0; i < hit->ncopies; i++)
    ZS_FUZZ_CHECK(hit->copies[i] && hit->copies[i]->path && hit->copies[i] != hit->file);
}

static void check_hits(const zs_hits *h, const zs_search_params *p) {
  ZS_FUZZ_CHECK(h->n <= p->max && h->first == p->first);
  ZS_FUZZ_CHECK(h->total_lower <= h->total_estimate && h->total_estimate <= h->total_upper);
  /* an exact count holds every hit shown (a page past the end shows none),
   * with the partial matches after the full ones, counted apart */
  ZS_FUZZ_CHECK(h->total_lower < h->total_upper || h->n == 0 ||
                h->first + h->n <= h->total_upper + h->partial_total);
  for (size_t i = 1; i < h->n; i++)
    ZS_FUZZ_CHECK(!h->hit[i - 1].partial || h->hit[i].partial);
  for (size_t i = 0; i < h->n; i++)
    ZS_FUZZ_CHECK(!h->hit[i].partial || h->first + i >= h->total_upper);
  ZS_FUZZ_CHECK(h->nfacets == (p->facets ? ZS_NFACETS : 0));
  for (size_t f = 0; f < h->nfacets; f++)
    for (size_t i = 0; i < h->facets[f].n; i++)
      ZS_FUZZ_CHECK(h->facets[f].value[i] && h->facets[f].count[i] > 0 &&
                    (i == 0 || h->facets[f].count[i - 1] >= h->facets[f].count[i]));
  uint32_t limit = p->group_by_doc ? 1 : p->per_doc;
  for (size_t i = 0; i < h->n; i++) {
    check_hit(&h->hit[i]);
    size_t same = 1; /* passages of this hit's document before it */
    for (size_t j = 0; j < i; j++)
      same += h->hit[j].file == h->hit[i].file;
    ZS_FUZZ_CHECK(limit == 0 || same <= limit);
  }
}

/* ---- zhquery QUERY, as main.c runs it ---- */

static void render_hits(const zs_hits *h, const char *query, bool bold) {
  zs_render_opts ro = {.bold = bold, .query = query};
  zs_render_hits(devnull, h, &ro);
  int rc = zs_json_write_hits(devnull, h, query);
  ZS_FUZZ_CHECK(rc == ZS_OK || rc == ZS_EIO);
}

static void cli_search(zs_searcher *s, const input *in, const char *filters) {
  uint8_t o0 = in->opt[0], off = in->opt[1];
  bool count = o0 & 8;
  zs_search_params p = {.first = off < 192 ? off : (uint32_t)(off - 191) * 160,
                        .max = in->opt[2] & 63,
                        .exact_count_up_to = ZS_EXACT_COUNT_DEFAULT,
                        .facets = o0 & 1,
                        .group_by_doc = o0 & 2,
                        .all_copies = o0 & 4,
                        .per_doc = in->opt[2] >> 6};
  if (count || p.facets)
    p.exact_count_up_to = UINT32_MAX;
  if (count && p.group_by_doc)
    p.facets = true;
  if (count)
    p.max = 0;
  /* the words as typed on the command line: no NUL, filters after them */
  size_t qlen = strlen(in->query);
  char *query = malloc(qlen + strlen(filters) + 1);
  if (!query)
    abort();
  memcpy(query, in->query, qlen);
  strcpy(query + qlen, filters);
  zs_hits *h = NULL;
  int rc = zs_search_run(s, query, strlen(query), &p, &h);
  if (rc == ZS_OK) {
    check_hits(h, &p);
    if (count && p.group_by_doc)
      fprintf(devnull, "%zu\n", h->nfacets ? h->facets[ZS_NFACETS - 1].n : (size_t)0);
    render_hits(h, query, o0 & 16);
    /* listing the documents reads every file record: the table of records
     * the hits point into grows under them, and they must stay valid */
    ZS_FUZZ_CHECK(zs_render_docs(devnull, s, p.all_copies) == ZS_OK);
    if (in->opt[5] & 64)
      ZS_FUZZ_CHECK(zs_json_write_docs(devnull, s, !p.all_copies) == ZS_OK);
    render_hits(h, query, !(o0 & 16));
    check_hits(h, &p);
  } else {
    ZS_FUZZ_CHECK(h == NULL);
    expect_bad_input(rc);
  }
  zs_hits_free(h);
  free(query);
}

/* ---- zhquery similar, text and --json as zs_cmd_similar.c prints them ---- */

static void print_precedent(const zs_similar_result *r, const zs_precedent *it, size_t rank,
                            bool bold) {
  const zs_hit *h = it->hit;
  char buf[4096], vis[512];
  fprintf(devnull, "%zu. %s %s:%u score %.2f\n   ", rank,
          zs_visible(h->file->title, vis, sizeof vis),
          zs_visible_path(h->file->path, buf, sizeof buf), h->rec.line_first, h->score);
  zs_render_passage(devnull, h, bold);
  for (size_t t = 0; t < it->nterms; t++)
    fprintf(devnull, " %s", zs_visible(r->words[it->terms[t]], vis, sizeof vis));
  for (size_t a = 0; a < it->nalso; a++)
    fprintf(devnull, " %s:%u",
            zs_visible_path(r->hits->hit[it->also_in[a]].file->path, buf, sizeof buf),
            r->hits->hit[it->also_in[a]].rec.line_first);
  for (size_t i = 0; i < h->ncopies; i++)
    fprintf(devnull, " %s", zs_visible_path(h->copies[i]->path, buf, sizeof buf));
  fputs("\n\n", devnull);

  json_object *o = json_object_new_object();
  json_object_object_add(o, "file", json_object_new_string(h->file->path));
  json_object_object_add(o, "text", json_object_new_string_len(h->rec.text, (int)h->rec.text_len));
  zs_json_add_precedent(o, r, it, rank);
  fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE),
        devnull);
  json_object_put(o);
}

static void check_similar(const zs_similar_result *r) {
  ZS_FUZZ_CHECK(r->hits && (r->nwords == 0 || (r->words && r->weights)));
  check_hits(r->hits, &(zs_search_params){.max = UINT32_MAX, .first = 0});
  for (size_t i = 0; i < r->n; i++) {
    const zs_precedent *it = &r->items[i];
    ZS_FUZZ_CHECK(it->hit >= r->hits->hit && it->hit < r->hits->hit + r->hits->n);
    ZS_FUZZ_CHECK(it->overlap >= 0 && it->overlap <= 1);
    for (size_t t = 0; t < it->nterms; t++)
      ZS_FUZZ_CHECK(it->terms[t] < r->nwords);
    for (size_t a = 0; a < it->nalso; a++)
      ZS_FUZZ_CHECK(it->also_in[a] < r->hits->n);
  }
}

static void cli_similar(zs_searcher *s, const input *in, const char *where) {
  const char *draft = in->ndocs ? in->doc[0] : in->query;
  size_t len = in->ndocs ? in->doc_len[0] : in->query_len;
  uint32_t n = in->opt[2] & 63, per_doc = in->opt[2] >> 6;
  zs_similar_params p = {.max = n ? n : 10,
                         .per_doc = per_doc ? per_doc : 2,
                         .where = (in->opt[4] & 128) && *where ? where : NULL};
  zs_similar_result *r = NULL;
  int rc = zs_similar_run(s, draft, len, &p, &r);
  if (rc == ZS_OK) {
    check_similar(r);
    size_t rank = 0;
    for (size_t i = 0; i < r->n; i++) {
      rank += !r->items[i].source;
      print_precedent(r, &r->items[i], rank, in->opt[0] & 16);
    }
  } else {
    ZS_FUZZ_CHECK(r == NULL);
    expect_bad_input(rc);
  }
  zs_similar_free(r);
}

/* ---- zhquery audit, on the query's words as a keyword list ---- */

static void cli_audit(zs_searcher *s, const char *keywords, size_t len, uint8_t o4) {
  zs_audit_by by = (zs_audit_by)(o4 & 3);
  static const zs_audit_format formats[] = {ZS_AUDIT_TSV, ZS_AUDIT_CSV, ZS_AUDIT_JSON,
                                            ZS_AUDIT_CSV};
  zs_audit_format fmt = formats[(o4 >> 2) & 3];
  int mode = (o4 >> 4) & 3;
  zs_audit_keywords k = {0};
  zs_audit_result r = {0};
  ZS_FUZZ_CHECK(zs_audit_parse_keywords(&k, keywords, len, zs_searcher_fold_flags(s)) == ZS_OK);
  bool required = false;
  for (size_t i = 0; i < k.n; i++)
    required = required || k.kw[i].required;
  if (k.nproblems == 0 && k.n > 0 && (mode != 2 || required)) {
    int rc = zs_audit_count(&r, s, &k, mode == 1);
    if (rc != ZS_OK)
      expect_bad_input(rc);
    if (rc == ZS_OK) {
      ZS_FUZZ_CHECK(r.nkw == k.n);
      for (size_t i = 0; i < r.npassages; i++)
        ZS_FUZZ_CHECK(r.passage[i].kw < r.nkw && r.passage[i].doc < r.ndocs && r.passage[i].text &&
                      r.passage[i].count > 0);
      size_t missing = 0;
      if (mode == 1)
        ZS_FUZZ_CHECK(zs_audit_write_passages(devnull, &r, &k, fmt) == ZS_OK);
      else if (mode == 2)
        ZS_FUZZ_CHECK(zs_audit_write_missing(devnull, &r, &k, fmt, &missing) == ZS_OK &&
                      missing <= r.ndocs);
      else
        for (int f = ZS_AUDIT_TSV; f <= ZS_AUDIT_JSON; f++)
          ZS_FUZZ_CHECK(zs_audit_write_matrix(devnull, &r, &k, by, (zs_audit_format)f) == ZS_OK);
    }
  }
  zs_audit_result_free(&r);
  zs_audit_keywords_free(&k);
}

/* ---- zhquery serve's API handlers, without HTTP ---- */

static void check_reply(int rc, zs_serve_reply *out) {
  if (rc != ZS_OK)
    fprintf(stderr, "fuzz_search: %s: %s\n", zs_error_name(rc), zs_error_last());
  ZS_FUZZ_CHECK(rc == ZS_OK);
  ZS_FUZZ_CHECK(out->status == 200 || out->status == 400 || out->status == 413);
  ZS_FUZZ_CHECK(out->content_type && out->body);
  if (strstr(out->content_type, "json")) { /* what is sent parses */
    json_tokener *tok = json_tokener_new();
    json_object *o = json_tokener_parse_ex(tok, out->body, (int)out->len);
    ZS_FUZZ_CHECK(o && json_tokener_get_error(tok) == json_tokener_success);
    json_object_put(o);
    json_tokener_free(tok);
  }
  fwrite(out->body, 1, out->len, devnull);
  zs_serve_reply_free(out);
}

static void param(zs_serve_param *p, size_t *n, const char *name, const char *value, size_t len) {
  p[*n] = (zs_serve_param){.name = name, .value = value, .len = len};
  ++*n;
}

static void serve_api(zs_searcher *s, const input *in, const char *province, const char *year,
                      const char *where, const char *keywords, size_t klen) {
  char offset[16], n[16], per_doc[16];
  snprintf(offset, sizeof offset, "%u",
           in->opt[1] < 192 ? in->opt[1] : (unsigned)(in->opt[1] - 191) * 160);
  snprintf(n, sizeof n, "%u", in->opt[2] & 63);
  snprintf(per_doc, sizeof per_doc, "%u", in->opt[2] >> 6);
  zs_serve_param p[8];
  size_t np = 0;
  zs_serve_reply out = {0};
  param(p, &np, "q", in->query, in->query_len); /* may hold a NUL: the handler says no */
  param(p, &np, "offset", offset, strlen(offset));
  param(p, &np, "n", n, strlen(n));
  param(p, &np, "facets", in->opt[0] & 1 ? "1" : "0", 1);
  if (*province)
    param(p, &np, "province", province, strlen(province));
  if (*year)
    param(p, &np, "year", year, strlen(year));
  zs_serve_request rq = {.method = "GET", .path = "/api/search", .param = p, .nparams = np};
  if (in->opt[5] & 4)
    check_reply(zs_serve_api_search(s, &rq, &out), &out);

  /* similar: the draft as the body (POST), or as text= when short */
  np = 0;
  const char *draft = in->ndocs ? in->doc[0] : in->query;
  size_t dlen = in->ndocs ? in->doc_len[0] : in->query_len;
  bool as_text = in->opt[5] & 128;
  if (as_text)
    param(p, &np, "text", draft, dlen);
  if (in->opt[2] & 63)
    param(p, &np, "n", n, strlen(n));
  if (in->opt[2] >> 6)
    param(p, &np, "per_doc", per_doc, strlen(per_doc));
  if ((in->opt[4] & 128) && *where)
    param(p, &np, "where", where, strlen(where));
  rq = (zs_serve_request){.method = as_text ? "GET" : "POST",
                          .path = "/api/similar",
                          .param = p,
                          .nparams = np,
                          .body = as_text ? NULL : draft,
                          .body_len = as_text ? 0 : dlen};
  if (in->opt[5] & 8)
    check_reply(zs_serve_api_similar(s, &rq, &out), &out);

  np = 0;
  static const char *const by[] = {"doc", "year", "province", "type"};
  param(p, &np, "by", by[in->opt[4] & 3], strlen(by[in->opt[4] & 3]));
  param(p, &np, "format", in->opt[4] & 4 ? "csv" : "json", in->opt[4] & 4 ? 3 : 4);
  rq = (zs_serve_request){.method = "POST",
                          .path = "/api/audit",
                          .param = p,
                          .nparams = np,
                          .body = keywords,
                          .body_len = klen};
  if (in->opt[5] & 16)
    check_reply(zs_serve_api_audit(s, &rq, &out), &out);

  rq = (zs_serve_request){.method = "GET", .path = "/api/docs"};
  if (in->opt[5] & 32) {
    check_reply(zs_serve_api_docs(s, &rq, &out), &out);
    rq.path = "/api/health";
    check_reply(zs_serve_api_health(s, &rq, &out), &out);
  }
}

/* ---- the entry point ---- */

/* The searcher over the indexes option bits 5-6 name (what exists of them). */
static zs_searcher *open_searcher(bool have_input, uint8_t o0) {
  const char *which[2];
  size_t n = 0;
  int order = (o0 >> 5) & 3;
  if (!have_input || !have_base)
    order = have_input ? 2 : 3;
  if (order == 0 || order == 3)
    which[n++] = base_index;
  if (order != 3)
    which[n++] = in_index;
  if (order == 1)
    which[n++] = base_index;
  if (order == 3 && !have_base)
    return NULL;
  zs_searcher *s = NULL;
  ZS_FUZZ_CHECK(zs_searcher_open_many(&s, which, n) == ZS_OK);
  return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *copy = malloc(size + 1);
  if (!copy)
    abort();
  input in;
  split(&in, data, size, copy);
  bool have_input = index_input(&in, in.opt[0] & 128, in.opt[4] & 64);
  zs_searcher *s = open_searcher(have_input, in.opt[0]);
  if (!s) {
    free(copy);
    return 0;
  }

  /* the filters as typed after the words (province:X year:Y) */
  const char *const *provs = zs_docmeta_provinces();
  unsigned pv = in.opt[3] & 15, yv = in.opt[3] >> 4;
  char filters[128] = "", province[48] = "", year[24] = "";
  if (pv)
    snprintf(province, sizeof province, "province:%s", pv == 15 ? "火星" : provs[pv - 1]);
  if (yv)
    snprintf(year, sizeof year, "year:%s", yv == 15 ? "2018..2022" : "");
  if (yv && yv < 15)
    snprintf(year, sizeof year, "year:%u", 2014 + yv);
  snprintf(filters, sizeof filters, "%s%s%s%s", *province ? " " : "", province, *year ? " " : "",
           year);

  cli_search(s, &in, filters);
  if (in.opt[5] & 1)
    cli_similar(s, &in, filters + (*filters == ' '));

  char *keywords = zs_fuzz_copy((const uint8_t *)in.query, in.query_len);
  for (size_t i = 0; i < in.query_len; i++)
    keywords[i] = keywords[i] == ' ' ? '\n' : keywords[i];
  if (in.opt[5] & 2)
    cli_audit(s, keywords, in.query_len, in.opt[4]);
  serve_api(s, &in, *province ? province + strlen("province:") : "",
            *year ? year + strlen("year:") : "", filters + (*filters == ' '), keywords,
            in.query_len);
  free(keywords);

  zs_searcher_close(s);
  free(copy);
  return 0;
}
