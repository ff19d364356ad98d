/* Unit tests for indexer/zs_sidecar: reading zhsearch-meta.tsv, which line
 * wins, how bad cells are reported, and applying an entry to metadata. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zs_error.h"
#include "zs_sidecar.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct fixture {
  char dir[512];
  char path[600];
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  if (!f)
    return -1;
  snprintf(f->dir, sizeof f->dir, "%s/sidecarXXXXXX", ZS_TEST_TMP);
  if (!mkdtemp(f->dir)) {
    free(f);
    return -1;
  }
  snprintf(f->path, sizeof f->path, "%s/%s", f->dir, ZS_SIDECAR_NAME);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  unlink(f->path);
  int rc = rmdir(f->dir);
  free(f);
  return rc;
}

/* Writes text as the fixture folder's sidecar. */
static void write_sidecar(const fixture *f, const char *text) {
  FILE *out = fopen(f->path, "w");
  assert_non_null(out);
  assert_int_equal(fputs(text, out) >= 0, 1);
  assert_int_equal(fclose(out), 0);
}

/* The problems reported through the error callback. */
typedef struct problems {
  char sidecar[600];
  size_t line[16];
  char what[16][160];
  size_t n;
} problems;

static void on_error(void *ctx, const char *sidecar, size_t line, const char *problem) {
  problems *p = ctx;
  assert_true(p->n < 16);
  snprintf(p->sidecar, sizeof p->sidecar, "%s", sidecar);
  p->line[p->n] = line;
  snprintf(p->what[p->n], sizeof p->what[p->n], "%s", problem);
  p->n++;
}

static zs_sidecar *load(const fixture *f, problems *p) {
  zs_sidecar *sc = NULL;
  if (zs_sidecar_load(&sc, f->dir, on_error, p) != ZS_OK)
    fail_msg("load: %s", zs_error_last());
  assert_non_null(sc);
  return sc;
}

/* ---- tests -------------------------------------------------------------- */

/* A folder without a sidecar has an empty one: no entry, no error. */
static void test_sidecar_missing_is_empty(void **state) {
  fixture *f = *state;
  problems p = {.n = 0};
  zs_sidecar *sc = load(f, &p);
  assert_string_equal(zs_sidecar_dir(sc), f->dir);
  assert_null(zs_sidecar_find(sc, "a.txt"));
  assert_int_equal(p.n, 0);
  zs_sidecar_free(sc);
  assert_null(zs_sidecar_find(NULL, "a.txt"));
  zs_sidecar_free(NULL);
}

/* Every field is read and normalised; comments, blank lines and CRs are skipped. */
static void test_sidecar_parses_fields(void **state) {
  fixture *f = *state;
  write_sidecar(f, "# file\tfield=value\r\n"
                   "\r\n"
                   "a.txt\ttitle=2022年省计生协会工作回眸\torg=福建省计生协会\tprovince=福建省\t"
                   "year=2022\ttype=回眸\r\n"
                   "b 2.txt\tyear=2020\n"
                   "c.txt\tprovince=广西壮族自治区\ttype=工作要点\ttitle=a=b\n"
                   "d.txt\n");
  problems p = {.n = 0};
  zs_sidecar *sc = load(f, &p);
  assert_int_equal(p.n, 0);
  const zs_sidecar_entry *a = zs_sidecar_find(sc, "a.txt");
  assert_non_null(a);
  assert_string_equal(a->name, "a.txt");
  assert_int_equal(a->set,
                   ZS_SIDE_TITLE | ZS_SIDE_ORG | ZS_SIDE_PROVINCE | ZS_SIDE_YEAR | ZS_SIDE_TYPE);
  assert_string_equal(a->title, "2022年省计生协会工作回眸");
  assert_string_equal(a->meta.org, "福建省计生协会");
  assert_string_equal(a->meta.province, "福建");
  assert_int_equal(a->meta.year, 2022);
  assert_string_equal(a->meta.type, "工作综述");
  const zs_sidecar_entry *b = zs_sidecar_find(sc, "b 2.txt");
  assert_non_null(b);
  assert_int_equal(b->set, ZS_SIDE_YEAR);
  assert_int_equal(b->meta.year, 2020);
  const zs_sidecar_entry *c = zs_sidecar_find(sc, "c.txt");
  assert_non_null(c);
  assert_int_equal(c->set, ZS_SIDE_PROVINCE | ZS_SIDE_TYPE | ZS_SIDE_TITLE);
  assert_string_equal(c->meta.province, "广西");
  assert_string_equal(c->meta.type, "工作要点");
  assert_string_equal(c->title, "a=b"); /* the value runs from the first '=' on */
  const zs_sidecar_entry *d = zs_sidecar_find(sc, "d.txt");
  assert_non_null(d);
  assert_int_equal(d->set, 0);
  assert_null(zs_sidecar_find(sc, "A.txt")); /* names are matched exactly */
  assert_null(zs_sidecar_find(sc, "a"));
  assert_null(zs_sidecar_find(sc, "# file"));
  zs_sidecar_free(sc);
}

/* When a file has several lines, the last one wins as a whole. */
static void test_sidecar_last_line_wins(void **state) {
  fixture *f = *state;
  write_sidecar(f, "a.txt\tyear=2020\tprovince=湖南\n"
                   "b.txt\tyear=2001\n"
                   "a.txt\ttype=简报\n"
                   "a.txt\tyear=2021\ttype=讲话\n");
  problems p = {.n = 0};
  zs_sidecar *sc = load(f, &p);
  const zs_sidecar_entry *a = zs_sidecar_find(sc, "a.txt");
  assert_non_null(a);
  assert_int_equal(a->set, ZS_SIDE_YEAR | ZS_SIDE_TYPE);
  assert_int_equal(a->meta.year, 2021);
  assert_string_equal(a->meta.type, "讲话");
  assert_string_equal(a->meta.province, ""); /* not merged with the first line */
  assert_int_equal(zs_sidecar_find(sc, "b.txt")->meta.year, 2001);
  zs_sidecar_free(sc);
}

/* Bad cells are reported with path, line and reason; good cells of the line apply. */
static void test_sidecar_bad_cells_reported(void **state) {
  fixture *f = *state;
  write_sidecar(f, "# comment\n"
                   "a.txt\tyear=2021\n"
                   "b.txt\tcolour=red\tyear=20x1\tprovince=火星\ttype=论文\tnoequals\t"
                   "title=好标题\n"
                   "\n"
                   "c.txt\tyear=1948\tyear=2100\tyear=\tprovince=湖南\n");
  problems p = {.n = 0};
  zs_sidecar *sc = load(f, &p);
  assert_string_equal(p.sidecar, f->path);
  static const struct {
    size_t line;
    const char *what;
  } want[] = {
      {3, "unknown field"},        {3, "year must be a number from 1949 to 2099"},
      {3, "unknown province"},     {3, "unknown type"},
      {3, "expected field=value"}, {5, "year must be"},
      {5, "year must be"},         {5, "year must be"},
  };
  assert_int_equal(p.n, sizeof want / sizeof want[0]);
  for (size_t i = 0; i < p.n; i++) {
    assert_int_equal(p.line[i], want[i].line);
    if (!strstr(p.what[i], want[i].what))
      fail_msg("problem %zu: '%s' lacks '%s'", i, p.what[i], want[i].what);
  }
  const zs_sidecar_entry *b = zs_sidecar_find(sc, "b.txt");
  assert_non_null(b);
  assert_int_equal(b->set, ZS_SIDE_TITLE);
  assert_string_equal(b->title, "好标题");
  assert_int_equal(b->meta.year, 0);
  const zs_sidecar_entry *c = zs_sidecar_find(sc, "c.txt");
  assert_int_equal(c->set, ZS_SIDE_PROVINCE);
  assert_string_equal(c->meta.province, "湖南");
  assert_int_equal(zs_sidecar_find(sc, "a.txt")->meta.year, 2021);
  zs_sidecar_free(sc);
  /* without a callback, bad cells are skipped silently */
  sc = NULL;
  assert_int_equal(zs_sidecar_load(&sc, f->dir, NULL, NULL), ZS_OK);
  assert_int_equal(zs_sidecar_find(sc, "b.txt")->set, ZS_SIDE_TITLE);
  zs_sidecar_free(sc);
}

/* apply() overwrites exactly the fields the entry sets. */
static void test_sidecar_apply(void **state) {
  fixture *f = *state;
  write_sidecar(f, "a.txt\tyear=2020\ttype=工作报告\n"
                   "b.txt\ttitle=新标题\torg=某协会\tprovince=云南\n"
                   "c.txt\n");
  problems p = {.n = 0};
  zs_sidecar *sc = load(f, &p);
  const zs_docmeta detected = {
      .org = "湖南省计划生育协会", .province = "湖南", .year = 2021, .type = "工作综述"};
  zs_docmeta m = detected;
  char title[64] = "原标题";
  zs_sidecar_apply(zs_sidecar_find(sc, "a.txt"), &m, title, sizeof title);
  assert_string_equal(title, "原标题");
  assert_string_equal(m.org, "湖南省计划生育协会");
  assert_string_equal(m.province, "湖南");
  assert_int_equal(m.year, 2020);
  assert_string_equal(m.type, "工作报告");
  m = detected;
  zs_sidecar_apply(zs_sidecar_find(sc, "b.txt"), &m, title, sizeof title);
  assert_string_equal(title, "新标题");
  assert_string_equal(m.org, "某协会");
  assert_string_equal(m.province, "云南");
  assert_int_equal(m.year, 2021);
  assert_string_equal(m.type, "工作综述");
  m = detected;
  zs_sidecar_apply(zs_sidecar_find(sc, "c.txt"), &m, title, sizeof title);
  assert_memory_equal(&m, &detected, sizeof m);
  char small[4] = "x"; /* a title longer than the buffer is cut, NUL-terminated */
  zs_sidecar_apply(zs_sidecar_find(sc, "b.txt"), &m, small, sizeof small);
  assert_int_equal(strlen(small), 3);
  zs_sidecar_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_sidecar_missing_is_empty, setup, teardown),
      cmocka_unit_test_setup_teardown(test_sidecar_parses_fields, setup, teardown),
      cmocka_unit_test_setup_teardown(test_sidecar_last_line_wins, setup, teardown),
      cmocka_unit_test_setup_teardown(test_sidecar_bad_cells_reported, setup, teardown),
      cmocka_unit_test_setup_teardown(test_sidecar_apply, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
