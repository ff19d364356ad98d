/* zs_walk: a recursive directory walk with scandir (sorted, so runs are
 * repeatable) and a stack of the directories above, to detect symlink loops. */
#include "zs_walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_i18n.h"

#define MAX_DEPTH 64

typedef struct walk_state {
  zs_walk_file_fn on_file;
  zs_walk_error_fn on_error;
  void *ctx;
  dev_t devs[MAX_DEPTH];
  ino_t inos[MAX_DEPTH];
  int depth;
} walk_state;

static int walk_path(walk_state *w, const char *path);

static int skip_entry(const struct dirent *e) {
  return e->d_name[0] != '.';
}

static int walk_dir(walk_state *w, const char *path, const struct stat *st) {
  for (int i = 0; i < w->depth; i++) {
    if (w->devs[i] == st->st_dev && w->inos[i] == st->st_ino) {
      w->on_error(w->ctx, path, "symbolic link loop (directory contains itself), skipped");
      return ZS_OK;
    }
  }
  if (w->depth == MAX_DEPTH) {
    w->on_error(w->ctx, path, "directories nested too deeply, skipped");
    return ZS_OK;
  }
  struct dirent **names;
  int n = scandir(path, &names, skip_entry, alphasort);
  if (n < 0) {
    char problem[256];
    snprintf(problem, sizeof problem,
             _("folder cannot be read (%s); files indexed from it are kept"), strerror(errno));
    w->on_error(w->ctx, path, problem);
    return ZS_OK;
  }
  w->devs[w->depth] = st->st_dev;
  w->inos[w->depth] = st->st_ino;
  w->depth++;
  int rc = ZS_OK;
  for (int i = 0; i < n; i++) {
    if (rc == ZS_OK) {
      size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
      char *child = malloc(len);
      if (!child) {
        rc = zs_error_set(ZS_ENOMEM, _("out of memory walking %s"), path);
      } else {
        snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
                 names[i]->d_name);
        rc = walk_path(w, child);
        free(child);
      }
    }
    free(names[i]);
  }
  free(names);
  w->depth--;
  return rc;
}

static int walk_path(walk_state *w, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    int err = errno;
    struct stat lst;
    if (err == ENOENT && lstat(path, &lst) == 0)
      w->on_error(w->ctx, path, "broken symbolic link");
    else if (err == ELOOP)
      w->on_error(w->ctx, path, "symbolic link loop");
    else if (err == ENOENT)
      w->on_error(w->ctx, path, strerror(err));
    else { /* there, perhaps, but not readable now: not a file that vanished */
      char problem[256];
      snprintf(problem, sizeof problem, _("cannot be read (%s); if indexed before, it is kept"),
               strerror(err));
      w->on_error(w->ctx, path, problem);
    }
    return ZS_OK;
  }
  if (S_ISDIR(st.st_mode))
    return walk_dir(w, path, &st);
  if (S_ISREG(st.st_mode))
    return w->on_file(w->ctx, path, &st);
  w->on_error(w->ctx, path, "not a regular file or directory, skipped");
  return ZS_OK;
}

int zs_walk(const char *root, zs_walk_file_fn on_file, zs_walk_error_fn on_error, void *ctx) {
  walk_state w = {.on_file = on_file, .on_error = on_error, .ctx = ctx, .depth = 0};
  return walk_path(&w, root);
}
