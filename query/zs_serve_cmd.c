/* zs_serve_cmd: `zhquery serve`: the search page and JSON API over HTTP
 * (libmicrohttpd). Placeholder until the server lands. */
#include <stdio.h>

#include "zs_cmds.h"

int zs_cmd_serve(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "zhquery: serve: not built yet\n");
  return 2;
}
