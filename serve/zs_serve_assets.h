/* zs_serve_assets: the page of `zhquery serve` (serve/web/: HTML, CSS,
 * JavaScript, icon), compiled into the program by serve/CMakeLists.txt. */
#ifndef ZS_SERVE_ASSETS_H
#define ZS_SERVE_ASSETS_H

#include <stddef.h>

typedef struct zs_serve_asset {
  const char *path;          /* "/index.html", "/app.js", ... */
  const char *content_type;  /* with charset for text */
  const unsigned char *data; /* static storage */
  size_t len;
} zs_serve_asset;

/* Every asset (generated: zs_serve_assets_data.c in the build directory). */
extern const zs_serve_asset zs_serve_asset_table[];
extern const size_t zs_serve_asset_count;

/* The asset served at path ("/" is "/index.html"), or NULL; static storage. */
const zs_serve_asset *zs_serve_asset_find(const char *path);

#endif
