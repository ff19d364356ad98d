/* zs_ingest: whole-file reads under a size limit, encoding detection (BOM,
 * UTF-8 validity, then ICU's detector) and strict conversion to UTF-8 via ICU. */
#include "zs_ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include "zs_error.h"
#include "zs_file.h"
#include "zs_grow.h"
#include "zs_i18n.h"
#include "zs_visible.h"

/* Bytes looked at to tell text from binary and to guess the encoding. */
#define SAMPLE_BYTES ((size_t)64 << 10)
#define PIVOT_UCHARS 8192
/* ucsdet's guesses (confidence 0-100) worth trying: sure ones, and close to
 * the best (it gives UTF-16 10 for any even-length input, and damaged GBK
 * Big5 about 50, which Big5 could then read as garbage). */
#define MIN_CONFIDENCE 50
#define MAX_BEHIND_BEST 20
#define MAX_CANDIDATES 4
static const char *const enc_names[] = {"UTF-8", "GB18030", "Big5", "UTF-16LE", "UTF-16BE"};

const char *zs_encoding_name(zs_encoding e) {
  return (unsigned)e < sizeof enc_names / sizeof *enc_names ? enc_names[e] : "unknown";
}

/* One run of zs_ingest_buffer. */
typedef struct ingest_ctx {
  uint64_t max;
  unsigned line_cost; /* bytes each line adds toward max */
  bool lossy;
  size_t skip; /* bytes of the BOM: offsets in messages count from the file's start */
  zs_ingest_info *info;
} ingest_ctx;

/* UTF-8 text being built (cap bytes allocated, one kept for the NUL). */
typedef struct outbuf {
  char *s;
  size_t len, cap;
} outbuf;

/* One encoding tried: where its first bad sequence starts (n when none). */
typedef struct attempt {
  zs_encoding enc;
  size_t bad;
  unsigned char byte;
} attempt;

static void limit_text(char *buf, size_t size, uint64_t bytes) {
  if (bytes % (1u << 20) == 0)
    snprintf(buf, size, _("%llu MB"), (unsigned long long)(bytes >> 20));
  else
    snprintf(buf, size, _("%llu bytes"), (unsigned long long)bytes);
}

static int too_big(const ingest_ctx *c, const char *what) {
  char lim[32];
  limit_text(lim, sizeof lim, c->max);
  return zs_error_set(ZS_ETOOBIG,
                      _("file larger than %s%s, skipped (split it, or raise the limit with "
                        "--max-file-mb)"),
                      lim, what);
}

/* ---- conversion ---- */

/* Appends u[0..n) as UTF-8; a lone surrogate (none comes from ICU's strict
 * converters) becomes U+FFFD. */
static int put_uchars(outbuf *t, const UChar *u, size_t n) {
  if (t->len + 3 * n + 1 > t->cap && zs_grow((void **)&t->s, &t->cap, t->len + 3 * n + 1, 1))
    return ZS_ENOMEM;
  for (size_t i = 0; i < n;) {
    UChar32 c = u[i++];
    if (U16_IS_LEAD(c) && i < n && U16_IS_TRAIL(u[i]))
      c = U16_GET_SUPPLEMENTARY(c, u[i++]);
    else if (U16_IS_SURROGATE(c))
      c = 0xFFFD;
    U8_APPEND_UNSAFE(t->s, t->len, c);
  }
  return ZS_OK;
}

static bool bad_sequence(UErrorCode e) {
  return e == U_ILLEGAL_CHAR_FOUND || e == U_INVALID_CHAR_FOUND || e == U_TRUNCATED_CHAR_FOUND;
}

/* Notes where the sequence the converter just refused starts: it was
 * consumed, and ICU keeps its bytes. */
static void note_bad(UConverter *cnv, const char *s, const char *src, attempt *a) {
  char bytes[32];
  int8_t n = (int8_t)sizeof bytes;
  UErrorCode e = U_ZERO_ERROR;
  ucnv_getInvalidChars(cnv, bytes, &n, &e);
  size_t used = (size_t)(src - s), len = U_SUCCESS(e) && n > 0 ? (size_t)n : 1;
  a->bad = len <= used ? used - len : 0;
  a->byte = (unsigned char)s[a->bad];
}

/* Converts s[0..n) through cnv into t, through a pivot of UTF-16: a bad
 * sequence stops (ZS_EBADUTF8, a->bad set) or, lossy, becomes U+FFFD. */
static int pump(ingest_ctx *c, UConverter *cnv, const char *s, size_t n, outbuf *t, bool lossy,
                attempt *a) {
  static const UChar replacement = 0xFFFD;
  UChar pivot[PIVOT_UCHARS];
  const char *src = s, *end = s + n;
  size_t held = 0; /* a lead surrogate whose trail comes with the next call */
  for (;;) {
    UErrorCode e = U_ZERO_ERROR;
    UChar *u = pivot + held;
    ucnv_toUnicode(cnv, &u, pivot + PIVOT_UCHARS, &src, end, NULL, true, &e);
    size_t got = (size_t)(u - pivot);
    held = e == U_BUFFER_OVERFLOW_ERROR && got && U16_IS_LEAD(pivot[got - 1]);
    if (put_uchars(t, pivot, got - held))
      return zs_error_set(ZS_ENOMEM, _("out of memory converting %zu bytes"), n);
    if (held)
      pivot[0] = pivot[got - 1];
    if (t->len > c->max)
      return too_big(c, " once converted to UTF-8");
    if (e == U_BUFFER_OVERFLOW_ERROR)
      continue;
    if (U_SUCCESS(e))
      return ZS_OK;
    if (!bad_sequence(e))
      return zs_error_set(ZS_EICU, _("converting from %s: %s"), enc_names[a->enc], u_errorName(e));
    if (a->bad == n)
      note_bad(cnv, s, src, a);
    if (!lossy)
      return zs_error_set(ZS_EBADUTF8, _("not valid %s"), enc_names[a->enc]);
    c->info->replaced++;
    if (put_uchars(t, &replacement, 1))
      return zs_error_set(ZS_ENOMEM, _("out of memory converting %zu bytes"), n);
  }
}

/* Converts s[0..n) from enc into a new t (NUL-terminated); on failure t is
 * left empty. */
static int convert(ingest_ctx *c, zs_encoding enc, const char *s, size_t n, outbuf *t, bool lossy,
                   attempt *a) {
  *a = (attempt){.enc = enc, .bad = n};
  UErrorCode e = U_ZERO_ERROR;
  UConverter *cnv = ucnv_open(enc_names[enc], &e);
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
  if (U_FAILURE(e)) {
    ucnv_close(cnv);
    return zs_error_set(ZS_EICU, _("no %s converter: %s"), enc_names[enc], u_errorName(e));
  }
  /* GB18030, Big5 and UTF-16 text grows by half at most as UTF-8 */
  t->len = 0;
  t->cap = n + n / 2 + 16;
  t->s = malloc(t->cap);
  int rc = t->s ? pump(c, cnv, s, n, t, lossy, a)
                : zs_error_set(ZS_ENOMEM, _("out of memory converting %zu bytes"), n);
  ucnv_close(cnv);
  if (rc) {
    free(t->s);
    *t = (outbuf){0};
    return rc;
  }
  t->s[t->len] = '\0';
  c->info->encoding = enc;
  return ZS_OK;
}

/* ---- detection ---- */

/* Text has few control characters; binary files (and NUL-padded junk) many. */
static bool looks_binary(const char *s, size_t n) {
  size_t len = n < SAMPLE_BYTES ? n : SAMPLE_BYTES, ctl = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char b = (unsigned char)s[i];
    ctl += b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v';
  }
  return ctl * 10 > len;
}

static int not_text(void) {
  return zs_error_set(ZS_EINVAL, _("binary file, skipped (not text: many control bytes)"));
}

/* The encoding zhsearch reads that ucsdet's name stands for, or -1. */
static int supported(const char *name, bool utf16_only) {
  for (int e = utf16_only ? ZS_ENC_UTF16LE : ZS_ENC_GB18030; e <= ZS_ENC_UTF16BE; e++)
    if (strcmp(name, enc_names[e]) == 0)
      return e;
  return -1;
}

/* The encodings worth trying, best first: ucsdet's sure guesses among those
 * zhsearch reads, else GB18030 for text of many high bytes (ucsdet calls
 * short Chinese texts ISO-8859-1, IBM420 or the like). */
static size_t candidates(const char *s, size_t n, bool utf16_only, zs_encoding *cand) {
  size_t len = n < SAMPLE_BYTES ? n : SAMPLE_BYTES, high = 0, k = 0;
  for (size_t i = 0; i < len; i++)
    high += (unsigned char)s[i] >= 0x80;
  UErrorCode e = U_ZERO_ERROR;
  UCharsetDetector *d = ucsdet_open(&e);
  ucsdet_setText(d, s, (int32_t)len, &e);
  int32_t m = 0, best = -1;
  const UCharsetMatch **ms = ucsdet_detectAll(d, &m, &e);
  for (int32_t i = 0; U_SUCCESS(e) && i < m && k < MAX_CANDIDATES; i++) {
    int enc = supported(ucsdet_getName(ms[i], &e), utf16_only);
    int32_t conf = ucsdet_getConfidence(ms[i], &e);
    if (U_FAILURE(e) || enc < 0 || conf < MIN_CONFIDENCE || conf + MAX_BEHIND_BEST < best)
      continue; /* (matches come best first: the first kept sets `best`) */
    best = best < 0 ? conf : best;
    cand[k++] = (zs_encoding)enc;
  }
  ucsdet_close(d);
  if (k == 0 && !utf16_only && high * 4 >= len)
    cand[k++] = ZS_ENC_GB18030;
  return k;
}

/* "not valid GB18030 (byte 0xFF at offset 9), nor UTF-8; ..." for the
 * likeliest encoding `best`, naming the others tried. */
static int not_valid(ingest_ctx *c, const attempt *best, const attempt *tried, size_t n) {
  char others[160] = "";
  c->info->encoding = best->enc;
  size_t used = 0;
  for (size_t i = 0; i < n; i++) {
    if (tried[i].enc == best->enc)
      continue;
    /* the joining words are translated too: a message is all one language */
    int w = snprintf(others + used, sizeof others - used, used ? _(" or %s") : _(", nor %s"),
                     enc_names[tried[i].enc]);
    if (w > 0 && (size_t)w < sizeof others - used)
      used += (size_t)w;
  }
  return zs_error_set(ZS_EBADUTF8,
                      _("not valid %s (byte 0x%02X at offset %zu)%s; convert the file to UTF-8, or "
                        "index it with --lossy (bad bytes become U+FFFD)"),
                      enc_names[best->enc], best->byte, best->bad + c->skip, others);
}

/* Whether the sample is damaged UTF-8 rather than another encoding: more of
 * its multibyte sequences valid than not (by chance, GB18030 text has about
 * one valid UTF-8 sequence for ten bad ones). */
static bool damaged_utf8(const char *s, size_t n) {
  const uint8_t *u = (const uint8_t *)s;
  size_t len = n < SAMPLE_BYTES ? n : SAMPLE_BYTES, good = 0, bad = 0;
  for (size_t i = 0; i < len;) {
    if (u[i] < 0x80) {
      i++;
      continue;
    }
    UChar32 ch;
    int32_t off = 0, win = (int32_t)(len - i > 16 ? 16 : len - i);
    U8_NEXT(u + i, off, win, ch);
    *(ch < 0 ? &bad : &good) += 1;
    i += (size_t)off;
  }
  return good > bad;
}

/* Text without a BOM that is not valid UTF-8 (or binary-looking text that
 * may be UTF-16): the first candidate that converts without a bad sequence
 * wins; damaged UTF-8 stays UTF-8, since GB18030 could read it as garbage. */
static int undeclared(ingest_ctx *c, const char *s, size_t n, outbuf *t, bool binary) {
  zs_encoding cand[MAX_CANDIDATES];
  size_t k = binary || !damaged_utf8(s, n) ? candidates(s, n, binary, cand) : 0;
  attempt tried[MAX_CANDIDATES + 1];
  size_t bad = zs_utf8_valid_prefix(s, n);
  tried[0] = (attempt){ZS_ENC_UTF8, bad, bad < n ? (unsigned char)s[bad] : 0};
  for (size_t i = 0; i < k; i++) {
    int rc = convert(c, cand[i], s, n, t, false, &tried[i + 1]);
    if (rc != ZS_EBADUTF8)
      return rc; /* converted, or a failure other than the text's */
  }
  if (binary)
    return not_text();
  const attempt *likely = k ? &tried[1] : &tried[0]; /* ucsdet's best guess */
  attempt again;
  if (c->lossy)
    return convert(c, likely->enc, s, n, t, true, &again);
  return not_valid(c, likely, tried, k + 1);
}

/* ---- the text ---- */

/* A control character that is not layout (zs_control_len less the line
 * ends): never text, and a terminal would obey it (ESC[31m, BEL). */
static size_t control_at(const char *s, size_t i, size_t len) {
  char c = s[i];
  return c == '\n' || c == '\r' || c == '\f' || c == '\v' ? 0 : zs_control_len(s + i, len - i);
}

/* Blanks control characters (NULs of garbage text, escape sequences), counts
 * lines, and checks that there is something to index within the limit (lines
 * count toward it: see ZS_INGEST_LINE_COST). */
static int finish_text(ingest_ctx *c, outbuf *t) {
  size_t lines = 1;
  bool blank = true;
  for (size_t i = 0; i < t->len; i++) {
    char ch = t->s[i];
    size_t ctl = control_at(t->s, i, t->len);
    if (ctl) { /* text with garbage, not binary: index around it, same offsets */
      memset(t->s + i, ' ', ctl);
      i += ctl - 1;
      c->info->controls++;
    } else if (ch == '\n' || (ch == '\r' && t->s[i + 1] != '\n')) {
      lines++;
    } else if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\f' && ch != '\v') {
      blank = false;
    }
  }
  if (blank)
    return zs_error_set(ZS_EEMPTY, _("file is empty, nothing to index"));
  if ((uint64_t)t->len + (uint64_t)lines * c->line_cost > c->max) {
    char lim[32];
    limit_text(lim, sizeof lim, c->max);
    return zs_error_set(ZS_ETOOBIG,
                        _("file too large to index at once: %.1f MB in %zu lines (a line counts as "
                          "%u bytes more toward the %s limit), skipped (split it, or raise the "
                          "limit with --max-file-mb)"),
                        (double)t->len / (1 << 20), lines, c->line_cost, lim);
  }
  return ZS_OK;
}

/* The byte order mark at the start of buf: its length and encoding. */
static size_t bom_of(const char *buf, size_t len, zs_encoding *enc) {
  *enc = ZS_ENC_UTF8;
  if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
    return 3;
  if (len >= 2 && memcmp(buf, "\xFF\xFE", 2) == 0)
    *enc = ZS_ENC_UTF16LE;
  else if (len >= 2 && memcmp(buf, "\xFE\xFF", 2) == 0)
    *enc = ZS_ENC_UTF16BE;
  return *enc == ZS_ENC_UTF8 ? 0 : 2;
}

/* Decodes buf[0..len) (taken) into t. */
static int decode(ingest_ctx *c, char *buf, size_t len, outbuf *t) {
  zs_encoding enc;
  c->skip = bom_of(buf, len, &enc);
  c->info->bom = c->skip > 0;
  c->info->encoding = enc;
  const char *s = buf + c->skip;
  size_t n = len - c->skip, bad = n;
  attempt a;
  int rc;
  if (c->skip && enc != ZS_ENC_UTF8) { /* the BOM says UTF-16 */
    rc = convert(c, enc, s, n, t, c->lossy, &a);
    if (rc == ZS_EBADUTF8)
      rc = not_valid(c, &a, &a, 1);
  } else if (looks_binary(s, n)) {
    rc = undeclared(c, s, n, t, true);
  } else if ((bad = zs_utf8_valid_prefix(s, n)) == n) { /* kept in place */
    memmove(buf, s, n);
    buf[n] = '\0';
    *t = (outbuf){buf, n, len + 1};
    return ZS_OK;
  } else if (c->skip) { /* the BOM says UTF-8 */
    a = (attempt){ZS_ENC_UTF8, bad, (unsigned char)s[bad]};
    rc = c->lossy ? convert(c, ZS_ENC_UTF8, s, n, t, true, &a) : not_valid(c, &a, &a, 1);
  } else {
    rc = undeclared(c, s, n, t, false);
  }
  free(buf);
  return rc;
}

static ingest_ctx make_ctx(zs_ingest_info *info, const zs_ingest_opts *opts, unsigned line_cost) {
  ingest_ctx c = {.info = info, .lossy = opts && opts->lossy, .line_cost = line_cost};
  c.max = opts && opts->max_bytes ? opts->max_bytes : (uint64_t)ZS_INGEST_DEFAULT_MAX_MB << 20;
  memset(info, 0, sizeof *info);
  return c;
}

/* zs_ingest_buffer with its context. */
static int ingest(ingest_ctx *c, char *buf, size_t len, char **out, size_t *out_len) {
  if (len > c->max) {
    free(buf);
    return too_big(c, "");
  }
  outbuf t = {0};
  int rc = decode(c, buf, len, &t);
  /* UTF-16 (BOM or guess) is judged on its characters: binary is binary */
  if (rc == ZS_OK && c->info->encoding >= ZS_ENC_UTF16LE && looks_binary(t.s, t.len))
    rc = not_text();
  if (rc == ZS_OK)
    rc = finish_text(c, &t);
  if (rc) {
    free(t.s);
    return rc;
  }
  *out = t.s;
  *out_len = t.len;
  return ZS_OK;
}

int zs_ingest_buffer(char **out, size_t *out_len, zs_ingest_info *info, char *buf, size_t len,
                     const zs_ingest_opts *opts) {
  zs_ingest_info local;
  ingest_ctx c = make_ctx(info ? info : &local, opts, ZS_INGEST_LINE_COST);
  *out = NULL;
  *out_len = 0;
  return ingest(&c, buf, len, out, out_len);
}

/* ---- the file ---- */

/* Reads the regular file path whole, refusing one over the limit before reading. */
static int read_raw(const char *path, const ingest_ctx *c, char **out, size_t *len) {
  int rc = zs_read_regular_file(path, c->max, out, len);
  return rc == ZS_ETOOBIG ? too_big(c, "") : rc;
}

static int ingest_path(char **out, size_t *out_len, zs_ingest_info *info, const char *path,
                       const zs_ingest_opts *opts, unsigned line_cost) {
  zs_ingest_info local;
  ingest_ctx c = make_ctx(info ? info : &local, opts, line_cost);
  *out = NULL;
  *out_len = 0;
  char *buf = NULL;
  size_t len = 0;
  int rc = read_raw(path, &c, &buf, &len);
  return rc ? rc : ingest(&c, buf, len, out, out_len);
}

int zs_ingest_read(char **out, size_t *out_len, zs_ingest_info *info, const char *path,
                   const zs_ingest_opts *opts) {
  return ingest_path(out, out_len, info, path, opts, ZS_INGEST_LINE_COST);
}

int zs_ingest_file(char **out, size_t *out_len, const char *path, uint64_t max_bytes) {
  zs_ingest_opts opts = {.max_bytes = max_bytes};
  return ingest_path(out, out_len, NULL, path, &opts, 0); /* word lists: lines are cheap */
}
