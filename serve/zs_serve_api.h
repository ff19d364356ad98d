/* zs_serve_api: the JSON API of `zhquery serve`, one handler per endpoint, over
 * the functions the command line uses (zs_search_run, zs_similar_run,
 * zs_audit_*, zs_searcher_files) and with the CLI's --json objects. */
#ifndef ZS_SERVE_API_H
#define ZS_SERVE_API_H

#include "zs_search.h"
#include "zs_serve.h"

/* Every handler answers rq with searcher s (borrowed for the call). It returns
 * ZS_OK once *out is filled — an answer or a 4xx for a bad request — or the
 * error code when the index failed under it, with *out left empty: the router
 * then retries once with a fresh searcher and answers 503 if that fails too.
 * The caller frees *out with zs_serve_reply_free. */
typedef int zs_serve_handler(zs_searcher *s, const zs_serve_request *rq, zs_serve_reply *out);

/* GET /api/search?q=&offset=&n=&facets=&province=&year=&type= */
zs_serve_handler zs_serve_api_search;
/* GET /api/similar?text=&n=&per_doc=&where=, or POST with the draft as body */
zs_serve_handler zs_serve_api_similar;
/* POST /api/audit?by=&format=, the keyword list as body */
zs_serve_handler zs_serve_api_audit;
/* GET /api/docs */
zs_serve_handler zs_serve_api_docs;
/* GET /api/health */
zs_serve_handler zs_serve_api_health;
/* GET /api/doc?id=: a document's passages in order (zs_serve_doc.c) */
zs_serve_handler zs_serve_api_doc;
/* GET /api/file?id=: the document's file as it was indexed (zs_serve_doc.c) */
zs_serve_handler zs_serve_api_file;

#endif
