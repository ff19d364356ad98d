/* zs_index: opening an index for either side; the analysis settings are read
 * (and, for a new index, written) here only, and compared as one string. */
#include "zs_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_fold.h"
#include "zs_i18n.h"
#include "zs_schema.h"
#include "zs_shards.h"

/* Seconds a remote shard may take to connect or answer ($ZHSEARCH_REMOTE_TIMEOUT). */
static unsigned remote_timeout_ms(void) {
  const char *v = getenv("ZHSEARCH_REMOTE_TIMEOUT");
  double sec = v && *v ? strtod(v, NULL) : 10;
  return sec > 0 && sec < 3600 ? (unsigned)(sec * 1000) : 10000;
}

void zs_analysis_describe(char *buf, size_t size, unsigned fold_flags, const zs_lexicon *lx) {
  snprintf(buf, size, ZS_ANALYSIS_FORMAT, ZS_SCHEMA_VERSION, zs_fold_describe(fold_flags),
           (fold_flags & ZS_FOLD_T2S) ? zs_fold_t2s_fingerprint() : "-",
           zs_lexicon_fingerprint(lx));
}

/* The folding: a reader needs the index's own; a writer keeps an existing
 * index's (another one needs a rebuild) and gives a new one the options'. */
static int settle_fold(zs_index *idx, const char *name, const zs_index_write_opts *w) {
  char *have = NULL;
  size_t len = 0;
  int rc = zs_db_get_metadata(idx->db, ZS_META_FOLD, &have, &len);
  if (rc == ZS_OK && !w) {
    if (!have || zs_fold_parse(have, &idx->fold_flags) != ZS_OK)
      rc = zs_error_set(ZS_EINVAL,
                        _("index %s does not say how it folded text (%s); rebuild it "
                          "with: zhindex --rebuild --index %s FOLDER"),
                        name, have ? have : "nothing", name);
  } else if (rc == ZS_OK) {
    unsigned want = w->no_t2s ? ZS_FOLD_DEFAULT & ~(unsigned)ZS_FOLD_T2S : ZS_FOLD_DEFAULT;
    if (have && zs_fold_parse(have, &idx->fold_flags) != ZS_OK)
      rc = zs_error_set(ZS_EINVAL, _("index %s: unknown folding '%s'; run zhindex --rebuild"), name,
                        have);
    else if (have && w->no_t2s && idx->fold_flags != want)
      rc = zs_error_set(ZS_EINVAL, _("index %s folds with %s; --no-t2s needs --rebuild"), name,
                        have);
    else if (!have) {
      idx->fold_flags = want;
      const char *desc = zs_fold_describe(want);
      rc = zs_db_set_metadata(idx->db, ZS_META_FOLD, desc, strlen(desc));
    }
  }
  free(have);
  return rc;
}

/* The lexicon: the built-in one plus the index's own words (a writer given
 * new words stores them, so that readers use the same). */
static int settle_lexicon(zs_index *idx, const zs_index_write_opts *w) {
  char *stored = NULL;
  size_t len = 0;
  const char *words = NULL;
  int rc;
  if (w && w->lexicon_words) {
    words = w->lexicon_words;
    len = w->lexicon_len;
    rc = zs_db_set_metadata(idx->db, ZS_META_LEXICON_EXTRA, words, len);
  } else {
    rc = zs_db_get_metadata(idx->db, ZS_META_LEXICON_EXTRA, &stored, &len);
    words = stored;
  }
  if (rc == ZS_OK && words && len)
    rc = zs_lexicon_extend(&idx->extended, zs_lexicon_builtin(), words, len);
  free(stored);
  idx->lexicon = idx->extended ? idx->extended : zs_lexicon_builtin();
  return rc;
}

/* The analysis, compared whole: a reader refuses an index analysed otherwise
 * (it would miss terms); a writer records it in a new index. */
static int settle_analysis(zs_index *idx, const char *name, bool writer) {
  char want[256];
  zs_analysis_describe(want, sizeof want, idx->fold_flags, idx->lexicon);
  char *have = NULL, *next = NULL;
  size_t have_len = 0, next_len = 0;
  int rc = zs_db_get_metadata(idx->db, ZS_META_ANALYSIS, &have, &have_len);
  if (rc == ZS_OK && !have && !writer)
    rc = zs_error_set(ZS_ENOTFOUND,
                      _("%s is not a zhsearch index (or it is empty); build it "
                        "with: zhindex --index %s FOLDER"),
                      name, name);
  else if (rc == ZS_OK && have && strcmp(have, want) != 0)
    rc = writer ? zs_error_set(ZS_EINVAL,
                               _("index %s was built with another analysis (%s); run "
                                 "zhindex --rebuild"),
                               name, have)
                : zs_error_set(ZS_EINVAL,
                               _("index %s was built by another version of zhsearch "
                                 "(%s); rebuild it with: zhindex --rebuild --index %s FOLDER"),
                               name, have, name);
  else if (rc == ZS_OK && !have) {
    rc = zs_db_set_metadata(idx->db, ZS_META_ANALYSIS, want, strlen(want));
    if (rc == ZS_OK)
      rc =
          zs_db_set_metadata(idx->db, ZS_META_SCHEMA, ZS_SCHEMA_VERSION, strlen(ZS_SCHEMA_VERSION));
  }
  if (rc == ZS_OK && writer)
    rc = zs_db_get_metadata(idx->db, ZS_META_NEXT_FILE_ID, &next, &next_len);
  idx->next_file_id = next ? (uint32_t)strtoul(next, NULL, 10) : 1;
  free(have);
  free(next);
  return rc;
}

/* A remote shard is sent through Xapian's protocol, which reads documents
 * through their termlists: only an index built with them can be served. */
static int check_remote_shards(zs_index *idx) {
  int rc = ZS_OK;
  for (size_t k = 0; rc == ZS_OK && k < idx->nshards; k++) {
    const char *name = zs_db_shard_name(idx->db, k);
    if (strncmp(name, "remote ", 7) != 0)
      continue;
    char *have = NULL;
    size_t len = 0;
    rc = zs_db_shard_get_metadata(idx->db, k, ZS_META_TERMLISTS, &have, &len);
    if (rc == ZS_OK && !len)
      rc = zs_error_set(ZS_EINVAL,
                        _("shard %s was built without --for-remote, so xapian-tcpsrv cannot send "
                          "its passages; rebuild it there with: zhindex --rebuild --for-remote "
                          "--index DIR FOLDER"),
                        name);
    free(have);
  }
  return rc;
}

/* Shards must agree on how text was analysed, or one of them would miss terms. */
static const char *const same_in_every_shard[] = {ZS_META_ANALYSIS, ZS_META_FOLD,
                                                  ZS_META_LEXICON_EXTRA};

static int check_shards_agree(zs_index *idx) {
  int rc = ZS_OK;
  size_t nkeys = sizeof same_in_every_shard / sizeof *same_in_every_shard;
  for (size_t k = 1; rc == ZS_OK && k < idx->nshards; k++)
    for (size_t i = 0; rc == ZS_OK && i < nkeys; i++) {
      char *first = NULL, *other = NULL;
      size_t first_len = 0, other_len = 0;
      rc = zs_db_shard_get_metadata(idx->db, 0, same_in_every_shard[i], &first, &first_len);
      if (rc == ZS_OK)
        rc = zs_db_shard_get_metadata(idx->db, k, same_in_every_shard[i], &other, &other_len);
      if (rc == ZS_OK && (first_len != other_len || (first_len && memcmp(first, other, first_len))))
        rc = zs_error_set(ZS_EINVAL,
                          _("shards %s and %s were indexed differently (%s: '%s' and "
                            "'%s'); rebuild one so that both are built by this zhsearch with the "
                            "same options"),
                          zs_db_shard_name(idx->db, 0), zs_db_shard_name(idx->db, k),
                          same_in_every_shard[i], first ? first : "", other ? other : "");
      free(first);
      free(other);
    }
  return rc;
}

int zs_index_open_many(zs_index **out, const char *const *indexes, size_t n) {
  *out = NULL;
  zs_shard_list shards = {0};
  int rc = zs_shards_expand(&shards, indexes, n);
  if (rc)
    return rc;
  zs_index *idx = calloc(1, sizeof *idx);
  if (!idx) {
    zs_shard_list_free(&shards);
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  }
  idx->dir.lock_fd = -1;
  idx->nshards = shards.n;
  rc = zs_db_open_shards(&idx->db, (const char *const *)shards.spec, shards.n, remote_timeout_ms());
  if (rc == ZS_ENOTFOUND)
    rc =
        zs_error_set(rc, _("%s; build an index with: zhindex --index DIR FOLDER"), zs_error_last());
  /* messages name the index as the user did */
  const char *name = n == 1 ? indexes[0] : shards.spec[0];
  if (rc == ZS_OK)
    rc = settle_fold(idx, name, NULL);
  if (rc == ZS_OK)
    rc = settle_lexicon(idx, NULL);
  if (rc == ZS_OK)
    rc = settle_analysis(idx, name, false);
  if (rc == ZS_OK)
    rc = check_shards_agree(idx);
  if (rc == ZS_OK)
    rc = check_remote_shards(idx);
  zs_shard_list_free(&shards);
  if (rc) {
    zs_index_close(idx);
    return rc;
  }
  *out = idx;
  return ZS_OK;
}

/* Whether the index keeps termlists (zhindex --for-remote): chosen when a
 * generation is created; an existing one cannot get them without a rebuild. */
static int settle_termlists(zs_index *idx, const char *dir, bool fresh,
                            const zs_index_write_opts *w) {
  if (fresh) {
    idx->termlists = w->for_remote;
    return w->for_remote ? zs_db_set_metadata(idx->db, ZS_META_TERMLISTS, "1", 1) : ZS_OK;
  }
  char *have = NULL;
  size_t len = 0;
  int rc = zs_db_get_metadata(idx->db, ZS_META_TERMLISTS, &have, &len);
  free(have);
  idx->termlists = len > 0;
  if (rc == ZS_OK && w->for_remote && !idx->termlists)
    rc = zs_error_set(ZS_EINVAL,
                      _("index %s was built without --for-remote; --for-remote needs "
                        "--rebuild"),
                      dir);
  return rc;
}

/* The writer: on the current generation, or on a new empty one. */
static int open_writer(zs_index *idx, const char *dir, bool fresh, const zs_index_write_opts *w) {
  char path[4096];
  int rc = zs_index_dir_lock(&idx->dir, dir);
  if (rc == ZS_OK)
    rc = zs_index_dir_clean(&idx->dir); /* leftovers of an interrupted run */
  fresh = fresh || idx->dir.current == 0;
  idx->gen = fresh ? idx->dir.current + 1 : idx->dir.current;
  if (rc == ZS_OK)
    rc = zs_index_dir_path(&idx->dir, idx->gen, 0, path, sizeof path);
  if (rc == ZS_OK)
    rc = zs_db_open(&idx->db, path,
                    /* an existing generation keeps what it was made with */
                    fresh ? ZS_DB_OVERWRITE | (w->for_remote ? ZS_DB_TERMLISTS : 0) : ZS_DB_WRITE,
                    w->flush_threshold);
  idx->nshards = 1;
  if (rc == ZS_OK)
    rc = settle_termlists(idx, dir, fresh, w);
  if (rc == ZS_OK)
    rc = settle_fold(idx, dir, w);
  if (rc == ZS_OK)
    rc = settle_lexicon(idx, w);
  if (rc == ZS_OK)
    rc = settle_analysis(idx, dir, true);
  /* a new generation is invisible until published: its settings can be
   * committed now, so that shards compacted with it inherit them */
  if (rc == ZS_OK && idx->gen != idx->dir.current)
    rc = zs_db_commit(idx->db);
  return rc;
}

int zs_index_open(zs_index **out, const char *dir, zs_index_mode mode,
                  const zs_index_write_opts *w) {
  if (mode == ZS_INDEX_READ)
    return zs_index_open_many(out, &dir, 1);
  *out = NULL;
  static const zs_index_write_opts none = {0};
  zs_index *idx = calloc(1, sizeof *idx);
  if (!idx)
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  idx->dir.lock_fd = -1;
  int rc = open_writer(idx, dir, mode == ZS_INDEX_REBUILD, w ? w : &none);
  if (rc) {
    zs_index_close(idx);
    return rc;
  }
  *out = idx;
  return ZS_OK;
}

void zs_index_close(zs_index *idx) {
  if (!idx)
    return;
  zs_db_close(idx->db);
  zs_lexicon_free(idx->extended);
  zs_index_dir_unlock(&idx->dir);
  free(idx);
}
