/* zs_sidecar: a tab-separated text file, so that an archivist can fix a
 * wrongly detected year in any editor; each value is checked like a query's. */
#include "zs_sidecar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_docfields.h"
#include "zs_error.h"
#include "zs_grow.h"
#include "zs_i18n.h"

/* Parses one `field=value` cell into e; returns an error text or NULL. */
static const char *parse_cell(char *cell, zs_sidecar_entry *e) {
  char *eq = strchr(cell, '=');
  if (!eq)
    return "expected field=value";
  *eq = '\0';
  const char *field = cell, *value = eq + 1;
  size_t vlen = strlen(value);
  if (strcmp(field, "title") == 0) {
    snprintf(e->title, sizeof e->title, "%s", value);
    e->set |= ZS_SIDE_TITLE;
  } else if (strcmp(field, "org") == 0) {
    snprintf(e->meta.org, sizeof e->meta.org, "%s", value);
    e->set |= ZS_SIDE_ORG;
  } else if (strcmp(field, "province") == 0) {
    const char *p = zs_docmeta_province(value, vlen);
    if (!p)
      return "unknown province";
    snprintf(e->meta.province, sizeof e->meta.province, "%s", p);
    e->set |= ZS_SIDE_PROVINCE;
  } else if (strcmp(field, "year") == 0) {
    char *end;
    long y = strtol(value, &end, 10);
    if (*value == '\0' || *end != '\0' || y < 1949 || y > 2099)
      return "year must be a number from 1949 to 2099";
    e->meta.year = (int)y;
    e->set |= ZS_SIDE_YEAR;
  } else if (strcmp(field, "type") == 0) {
    const char *t = zs_docmeta_type(value, vlen);
    if (!t)
      return "unknown type (see zhquery's type: field)";
    snprintf(e->meta.type, sizeof e->meta.type, "%s", t);
    e->set |= ZS_SIDE_TYPE;
  } else if (strcmp(field, "docno") == 0) { /* in its usual form when it reads as one */
    if (!zs_docno_line(value, vlen, e->meta.docno, sizeof e->meta.docno))
      snprintf(e->meta.docno, sizeof e->meta.docno, "%s", value);
    e->set |= ZS_SIDE_DOCNO;
  } else if (strcmp(field, "date") == 0) {
    if (!zs_date_find(value, vlen, true, e->meta.date))
      return "date must be a date such as 2019-01-22 or 2019年1月22日";
    e->set |= ZS_SIDE_DATE;
  } else {
    return "unknown field (title, org, docno, date, province, year, type)";
  }
  return NULL;
}

struct zs_sidecar {
  char *dir;
  zs_sidecar_entry *entries;
  size_t n, cap;
};

/* Parses one line "name<TAB>field=value..." into a new entry. */
static int parse_line(zs_sidecar *sc, char *line, const char *path, size_t lineno,
                      zs_sidecar_error_fn on_error, void *ctx) {
  char *save = NULL, *file = strtok_r(line, "\t", &save);
  if (!file)
    return ZS_OK;
  int rc = zs_grow((void **)&sc->entries, &sc->cap, sc->n + 1, sizeof *sc->entries);
  if (rc)
    return rc;
  zs_sidecar_entry *e = &sc->entries[sc->n];
  memset(e, 0, sizeof *e);
  if (!(e->name = strdup(file)))
    return zs_error_set(ZS_ENOMEM, _("out of memory reading %s"), path);
  sc->n++;
  for (char *cell; (cell = strtok_r(NULL, "\t", &save)) != NULL;) {
    const char *problem = parse_cell(cell, e);
    if (problem && on_error)
      on_error(ctx, path, lineno, problem);
  }
  return ZS_OK;
}

int zs_sidecar_load(zs_sidecar **out, const char *dir, zs_sidecar_error_fn on_error, void *ctx) {
  *out = NULL;
  zs_sidecar *sc = calloc(1, sizeof *sc);
  if (!sc || !(sc->dir = strdup(dir))) {
    free(sc);
    return zs_error_set(ZS_ENOMEM, _("out of memory"));
  }
  char path[4200];
  snprintf(path, sizeof path, "%s/" ZS_SIDECAR_NAME, dir);
  FILE *f = fopen(path, "r");
  int rc = ZS_OK;
  if (f) {
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    while (rc == ZS_OK && getline(&line, &cap, f) >= 0) {
      lineno++;
      line[strcspn(line, "\r\n")] = '\0';
      if (line[0] != '#' && line[0] != '\0')
        rc = parse_line(sc, line, path, lineno, on_error, ctx);
    }
    free(line);
    fclose(f);
  }
  if (rc) {
    zs_sidecar_free(sc);
    return rc;
  }
  *out = sc;
  return ZS_OK;
}

void zs_sidecar_free(zs_sidecar *sc) {
  if (!sc)
    return;
  for (size_t i = 0; i < sc->n; i++)
    free(sc->entries[i].name);
  free(sc->entries);
  free(sc->dir);
  free(sc);
}

const char *zs_sidecar_dir(const zs_sidecar *sc) {
  return sc->dir;
}

const zs_sidecar_entry *zs_sidecar_find(const zs_sidecar *sc, const char *name) {
  for (size_t i = sc ? sc->n : 0; i-- > 0;) /* the last line for a file wins */
    if (strcmp(sc->entries[i].name, name) == 0)
      return &sc->entries[i];
  return NULL;
}

void zs_sidecar_apply(const zs_sidecar_entry *e, zs_docmeta *meta, char *title, size_t title_size) {
  if (e->set & ZS_SIDE_TITLE)
    snprintf(title, title_size, "%s", e->title);
  if (e->set & ZS_SIDE_ORG)
    memcpy(meta->org, e->meta.org, sizeof meta->org);
  if (e->set & ZS_SIDE_PROVINCE)
    memcpy(meta->province, e->meta.province, sizeof meta->province);
  if (e->set & ZS_SIDE_YEAR)
    meta->year = e->meta.year;
  if (e->set & ZS_SIDE_TYPE)
    memcpy(meta->type, e->meta.type, sizeof meta->type);
  if (e->set & ZS_SIDE_DOCNO)
    memcpy(meta->docno, e->meta.docno, sizeof meta->docno);
  if (e->set & ZS_SIDE_DATE)
    memcpy(meta->date, e->meta.date, sizeof meta->date);
}
