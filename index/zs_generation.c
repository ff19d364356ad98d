/* zs_generation: readers open the index directory through Xapian's stub file
 * XAPIANDB, so a new generation appears by one rename(): never half-written. */
#include "zs_generation.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_paths.h"

#define STUB "XAPIANDB"
#define LOCK "lock"

static int read_current(zs_index_dir *d) {
  char path[4096], line[128];
  snprintf(path, sizeof path, "%s/" STUB, d->dir);
  FILE *f = fopen(path, "r");
  d->current = 0;
  if (!f) {
    snprintf(path, sizeof path, "%s/iamglass", d->dir);
    if (access(path, F_OK) == 0)
      return zs_error_set(ZS_EINVAL, _("%s is a bare Xapian database, not a zhsearch index"),
                          d->dir);
    return ZS_OK;
  }
  unsigned gen = 0;
  if (fgets(line, sizeof line, f) && sscanf(line, "auto gen-%u", &gen) == 1)
    d->current = gen;
  fclose(f);
  return gen ? ZS_OK : zs_error_set(ZS_ECORRUPT, _("index %s: damaged %s file"), d->dir, STUB);
}

/* A write into the index directory that failed: a full disk and a directory
 * that cannot be written are named as such, not as a failed system call. */
static int write_failure(const char *dir, const char *path, int err) {
  if (err == ENOSPC || err == EDQUOT)
    return zs_error_set(ZS_ENOSPACE, _("cannot write index %s: the disk is full (%s)"), dir,
                        strerror(err));
  if (err == EROFS || err == EACCES || err == EPERM)
    return zs_error_set(ZS_EREADONLY, _("cannot write index %s: %s (%s)"), dir, strerror(err),
                        path);
  return zs_error_set(ZS_EIO, _("cannot write %s: %s"), path, strerror(err));
}

int zs_index_dir_lock(zs_index_dir *d, const char *dir) {
  memset(d, 0, sizeof *d);
  d->lock_fd = -1;
  int rc = zs_mkdir_parents(dir);
  if (rc)
    return rc;
  if (!(d->dir = strdup(dir)))
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  char path[4096];
  snprintf(path, sizeof path, "%s/" LOCK, dir);
  d->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (d->lock_fd < 0)
    return write_failure(dir, path, errno);
  if (flock(d->lock_fd, LOCK_EX | LOCK_NB) != 0) {
    char pid[32] = "?";
    ssize_t n = pread(d->lock_fd, pid, sizeof pid - 1, 0);
    pid[n > 0 ? n : 0] = '\0';
    pid[strcspn(pid, "\n")] = '\0';
    return zs_error_set(ZS_ELOCKED, _("index %s is locked by another zhindex (pid %s)"), dir, pid);
  }
  char pid[32];
  int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
  if (ftruncate(d->lock_fd, 0) != 0 || pwrite(d->lock_fd, pid, (size_t)n, 0) != n)
    return write_failure(dir, path, errno);
  return read_current(d);
}

void zs_index_dir_unlock(zs_index_dir *d) {
  if (d->lock_fd >= 0)
    close(d->lock_fd); /* closing releases the flock */
  d->lock_fd = -1;
  free(d->dir);
  d->dir = NULL;
}

int zs_index_dir_path(const zs_index_dir *d, unsigned gen, unsigned shard, char *buf, size_t size) {
  int n = gen ? snprintf(buf, size, "%s/gen-%06u", d->dir, gen)
              : snprintf(buf, size, "%s/shard-%u", d->dir, shard);
  if (n < 0 || (size_t)n >= size)
    return zs_error_set(ZS_ETOOBIG, _("index path %s is too long"), d->dir);
  return ZS_OK;
}

int zs_index_dir_publish(zs_index_dir *d, unsigned gen) {
  char tmp[4096], stub[4096];
  snprintf(tmp, sizeof tmp, "%s/" STUB ".tmp", d->dir);
  snprintf(stub, sizeof stub, "%s/" STUB, d->dir);
  FILE *f = fopen(tmp, "w");
  if (!f)
    return write_failure(d->dir, tmp, errno);
  int ok = fprintf(f, "auto gen-%06u\n", gen) > 0;
  ok = fflush(f) == 0 && ok && fsync(fileno(f)) == 0;
  if (fclose(f) != 0 || !ok || rename(tmp, stub) != 0)
    return write_failure(d->dir, stub, errno);
  d->current = gen;
  return ZS_OK;
}

static int clean(zs_index_dir *d, bool work_areas) {
  DIR *dir = opendir(d->dir);
  if (!dir)
    return zs_error_set(ZS_EIO, _("cannot list %s: %s"), d->dir, strerror(errno));
  int rc = ZS_OK;
  struct dirent *e;
  while ((e = readdir(dir)) && rc == ZS_OK) {
    unsigned gen = 0, shard = 0;
    bool stale = (sscanf(e->d_name, "gen-%u", &gen) == 1 && gen != d->current) ||
                 (work_areas && sscanf(e->d_name, "shard-%u", &shard) == 1);
    if (!stale)
      continue;
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", d->dir, e->d_name);
    rc = zs_remove_tree(path);
  }
  closedir(dir);
  return rc;
}

int zs_index_dir_clean(zs_index_dir *d) {
  return clean(d, true);
}

int zs_index_dir_clean_generations(zs_index_dir *d) {
  return clean(d, false);
}
