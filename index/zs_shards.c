/* zs_shards: expands index directories and stub files into shard specs.
 * Xapian reads stubs itself, but keeps the shards it finds to itself; the
 * searcher needs each shard on its own for its file records. */
#include "zs_shards.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zs_error.h"
#include "zs_file.h"
#include "zs_grow.h"
#include "zs_i18n.h"

#define STUB_NAME "XAPIANDB"
#define MAX_DEPTH 8 /* stubs naming stubs: deep enough for any real layout, bounds loops */

typedef struct expander {
  zs_shard_list *out;
  size_t cap;
} expander;

static int push(expander *e, const char *spec, size_t len) {
  char *copy = strndup(spec, len);
  if (!copy || zs_grow((void **)&e->out->spec, &e->cap, e->out->n + 1, sizeof *e->out->spec)) {
    free(copy);
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  }
  e->out->spec[e->out->n++] = copy;
  return ZS_OK;
}

static bool is_remote(const char *s, size_t len) {
  return len >= 7 && !memcmp(s, "remote ", 7);
}

/* dir + "/" + name, or name alone when it is absolute. Caller frees. */
static char *join(const char *dir, size_t dir_len, const char *name, size_t len) {
  bool absolute = len && name[0] == '/';
  size_t total = (absolute ? 0 : dir_len + 1) + len + 1;
  char *p = malloc(total);
  if (!p)
    return NULL;
  if (absolute)
    snprintf(p, total, "%.*s", (int)len, name);
  else
    snprintf(p, total, "%.*s/%.*s", (int)dir_len, dir, (int)len, name);
  return p;
}

static int expand(expander *e, const char *index, int depth);

/* Each database line of the stub file `path`, whose folder is dir. */
static int expand_stub(expander *e, const char *path, const char *dir, size_t dir_len, int depth) {
  char *text = NULL;
  size_t len = 0;
  int rc = zs_read_file(path, &text, &len);
  if (rc)
    return zs_error_set(rc, _("cannot read shard list %s: %s"), path, zs_error_last());
  size_t before = e->out->n;
  unsigned line_no = 0;
  for (size_t at = 0; rc == ZS_OK && at < len;) {
    const char *line = text + at;
    const char *nl = memchr(line, '\n', len - at);
    size_t line_len = nl ? (size_t)(nl - line) : len - at;
    at += line_len + 1;
    line_no++;
    while (line_len && (line[line_len - 1] == '\r' || line[line_len - 1] == ' '))
      line_len--;
    while (line_len && (*line == ' ' || *line == '\t'))
      line++, line_len--;
    if (!line_len || *line == '#')
      continue;
    if (is_remote(line, line_len)) {
      rc = push(e, line, line_len);
      continue;
    }
    const char *sp = memchr(line, ' ', line_len);
    size_t kind_len = sp ? (size_t)(sp - line) : line_len;
    bool local =
        (kind_len == 4 && !memcmp(line, "auto", 4)) || (kind_len == 5 && !memcmp(line, "glass", 5));
    if (!sp || !local) {
      rc = zs_error_set(ZS_EINVAL,
                        _("%s line %u: '%.*s' is not a shard; write 'auto PATH' or "
                          "'remote :HOST:PORT'"),
                        path, line_no, (int)line_len, line);
      break;
    }
    const char *name = sp + 1;
    size_t name_len = line_len - kind_len - 1;
    while (name_len && *name == ' ')
      name++, name_len--;
    char *target = join(dir, dir_len, name, name_len);
    rc = target ? expand(e, target, depth + 1) : zs_error_set(ZS_ENOMEM, _("out of memory"));
    if (rc && target)
      rc = zs_error_set(rc, _("%s line %u: %s"), path, line_no, zs_error_last());
    free(target);
  }
  free(text);
  if (rc == ZS_OK && e->out->n == before)
    rc = zs_error_set(ZS_EINVAL, _("shard list %s names no database"), path);
  return rc;
}

static int expand(expander *e, const char *index, int depth) {
  if (depth > MAX_DEPTH)
    return zs_error_set(ZS_EINVAL, _("%s: shard lists nest more than %d deep (a loop?)"), index,
                        MAX_DEPTH);
  size_t len = strlen(index);
  if (is_remote(index, len))
    return push(e, index, len);
  struct stat st;
  if (stat(index, &st) != 0)
    return zs_error_set(ZS_ENOTFOUND,
                        _("no index at %s; build one with: zhindex --index %s "
                          "FOLDER"),
                        index, index);
  if (S_ISDIR(st.st_mode)) {
    char *stub = join(index, len, STUB_NAME, strlen(STUB_NAME));
    if (!stub)
      return zs_error_set(ZS_ENOMEM, _("out of memory"));
    int rc = stat(stub, &st) == 0 ? expand_stub(e, stub, index, len, depth) : push(e, index, len);
    free(stub);
    return rc;
  }
  const char *slash = strrchr(index, '/');
  return slash ? expand_stub(e, index, index, (size_t)(slash - index), depth)
               : expand_stub(e, index, ".", 1, depth);
}

int zs_shards_expand(zs_shard_list *out, const char *const *indexes, size_t n) {
  *out = (zs_shard_list){0};
  expander e = {.out = out};
  for (size_t i = 0; i < n; i++) {
    int rc = expand(&e, indexes[i], 0);
    if (rc) {
      zs_shard_list_free(out);
      return rc;
    }
  }
  return ZS_OK;
}

void zs_shard_list_free(zs_shard_list *l) {
  if (!l)
    return;
  for (size_t i = 0; i < l->n; i++)
    free(l->spec[i]);
  free(l->spec);
  *l = (zs_shard_list){0};
}
