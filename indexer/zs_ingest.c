/* zs_ingest: whole-file reads (files are small next to memory; issue-sized
 * archives are paragraphs of text), BOM removal and UTF-8 validation via ICU. */
#include "zs_ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/utf8.h>

#include "zs_error.h"

size_t zs_utf8_valid_prefix(const char *s, size_t len) {
  const uint8_t *u = (const uint8_t *)s;
  size_t i = 0;
  while (i < len) {
    if (u[i] < 0x80) { /* ASCII fast path */
      i++;
      continue;
    }
    size_t start = i;
    UChar32 c;
    /* U8_NEXT takes an int32_t length: walk in windows that fit */
    int32_t off = 0, win = (int32_t)(len - i > 16 ? 16 : len - i);
    U8_NEXT(u + i, off, win, c);
    if (c < 0)
      return start;
    i += (size_t)off;
  }
  return len;
}

static int only_whitespace(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
      return 0;
  }
  return 1;
}

static int read_all(int fd, char *buf, size_t size, size_t *got) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = read(fd, buf + done, size - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return zs_error_set(ZS_EIO, "cannot read: %s", strerror(errno));
    if (n == 0)
      break;
    done += (size_t)n;
  }
  *got = done;
  return ZS_OK;
}

int zs_ingest_file(char **out, size_t *out_len, const char *path, uint64_t max_bytes) {
  *out = NULL;
  *out_len = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return zs_error_set(errno == ENOENT ? ZS_ENOTFOUND : ZS_EIO, "cannot open: %s",
                        strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return zs_error_set(ZS_EIO, "not a regular file");
  }
  if ((uint64_t)st.st_size > max_bytes) {
    close(fd);
    return zs_error_set(ZS_ETOOBIG, "file is larger than %llu bytes", (unsigned long long)max_bytes);
  }
  size_t size = (size_t)st.st_size;
  char *buf = malloc(size + 1);
  if (!buf) {
    close(fd);
    return zs_error_set(ZS_ENOMEM, "out of memory reading %zu bytes", size);
  }
  size_t got = 0;
  int rc = read_all(fd, buf, size, &got);
  close(fd);
  if (rc) {
    free(buf);
    return rc;
  }
  size_t skip = got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  memmove(buf, buf + skip, got - skip);
  got -= skip;
  buf[got] = '\0';
  if (only_whitespace(buf, got)) {
    free(buf);
    return zs_error_set(ZS_EEMPTY, "file is empty, nothing to index");
  }
  size_t bad = zs_utf8_valid_prefix(buf, got);
  if (bad < got) {
    unsigned char b = (unsigned char)buf[bad];
    free(buf);
    return zs_error_set(ZS_EBADUTF8,
                        "not valid UTF-8 (byte 0x%02X at offset %zu); convert the file to UTF-8",
                        b, bad + skip);
  }
  *out = buf;
  *out_len = got;
  return ZS_OK;
}
