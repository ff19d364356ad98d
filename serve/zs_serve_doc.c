/* zs_serve_doc: the document view of `zhquery serve`: /api/doc (a document's
 * passages in order) and /api/file (the file as it was indexed). */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "zs_error.h"
#include "zs_file.h"
#include "zs_hash.h"
#include "zs_i18n.h"
#include "zs_json_out.h"
#include "zs_serve_api.h"
#include "zs_serve_params.h"

/* The document id parameter; false with *out filled when it is bad. */
static bool doc_id(const zs_serve_request *rq, uint32_t *id, zs_serve_reply *out) {
  if (!zs_serve_param_find(rq, "id")) {
    zs_serve_reply_error(out, 400, _("give the document as id (the doc_id of a hit)"));
    return false;
  }
  return zs_serve_param_uint(rq, "id", 0, 0, UINT32_MAX - 1, id, out);
}

/* A handler's answer to an error of the searcher: 404 for a document the
 * index does not have, else the error for the router (503 after a retry). */
static int missing_or(int rc, zs_serve_reply *out) {
  if (rc != ZS_ENOTFOUND)
    return rc;
  zs_serve_reply_error(out, 404, "%s", zs_error_last());
  return ZS_OK;
}

int zs_serve_api_doc(zs_searcher *s, const zs_serve_request *rq, zs_serve_reply *out) {
  static const char *const known[] = {"id", NULL};
  uint32_t id;
  if (!zs_serve_check_params(rq, known, out) || !doc_id(rq, &id, out))
    return ZS_OK;
  const zs_file_record *f = NULL;
  zs_hits *h = NULL;
  int rc = zs_searcher_file(s, id, &f);
  if (rc == ZS_OK)
    rc = zs_search_document(s, id, &h);
  if (rc == ZS_OK)
    zs_serve_reply_json(out, 200, zs_json_document(f, h));
  zs_hits_free(h);
  return missing_or(rc, out);
}

/* The type a browser shows a saved file as, by its name. */
static const char *content_type(const char *path, bool *sandbox, bool *inline_) {
  static const struct {
    const char *ext, *type;
    bool sandbox, inline_;
  } types[] = {
      {".pdf", "application/pdf", false, true},
      {".html", "text/html; charset=utf-8", true, true},
      {".htm", "text/html; charset=utf-8", true, true},
      {".txt", "text/plain; charset=utf-8", true, true},
      {".md", "text/plain; charset=utf-8", true, true},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true,
       false},
  };
  size_t len = strlen(path);
  for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
    size_t n = strlen(types[i].ext);
    if (len >= n && strcasecmp(path + len - n, types[i].ext) == 0) {
      *sandbox = types[i].sandbox;
      *inline_ = types[i].inline_;
      return types[i].type;
    }
  }
  *sandbox = true;
  *inline_ = false;
  return "application/octet-stream";
}

int zs_serve_api_file(zs_searcher *s, const zs_serve_request *rq, zs_serve_reply *out) {
  static const char *const known[] = {"id", NULL};
  uint32_t id;
  if (!zs_serve_check_params(rq, known, out) || !doc_id(rq, &id, out))
    return ZS_OK;
  const zs_file_record *f = NULL;
  int rc = zs_searcher_file(s, id, &f);
  if (rc)
    return missing_or(rc, out);
  /* only what the index names, and only as it was indexed: the path comes
   * from the index, never from the URL, and the bytes must hash as they did
   * (a file changed or swapped since, for a link elsewhere, is refused) */
  struct stat st;
  char *bytes = NULL;
  size_t len = 0;
  if (lstat(f->path, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size != f->size ||
      zs_read_file(f->path, &bytes, &len) != ZS_OK || zs_fnv64(bytes, len) != f->hash) {
    free(bytes);
    zs_serve_reply_error(out, 410,
                         _("%s is no longer as it was indexed (moved, changed or removed); run "
                           "zhindex again"),
                         f->path);
    return ZS_OK;
  }
  bool sandbox, inline_;
  out->status = 200;
  out->content_type = content_type(f->path, &sandbox, &inline_);
  out->body = bytes;
  out->len = len;
  out->sandbox = sandbox;
  out->disposition = inline_ ? "inline" : "attachment";
  return ZS_OK;
}
