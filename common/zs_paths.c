/* zs_paths: default index location (XDG base directory convention), mkdir -p
 * and rm -r, which libc lacks (nftw does the walking). */
#include "zs_paths.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zs_error.h"
#include "zs_i18n.h"

int zs_default_index_path(char *buf, size_t size) {
  const char *env = getenv("ZHSEARCH_INDEX");
  const char *xdg = getenv("XDG_DATA_HOME");
  const char *home = getenv("HOME");
  int n;
  if (env && *env)
    n = snprintf(buf, size, "%s", env);
  else if (xdg && *xdg)
    n = snprintf(buf, size, "%s/zhsearch/index", xdg);
  else if (home && *home)
    n = snprintf(buf, size, "%s/.local/share/zhsearch/index", home);
  else
    n = snprintf(buf, size, ".zhsearch-index");
  if (n < 0 || (size_t)n >= size)
    return zs_error_set(ZS_ETOOBIG, _("default index path is too long"));
  return ZS_OK;
}

int zs_mkdir_parents(const char *path) {
  char tmp[4096];
  size_t len = strlen(path);
  if (len == 0 || len >= sizeof tmp)
    return zs_error_set(ZS_EINVAL, _("bad directory path '%s'"), path);
  memcpy(tmp, path, len + 1);
  for (size_t i = 1; i <= len; i++) {
    if (tmp[i] != '/' && tmp[i] != '\0')
      continue;
    char saved = tmp[i];
    tmp[i] = '\0';
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
      return zs_error_set(ZS_EIO, _("cannot create directory %s: %s"), tmp, strerror(errno));
    tmp[i] = saved;
  }
  return ZS_OK;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

int zs_remove_tree(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0)
    return errno == ENOENT ? ZS_OK
                           : zs_error_set(ZS_EIO, _("cannot remove %s: %s"), path, strerror(errno));
  if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
    return zs_error_set(ZS_EIO, _("cannot remove %s: %s"), path, strerror(errno));
  return ZS_OK;
}
