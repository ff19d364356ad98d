/* mkt2s: build-time generator of the traditional->simplified table: each CJK code
 * point that OpenCC's t2s turns into one other code point, written out as C. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <opencc.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "zs_error.h"
#include "zs_file.h"
#include "zs_hash.h"
#include "zs_t2s_data.h"

#define NCP 0x110000u /* code points */
#define MAX_CHAIN 64  /* longer t2s chains than this mean broken data */

/* The CJK ideograph blocks whose code points are converted one by one. */
static const uint32_t cjk_ranges[][2] = {
    {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xF900, 0xFAFF},
    {0x20000, 0x2A6DF}, {0x2A700, 0x2EBEF}, {0x30000, 0x3134F},
};
#define NRANGES (sizeof cjk_ranges / sizeof *cjk_ranges)

/* The generator's state; map and final are owned (NCP entries, 0 = no entry). */
typedef struct gen {
  opencc_t cc;
  const UNormalizer2 *n2;
  uint32_t *map;   /* key -> NFKC_CF of its t2s conversion */
  uint32_t *final; /* key -> end of its chain (a fixed point) */
  size_t converted, multi, cycles, chained, dropped, count;
} gen;

static bool in_ranges(uint32_t c) {
  for (size_t r = 0; r < NRANGES; r++)
    if (c >= cjk_ranges[r][0] && c <= cjk_ranges[r][1])
      return true;
  return false;
}

/* NFKC_Casefold of the single code point c when it is one code point, else -1. */
static int32_t nfkc_cf_one(const UNormalizer2 *n2, uint32_t c) {
  UChar src[2], dst[32];
  int32_t n = 0, k = 0;
  U16_APPEND_UNSAFE(src, n, c);
  UErrorCode err = U_ZERO_ERROR;
  int32_t m = unorm2_normalize(n2, src, n, dst, 32, &err);
  if (U_FAILURE(err) || m == 0)
    return -1;
  UChar32 out;
  U16_NEXT(dst, k, m, out);
  return k == m && out >= 0 ? out : -1;
}

/* OpenCC's t2s conversion of the single code point c when it is exactly one
 * code point, else -1 (also on a conversion failure, counted by the caller). */
static int32_t t2s_one(opencc_t cc, uint32_t c) {
  char buf[U8_MAX_LENGTH];
  int32_t n = 0, k = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  char *conv = opencc_convert_utf8(cc, buf, (size_t)n);
  if (!conv)
    return -1;
  int32_t m = (int32_t)strlen(conv);
  UChar32 out = -1;
  if (m > 0)
    U8_NEXT(conv, k, m, out);
  opencc_convert_utf8_free(conv);
  return k == m && out >= 0 ? out : -1;
}

/* Fills g->map. Keys are what NFKC_CF leaves behind: a compatibility ideograph
 * is never a key, its NFKC_CF form is (converted when the loop reaches it, or
 * here when it lies outside the ranges). */
static void collect(gen *g) {
  for (size_t r = 0; r < NRANGES; r++)
    for (uint32_t c = cjk_ranges[r][0]; c <= cjk_ranges[r][1]; c++) {
      int32_t k = nfkc_cf_one(g->n2, c);
      if (k < 0 || ((uint32_t)k != c && in_ranges((uint32_t)k)))
        continue;
      g->converted++;
      int32_t v = t2s_one(g->cc, (uint32_t)k);
      int32_t w = v < 0 ? -1 : nfkc_cf_one(g->n2, (uint32_t)v);
      if (w < 0)
        g->multi++; /* none or several code points: per code point folding skips it */
      else if (w != k)
        g->map[k] = (uint32_t)w;
    }
}

/* The smallest member of a cycle: every member of it, and every key that leads
 * into it, maps there, so the cycle still folds to one code point. */
static uint32_t cycle_min(const uint32_t *path, size_t n) {
  uint32_t m = path[0];
  for (size_t j = 1; j < n; j++)
    m = path[j] < m ? path[j] : m;
  return m;
}

/* Follows map from k to the code point that has no entry (A->B->C gives C). */
static int chain_end(gen *g, uint32_t k, uint32_t *end) {
  uint32_t path[MAX_CHAIN];
  size_t n = 0;
  uint32_t v = k;
  while (g->map[v]) {
    for (size_t j = 0; j < n; j++)
      if (path[j] == v) {
        g->cycles++;
        *end = cycle_min(path + j, n - j);
        return ZS_OK;
      }
    if (n == MAX_CHAIN)
      return zs_error_set(ZS_ECORRUPT, "t2s chain from U+%04" PRIX32 " is too long", k);
    path[n++] = v;
    v = g->map[v];
  }
  *end = v;
  return ZS_OK;
}

/* Fills g->final with chain ends, keeping only targets that folding leaves as
 * they are: NFKC_CF-inert (so they never combine with a neighbour). */
static int resolve(gen *g) {
  for (uint32_t k = 0; k < NCP; k++) {
    if (!g->map[k])
      continue;
    uint32_t end = k;
    int rc = chain_end(g, k, &end);
    if (rc)
      return rc;
    if (end == k)
      continue;
    if (k < ZS_T2S_MIN_KEY)
      return zs_error_set(ZS_ECORRUPT, "t2s key U+%04" PRIX32 " below ZS_T2S_MIN_KEY", k);
    g->chained += end != g->map[k];
    if (nfkc_cf_one(g->n2, end) != (int32_t)end || !unorm2_isInert(g->n2, (UChar32)end)) {
      g->dropped++;
      continue;
    }
    g->final[k] = end;
    g->count++;
  }
  return ZS_OK;
}

/* FNV-1a 64 of the (from, to) pairs in key order, each as 8 little-endian bytes. */
static uint64_t fingerprint(const uint32_t *final) {
  uint64_t h = ZS_FNV64_OFFSET;
  for (uint32_t k = 0; k < NCP; k++)
    if (final[k]) {
      uint32_t pair[2] = {k, final[k]};
      unsigned char b[8];
      for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(pair[i / 4] >> (8 * (i % 4)));
      h = zs_fnv64_update(h, b, sizeof b);
    }
  return h;
}

/* The BMP blocks: block 0 all zeros, then one per high byte that has a key. */
static void write_blocks(FILE *f, const uint32_t *final, uint16_t index[256]) {
  uint16_t nb = 1;
  for (uint32_t hb = 0; hb < 256; hb++) {
    index[hb] = 0;
    for (uint32_t lo = 0; lo < 256 && !index[hb]; lo++)
      if (final[hb << 8 | lo])
        index[hb] = nb++;
  }
  fprintf(f, "static const uint16_t zs_t2s_blocks[%u][256] = {\n  {0},\n", (unsigned)nb);
  for (uint32_t hb = 0; hb < 256; hb++) {
    if (!index[hb])
      continue;
    fprintf(f, "  { /* U+%02" PRIX32 "xx */", hb);
    for (uint32_t lo = 0; lo < 256; lo++) {
      uint32_t t = final[hb << 8 | lo];
      t = t >= 0x10000 ? ZS_T2S_SEE_SUPP : t;
      fprintf(f, "%s%" PRIu32 ",", lo % 16 ? " " : "\n    ", t);
    }
    fputs("\n  },\n", f);
  }
  fputs("};\n\n", f);
}

static void write_index(FILE *f, const uint16_t index[256]) {
  fputs("static const uint16_t zs_t2s_index[256] = {", f);
  for (int hb = 0; hb < 256; hb++)
    fprintf(f, "%s%u,", hb % 16 ? " " : "\n  ", (unsigned)index[hb]);
  fputs("\n};\n\n", f);
}

/* Pairs for keys above the BMP and for BMP keys with targets above it. */
static size_t write_supp(FILE *f, const uint32_t *final) {
  size_t n = 0;
  fputs("static const uint32_t zs_t2s_supp[][2] = {\n", f);
  for (uint32_t k = 0; k < NCP; k++)
    if (final[k] && (k >= 0x10000 || final[k] >= 0x10000)) {
      fprintf(f, "  {0x%" PRIX32 ", 0x%" PRIX32 "},\n", k, final[k]);
      n++;
    }
  if (n == 0)
    fputs("  {0, 0}, /* ISO C has no empty arrays; nsupp is 0 */\n", f);
  fputs("};\n\n", f);
  return n;
}

/* The generated C file; ctx is the generator state (zs_write_file_atomic's writer). */
static void write_table(FILE *f, const void *ctx) {
  const gen *g = ctx;
  uint16_t index[256];
  fprintf(f,
          "/* The built-in traditional->simplified table: %zu code points. Generated by\n"
          " * zs_mkt2s (text/tools/mkt2s.c) from OpenCC's t2s data; do not edit. */\n"
          "#include <stdint.h>\n\n#include \"zs_t2s_data.h\"\n\n",
          g->count);
  write_blocks(f, g->final, index);
  write_index(f, index);
  size_t nsupp = write_supp(f, g->final);
  fprintf(f,
          "const zs_t2s_table zs_t2s_builtin_table = {\n"
          "    .blocks = zs_t2s_blocks,\n    .index = zs_t2s_index,\n"
          "    .supp = zs_t2s_supp,\n    .nsupp = %zu,\n    .count = %zu,\n"
          "    .fingerprint = \"%016" PRIx64 "\",\n};\n",
          nsupp, g->count, fingerprint(g->final));
}

static int generate(gen *g, const char *config, const char *out) {
  UErrorCode err = U_ZERO_ERROR;
  g->n2 = unorm2_getNFKCCasefoldInstance(&err);
  if (U_FAILURE(err))
    return zs_error_set(ZS_EICU, "unorm2_getNFKCCasefoldInstance: %s", u_errorName(err));
  g->cc = opencc_open(config);
  if (g->cc == (opencc_t)-1) {
    g->cc = NULL;
    return zs_error_set(ZS_ENOTFOUND,
                        "opencc_open(%s): %s (install libopencc-dev and libopencc-data)", config,
                        opencc_error());
  }
  g->map = calloc(NCP, sizeof *g->map);
  g->final = calloc(NCP, sizeof *g->final);
  if (!g->map || !g->final)
    return zs_error_set(ZS_ENOMEM, "out of memory");
  collect(g);
  int rc = resolve(g);
  if (rc == ZS_OK && g->count == 0)
    rc = zs_error_set(ZS_EEMPTY, "OpenCC's %s gave no single code point conversion", config);
  return rc ? rc : zs_write_file_atomic(out, write_table, g);
}

int main(int argc, char **argv) {
  const char *config = "t2s.json", *out = NULL;
  bool bad = argc % 2 == 0;
  for (int i = 1; i + 1 < argc && !bad; i += 2) {
    if (strcmp(argv[i], "--config") == 0)
      config = argv[i + 1];
    else if (strcmp(argv[i], "--out") == 0)
      out = argv[i + 1];
    else
      bad = true;
  }
  if (!out || bad) {
    fputs("usage: zs_mkt2s [--config t2s.json] --out OUT.c\n", stderr);
    return 2;
  }
  clock_t t0 = clock();
  gen g = {0};
  int rc = generate(&g, config, out);
  if (g.cc)
    opencc_close(g.cc);
  free(g.map);
  free(g.final);
  if (rc) {
    fprintf(stderr, "zs_mkt2s: %s\n", zs_error_last());
    return 1;
  }
  printf("zs_mkt2s: %zu entries from %zu code points (%zu not one code point, %zu in cycles, "
         "%zu chained, %zu dropped as not inert) in %.2f s\n",
         g.count, g.converted, g.multi, g.cycles, g.chained, g.dropped,
         (double)(clock() - t0) / CLOCKS_PER_SEC);
  return 0;
}
