/* Unit tests for indexer/zs_ingest: encodings detected and converted (test data
 * made here with ICU from UTF-8), bad bytes located, --lossy, NULs, binary, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <cmocka.h>

#include "zs_error.h"
#include "zs_ingest.h"

/* Long enough for ICU's detector to be sure, as real reports are. */
static const char simplified[] =
    "过去一年，全省上下认真贯彻落实党中央决策部署，坚持稳中求进工作总基调，完整准确全面贯彻新发展"
    "理念，加快构建新发展格局，经济运行持续回升向好。全年地区生产总值增长百分之五点二，城乡居民收入"
    "稳步提高，就业形势总体稳定。我们将继续深化改革开放，加强生态环境保护，推动高质量发展。\n";
static const char traditional[] =
    "過去一年，全省上下認真貫徹落實黨中央決策部署，堅持穩中求進工作總基調，完整準確全面貫徹新發展"
    "理念，加快構建新發展格局，經濟運行持續回升向好。全年地區生產總值增長百分之五點二，城鄉居民收入"
    "穩步提高，就業形勢總體穩定。我們將繼續深化改革開放，加強生態環境保護，推動高品質發展。\n";

/* utf8 encoded in charset by ICU, after `prefix` (a BOM, or ""); malloc'd. */
static char *encode(const char *prefix, const char *utf8, const char *charset, size_t *len) {
  size_t plen = strlen(prefix), cap = plen + strlen(utf8) * 4 + 16;
  char *out = malloc(cap);
  assert_non_null(out);
  memcpy(out, prefix, plen);
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = ucnv_convert(charset, "UTF-8", out + plen, (int32_t)(cap - plen), utf8,
                           (int32_t)strlen(utf8), &e);
  assert_true(U_SUCCESS(e));
  *len = plen + (size_t)n;
  return out;
}

/* zs_ingest_buffer on a copy of bytes[0..len). */
static int ingest(const char *bytes, size_t len, const zs_ingest_opts *opts, zs_ingest_info *info,
                  char **out, size_t *out_len) {
  char *buf = malloc(len + 1);
  assert_non_null(buf);
  memcpy(buf, bytes, len);
  return zs_ingest_buffer(out, out_len, info, buf, len, opts);
}

/* bytes come back as want, read as encoding enc. */
static void expect_text(const char *bytes, size_t len, const char *want, zs_encoding enc) {
  zs_ingest_info info;
  char *out = NULL;
  size_t n = 0;
  int rc = ingest(bytes, len, NULL, &info, &out, &n);
  if (rc)
    fail_msg("%s: %s", zs_encoding_name(enc), zs_error_last());
  assert_string_equal(zs_encoding_name(info.encoding), zs_encoding_name(enc));
  assert_int_equal(n, strlen(want));
  assert_string_equal(out, want);
  assert_int_equal(info.replaced, 0);
  free(out);
}

/* The code of a failure, with the message checked to contain `want`. */
static void expect_failure(const char *bytes, size_t len, const zs_ingest_opts *opts, int code,
                           const char *want) {
  char *out = (char *)1;
  size_t n = 1;
  assert_int_equal(ingest(bytes, len, opts, NULL, &out, &n), code);
  assert_null(out);
  assert_int_equal(n, 0);
  if (!strstr(zs_error_last(), want))
    fail_msg("message '%s' lacks '%s'", zs_error_last(), want);
}

static void test_utf8_with_and_without_bom(void **state) {
  (void)state;
  expect_text(simplified, strlen(simplified), simplified, ZS_ENC_UTF8);
  size_t len;
  char *bom = encode("\xEF\xBB\xBF", simplified, "UTF-8", &len);
  zs_ingest_info info;
  char *out;
  size_t n;
  assert_int_equal(ingest(bom, len, NULL, &info, &out, &n), ZS_OK);
  assert_true(info.bom);
  assert_string_equal(out, simplified);
  free(out);
  free(bom);
}

/* GBK and GB2312 text is GB18030 text. */
static void test_gbk(void **state) {
  (void)state;
  const char *charsets[] = {"GBK", "GB2312", "GB18030"};
  for (size_t i = 0; i < 3; i++) {
    size_t len;
    char *gbk = encode("", simplified, charsets[i], &len);
    expect_text(gbk, len, simplified, ZS_ENC_GB18030);
    free(gbk);
  }
}

/* Characters outside GBK take GB18030's four-byte sequences. */
static void test_gb18030_four_byte(void **state) {
  (void)state;
  char text[2048];
  snprintf(text, sizeof text, "藏文ཀ་ཁ་ག和扩展汉字𠮷㐀。%s", simplified);
  size_t len;
  char *gb = encode("", text, "GB18030", &len);
  bool four = false;
  for (size_t i = 0; i + 3 < len; i++)
    four |= (unsigned char)gb[i] >= 0x81 && gb[i + 1] >= 0x30 && gb[i + 1] <= 0x39;
  assert_true(four);
  expect_text(gb, len, text, ZS_ENC_GB18030);
  free(gb);
}

static void test_big5(void **state) {
  (void)state;
  size_t len;
  char *big5 = encode("", traditional, "Big5", &len);
  expect_text(big5, len, traditional, ZS_ENC_BIG5);
  free(big5);
  /* the same text in GBK is still GB18030, not Big5 */
  char *gbk = encode("", traditional, "GBK", &len);
  expect_text(gbk, len, traditional, ZS_ENC_GB18030);
  free(gbk);
}

static void test_utf16_with_bom(void **state) {
  (void)state;
  size_t len;
  char *le = encode("\xFF\xFE", simplified, "UTF-16LE", &len);
  expect_text(le, len, simplified, ZS_ENC_UTF16LE);
  free(le);
  char *be = encode("\xFE\xFF", simplified, "UTF-16BE", &len);
  expect_text(be, len, simplified, ZS_ENC_UTF16BE);
  free(be);
  /* mostly ASCII UTF-16 without a BOM: full of NULs, yet text */
  const char *ascii = "Annual report 2024, chapter 1: 经济运行 and more plain words.\n";
  char *bare = encode("", ascii, "UTF-16LE", &len);
  expect_text(bare, len, ascii, ZS_ENC_UTF16LE);
  free(bare);
}

/* Short texts: the detector is unsure, GB18030 is the fallback. */
static void test_short_gbk(void **state) {
  (void)state;
  size_t len;
  char *gbk = encode("", "计生协工作", "GBK", &len);
  expect_text(gbk, len, "计生协工作", ZS_ENC_GB18030);
  free(gbk);
}

/* The offset of the first bad byte, for the likeliest encoding. */
static void test_invalid_offsets(void **state) {
  (void)state;
  const char bad[] = "计生协\xff\xfe工作\n";
  expect_failure(bad, sizeof bad - 1, NULL, ZS_EBADUTF8,
                 "not valid UTF-8 (byte 0xFF at offset 9);");
  const char bom[] = "\xEF\xBB\xBF计\xFF协\n"; /* offsets count the BOM */
  expect_failure(bom, sizeof bom - 1, NULL, ZS_EBADUTF8, "not valid UTF-8 (byte 0xFF at offset 6)");
  size_t len;
  char *gbk = encode("", simplified, "GBK", &len);
  memcpy(gbk + 100, "\xFF\x41", 2); /* 100: the first byte of a character */
  expect_failure(gbk, len, NULL, ZS_EBADUTF8,
                 "not valid GB18030 (byte 0xFF at offset 100), nor UTF-8;");
  free(gbk);
  char *le = encode("\xFF\xFE", "计生协工作", "UTF-16LE", &len);
  le[6] = 0x00, le[7] = (char)0xDC; /* a lone trail surrogate at offset 6 */
  expect_failure(le, len, NULL, ZS_EBADUTF8, "not valid UTF-16LE (byte 0x00 at offset 6)");
  expect_failure(le, len - 1, NULL, ZS_EBADUTF8, "not valid UTF-16LE"); /* odd length */
  free(le);
}

/* --lossy: bad sequences become U+FFFD and the rest reads as usual. */
static void test_lossy(void **state) {
  (void)state;
  zs_ingest_opts lossy = {.lossy = true};
  zs_ingest_info info;
  char *out;
  size_t n;
  const char bad[] = "计生协\xff\xfe工作\n";
  assert_int_equal(ingest(bad, sizeof bad - 1, &lossy, &info, &out, &n), ZS_OK);
  assert_string_equal(out, "计生协\xEF\xBF\xBD\xEF\xBF\xBD工作\n");
  assert_int_equal(info.replaced, 2);
  free(out);
  size_t len;
  char *gbk = encode("", simplified, "GBK", &len);
  memcpy(gbk + 100, "\xFF\x41", 2);
  assert_int_equal(ingest(gbk, len, &lossy, &info, &out, &n), ZS_OK);
  assert_int_equal(info.encoding, ZS_ENC_GB18030);
  assert_int_equal(info.replaced, 1);
  assert_non_null(strstr(out, "\xEF\xBF\xBD\x41"));
  assert_non_null(strstr(out, "推动高质量发展。")); /* after the bad byte */
  free(out);
  free(gbk);
}

/* A few NULs are garbage in text: blanked, the text indexed. */
static void test_nul_bytes(void **state) {
  (void)state;
  char text[sizeof simplified + 8];
  size_t len = strlen(simplified);
  memcpy(text, simplified, len);
  text[30] = text[31] = text[32] = '\0'; /* over the 11th character */
  zs_ingest_info info;
  char *out;
  size_t n;
  assert_int_equal(ingest(text, len, NULL, &info, &out, &n), ZS_OK);
  assert_int_equal(info.controls, 3);
  assert_int_equal(n, len);
  assert_int_equal(memcmp(out + 30, "   ", 3), 0);
  assert_null(memchr(out, '\0', n));
  free(out);
}

/* Terminal escapes, BEL, DEL and C1 controls in text are blanked where they
 * stand (same offsets), so no stored passage can drive a terminal. */
static void test_control_characters(void **state) {
  (void)state;
  const char text[] = "计生协\x1b"
                      "[31m红色\x07响铃\x7f删除\xc2\x9b"
                      "31m文字\t表格\n下一行\n";
  zs_ingest_info info;
  char *out;
  size_t n;
  assert_int_equal(ingest(text, sizeof text - 1, NULL, &info, &out, &n), ZS_OK);
  assert_int_equal(info.controls, 4);
  assert_int_equal(n, sizeof text - 1);
  assert_string_equal(out, "计生协 [31m红色 响铃 删除  31m文字\t表格\n下一行\n");
  free(out);
}

/* Mostly control bytes: binary, whatever --lossy says. */
static void test_binary(void **state) {
  (void)state;
  char bin[4096];
  for (size_t i = 0; i < sizeof bin; i++)
    bin[i] = (char)(i * 7 % 256);
  expect_failure(bin, sizeof bin, NULL, ZS_EINVAL, "binary file, skipped");
  zs_ingest_opts lossy = {.lossy = true};
  expect_failure(bin, sizeof bin, &lossy, ZS_EINVAL, "binary file, skipped");
  char zeros[1000] = "text at the start\n";
  expect_failure(zeros, sizeof zeros, NULL, ZS_EINVAL, "binary file, skipped");
  bin[0] = (char)0xFF, bin[1] = (char)0xFE; /* a UTF-16 BOM does not make it text */
  for (size_t i = 2; i < sizeof bin; i += 2)
    bin[i] = (char)(i % 32), bin[i + 1] = 0;
  expect_failure(bin, sizeof bin, NULL, ZS_EINVAL, "binary file, skipped");
}

static void test_empty(void **state) {
  (void)state;
  expect_failure("", 0, NULL, ZS_EEMPTY, "file is empty");
  expect_failure(" \n\r\n\t", 5, NULL, ZS_EEMPTY, "file is empty");
  expect_failure("\xFF\xFE \x00\n\x00", 6, NULL, ZS_EEMPTY, "file is empty");
}

/* The limit holds for the bytes, for their UTF-8 and for many lines. */
static void test_limits(void **state) {
  (void)state;
  zs_ingest_opts small = {.max_bytes = 200};
  expect_failure(simplified, strlen(simplified), &small, ZS_ETOOBIG, "file larger than 200 bytes");
  size_t len;
  char *gbk = encode("", simplified, "GBK", &len); /* 2 bytes a character, 3 in UTF-8 */
  zs_ingest_opts fits = {.max_bytes = len + 1};
  expect_failure(gbk, len, &fits, ZS_ETOOBIG, "once converted to UTF-8");
  free(gbk);
  char lines[400];
  for (size_t i = 0; i < sizeof lines; i += 2)
    memcpy(lines + i, "a\n", 2);
  zs_ingest_opts k1 = {.max_bytes = 1024}, k32 = {.max_bytes = 32768};
  expect_failure(lines, sizeof lines, &k1, ZS_ETOOBIG, "in 201 lines");
  char *out;
  size_t n;
  assert_int_equal(ingest(lines, sizeof lines, &k32, NULL, &out, &n), ZS_OK);
  free(out);
}

/* From files: read, converted, missing, too large (refused before reading). */
static void test_read_files(void **state) {
  (void)state;
  char path[1024];
  snprintf(path, sizeof path, "%s/ingest-gbk.txt", ZS_TEST_TMP);
  size_t len;
  char *gbk = encode("", simplified, "GBK", &len);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(gbk, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
  free(gbk);
  char *out;
  size_t n;
  zs_ingest_info info;
  assert_int_equal(zs_ingest_read(&out, &n, &info, path, NULL), ZS_OK);
  assert_string_equal(out, simplified);
  assert_int_equal(info.encoding, ZS_ENC_GB18030);
  free(out);
  assert_int_equal(zs_ingest_file(&out, &n, path, 100), ZS_ETOOBIG);
  assert_non_null(strstr(zs_error_last(), "file larger than 100 bytes"));
  remove(path);
  assert_int_equal(zs_ingest_file(&out, &n, path, 1 << 20), ZS_ENOTFOUND);
  assert_int_equal(zs_ingest_file(&out, &n, ZS_TEST_TMP, 1 << 20), ZS_EIO);
  assert_non_null(strstr(zs_error_last(), "not a regular file"));
}

static void test_utf8_valid_prefix(void **state) {
  (void)state;
  assert_int_equal(zs_utf8_valid_prefix("abc", 3), 3);
  assert_int_equal(zs_utf8_valid_prefix("a\xE4\xB8", 3), 1);         /* cut short */
  assert_int_equal(zs_utf8_valid_prefix("ab\xED\xA0\x80", 5), 2);    /* a surrogate */
  assert_int_equal(zs_utf8_valid_prefix("\xF0\x9F\x98\x80!", 5), 5); /* four bytes */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_utf8_with_and_without_bom),
      cmocka_unit_test(test_gbk),
      cmocka_unit_test(test_gb18030_four_byte),
      cmocka_unit_test(test_big5),
      cmocka_unit_test(test_utf16_with_bom),
      cmocka_unit_test(test_short_gbk),
      cmocka_unit_test(test_invalid_offsets),
      cmocka_unit_test(test_lossy),
      cmocka_unit_test(test_nul_bytes),
      cmocka_unit_test(test_control_characters),
      cmocka_unit_test(test_binary),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_limits),
      cmocka_unit_test(test_read_files),
      cmocka_unit_test(test_utf8_valid_prefix),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
