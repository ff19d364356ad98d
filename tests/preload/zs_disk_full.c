/* zs_disk_full: an LD_PRELOAD library for the tests that makes the disk under
 * $ZS_FULL_DIR "full" (ENOSPC) after $ZS_FULL_AFTER_BYTES bytes were written there. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long written; /* bytes written under the directory, all threads */

/* Whether a write of n bytes to fd finds the disk full. */
static int full(int fd, size_t n) {
  const char *dir = getenv("ZS_FULL_DIR"), *after = getenv("ZS_FULL_AFTER_BYTES");
  if (!dir || !after)
    return 0;
  char link[64], path[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t len = readlink(link, path, sizeof path - 1);
  if (len <= 0)
    return 0;
  path[len] = '\0';
  if (strncmp(path, dir, strlen(dir)) != 0)
    return 0;
  long long total = __atomic_add_fetch(&written, (long long)n, __ATOMIC_SEQ_CST);
  if (total <= atoll(after))
    return 0;
  errno = ENOSPC;
  return 1;
}

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*writev_fn)(int, const struct iovec *, int);

#define REAL(name, type)                                                                           \
  static type real_##name;                                                                         \
  if (!real_##name)                                                                                \
  real_##name = (type)dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t n) {
  REAL(write, write_fn);
  return full(fd, n) ? -1 : real_write(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
  REAL(pwrite, pwrite_fn);
  return full(fd, n) ? -1 : real_pwrite(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off) {
  REAL(pwrite64, pwrite_fn);
  return full(fd, n) ? -1 : real_pwrite64(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt) {
  REAL(writev, writev_fn);
  size_t n = 0;
  for (int i = 0; i < cnt; i++)
    n += iov[i].iov_len;
  return full(fd, n) ? -1 : real_writev(fd, iov, cnt);
}
