/* xapian_shim: implements zs_xapian.h, the C API of zhsearch over Xapian 1.4.
 * Every entry point runs its body under guard(), so no C++ exception reaches C. */
#include "zs_docsets.h"
#include "zs_error.h"
#include "zs_facet_spies.h"
#include "zs_i18n.h"
#include "zs_xapian.h"

#include <sys/stat.h>

#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <vector>

struct zs_db {
  std::string path;
  bool writable = false;
  bool in_txn = false;          /* between zs_db_begin and zs_db_commit/cancel */
  Xapian::WritableDatabase wdb; /* used when writable */
  Xapian::Database rdb;         /* used when read-only */
  /* Read-only: each shard on its own, in open order (for its metadata and to
   * name it in errors); a zs_db_open database is its own single shard. */
  std::vector<Xapian::Database> shards;
  std::vector<std::string> shard_names;
  std::vector<bool> shard_remote;
  bool any_remote = false;
  zs_shim::FacetColumns facet_columns; /* of a read-only database (zs_facet_spies.h) */
  /* Writers: ZS_DOCSET_DEAD as this transaction leaves it, written into the
   * metadata before anything reads it (flush_dead). */
  zs_shim::DocRanges dead;
  std::vector<Xapian::docid> dead_pending; /* deleted since dead was last brought up to date */
  bool dead_loaded = false, dead_dirty = false;
  Xapian::Database &reader() {
    return writable ? wdb : rdb;
  }
};

struct zs_doc {
  Xapian::Document doc;
  /* Caches behind the borrowed pointers of zs_doc_get_data/get_value. An entry
   * is only dropped when the document changes, so pointers stay valid. */
  mutable std::optional<std::string> data;
  mutable std::map<unsigned, std::string> values;
};

struct zs_query {
  Xapian::Query q;
};

struct zs_result_item {
  Xapian::docid id;
  double weight;
};

struct zs_results {
  std::vector<zs_result_item> items; /* this page, best first */
  uint32_t lower = 0, estimated = 0, upper = 0;
  Xapian::Database db; /* keeps the database open so documents can be read */
  /* facet counts per requested slot, in the order of zs_search_opts.facet_slots */
  std::vector<std::vector<std::pair<std::string, Xapian::doccount>>> facets;
};

namespace {

/* Writes the message for a failure of `what` (a verb phrase) on index `path`
 * (NULL when no index is involved) and returns code. */
int report(int code, const char *what, const char *path, const char *detail, const char *type) {
  if (path)
    return zs_error_set(code, _("cannot %s index %s: %s (%s)"), _(what), path, detail, type);
  return zs_error_set(code, _("cannot %s: %s (%s)"), _(what), detail, type);
}

bool path_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* Maps the exception being handled to a ZS_E* code and message. Called only
 * from a catch handler; it allocates nothing, so it cannot throw itself. */
int fail_current(const char *what, const char *path) {
  const char *p = path ? path : "(none)";
  try {
    throw;
  } catch (const Xapian::NetworkError &e) {
    return zs_error_set(ZS_EUNAVAIL, _("cannot %s %s: a shard cannot be reached: %s (%s)"), _(what),
                        p, e.get_msg().c_str(), e.get_type());
  } catch (const Xapian::DatabaseLockError &) {
    return zs_error_set(ZS_ELOCKED, _("index %s is locked by another writer (zhindex running?)"),
                        p);
  } catch (const Xapian::DatabaseNotFoundError &) {
    return zs_error_set(ZS_ENOTFOUND, _("no index at %s"), p);
  } catch (const Xapian::DatabaseOpeningError &e) {
    if (path && !path_exists(path))
      return zs_error_set(ZS_ENOTFOUND, _("no index at %s"), p);
    return report(ZS_EXAPIAN, what, path, e.get_msg().c_str(), e.get_type());
  } catch (const Xapian::DatabaseCorruptError &e) {
    return zs_error_set(ZS_ECORRUPT, _("index %s is damaged (%s); rebuild it with zhindex"), p,
                        e.get_msg().c_str());
  } catch (const Xapian::DatabaseModifiedError &) {
    return zs_error_set(ZS_EXAPIAN, _("index %s changed under the reader; reopen it and retry"), p);
  } catch (const Xapian::DocNotFoundError &e) {
    return report(ZS_ENOTFOUND, what, path, e.get_msg().c_str(), e.get_type());
  } catch (const Xapian::WildcardError &e) {
    return zs_error_set(ZS_ETOOBIG,
                        "a prefix query matches more terms than its max_expansion allows (%s); "
                        "use a longer prefix or a higher limit",
                        e.get_msg().c_str());
  } catch (const Xapian::InvalidArgumentError &e) {
    return report(ZS_EINVAL, what, path, e.get_msg().c_str(), e.get_type());
  } catch (const Xapian::Error &e) {
    /* Xapian keeps the errno of a failed write only as its text */
    const char *why = e.get_error_string();
    if (why && (strcmp(why, strerror(ENOSPC)) == 0 || strcmp(why, strerror(EDQUOT)) == 0))
      return zs_error_set(ZS_ENOSPACE,
                          _("cannot %s index %s: the disk is full (%s); free some space and run "
                            "again (what was committed before is kept)"),
                          _(what), p, why);
    if (why && (strcmp(why, strerror(EROFS)) == 0 || strcmp(why, strerror(EACCES)) == 0))
      return zs_error_set(ZS_EREADONLY, _("cannot %s index %s: it cannot be written (%s)"), _(what),
                          p, why);
    return report(ZS_EXAPIAN, what, path, e.get_msg().c_str(), e.get_type());
  } catch (const std::bad_alloc &) {
    return report(ZS_ENOMEM, what, path, "out of memory", "std::bad_alloc");
  } catch (const std::exception &e) {
    return report(ZS_EXAPIAN, what, path, e.what(), "std::exception");
  } catch (...) {
    return report(ZS_EXAPIAN, what, path, "unknown C++ exception", "...");
  }
}

/* Runs body (returning a ZS_* code); any exception becomes a code + message. */
template <class F> int guard(const char *what, const char *path, F &&body) {
  try {
    return body();
  } catch (...) {
    return fail_current(what, path);
  }
}

/* Stores the query that build() returns in *out, under guard(). */
template <class F> int new_query(zs_query **out, const char *what, F &&build) {
  return guard(what, nullptr, [&]() -> int {
    *out = new zs_query{build()};
    return ZS_OK;
  });
}

/* Text arrives as pointer + length; NULL is valid only for the empty string. */
bool bad_text(const char *p, size_t len) {
  return p == nullptr && len > 0;
}

std::string text(const char *p, size_t len) {
  return len ? std::string(p, len) : std::string();
}

int need_db(const zs_db *db, const char *fn) {
  return db ? ZS_OK : zs_error_set(ZS_EINVAL, "%s: db is NULL", fn);
}

int need_writer(const zs_db *db, const char *fn) {
  if (!db)
    return zs_error_set(ZS_EINVAL, "%s: db is NULL", fn);
  if (!db->writable)
    return zs_error_set(ZS_EINVAL, "%s: index %s is open read-only; open it for writing", fn,
                        db->path.c_str());
  return ZS_OK;
}

/* Lets a C callback accept or reject each candidate by its id and stored data. */
class DataDecider : public Xapian::MatchDecider {
  int (*accept_)(void *, zs_docid, const char *, size_t);
  void *ctx_;

public:
  DataDecider(int (*accept)(void *, zs_docid, const char *, size_t), void *ctx)
      : accept_(accept), ctx_(ctx) {}
  bool operator()(const Xapian::Document &doc) const override {
    const std::string data = doc.get_data();
    return accept_(ctx_, doc.get_docid(), data.data(), data.size()) != 0;
  }
};

/* Xapian 1.4 takes the flush threshold only from the environment variable
 * XAPIAN_FLUSH_THRESHOLD, read when a WritableDatabase is constructed. Setting
 * and restoring it around each open raced with other threads reading the
 * environment (workers open runs while the main thread merges), so it is set
 * once and changed only when another threshold is asked for, under a lock
 * held while the writer is constructed. */
std::mutex flush_env_mu;

void set_flush_threshold(unsigned threshold) {
  if (!threshold)
    return;
  const std::string value = std::to_string(threshold);
  const char *now = getenv("XAPIAN_FLUSH_THRESHOLD");
  if (!now || value != now)
    setenv("XAPIAN_FLUSH_THRESHOLD", value.c_str(), 1);
}

/* A metadata value for C: *out malloc'd and NUL-terminated; an empty value
 * stays NULL, as Xapian does not tell a missing key from an empty value. */
int copy_value(const std::string &value, char **out, size_t *out_len) {
  if (value.empty())
    return ZS_OK;
  char *copy = static_cast<char *>(malloc(value.size() + 1));
  if (!copy)
    throw std::bad_alloc();
  memcpy(copy, value.data(), value.size());
  copy[value.size()] = '\0';
  *out = copy;
  *out_len = value.size();
  return ZS_OK;
}

Xapian::WritableDatabase open_writer(const char *path, int mode, unsigned flush_threshold) {
  int flags = ((mode & ~ZS_DB_TERMLISTS) == ZS_DB_OVERWRITE ? Xapian::DB_CREATE_OR_OVERWRITE
                                                            : Xapian::DB_CREATE_OR_OPEN) |
              Xapian::DB_BACKEND_GLASS;
  /* on every open without termlists: glass opens a database made without
   * them for writing only when asked again (one made with them keeps them) */
  if (!(mode & ZS_DB_TERMLISTS))
    flags |= Xapian::DB_NO_TERMLIST;
  std::lock_guard<std::mutex> lock(flush_env_mu);
  set_flush_threshold(flush_threshold);
  return Xapian::WritableDatabase(path, flags);
}

/* The writer's dead documents: read from its metadata on first use, with
 * the ids deleted since united in one go (uniting on each zs_db_delete_term
 * would copy the whole set once per file replaced). */
zs_shim::DocRanges &dead_of(zs_db &db) {
  if (!db.dead_loaded) {
    db.dead = zs_shim::decode_ranges(db.wdb.get_metadata(ZS_DOCSET_DEAD));
    db.dead_loaded = true;
  }
  if (!db.dead_pending.empty()) {
    db.dead = zs_shim::unite(db.dead, zs_shim::ranges_of(db.dead_pending));
    db.dead_pending.clear();
  }
  return db.dead;
}

/* Writes the dead documents changed since the last write, before anything
 * reads the metadata (a search, a count, a commit). */
void flush_dead(zs_db &db) {
  if (db.writable && db.dead_dirty) {
    db.wdb.set_metadata(ZS_DOCSET_DEAD, zs_shim::encode_ranges(dead_of(db)));
    db.dead_dirty = false;
  }
}

/* After a cancelled or failed transaction: its deletions are gone with it. */
void forget_dead(zs_db &db) {
  db.dead_loaded = db.dead_dirty = false;
  db.dead_pending.clear();
}

/* The sets a search leaves out: the dead, and opts' hide_docset. */
std::vector<std::string> hidden_keys(const zs_search_opts &o) {
  std::vector<std::string> keys{ZS_DOCSET_DEAD};
  if (o.hide_docset && *o.hide_docset)
    keys.push_back(o.hide_docset);
  return keys;
}

bool any_hidden(zs_db &db, const std::vector<std::string> &keys) {
  const std::vector<Xapian::Database> own{db.reader()};
  for (const auto &shard : db.writable || db.shards.empty() ? own : db.shards)
    for (const auto &key : keys)
      if (!shard.get_metadata(key).empty())
        return true;
  return false;
}

/* Xapian's default BM25Weight() is (k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5);
 * only k1 and b are tunable here. */
void set_weighting(Xapian::Enquire &enquire, const zs_search_opts &opts) {
  if (opts.bm25_k1 < 0 && opts.bm25_b < 0)
    return; /* Enquire already uses BM25Weight() */
  double k1 = opts.bm25_k1 >= 0 ? opts.bm25_k1 : 1.0;
  double b = opts.bm25_b >= 0 ? opts.bm25_b : 0.5;
  enquire.set_weighting_scheme(Xapian::BM25Weight(k1, 0, 1, b, 0.5));
}

} // namespace

/* ---- databases ---------------------------------------------------------- */

int zs_db_open(zs_db **out, const char *path, int mode, unsigned flush_threshold) {
  if (out)
    *out = nullptr;
  if (!out || !path)
    return zs_error_set(ZS_EINVAL, "zs_db_open: out and path must not be NULL");
  const int base = mode & ~ZS_DB_TERMLISTS;
  if ((base != ZS_DB_WRITE && base != ZS_DB_OVERWRITE && mode != ZS_DB_READ))
    return zs_error_set(ZS_EINVAL, "zs_db_open: unknown mode %d for index %s", mode, path);
  const char *what = mode == ZS_DB_READ ? N_("open for reading") : N_("open for writing");
  return guard(what, path, [&]() -> int {
    auto db = std::make_unique<zs_db>();
    db->path = path;
    if (mode == ZS_DB_READ) {
      /* Checked first so that a missing directory is always ZS_ENOTFOUND. */
      if (!path_exists(path))
        return zs_error_set(ZS_ENOTFOUND, _("no index at %s"), path);
      db->rdb = Xapian::Database(path);
      db->shards.push_back(db->rdb);
      db->shard_names.push_back(path);
      db->shard_remote.push_back(false);
    } else {
      db->writable = true;
      db->wdb = open_writer(path, mode, flush_threshold);
    }
    *out = db.release();
    return ZS_OK;
  });
}

namespace {

/* "remote :HOST:PORT" (Xapian's stub syntax for a TCP remote) -> host, port. */
bool parse_remote(const std::string &spec, std::string &host, unsigned &port) {
  static const std::string kPrefix = "remote :";
  if (spec.compare(0, kPrefix.size(), kPrefix) != 0)
    return false;
  const std::string rest = spec.substr(kPrefix.size());
  const size_t colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size())
    return false;
  char *end = nullptr;
  const unsigned long p = strtoul(rest.c_str() + colon + 1, &end, 10);
  if (*end != '\0' || p == 0 || p > 65535)
    return false;
  host = rest.substr(0, colon);
  port = static_cast<unsigned>(p);
  return true;
}

/* Opens one shard; errors name it. */
int open_shard(zs_db &db, const char *spec, unsigned timeout_ms) {
  return guard(N_("open for reading"), spec, [&]() -> int {
    std::string host;
    unsigned port = 0;
    const bool remote = strncmp(spec, "remote ", 7) == 0;
    if (remote && !parse_remote(spec, host, port))
      return zs_error_set(ZS_EINVAL, "shard '%s': a remote shard is written 'remote :HOST:PORT'",
                          spec);
    Xapian::Database shard;
    try {
      shard = remote ? Xapian::Remote::open(host, port, timeout_ms, timeout_ms)
                     : Xapian::Database(spec);
    } catch (const Xapian::NetworkError &e) {
      return zs_error_set(ZS_EUNAVAIL,
                          "shard %s cannot be reached: %s; is xapian-tcpsrv "
                          "running there?",
                          spec, e.get_msg().c_str());
    }
    if (!remote && !path_exists(spec))
      return zs_error_set(ZS_ENOTFOUND, _("no index at %s"), spec);
    db.shards.push_back(shard);
    db.shard_names.push_back(spec);
    db.shard_remote.push_back(remote);
    db.any_remote = db.any_remote || remote;
    db.rdb.add_database(shard);
    return ZS_OK;
  });
}

/* After a NetworkError: the remote shards that no longer answer, named in the
 * message, so that a search fails saying which shard is missing. */
int report_unreachable(zs_db &db, const char *what, const Xapian::NetworkError &e) {
  std::string dead;
  for (size_t i = 0; i < db.shards.size(); i++) {
    if (!db.shard_remote[i])
      continue;
    try {
      db.shards[i].keep_alive();
    } catch (const Xapian::Error &) {
      dead += (dead.empty() ? "" : ", ") + db.shard_names[i];
    }
  }
  if (dead.empty())
    dead = "a remote shard";
  return zs_error_set(ZS_EUNAVAIL,
                      "cannot %s: shard %s cannot be reached (%s); no results are "
                      "given rather than results missing that shard",
                      what, dead.c_str(), e.get_msg().c_str());
}

} // namespace

int zs_db_open_shards(zs_db **out, const char *const *specs, size_t n, unsigned timeout_ms) {
  if (out)
    *out = nullptr;
  if (!out || !specs || n == 0)
    return zs_error_set(ZS_EINVAL, "zs_db_open_shards: no shards");
  auto db = std::unique_ptr<zs_db>(new (std::nothrow) zs_db());
  if (!db)
    return zs_error_set(ZS_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++) {
    if (!specs[i])
      return zs_error_set(ZS_EINVAL, "zs_db_open_shards: shard %zu is NULL", i);
    db->path += (i ? " + " : "") + std::string(specs[i]);
  }
  for (size_t i = 0; i < n; i++) {
    int rc = open_shard(*db, specs[i], timeout_ms ? timeout_ms : 10000);
    if (rc != ZS_OK)
      return rc;
  }
  *out = db.release();
  return ZS_OK;
}

size_t zs_db_shard_count(const zs_db *db) {
  return db && !db->shards.empty() ? db->shards.size() : 1;
}

size_t zs_db_shard_of(const zs_db *db, zs_docid id) {
  const size_t n = zs_db_shard_count(db);
  return id ? (id - 1) % n : 0; /* Xapian's interleaving of shard documents */
}

const char *zs_db_shard_name(const zs_db *db, size_t shard) {
  if (!db)
    return "";
  if (shard < db->shard_names.size())
    return db->shard_names[shard].c_str();
  return db->path.c_str();
}

int zs_db_shard_get_metadata(zs_db *db, size_t shard, const char *key, char **out,
                             size_t *out_len) {
  if (out)
    *out = nullptr;
  if (out_len)
    *out_len = 0;
  int rc = need_db(db, "zs_db_shard_get_metadata");
  if (rc != ZS_OK)
    return rc;
  if (db->shards.empty())
    return shard == 0 ? zs_db_get_metadata(db, key, out, out_len)
                      : zs_error_set(ZS_EINVAL, "index %s has one shard", db->path.c_str());
  if (shard >= db->shards.size() || !key || !out || !out_len)
    return zs_error_set(ZS_EINVAL, "zs_db_shard_get_metadata: no shard %zu or NULL argument",
                        shard);
  return guard(N_("read metadata from"), db->shard_names[shard].c_str(), [&]() -> int {
    std::string value = db->shards[shard].get_metadata(key);
    return copy_value(value, out, out_len);
  });
}

void zs_db_close(zs_db *db) {
  if (!db)
    return;
  /* Xapian commits pending changes when a writer closes outside a transaction
   * and discards them inside one; the header promises no implicit commit, so
   * put the writer in an unflushed transaction and cancel it, which also
   * discards the changes made before it began. */
  if (db->writable) {
    /* Closing cannot fail in a way the caller could act on, and a writer a
     * failed write (a full disk) left closed throws here: the failure's own
     * message must stay the last one. */
    try {
      if (!db->in_txn)
        db->wdb.begin_transaction(false);
      db->in_txn = false;
      db->wdb.cancel_transaction();
      db->wdb.close();
    } catch (...) {
    }
  }
  delete db;
}

int zs_db_begin(zs_db *db) {
  int rc = need_writer(db, "zs_db_begin");
  if (rc != ZS_OK)
    return rc;
  if (db->in_txn)
    return zs_error_set(ZS_EINVAL, "zs_db_begin: a transaction is already open on index %s",
                        db->path.c_str());
  return guard(N_("begin a transaction on"), db->path.c_str(), [&]() -> int {
    db->wdb.begin_transaction(false);
    db->in_txn = true;
    return ZS_OK;
  });
}

int zs_db_commit(zs_db *db) {
  int rc = need_writer(db, "zs_db_commit");
  if (rc != ZS_OK)
    return rc;
  rc = guard(N_("commit to"), db->path.c_str(), [&]() -> int {
    flush_dead(*db);
    if (db->in_txn) {
      db->in_txn = false; /* Xapian ends the transaction even when this throws */
      db->wdb.commit_transaction();
    }
    /* An unflushed transaction's commit only makes its changes pending;
     * commit() writes them so that readers see them. */
    db->wdb.commit();
    return ZS_OK;
  });
  if (rc != ZS_OK)
    forget_dead(*db);
  return rc;
}

int zs_db_cancel(zs_db *db) {
  int rc = need_writer(db, "zs_db_cancel");
  if (rc != ZS_OK)
    return rc;
  forget_dead(*db); /* read again as the last commit left it */
  if (!db->in_txn)  /* ended by a failed commit: nothing to undo, and the failure's
                     * message stays the last one */
    return ZS_OK;
  return guard(N_("cancel the transaction on"), db->path.c_str(), [&]() -> int {
    db->in_txn = false; /* Xapian ends the transaction even when this throws */
    db->wdb.cancel_transaction();
    return ZS_OK;
  });
}

int zs_db_reopen(zs_db *db) {
  int rc = need_db(db, "zs_db_reopen");
  if (rc != ZS_OK)
    return rc;
  return guard(N_("reopen"), db->path.c_str(), [&]() -> int {
    if (db->reader().reopen()) /* a new revision: its documents are others */
      db->facet_columns.clear();
    return ZS_OK;
  });
}

int zs_db_doc_count(zs_db *db, uint32_t *out) {
  if (out)
    *out = 0;
  int rc = need_db(db, "zs_db_doc_count");
  if (rc != ZS_OK)
    return rc;
  if (!out)
    return zs_error_set(ZS_EINVAL, "zs_db_doc_count: out is NULL");
  return guard(N_("count documents in"), db->path.c_str(), [&]() -> int {
    Xapian::doccount dead = 0;
    if (db->writable)
      dead = zs_shim::count_of(dead_of(*db));
    for (const auto &shard : db->shards)
      dead += zs_shim::count_of(zs_shim::decode_ranges(shard.get_metadata(ZS_DOCSET_DEAD)));
    const Xapian::doccount all = db->reader().get_doccount();
    *out = all > dead ? all - dead : 0;
    return ZS_OK;
  });
}

int zs_db_term_freq(zs_db *db, const char *term, size_t len, uint32_t *out) {
  if (out)
    *out = 0;
  int rc = need_db(db, "zs_db_term_freq");
  if (rc != ZS_OK)
    return rc;
  if (!out || bad_text(term, len))
    return zs_error_set(ZS_EINVAL, "zs_db_term_freq: out or term is NULL");
  return guard(N_("read a term frequency from"), db->path.c_str(), [&]() -> int {
    *out = db->reader().get_termfreq(text(term, len));
    return ZS_OK;
  });
}

int zs_db_get_metadata(zs_db *db, const char *key, char **out, size_t *out_len) {
  if (out)
    *out = nullptr;
  if (out_len)
    *out_len = 0;
  int rc = need_db(db, "zs_db_get_metadata");
  if (rc != ZS_OK)
    return rc;
  if (!key || !out || !out_len)
    return zs_error_set(ZS_EINVAL, "zs_db_get_metadata: key, out and out_len must not be NULL");
  return guard(N_("read metadata from"), db->path.c_str(), [&]() -> int {
    flush_dead(*db);
    std::string value = db->reader().get_metadata(key);
    return copy_value(value, out, out_len);
  });
}

int zs_db_set_metadata(zs_db *db, const char *key, const char *value, size_t len) {
  int rc = need_writer(db, "zs_db_set_metadata");
  if (rc != ZS_OK)
    return rc;
  if (!key || bad_text(value, len))
    return zs_error_set(ZS_EINVAL, "zs_db_set_metadata: key or value is NULL");
  return guard(N_("write metadata to"), db->path.c_str(), [&]() -> int {
    db->wdb.set_metadata(key, text(value, len));
    return ZS_OK;
  });
}

int zs_db_add(zs_db *db, const zs_doc *doc, zs_docid *out_id) {
  if (out_id)
    *out_id = 0;
  int rc = need_writer(db, "zs_db_add");
  if (rc != ZS_OK)
    return rc;
  if (!doc)
    return zs_error_set(ZS_EINVAL, "zs_db_add: doc is NULL");
  return guard(N_("add a document to"), db->path.c_str(), [&]() -> int {
    Xapian::docid id = db->wdb.add_document(doc->doc);
    if (out_id)
      *out_id = id;
    return ZS_OK;
  });
}

int zs_db_delete_term(zs_db *db, const char *term, size_t len) {
  int rc = need_writer(db, "zs_db_delete_term");
  if (rc != ZS_OK)
    return rc;
  if (bad_text(term, len))
    return zs_error_set(ZS_EINVAL, "zs_db_delete_term: term is NULL");
  return guard(N_("delete documents from"), db->path.c_str(), [&]() -> int {
    const std::string t = text(term, len);
    std::vector<Xapian::docid> ids;
    for (auto it = db->wdb.postlist_begin(t); it != db->wdb.postlist_end(t); ++it)
      ids.push_back(*it);
    if (ids.empty())
      return ZS_OK;
    db->dead_pending.insert(db->dead_pending.end(), ids.begin(), ids.end());
    db->dead_dirty = true;
    return ZS_OK;
  });
}

int zs_db_set_docset(zs_db *db, const char *key, const zs_docid *ids, size_t n) {
  int rc = need_writer(db, "zs_db_set_docset");
  if (rc != ZS_OK)
    return rc;
  if (!key || strncmp(key, ZS_DOCSET_PREFIX, strlen(ZS_DOCSET_PREFIX)) != 0 || (n && !ids))
    return zs_error_set(ZS_EINVAL, "zs_db_set_docset: key is not a document set or ids is NULL");
  return guard(N_("write metadata to"), db->path.c_str(), [&]() -> int {
    std::vector<Xapian::docid> all(ids, ids + n);
    zs_shim::DocRanges set = zs_shim::ranges_of(all);
    if (strcmp(key, ZS_DOCSET_DEAD) == 0) {
      forget_dead(*db);
      db->dead = set;
      db->dead_loaded = true;
    }
    db->wdb.set_metadata(key, zs_shim::encode_ranges(set));
    return ZS_OK;
  });
}

int zs_db_get_doc(zs_db *db, zs_docid id, zs_doc **out) {
  if (out)
    *out = nullptr;
  int rc = need_db(db, "zs_db_get_doc");
  if (rc != ZS_OK)
    return rc;
  if (!out)
    return zs_error_set(ZS_EINVAL, "zs_db_get_doc: out is NULL");
  return guard(N_("read a document from"), db->path.c_str(), [&]() -> int {
    auto doc = std::make_unique<zs_doc>();
    doc->doc = db->reader().get_document(id);
    *out = doc.release();
    return ZS_OK;
  });
}

int zs_db_dead_count(zs_db *db, uint32_t *dead, uint32_t *all) {
  if (dead)
    *dead = 0;
  if (all)
    *all = 0;
  int rc = need_writer(db, "zs_db_dead_count");
  if (rc != ZS_OK)
    return rc;
  if (!dead || !all)
    return zs_error_set(ZS_EINVAL, "zs_db_dead_count: dead or all is NULL");
  return guard(N_("count documents in"), db->path.c_str(), [&]() -> int {
    *dead = zs_shim::count_of(dead_of(*db));
    *all = db->wdb.get_doccount();
    return ZS_OK;
  });
}

int zs_db_each_doc(zs_db *db, const char *term, size_t len, bool with_data, zs_doc_visit_fn fn,
                   void *ctx) {
  int rc = need_db(db, "zs_db_each_doc");
  if (rc != ZS_OK)
    return rc;
  if (!fn || bad_text(term, len))
    return zs_error_set(ZS_EINVAL, "zs_db_each_doc: fn or term is NULL");
  if (db->shards.size() > 1)
    return zs_error_set(ZS_EINVAL, "zs_db_each_doc: index %s has several shards", db->path.c_str());
  return guard(N_("read a document from"), db->path.c_str(), [&]() -> int {
    flush_dead(*db);
    Xapian::Database &r = db->reader();
    const zs_shim::DocRanges dead = zs_shim::read_sets(r, {ZS_DOCSET_DEAD});
    const std::string t = text(term, len);
    for (auto it = r.postlist_begin(t); it != r.postlist_end(t); ++it) {
      const Xapian::docid id = *it;
      if (zs_shim::contains(dead, id))
        continue;
      std::string data;
      if (with_data)
        data = r.get_document(id, Xapian::DOC_ASSUME_VALID).get_data();
      int stop = fn(ctx, id, with_data ? data.data() : nullptr, data.size());
      if (stop)
        return stop;
    }
    return ZS_OK;
  });
}

int zs_db_all_terms(zs_db *db, const char *prefix, size_t prefix_len, zs_term_visit_fn fn,
                    void *ctx) {
  int rc = need_db(db, "zs_db_all_terms");
  if (rc != ZS_OK)
    return rc;
  if (!fn || bad_text(prefix, prefix_len))
    return zs_error_set(ZS_EINVAL, "zs_db_all_terms: fn or prefix is NULL");
  return guard(N_("list the terms of"), db->path.c_str(), [&]() -> int {
    std::string pfx = text(prefix, prefix_len);
    Xapian::Database &rdb = db->reader();
    for (auto it = rdb.allterms_begin(pfx); it != rdb.allterms_end(pfx); ++it) {
      const std::string term = *it;
      int stop = fn(ctx, term.data(), term.size());
      if (stop != 0)
        return stop;
    }
    return ZS_OK;
  });
}

namespace {

/* The last id in use in db (Xapian's lastdocid may be one since deleted). */
Xapian::docid last_used(const Xapian::Database &db) {
  Xapian::docid last = db.get_lastdocid();
  Xapian::PostingIterator it = db.postlist_begin("");
  it.skip_to(last);
  if (it != db.postlist_end("") && *it == last)
    return last;
  last = 0;
  for (it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
    last = *it;
  return last;
}

/* After compacting sources into dest: the document id sets of every source,
 * moved as Xapian moved their documents (each source's used ids laid after
 * the previous one's) and united, replace the first source's in dest. */
void renumber_docsets(const std::vector<Xapian::Database> &sources, const char *dest) {
  std::vector<int64_t> offset;
  std::map<std::string, zs_shim::DocRanges> sets;
  int64_t total = 0;
  for (const auto &src : sources) {
    const bool empty = src.get_doccount() == 0;
    const int64_t first = empty ? 1 : *src.postlist_begin("");
    offset.push_back(total - (first - 1));
    if (!empty)
      total += static_cast<int64_t>(last_used(src)) - first + 1;
    for (auto k = src.metadata_keys_begin(ZS_DOCSET_PREFIX);
         k != src.metadata_keys_end(ZS_DOCSET_PREFIX); ++k)
      sets[*k];
  }
  Xapian::WritableDatabase out(dest, Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
  if (out.get_lastdocid() != static_cast<Xapian::docid>(total))
    throw Xapian::DatabaseError("compaction numbered the documents in an unexpected way");
  if (sets.empty())
    return;
  for (auto &[key, set] : sets) {
    for (size_t i = 0; i < sources.size(); i++) {
      zs_shim::DocRanges r = zs_shim::decode_ranges(sources[i].get_metadata(key));
      for (auto &range : r) /* ids of a set are ids in use, so they stay >= 1 */
        range = {static_cast<Xapian::docid>(range.first + offset[i]),
                 static_cast<Xapian::docid>(range.second + offset[i])};
      set = zs_shim::unite(set, r);
    }
    out.set_metadata(key, zs_shim::encode_ranges(set));
  }
  out.commit();
}

} // namespace

int zs_db_compact_to(zs_db *db, const char *dest) {
  int rc = need_db(db, "zs_db_compact_to");
  if (rc != ZS_OK)
    return rc;
  if (!dest)
    return zs_error_set(ZS_EINVAL, "zs_db_compact_to: dest is NULL");
  if (db->shards.size() > 1) /* its ids interleave the shards' */
    return zs_error_set(ZS_EINVAL, "zs_db_compact_to: index %s has several shards",
                        db->path.c_str());
  return guard(N_("write a compacted copy to"), dest, [&]() -> int {
    /* what was last committed, documents and sets alike */
    Xapian::Database src = db->writable ? Xapian::Database(db->path) : db->reader();
    /* A plain directory at the standard level, so the copy stays updatable. */
    src.compact(dest, Xapian::Compactor::STANDARD);
    renumber_docsets({src}, dest);
    return ZS_OK;
  });
}

int zs_db_metadata_keys(zs_db *db, const char *prefix, zs_term_visit_fn fn, void *ctx) {
  int rc = need_db(db, "zs_db_metadata_keys");
  if (rc != ZS_OK)
    return rc;
  if (!fn)
    return zs_error_set(ZS_EINVAL, "zs_db_metadata_keys: fn is NULL");
  return guard(N_("list metadata of"), db->path.c_str(), [&]() -> int {
    Xapian::Database r = db->reader();
    const std::string p = prefix ? prefix : "";
    for (auto k = r.metadata_keys_begin(p); k != r.metadata_keys_end(p); ++k) {
      const std::string key = *k;
      int stop = fn(ctx, key.data(), key.size());
      if (stop)
        return stop;
    }
    return ZS_OK;
  });
}

int zs_db_compact(const char *const *sources, size_t n, const char *dest) {
  if (!sources || n == 0 || !dest)
    return zs_error_set(ZS_EINVAL, "zs_db_compact: no sources or no destination");
  return guard(N_("compact into"), dest, [&]() -> int {
    Xapian::Database all;
    std::vector<Xapian::Database> each;
    for (size_t i = 0; i < n; i++) {
      each.emplace_back(sources[i]);
      all.add_database(each.back());
    }
    /* documents are renumbered source after source: ids are not kept */
    all.compact(dest, Xapian::Compactor::STANDARD | Xapian::DBCOMPACT_MULTIPASS);
    renumber_docsets(each, dest);
    return ZS_OK;
  });
}

/* ---- documents ---------------------------------------------------------- */

int zs_doc_new(zs_doc **out) {
  if (!out)
    return zs_error_set(ZS_EINVAL, "zs_doc_new: out is NULL");
  *out = nullptr;
  return guard(N_("create a document"), nullptr, [&]() -> int {
    *out = new zs_doc();
    return ZS_OK;
  });
}

void zs_doc_free(zs_doc *doc) {
  delete doc;
}

int zs_doc_add_posting(zs_doc *doc, const char *term, size_t len, uint32_t pos, uint32_t wdf_inc) {
  if (!doc || bad_text(term, len))
    return zs_error_set(ZS_EINVAL, "zs_doc_add_posting: doc or term is NULL");
  return guard(N_("add a posting to a document"), nullptr, [&]() -> int {
    doc->doc.add_posting(text(term, len), pos, wdf_inc);
    return ZS_OK;
  });
}

int zs_doc_add_term(zs_doc *doc, const char *term, size_t len, uint32_t wdf_inc) {
  if (!doc || bad_text(term, len))
    return zs_error_set(ZS_EINVAL, "zs_doc_add_term: doc or term is NULL");
  return guard(N_("add a term to a document"), nullptr, [&]() -> int {
    doc->doc.add_term(text(term, len), wdf_inc);
    return ZS_OK;
  });
}

int zs_doc_add_boolean_term(zs_doc *doc, const char *term, size_t len) {
  if (!doc || bad_text(term, len))
    return zs_error_set(ZS_EINVAL, "zs_doc_add_boolean_term: doc or term is NULL");
  return guard(N_("add a filter term to a document"), nullptr, [&]() -> int {
    doc->doc.add_boolean_term(text(term, len));
    return ZS_OK;
  });
}

int zs_doc_set_data(zs_doc *doc, const char *data, size_t len) {
  if (!doc || bad_text(data, len))
    return zs_error_set(ZS_EINVAL, "zs_doc_set_data: doc or data is NULL");
  return guard(N_("set a document's data"), nullptr, [&]() -> int {
    doc->doc.set_data(text(data, len));
    doc->data.reset();
    return ZS_OK;
  });
}

int zs_doc_set_value(zs_doc *doc, unsigned slot, const char *value, size_t len) {
  if (!doc || bad_text(value, len))
    return zs_error_set(ZS_EINVAL, "zs_doc_set_value: doc or value is NULL");
  return guard(N_("set a document value"), nullptr, [&]() -> int {
    doc->doc.add_value(slot, text(value, len));
    doc->values.erase(slot);
    return ZS_OK;
  });
}

int zs_doc_get_data(const zs_doc *doc, const char **data, size_t *len) {
  if (data)
    *data = nullptr;
  if (len)
    *len = 0;
  if (!doc || !data || !len)
    return zs_error_set(ZS_EINVAL, "zs_doc_get_data: doc, data and len must not be NULL");
  return guard(N_("read a document's data"), nullptr, [&]() -> int {
    if (!doc->data)
      doc->data = doc->doc.get_data();
    *data = doc->data->c_str();
    *len = doc->data->size();
    return ZS_OK;
  });
}

int zs_doc_get_value(const zs_doc *doc, unsigned slot, const char **value, size_t *len) {
  if (value)
    *value = nullptr;
  if (len)
    *len = 0;
  if (!doc || !value || !len)
    return zs_error_set(ZS_EINVAL, "zs_doc_get_value: doc, value and len must not be NULL");
  return guard(N_("read a document value"), nullptr, [&]() -> int {
    auto it = doc->values.find(slot);
    if (it == doc->values.end())
      it = doc->values.emplace(slot, doc->doc.get_value(slot)).first;
    *value = it->second.c_str();
    *len = it->second.size();
    return ZS_OK;
  });
}

zs_docid zs_doc_id(const zs_doc *doc) {
  zs_docid id = 0;
  if (doc)
    guard(N_("read a document id"), nullptr, [&]() -> int {
      id = doc->doc.get_docid();
      return ZS_OK;
    });
  return id;
}

/* ---- queries ------------------------------------------------------------ */

int zs_query_term(zs_query **out, const char *term, size_t len, uint32_t wqf) {
  if (out)
    *out = nullptr;
  if (!out || bad_text(term, len))
    return zs_error_set(ZS_EINVAL, "zs_query_term: out or term is NULL");
  /* Xapian reads an empty term as "match everything": never what a caller meant. */
  if (len == 0)
    return zs_error_set(ZS_EINVAL, "zs_query_term: empty term (use zs_query_match_all)");
  return new_query(out, N_("build a term query"),
                   [&] { return Xapian::Query(text(term, len), wqf); });
}

int zs_query_match_all(zs_query **out) {
  if (!out)
    return zs_error_set(ZS_EINVAL, "zs_query_match_all: out is NULL");
  *out = nullptr;
  /* a new query, not a copy of Xapian::Query::MatchAll: that static one is
   * shared, and copying it changes its reference count without a lock */
  return new_query(out, N_("build a match-all query"), [] { return Xapian::Query(std::string()); });
}

int zs_query_match_nothing(zs_query **out) {
  if (!out)
    return zs_error_set(ZS_EINVAL, "zs_query_match_nothing: out is NULL");
  *out = nullptr;
  return new_query(out, N_("build a match-nothing query"),
                   [] { return Xapian::Query::MatchNothing; });
}

int zs_query_prefix(zs_query **out, const char *prefix, size_t len, unsigned max_expansion) {
  if (out)
    *out = nullptr;
  if (!out || bad_text(prefix, len))
    return zs_error_set(ZS_EINVAL, "zs_query_prefix: out or prefix is NULL");
  /* The limit is checked when the query runs, where WildcardError -> ZS_ETOOBIG. */
  return new_query(out, N_("build a prefix query"), [&] {
    return Xapian::Query(Xapian::Query::OP_WILDCARD, text(prefix, len), max_expansion,
                         Xapian::Query::WILDCARD_LIMIT_ERROR);
  });
}

int zs_query_combine(zs_query **out, int op, zs_query *const *subs, size_t n, unsigned window) {
  /* Indexed by enum zs_query_op. */
  static const Xapian::Query::op kOps[] = {
      Xapian::Query::OP_AND,       Xapian::Query::OP_OR,     Xapian::Query::OP_AND_NOT,
      Xapian::Query::OP_AND_MAYBE, Xapian::Query::OP_FILTER, Xapian::Query::OP_SYNONYM,
      Xapian::Query::OP_PHRASE,    Xapian::Query::OP_NEAR,
  };
  static_assert(sizeof kOps / sizeof kOps[0] == ZS_OP_NEAR + 1, "kOps follows zs_query_op");
  if (out)
    *out = nullptr;
  if (!out || !subs || n == 0)
    return zs_error_set(ZS_EINVAL, "zs_query_combine: needs out and at least one subquery");
  if (op < ZS_OP_AND || op > ZS_OP_NEAR)
    return zs_error_set(ZS_EINVAL, "zs_query_combine: unknown operator %d", op);
  for (size_t i = 0; i < n; i++)
    if (!subs[i])
      return zs_error_set(ZS_EINVAL, "zs_query_combine: subquery %zu is NULL", i);
  return new_query(out, N_("combine queries"), [&] {
    if (n == 1)
      return subs[0]->q;
    std::vector<Xapian::Query> qs;
    qs.reserve(n);
    for (size_t i = 0; i < n; i++)
      qs.push_back(subs[i]->q);
    bool windowed = op == ZS_OP_PHRASE || op == ZS_OP_NEAR;
    return Xapian::Query(kOps[op], qs.begin(), qs.end(), windowed ? window : 0);
  });
}

int zs_query_scale(zs_query **out, const zs_query *q, double factor) {
  if (out)
    *out = nullptr;
  if (!out || !q)
    return zs_error_set(ZS_EINVAL, "zs_query_scale: out or q is NULL");
  if (!(factor >= 0)) /* also rejects NaN */
    return zs_error_set(ZS_EINVAL, "zs_query_scale: factor %g is negative", factor);
  return new_query(out, N_("scale a query"),
                   [&] { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor); });
}

void zs_query_free(zs_query *q) {
  delete q;
}

char *zs_query_describe(const zs_query *q) {
  if (!q) {
    zs_error_set(ZS_EINVAL, "zs_query_describe: q is NULL");
    return nullptr;
  }
  char *desc = nullptr;
  guard(N_("describe a query"), nullptr, [&]() -> int {
    desc = strdup(q->q.get_description().c_str());
    if (!desc)
      throw std::bad_alloc();
    return ZS_OK;
  });
  return desc;
}

/* ---- search ------------------------------------------------------------- */

void zs_search_opts_init(zs_search_opts *opts) {
  if (!opts)
    return;
  *opts = zs_search_opts{};
  opts->max = 10;
  opts->collapse_slot = -1;
  opts->collapse_max = 1;
  opts->bm25_k1 = -1;
  opts->bm25_b = -1;
}

namespace {

void set_bounds(zs_results &r, const Xapian::MSet &mset) {
  r.lower = mset.get_matches_lower_bound();
  r.estimated = mset.get_matches_estimated();
  r.upper = mset.get_matches_upper_bound();
}

/* The page's documents and weights, and the counts as mset has them. */
void take_page(zs_results &r, const Xapian::MSet &mset) {
  for (auto it = mset.begin(); it != mset.end(); ++it)
    r.items.push_back({*it, it.get_weight()});
  set_bounds(r, mset);
}

/* Spies for o's facets; over one local read-only database they may read
 * db's columns. */
std::unique_ptr<zs_shim::FacetSpies> facet_spies(Xapian::Enquire &enquire, zs_db &zdb,
                                                 const Xapian::Database &db,
                                                 const zs_search_opts &o) {
  const bool own = db.size() == 1 && !zdb.any_remote;
  return std::make_unique<zs_shim::FacetSpies>(
      enquire, db, own, zdb.writable ? nullptr : &zdb.facet_columns, o.facet_slots,
      std::min<size_t>(o.nfacets, ZS_MAX_FACETS));
}

/* Counts q's matches exactly up to check_at_least, and for facets, with q
 * weightless: Xapian then leaves out every AND_MAYBE branch (the ranking
 * boosts) and computes no weights, which the ranked pass would do for each
 * match counted. Sets r's facets, and r's bounds unless they are exact. */
void count_weightless(zs_db &zdb, const Xapian::Database &db, const Xapian::Query &q,
                      Xapian::doccount check_at_least, const zs_search_opts &o,
                      Xapian::MatchDecider *decider, zs_results &r) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const auto spies = facet_spies(enquire, zdb, db, o);
  Xapian::MSet mset = enquire.get_mset(0, 0, check_at_least, nullptr, decider);
  if (r.lower != r.upper)
    set_bounds(r, mset);
  spies->take(r.facets);
}

/* The usual path: Xapian runs the decider, the spies and the collapse. The
 * page is ranked asking only for itself, so that Xapian may skip what cannot
 * reach it; counts and facets then come from a weightless pass. One pass
 * when collapsing (its counts are of documents kept), and over several
 * databases, where Xapian 1.4 stops a weightless match only after every
 * candidate (its early stop at check_at_least is for one database only). */
void search_in_xapian(zs_db &zdb, const Xapian::Database &db, Xapian::Enquire &enquire,
                      const Xapian::Query &q, const zs_search_opts &o, zs_results &r) {
  DataDecider decider(o.accept, o.accept_ctx);
  Xapian::MatchDecider *accept = o.accept ? &decider : nullptr;
  const bool collapsing = o.collapse_slot >= 0;
  if (collapsing) /* collapse_max 0 would keep nothing: read it as 1 */
    enquire.set_collapse_key(static_cast<Xapian::valueno>(o.collapse_slot),
                             o.collapse_max ? o.collapse_max : 1);
  if (collapsing || db.size() > 1) {
    const auto spies = facet_spies(enquire, zdb, db, o);
    Xapian::MSet mset = enquire.get_mset(o.first, o.max, o.check_at_least, nullptr, accept);
    take_page(r, mset);
    spies->take(r.facets);
    return;
  }
  Xapian::MSet mset = enquire.get_mset(o.first, o.max, 0, nullptr, accept);
  take_page(r, mset);
  /* as the one pass counted: at least as far as the page reaches, and all
   * of the matches when the ranked pass saw them all (the facets' too) */
  const bool exact = r.lower == r.upper;
  const uint64_t page_end = static_cast<uint64_t>(o.first) + o.max;
  const Xapian::doccount check = static_cast<Xapian::doccount>(std::max<uint64_t>(
      {o.check_at_least, std::min<uint64_t>(page_end, UINT32_MAX), exact ? r.upper : 0}));
  if (o.nfacets || (!exact && r.lower < check))
    count_weightless(zdb, db, q, check, o, accept, r);
}

/* With remote shards Xapian runs no match decider, so every candidate is
 * fetched in rank order and checked here, then counted for facets (before
 * collapsing, as Xapian's spies) and collapsed, as Xapian would have. */
void search_checked_here(zs_db &zdb, Xapian::Enquire &enquire, const zs_search_opts &o,
                         zs_results &r) {
  /* the hidden sets of each shard, by the shard's own ids */
  std::vector<zs_shim::DocRanges> hidden;
  for (const auto &shard : zdb.shards)
    hidden.push_back(zs_shim::read_sets(shard, hidden_keys(o)));
  const Xapian::doccount nshards = static_cast<Xapian::doccount>(hidden.size());
  const Xapian::doccount all = enquire.get_mset(0, 0).get_matches_upper_bound();
  Xapian::MSet mset = enquire.get_mset(0, all ? all : 1);
  mset.fetch();
  std::vector<std::map<std::string, Xapian::doccount>> counts(
      std::min<size_t>(o.nfacets, ZS_MAX_FACETS));
  std::map<std::string, Xapian::doccount> per_key;
  const Xapian::doccount per_key_max = o.collapse_max ? o.collapse_max : 1;
  uint32_t kept = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::docid did = *it;
    if (zs_shim::contains(hidden[(did - 1) % nshards], (did - 1) / nshards + 1))
      continue;
    const Xapian::Document doc = it.get_document();
    const std::string data = doc.get_data();
    if (o.accept && !o.accept(o.accept_ctx, did, data.data(), data.size()))
      continue;
    for (size_t f = 0; f < counts.size(); f++) {
      const std::string v = doc.get_value(o.facet_slots[f]);
      if (!v.empty()) /* as ValueCountMatchSpy: documents without the value are not counted */
        counts[f][v]++;
    }
    if (o.collapse_slot >= 0) {
      const std::string key = doc.get_value(static_cast<Xapian::valueno>(o.collapse_slot));
      if (!key.empty() && ++per_key[key] > per_key_max)
        continue;
    }
    if (kept >= o.first && kept - o.first < o.max)
      r.items.push_back({*it, it.get_weight()});
    kept++;
  }
  r.lower = r.estimated = r.upper = kept;
  for (auto &c : counts)
    r.facets.emplace_back(c.begin(), c.end());
}

} // namespace

int zs_search(zs_results **out, zs_db *db, const zs_query *q, const zs_search_opts *opts) {
  if (out)
    *out = nullptr;
  int rc = need_db(db, "zs_search");
  if (rc != ZS_OK)
    return rc;
  if (!out || !q)
    return zs_error_set(ZS_EINVAL, "zs_search: out or q is NULL");
  zs_search_opts defaults;
  zs_search_opts_init(&defaults);
  const zs_search_opts &o = opts ? *opts : defaults;
  return guard(N_("search"), db->path.c_str(), [&]() -> int {
    try {
      flush_dead(*db);
      const std::vector<std::string> keys = hidden_keys(o);
      const bool hiding = any_hidden(*db, keys);
      /* local databases leave the hidden documents out in the match; a remote
       * one cannot run our posting source, so it is checked here */
      const bool here = db->any_remote && (o.accept || hiding);
      const Xapian::Query query =
          hiding && !here
              ? Xapian::Query(Xapian::Query::OP_AND_NOT, q->q,
                              Xapian::Query((new zs_shim::DocsetSource(keys))->release()))
              : q->q;
      Xapian::Enquire enquire(db->reader());
      enquire.set_query(query);
      set_weighting(enquire, o);
      auto r = std::make_unique<zs_results>();
      if (here)
        search_checked_here(*db, enquire, o, *r);
      else
        search_in_xapian(*db, db->reader(), enquire, query, o, *r);
      r->db = db->reader();
      *out = r.release();
      return ZS_OK;
    } catch (const Xapian::NetworkError &e) {
      return report_unreachable(*db, "search", e);
    }
  });
}

void zs_results_free(zs_results *r) {
  delete r;
}

size_t zs_results_size(const zs_results *r) {
  return r ? r->items.size() : 0;
}

void zs_results_matches(const zs_results *r, uint32_t *lower, uint32_t *estimated,
                        uint32_t *upper) {
  uint32_t lo = 0, est = 0, up = 0;
  if (r) {
    lo = r->lower;
    est = r->estimated;
    up = r->upper;
  }
  if (lower)
    *lower = lo;
  if (estimated)
    *estimated = est;
  if (upper)
    *upper = up;
}

namespace {

/* ZS_OK when i names a result of r, else ZS_EINVAL with a message. */
int check_index(const zs_results *r, size_t i, const char *fn) {
  if (!r)
    return zs_error_set(ZS_EINVAL, "%s: results are NULL", fn);
  if (i >= r->items.size())
    return zs_error_set(ZS_EINVAL, "%s: result %zu is out of range (page has %zu)", fn, i,
                        r->items.size());
  return ZS_OK;
}

} // namespace

zs_docid zs_results_docid(const zs_results *r, size_t i) {
  return check_index(r, i, "zs_results_docid") == ZS_OK ? r->items[i].id : 0;
}

double zs_results_score(const zs_results *r, size_t i) {
  return check_index(r, i, "zs_results_score") == ZS_OK ? r->items[i].weight : 0;
}

int zs_results_facet(const zs_results *r, size_t facet, zs_facet_fn fn, void *ctx) {
  if (!r || !fn || facet >= r->facets.size())
    return zs_error_set(ZS_EINVAL, "zs_results_facet: no facet %zu", facet);
  for (const auto &kv : r->facets[facet]) {
    int rc = fn(ctx, kv.first.data(), kv.first.size(), kv.second);
    if (rc)
      return rc;
  }
  return ZS_OK;
}

int zs_results_doc(const zs_results *r, size_t i, zs_doc **out) {
  if (out)
    *out = nullptr;
  int rc = check_index(r, i, "zs_results_doc");
  if (rc != ZS_OK)
    return rc;
  if (!out)
    return zs_error_set(ZS_EINVAL, "zs_results_doc: out is NULL");
  return guard(N_("read a result's document"), nullptr, [&]() -> int {
    auto doc = std::make_unique<zs_doc>();
    doc->doc = r->db.get_document(r->items[i].id);
    *out = doc.release();
    return ZS_OK;
  });
}
