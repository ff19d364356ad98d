/* zs_file: whole-file reads by growing chunks, so that pipes and files that
 * change size while read work too (no fseek/ftell); writes by rename. */
#include "zs_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zs_error.h"
#include "zs_grow.h"
#include "zs_i18n.h"

#define READ_CHUNK ((size_t)1 << 16)

static int read_all(FILE *f, const char *name, char **out, size_t *len) {
  char *buf = NULL;
  size_t cap = 0, n = 0;
  int rc = ZS_OK;
  for (;;) {
    if (zs_grow((void **)&buf, &cap, n + READ_CHUNK, 1)) {
      rc = zs_error_set(ZS_ENOMEM, _("out of memory reading %s"), name);
      break;
    }
    size_t want = cap - n - 1; /* one byte kept for the NUL */
    size_t got = fread(buf + n, 1, want, f);
    n += got;
    if (got < want)
      break;
  }
  if (rc == ZS_OK && ferror(f))
    rc = zs_error_set(ZS_EIO, _("cannot read %s"), name);
  if (rc) {
    free(buf);
    return rc;
  }
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return ZS_OK;
}

int zs_read_file(const char *path, char **out, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return zs_error_set(ZS_ENOTFOUND, _("cannot open %s"), path);
  int rc = read_all(f, path, out, len);
  fclose(f);
  return rc;
}

int zs_read_stream(FILE *f, char **out, size_t *len) {
  return read_all(f, "standard input", out, len);
}

int zs_write_file_atomic(const char *path, void (*write_fn)(FILE *f, const void *ctx),
                         const void *ctx) {
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
    return zs_error_set(ZS_EINVAL, _("output path too long: %s"), path);
  FILE *f = fopen(tmp, "w");
  if (!f)
    return zs_error_set(ZS_EIO, _("cannot create %s"), tmp);
  write_fn(f, ctx);
  int bad = ferror(f);
  if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
    remove(tmp);
    return zs_error_set(ZS_EIO, _("cannot write %s"), path);
  }
  return ZS_OK;
}

int zs_read_fd(int fd, char *buf, size_t size, size_t *got) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = read(fd, buf + done, size - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return zs_error_set(ZS_EIO, _("cannot read: %s"), strerror(errno));
    if (n == 0)
      break;
    done += (size_t)n;
  }
  *got = done;
  return ZS_OK;
}

int zs_read_regular_file(const char *path, uint64_t max, char **out, size_t *len) {
  *out = NULL;
  *len = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return zs_error_set(errno == ENOENT ? ZS_ENOTFOUND : ZS_EIO, _("cannot open: %s"),
                        strerror(errno));
  struct stat st;
  char *buf = NULL;
  int rc = ZS_OK;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    rc = zs_error_set(ZS_EIO, _("not a regular file"));
  else if ((uint64_t)st.st_size > max)
    rc = zs_error_set(ZS_ETOOBIG, _("file larger than %llu bytes"), (unsigned long long)max);
  else if (!(buf = malloc((size_t)st.st_size + 1)))
    rc = zs_error_set(ZS_ENOMEM, _("out of memory reading %zu bytes"), (size_t)st.st_size);
  if (rc == ZS_OK)
    rc = zs_read_fd(fd, buf, (size_t)st.st_size, len);
  close(fd);
  if (rc) {
    free(buf);
    return rc;
  }
  buf[*len] = '\0';
  *out = buf;
  return ZS_OK;
}
