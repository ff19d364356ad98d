/* zs_copies: MinHash over 5-character shingles of the text's letters (so line
 * breaks, spaces and punctuation of each format do not matter), banded LSH. */
#define _GNU_SOURCE /* memmem */
#include "zs_copies.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/utf8.h>

#include "zs_catalog.h"
#include "zs_error.h"
#include "zs_grow.h"
#include "zs_hash.h"
#include "zs_i18n.h"
#include "zs_record.h"
#include "zs_schema.h"

#define SHINGLE 5
#define BANDS 32
#define ROWS (ZS_SIG_HASHES / BANDS)
#define MIN_SHINGLES 20 /* below this a text is too short to call another its copy */
#define SAME_MINS 48    /* of 64: estimated Jaccard similarity 0.75 or more */
/* or the smaller text is (estimated) 85% inside the larger, and at least 40%
 * of its size: a page that adds its metadata table and buttons to a short reply */
#define CONTAINED 0.85
#define SIZE_RATIO 0.4

static uint64_t mix(uint64_t x) { /* splitmix64's finaliser */
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/* The 64 hash functions of a shingle: multiply-add-shift on its (well mixed)
 * 64-bit hash, one multiply each where a mix per function cost 4% of
 * indexing. Their constants are drawn once from splitmix64. */
static uint64_t hash_mul[ZS_SIG_HASHES], hash_add[ZS_SIG_HASHES];
static pthread_once_t hash_once = PTHREAD_ONCE_INIT;

static void draw_hashes(void) {
  for (size_t k = 0; k < ZS_SIG_HASHES; k++) {
    hash_mul[k] = mix(0x632be59bd9b4e019ULL * (2 * k + 1)) | 1;
    hash_add[k] = mix(0x632be59bd9b4e019ULL * (2 * k + 2));
  }
}

void zs_sig_init(zs_sig_builder *b) {
  pthread_once(&hash_once, draw_hashes);
  memset(b, 0, sizeof *b);
  memset(b->min, 0xff, sizeof b->min);
}

static bool kept(uint32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0xFF10 && c <= 0xFF19);
}

static void add_shingle(zs_sig_builder *b) {
  uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (size_t i = 0; i < SHINGLE; i++)
    h = mix(h ^ b->window[i]);
  for (size_t k = 0; k < ZS_SIG_HASHES; k++) {
    uint32_t v = (uint32_t)((h * hash_mul[k] + hash_add[k]) >> 32), m = b->min[k];
    b->min[k] = v < m ? v : m; /* no branch: which hash falls is a coin toss */
  }
  b->shingles++;
}

/* The code point at s[*i] (*i moves past it); negative on a bad sequence.
 * ICU's U8_NEXT on one code point's window (its length is int32_t). */
static UChar32 next_cp(const char *s, size_t len, size_t *i) {
  int32_t k = 0;
  UChar32 c;
  size_t left = len - *i;
  U8_NEXT((const uint8_t *)s + *i, k, (int32_t)(left < 4 ? left : 4), c);
  *i += (size_t)k;
  return c;
}

void zs_sig_add(zs_sig_builder *b, const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    UChar32 cp = next_cp(s, len, &i);
    if (cp < 0 || !kept((uint32_t)cp))
      continue;
    uint32_t c = (uint32_t)cp;
    if (c >= 'A' && c <= 'Z')
      c += 'a' - 'A';
    if (b->nwindow == SHINGLE) {
      memmove(b->window, b->window + 1, (SHINGLE - 1) * sizeof *b->window);
      b->nwindow--;
    }
    b->window[b->nwindow++] = c;
    if (b->nwindow == SHINGLE)
      add_shingle(b);
  }
}

void zs_sig_hex(const zs_sig_builder *b, char out[ZS_SIG_HEX + 1]) {
  out[0] = '\0';
  if (b->shingles < MIN_SHINGLES)
    return;
  for (size_t k = 0; k < ZS_SIG_HASHES; k++)
    snprintf(out + 8 * k, 9, "%08" PRIx32, b->min[k]);
  snprintf(out + 8 * ZS_SIG_HASHES, 9, "%08" PRIx32,
           b->shingles > UINT32_MAX ? UINT32_MAX : (uint32_t)b->shingles);
}

/* ---- grouping ---- */

typedef struct file_sig {
  uint32_t id;
  uint32_t min[ZS_SIG_HASHES];
  uint32_t size;             /* shingles */
  char docno[128], date[11]; /* two documents that differ in these are two documents */
  uint64_t title;            /* hash of the title's letters, 0 when it has none */
  int rank;                  /* which of a group is shown: higher first */
  uint32_t passages;
  char *path;
} file_sig;

typedef struct sig_list {
  file_sig *f;
  size_t n, cap;
} sig_list;

/* How good a file is to show for its group: the metadata it has, then its
 * format (a saved page or Word file keeps the document's structure best). */
static int rank_of(const zs_file_record *r) {
  int have = (r->title_len > 0) + (r->org[0] != 0) + (r->docno[0] != 0) + (r->date[0] != 0);
  const char *dot = strrchr(r->path, '.');
  static const char *const formats[] = {".pdf", ".txt", ".md", ".docx", ".htm", ".html", NULL};
  int format = 0;
  for (int i = 0; dot && formats[i]; i++)
    if (strcasecmp(dot, formats[i]) == 0)
      format = i + 1;
  return have * 10 + format;
}

static int append_visible(char **buf, size_t *len, size_t *cap, const char *s, size_t n);

static int collect(void *ctx, const zs_file_record *r) {
  sig_list *l = ctx;
  if (strlen(r->sig) != ZS_SIG_HEX)
    return 0;
  if (zs_grow((void **)&l->f, &l->cap, l->n + 1, sizeof *l->f))
    return zs_error_set(ZS_ENOMEM, _("out of memory grouping copies"));
  file_sig *f = &l->f[l->n];
  f->id = r->file_id;
  snprintf(f->docno, sizeof f->docno, "%s", r->docno);
  snprintf(f->date, sizeof f->date, "%s", r->date);
  char *letters = NULL;
  size_t len = 0, cap = 0;
  if (append_visible(&letters, &len, &cap, r->title, r->title_len))
    return zs_error_code();
  f->title = len ? zs_fnv64(letters, len) : 0;
  free(letters);
  f->rank = rank_of(r);
  f->passages = r->passages;
  for (size_t k = 0; k <= ZS_SIG_HASHES; k++) {
    char hex[9];
    memcpy(hex, r->sig + 8 * k, 8);
    hex[8] = '\0';
    uint32_t v = (uint32_t)strtoul(hex, NULL, 16);
    if (k < ZS_SIG_HASHES)
      f->min[k] = v;
    else
      f->size = v;
  }
  if (!(f->path = strdup(r->path)))
    return zs_error_set(ZS_ENOMEM, _("out of memory grouping copies"));
  l->n++;
  return 0;
}

static size_t find(size_t *parent, size_t i) {
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

typedef struct band_key {
  uint64_t key;
  size_t file;
} band_key;

static int key_cmp(const void *a, const void *b) {
  const band_key *x = a, *y = b;
  return x->key < y->key ? -1 : x->key > y->key ? 1 : (x->file > y->file) - (x->file < y->file);
}

static bool differ(const char *a, const char *b) {
  return a[0] && b[0] && strcmp(a, b) != 0;
}

/* Replies written from one template (申办2009年… and 申办2011年…) share most
 * of their text: their numbers tell them apart, else their dates (a page's
 * metadata table and its own sign-off may disagree on the date). */
static bool same_document(const char *docno_a, const char *date_a, const char *docno_b,
                          const char *date_b) {
  return docno_a[0] && docno_b[0] ? strcmp(docno_a, docno_b) == 0 : !differ(date_a, date_b);
}

static bool same_text(const file_sig *a, const file_sig *b) {
  if (!same_document(a->docno, a->date, b->docno, b->date))
    return false;
  int same = 0;
  for (size_t k = 0; k < ZS_SIG_HASHES; k++)
    same += a->min[k] == b->min[k];
  if (same >= SAME_MINS)
    return true;
  /* a short text inside a longer one is a copy only when both say they are
   * the same document: a bulletin that reprints a paragraph of a report is not */
  if (!a->title || a->title != b->title)
    return false;
  double j = (double)same / ZS_SIG_HASHES, small = a->size < b->size ? a->size : b->size,
         large = a->size < b->size ? b->size : a->size;
  if (small == 0 || small < SIZE_RATIO * large)
    return false;
  double common = j / (1 + j) * (small + large); /* |A∩B| from J = |A∩B| / |A∪B| */
  return common >= CONTAINED * small;
}

typedef struct sort_ctx {
  const sig_list *l;
  const size_t *root;
} sort_ctx;

/* By group, then the shown member first (most metadata, best format, path). */
static int member_cmp(const void *a, const void *b, void *ctx) {
  const sort_ctx *sc = ctx;
  size_t i = *(const size_t *)a, j = *(const size_t *)b;
  if (sc->root[i] != sc->root[j])
    return (sc->root[i] > sc->root[j]) - (sc->root[i] < sc->root[j]);
  const file_sig *x = &sc->l->f[i], *y = &sc->l->f[j];
  if (x->rank != y->rank)
    return y->rank - x->rank;
  int c = strcmp(x->path, y->path);
  return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* "shown copy copy…\n" for each group of two or more, into a new string. */
static int write_groups(const sig_list *l, size_t *parent, char **out, size_t *out_len) {
  size_t *order = malloc((l->n ? l->n : 1) * sizeof *order);
  size_t cap = 0, len = 0;
  char *s = NULL;
  int rc = order ? zs_grow((void **)&s, &cap, 1, 1) : zs_error_set(ZS_ENOMEM, _("out of memory"));
  for (size_t i = 0; rc == ZS_OK && i < l->n; i++) {
    order[i] = i;
    parent[i] = find(parent, i);
  }
  if (rc == ZS_OK && l->n) {
    sort_ctx sc = {l, parent};
    qsort_r(order, l->n, sizeof *order, member_cmp, &sc);
  }
  for (size_t i = 0; rc == ZS_OK && i < l->n;) {
    size_t j = i + 1;
    while (j < l->n && parent[order[j]] == parent[order[i]])
      j++;
    for (size_t k = i; j - i >= 2 && rc == ZS_OK && k < j; k++) {
      char num[16];
      int n = snprintf(num, sizeof num, "%" PRIu32 "%c", l->f[order[k]].id, k + 1 < j ? ' ' : '\n');
      rc = zs_grow((void **)&s, &cap, len + (size_t)n + 1, 1);
      if (rc == ZS_OK) {
        memcpy(s + len, num, (size_t)n);
        len += (size_t)n;
      }
    }
    i = j;
  }
  free(order);
  if (rc) {
    free(s);
    return zs_error_set(ZS_ENOMEM, _("out of memory grouping copies"));
  }
  s[len] = '\0';
  *out = s;
  *out_len = len;
  return ZS_OK;
}

/* ---- what a copy holds that the file shown for it does not ---- */

/* s[0..len) without its whitespace (Latin lower-cased) appended to *buf: two
 * layouts of one text differ in where they break lines, nothing else. */
static int append_visible(char **buf, size_t *len, size_t *cap, const char *s, size_t n) {
  if (zs_grow((void **)buf, cap, *len + n + 1, 1))
    return zs_error_set(ZS_ENOMEM, _("out of memory comparing copies"));
  for (size_t i = 0; i < n;) {
    size_t at = i;
    UChar32 cp = next_cp(s, n, &i);
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0)
      continue;
    memcpy(*buf + *len, s + at, i - at);
    if (cp >= 'A' && cp <= 'Z')
      (*buf)[*len] = (char)(cp + 'a' - 'A');
    *len += i - at;
  }
  (*buf)[*len] = '\0';
  return ZS_OK;
}

/* Called with a passage and its document id; rec is NULL when the stored
 * record does not decode. */
typedef int (*passage_fn)(void *ctx, zs_docid id, const zs_passage_record *rec);

/* Calls fn for every passage q matches (at most max), in no set order. */
static int each_match(zs_db *db, const zs_query *q, uint32_t max, passage_fn fn, void *ctx) {
  zs_results *r = NULL;
  zs_search_opts opts;
  zs_search_opts_init(&opts);
  opts.max = max;
  int rc = zs_search(&r, db, q, &opts);
  for (size_t i = 0; rc == ZS_OK && i < zs_results_size(r); i++) {
    zs_doc *doc = NULL;
    const char *data;
    size_t len;
    zs_passage_record rec;
    rc = zs_results_doc(r, i, &doc);
    if (rc == ZS_OK)
      rc = zs_doc_get_data(doc, &data, &len);
    if (rc == ZS_OK)
      rc = fn(ctx, zs_results_docid(r, i),
              zs_passage_record_decode(&rec, data, len) == ZS_OK ? &rec : NULL);
    zs_doc_free(doc);
  }
  zs_results_free(r);
  return rc;
}

/* Calls fn for every passage of file f (any version). */
static int each_passage(zs_db *db, const file_sig *f, passage_fn fn, void *ctx) {
  char term[ZS_FILE_TERM_SIZE];
  int n = zs_file_key_term(term, sizeof term, f->path, strlen(f->path));
  zs_query *q = NULL;
  int rc = n < 0 ? n : zs_query_term(&q, term, (size_t)n, 1);
  /* an old version's passages may still be there */
  if (rc == ZS_OK)
    rc = each_match(db, q, f->passages + 1024, fn, ctx);
  zs_query_free(q);
  return rc;
}

typedef struct letters {
  char *s; /* the shown file's passages, each ended by \x01 */
  size_t len, cap;
  uint64_t *hash; /* of each passage's text, sorted: most copy passages are one of them */
  size_t nhash, hash_cap;
} letters;

/* The shown file's passages, each ended by a mark: a copy's passage that runs
 * over two of them holds a string no quoted search of the shown file finds,
 * so it must stay visible. */
static int add_letters(void *ctx, zs_docid id, const zs_passage_record *rec) {
  (void)id;
  letters *l = ctx;
  if (!rec)
    return ZS_OK;
  size_t from = l->len;
  int rc = append_visible(&l->s, &l->len, &l->cap, rec->text, rec->text_len);
  if (rc == ZS_OK && zs_grow((void **)&l->hash, &l->hash_cap, l->nhash + 1, sizeof *l->hash))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory comparing copies"));
  if (rc == ZS_OK)
    l->hash[l->nhash++] = zs_fnv64(l->s + from, l->len - from);
  if (rc == ZS_OK)
    rc = append_visible(&l->s, &l->len, &l->cap, "\x01", 1);
  return rc;
}

static int hash_cmp(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

/* The passages of copies, as document id lists. */
typedef struct id_list {
  zs_docid *id;
  size_t n, cap;
} id_list;

static int add_id(id_list *l, zs_docid id) {
  if (zs_grow((void **)&l->id, &l->cap, l->n + 1, sizeof *l->id))
    return zs_error_set(ZS_ENOMEM, _("out of memory comparing copies"));
  l->id[l->n++] = id;
  return ZS_OK;
}

typedef struct own_text {
  const letters *shown;
  letters passage;
  id_list all, held; /* every passage of a copy; those whose text the shown file holds */
} own_text;

/* Lists a copy's passage, and whether the shown file holds its text in one passage. */
static int list_copy(void *ctx, zs_docid id, const zs_passage_record *rec) {
  own_text *o = ctx;
  if (!rec) /* a damaged record: left as it is, visible */
    return ZS_OK;
  o->passage.len = 0;
  int rc =
      append_visible(&o->passage.s, &o->passage.len, &o->passage.cap, rec->text, rec->text_len);
  if (rc)
    return rc;
  uint64_t h = zs_fnv64(o->passage.s, o->passage.len);
  bool held = !o->passage.len || bsearch(&h, o->shown->hash, o->shown->nhash, sizeof h, hash_cmp) ||
              memmem(o->shown->s ? o->shown->s : "", o->shown->len, o->passage.s, o->passage.len);
  rc = add_id(&o->all, id);
  return rc == ZS_OK && held ? add_id(&o->held, id) : rc;
}

/* Records the passages of every copy (ZS_DOCSET_COPIES), and those whose text
 * the shown file holds (ZS_DOCSET_COPIES_HELD): a quoted search must still
 * find every string, whatever small difference two saved copies have. The
 * sets are written whole each time: no passage is rewritten. */
static int mark_copies(zs_db *db, const sig_list *l, const char *groups) {
  uint32_t max_id = 0;
  for (size_t i = 0; i < l->n; i++)
    max_id = l->f[i].id > max_id ? l->f[i].id : max_id;
  size_t *at_id = calloc((size_t)max_id + 1, sizeof *at_id); /* 1 + index in l->f, by id */
  int rc = at_id ? ZS_OK : zs_error_set(ZS_ENOMEM, _("out of memory comparing copies"));
  for (size_t i = 0; rc == ZS_OK && i < l->n; i++)
    at_id[l->f[i].id] = i + 1;
  own_text o = {0};
  letters shown = {0};
  o.shown = &shown;
  const file_sig *first = NULL;
  bool start = true; /* of a line: the shown file's id */
  for (const char *at = groups; rc == ZS_OK && *at;) {
    char *end;
    unsigned long id = strtoul(at, &end, 10);
    const file_sig *f = id <= max_id && at_id[id] ? &l->f[at_id[id] - 1] : NULL;
    if (start) {
      first = f;
      shown.len = shown.nhash = 0;
      rc = f ? each_passage(db, f, add_letters, &shown) : ZS_OK;
      if (rc == ZS_OK && shown.nhash)
        qsort(shown.hash, shown.nhash, sizeof *shown.hash, hash_cmp);
    } else if (f && first) {
      rc = each_passage(db, f, list_copy, &o);
    }
    start = *end == '\n';
    at = *end ? end + 1 : end;
  }
  if (rc == ZS_OK)
    rc = zs_db_set_docset(db, ZS_DOCSET_COPIES, o.all.id, o.all.n);
  if (rc == ZS_OK)
    rc = zs_db_set_docset(db, ZS_DOCSET_COPIES_HELD, o.held.id, o.held.n);
  free(shown.s);
  free(shown.hash);
  free(o.passage.s);
  free(o.all.id);
  free(o.held.id);
  free(at_id);
  return rc;
}

int zs_copies_update(zs_db *db) {
  sig_list l = {0};
  int rc = zs_catalog_each(db, collect, &l);
  size_t *parent = malloc((l.n ? l.n : 1) * sizeof *parent);
  band_key *keys = malloc((l.n ? l.n : 1) * sizeof *keys);
  if (rc == ZS_OK && (!parent || !keys))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory grouping copies"));
  /* what each group says it is: a file without number or date must not join
   * two documents that have different ones */
  const char **gdocno = malloc((l.n ? l.n : 1) * sizeof *gdocno);
  const char **gdate = malloc((l.n ? l.n : 1) * sizeof *gdate);
  if (rc == ZS_OK && (!gdocno || !gdate))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory grouping copies"));
  for (size_t i = 0; rc == ZS_OK && i < l.n; i++) {
    parent[i] = i;
    gdocno[i] = l.f[i].docno;
    gdate[i] = l.f[i].date;
  }
  /* files sharing all the rows of a band are candidates; each is checked
   * against the first and the previous of its bucket, which keeps this linear */
  for (size_t band = 0; rc == ZS_OK && band < BANDS; band++) {
    for (size_t i = 0; i < l.n; i++) {
      uint64_t h = band + 1;
      for (size_t r = 0; r < ROWS; r++)
        h = mix(h ^ l.f[i].min[band * ROWS + r]);
      keys[i] = (band_key){h, i};
    }
    qsort(keys, l.n, sizeof *keys, key_cmp);
    for (size_t i = 0; i < l.n;) {
      size_t j = i + 1;
      for (; j < l.n && keys[j].key == keys[i].key; j++)
        for (size_t k = i; k < j; k = k == i && j - 1 > i ? j - 1 : j) {
          if (!same_text(&l.f[keys[k].file], &l.f[keys[j].file]))
            continue;
          size_t a = find(parent, keys[k].file), b = find(parent, keys[j].file);
          if (a == b || !same_document(gdocno[a], gdate[a], gdocno[b], gdate[b]))
            continue;
          parent[b] = a;
          if (!gdocno[a][0])
            gdocno[a] = gdocno[b];
          if (!gdate[a][0])
            gdate[a] = gdate[b];
        }
      i = j;
    }
  }
  char *groups = NULL;
  size_t len = 0;
  if (rc == ZS_OK)
    rc = write_groups(&l, parent, &groups, &len);
  if (rc == ZS_OK)
    rc = zs_db_set_metadata(db, ZS_META_COPIES, groups, len);
  if (rc == ZS_OK)
    rc = mark_copies(db, &l, groups);
  free(groups);
  for (size_t i = 0; i < l.n; i++)
    free(l.f[i].path);
  free(l.f);
  free(parent);
  free(keys);
  free(gdocno);
  free(gdate);
  return rc;
}
