/* zhquery serve without a socket: --listen and Host parsing, parameter checks,
 * JSON escaping, and the router's answers over the corpus index, from several
 * threads at once and when the index goes away. */
/* cmocka.h needs these four first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <json-c/json.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_paths.h"
#include "zs_search.h"
#include "zs_serve.h"
#include "zs_serve_params.h"
#include "zs_serve_pool.h"
#include "zs_test_index.h"

#define INDEX ZS_TEST_TMP "/serve-index"

static zs_serve_pool *pool;
static zs_serve_ctx ctx;
static zs_searcher *direct; /* the same index, searched without the server */

static int setup(void **state) {
  (void)state;
  zs_test_ref_passage *refs;
  size_t n;
  if (zs_test_index_corpus(INDEX, &direct, &refs, &n) != ZS_OK)
    return -1;
  zs_test_ref_passages_free(refs, n);
  zs_serve_pool_opts opts = {.size = 2, .max_age_s = 0, .synonyms = true};
  const char *index = INDEX;
  if (zs_serve_pool_new(&pool, &index, 1, &opts) != ZS_OK)
    return -1;
  ctx = (zs_serve_ctx){.pool = pool, .loopback_hosts_only = true};
  return 0;
}

static int teardown(void **state) {
  (void)state;
  zs_serve_pool_free(pool);
  zs_searcher_close(direct);
  return 0;
}

/* ---- a request without HTTP ---- */

typedef struct call {
  zs_serve_param param[ZS_SERVE_MAX_PARAMS + 2];
  char buf[4096];
  zs_serve_request rq;
  zs_serve_reply r;
  json_object *j; /* the body parsed, when JSON */
} call;

/* Fills c->rq from "name=value&..." (no percent-decoding: tests write UTF-8). */
static void request(call *c, const char *method, const char *path, const char *query,
                    const char *body) {
  memset(c, 0, sizeof *c);
  snprintf(c->buf, sizeof c->buf, "%s", query ? query : "");
  size_t n = 0;
  for (char *save = NULL, *tok = strtok_r(c->buf, "&", &save); tok && n < ZS_SERVE_MAX_PARAMS + 2;
       tok = strtok_r(NULL, "&", &save)) {
    char *eq = strchr(tok, '=');
    if (eq)
      *eq = '\0';
    c->param[n++] = (zs_serve_param){tok, eq ? eq + 1 : "", eq ? strlen(eq + 1) : 0};
  }
  c->rq = (zs_serve_request){.method = method,
                             .path = path,
                             .param = c->param,
                             .nparams = n,
                             .host = "127.0.0.1:8080",
                             .body = body,
                             .body_len = body ? strlen(body) : 0};
}

static void run(call *c) {
  zs_serve_route(&ctx, &c->rq, &c->r);
  if (c->r.content_type && strncmp(c->r.content_type, "application/json", 16) == 0)
    c->j = json_tokener_parse(c->r.body);
}

static void done(call *c) {
  json_object_put(c->j);
  zs_serve_reply_free(&c->r);
}

/* Runs a request and checks its status (and, for errors, a JSON message containing part). */
static void expect(call *c, const char *method, const char *path, const char *query,
                   const char *body, unsigned status, const char *part) {
  request(c, method, path, query, body);
  run(c);
  if (c->r.status != status)
    fail_msg("%s %s?%s: status %u (want %u): %.300s", method, path, query ? query : "", c->r.status,
             status, c->r.body);
  if (part) {
    json_object *e;
    assert_non_null(c->j);
    assert_true(json_object_object_get_ex(c->j, "error", &e));
    if (!strstr(json_object_get_string(e), part))
      fail_msg("%s %s?%s: error '%s' lacks '%s'", method, path, query ? query : "",
               json_object_get_string(e), part);
  }
}

static int64_t jint(json_object *o, const char *key) {
  json_object *v;
  assert_true(json_object_object_get_ex(o, key, &v));
  return json_object_get_int64(v);
}

static json_object *jget(json_object *o, const char *key) {
  json_object *v = NULL;
  assert_true(json_object_object_get_ex(o, key, &v));
  return v;
}

/* ---- pure helpers ---- */

/* --listen takes HOST:PORT and [IPV6]:PORT, ports 0 to 65535, and nothing else. */
static void test_serve_listen(void **state) {
  (void)state;
  char host[64];
  uint16_t port;
  assert_int_equal(zs_serve_parse_listen("127.0.0.1:8080", host, sizeof host, &port), ZS_OK);
  assert_string_equal(host, "127.0.0.1");
  assert_int_equal(port, 8080);
  assert_int_equal(zs_serve_parse_listen("[::1]:0", host, sizeof host, &port), ZS_OK);
  assert_string_equal(host, "::1");
  assert_int_equal(port, 0);
  assert_int_equal(zs_serve_parse_listen("localhost:65535", host, sizeof host, &port), ZS_OK);
  assert_int_equal(port, 65535);
  const char *bad[] = {":80",     "host",   "host:",   "host:65536", "host:-1",
                       "host:8o", "::1:80", "[::1]80", "[::1",       "h:+80"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    if (zs_serve_parse_listen(bad[i], host, sizeof host, &port) != ZS_EINVAL)
      fail_msg("--listen %s accepted", bad[i]);
  assert_int_equal(zs_serve_parse_listen("a-very-long-host-name:1", host, 8, &port), ZS_EINVAL);
}

/* Only loopback names pass the Host check (no name that merely starts like one). */
static void test_serve_host(void **state) {
  (void)state;
  const char *good[] = {"127.0.0.1:8080", "127.0.0.1", "localhost",  "LOCALHOST:1",
                        "[::1]:8080",     "[::1]",     "127.1.2.3:9"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++)
    if (!zs_serve_host_is_loopback(good[i]))
      fail_msg("Host %s refused", good[i]);
  assert_true(zs_serve_host_is_loopback(NULL));
  const char *bad[] = {"evil.example",
                       "127.0.0.1.evil.example",
                       "localhost.evil.example:80",
                       "[::2]:80",
                       "127.0.0.1:80x",
                       "",
                       "localhost:",
                       "128.0.0.1",
                       "127.0.0",
                       "[::1]x"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    if (zs_serve_host_is_loopback(bad[i]))
      fail_msg("Host %s accepted", bad[i]);
}

/* Parameters: unknown, repeated, too many, bad numbers and booleans get a 400. */
static void test_serve_params(void **state) {
  (void)state;
  static const char *const known[] = {"n", "q", "f", NULL};
  call c;
  request(&c, "GET", "/", "n=5&q=x&f=yes", NULL);
  assert_true(zs_serve_check_params(&c.rq, known, &c.r));
  uint32_t v;
  bool b;
  assert_true(zs_serve_param_uint(&c.rq, "n", 1, 0, 10, &v, &c.r));
  assert_int_equal(v, 5);
  assert_true(zs_serve_param_uint(&c.rq, "absent", 7, 0, 10, &v, &c.r));
  assert_int_equal(v, 7);
  assert_true(zs_serve_param_bool(&c.rq, "f", false, &b, &c.r) && b);
  assert_false(zs_serve_param_uint(&c.rq, "n", 1, 6, 10, &v, &c.r));
  assert_int_equal(c.r.status, 400);
  zs_serve_reply_free(&c.r);
  const char *bad[] = {"n=5&n=6", "x=1", "n=", "n=1e3", "n=9999999999", "f=2"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    request(&c, "GET", "/", bad[i], NULL);
    bool ok = zs_serve_check_params(&c.rq, known, &c.r) &&
              zs_serve_param_uint(&c.rq, "n", 1, 0, 10, &v, &c.r) &&
              zs_serve_param_bool(&c.rq, "f", false, &b, &c.r);
    if (ok || c.r.status != 400)
      fail_msg("parameters %s accepted", bad[i]);
    zs_serve_reply_free(&c.r);
  }
  request(&c, "GET", "/", "a=1&b=1&c=1&d=1&e=1&f=1&g=1&h=1&i=1&j=1&k=1&l=1&m=1&n=1&o=1&p=1&q=1",
          NULL);
  assert_false(zs_serve_check_params(&c.rq, known, &c.r));
  zs_serve_reply_free(&c.r);
  assert_false(zs_serve_check_text("q", "a\0b", 3, 10, &c.r));
  zs_serve_reply_free(&c.r);
  assert_false(zs_serve_check_text("q", "\xe8\x82", 2, 10, &c.r));
  zs_serve_reply_free(&c.r);
  assert_false(zs_serve_check_text("q", "abc", 3, 2, &c.r));
  zs_serve_reply_free(&c.r);
  assert_true(zs_serve_check_text("q", "育儿", strlen("育儿"), 10, &c.r));
}

/* JSON answers carry markup escaped (\u003c...), and decode back to it. */
static void test_serve_json_escapes_markup(void **state) {
  (void)state;
  zs_serve_reply r;
  json_object *o = json_object_new_object();
  json_object_object_add(o, "t", json_object_new_string("<script>a&b</script>\"><img>"));
  zs_serve_reply_json(&r, 200, o);
  assert_null(strchr(r.body, '<'));
  assert_null(strchr(r.body, '>'));
  assert_null(strchr(r.body, '&'));
  assert_non_null(strstr(r.body, "\\u003cscript\\u003ea\\u0026b"));
  json_object *back = json_tokener_parse(r.body);
  assert_non_null(back);
  assert_string_equal(json_object_get_string(jget(back, "t")), "<script>a&b</script>\"><img>");
  json_object_put(back);
  zs_serve_reply_free(&r);
  /* an error message cut inside a character is still valid UTF-8 JSON */
  char long_msg[1200] = "";
  while (strlen(long_msg) + 3 < sizeof long_msg)
    strcat(long_msg, "育");
  zs_serve_reply_error(&r, 400, "x%s", long_msg);
  back = json_tokener_parse(r.body);
  assert_non_null(back);
  json_object_put(back);
  zs_serve_reply_free(&r);
}

/* ---- the router ---- */

/* The page and its assets; methods other than GET and HEAD are refused. */
static void test_serve_assets(void **state) {
  (void)state;
  call c;
  expect(&c, "GET", "/", NULL, NULL, 200, NULL);
  assert_string_equal(c.r.content_type, "text/html; charset=utf-8");
  assert_non_null(strstr(c.r.body, "/app.js"));
  done(&c);
  expect(&c, "HEAD", "/app.js", NULL, NULL, 200, NULL);
  assert_string_equal(c.r.content_type, "text/javascript; charset=utf-8");
  done(&c);
  expect(&c, "GET", "/app.css", NULL, NULL, 200, NULL);
  done(&c);
  expect(&c, "POST", "/", NULL, "x", 405, "POST is not allowed on /");
  assert_string_equal(c.r.allow, "GET, HEAD");
  done(&c);
}

/* Search answers equal what zs_search_run finds; filters become fields. */
static void test_serve_search(void **state) {
  (void)state;
  call c;
  expect(&c, "GET", "/api/search", "q=青春健康&facets=1", NULL, 200, NULL);
  zs_search_params p = {.max = 10, .exact_count_up_to = UINT32_MAX, .facets = true};
  zs_hits *h = NULL;
  assert_int_equal(zs_search_run(direct, "青春健康", strlen("青春健康"), &p, &h), ZS_OK);
  assert_int_equal(jint(c.j, "total"), h->total_estimate);
  json_object *hits = jget(c.j, "hits");
  assert_int_equal(json_object_array_length(hits), h->n);
  json_object *first = json_object_array_get_idx(hits, 0);
  assert_string_equal(json_object_get_string(jget(first, "text")), h->hit[0].rec.text);
  assert_int_equal(json_object_array_length(jget(first, "highlights")), h->hit[0].nspans);
  json_object *prov = jget(jget(c.j, "facets"), "province");
  assert_string_equal(json_object_get_string(jget(json_object_array_get_idx(prov, 0), "value")),
                      h->facets[0].value[0]);
  zs_hits_free(h);
  done(&c);

  expect(&c, "GET", "/api/search", "q=托育 OR 托幼&province=湖南&year=2021..", NULL, 200, NULL);
  assert_string_equal(json_object_get_string(jget(c.j, "query")),
                      "(托育 OR 托幼) province:湖南 year:2021..");
  done(&c);
  expect(&c, "GET", "/api/search", "type=简报", NULL, 200, NULL);
  assert_string_equal(json_object_get_string(jget(c.j, "query")), "type:简报");
  assert_true(jint(c.j, "total") > 0);
  done(&c);
}

/* Bad requests: a 400 (or 403, 404, 405, 413, 415) with a message saying why. */
static void test_serve_errors(void **state) {
  (void)state;
  static const struct {
    const char *method, *path, *query, *body;
    unsigned status;
    const char *part;
  } cases[] = {
      {"GET", "/api/search", "q=\"abc", NULL, 400, "unterminated quote at column 1"},
      {"GET", "/api/search", "q=a foo:b", NULL, 400, "unknown field 'foo' at column 3"},
      {"GET", "/api/search", "q=育儿&province=火星", NULL, 400, "bad province filter: unknown"},
      {"GET", "/api/search", "q=育儿&province=a b", NULL, 400, "bad province filter 'a b'"},
      {"GET", "/api/search", "q=year:abc&province=湖南", NULL, 400, "bad query:"},
      {"GET", "/api/search", "", NULL, 400, "nothing to search"},
      {"GET", "/api/search", "q=x&n=51", NULL, 400, "n must be"},
      {"GET", "/api/search", "q=x&offset=10001", NULL, 400, "offset must be"},
      {"GET", "/api/search", "q=x&zz=1", NULL, 400, "unknown parameter 'zz'"},
      {"GET", "/api/search", "q=x", "body", 400, "has no body"},
      {"POST", "/api/search", "q=x", "", 405, "POST is not allowed"},
      {"GET", "/api/nope", NULL, NULL, 404, "no such page or endpoint: /api/nope"},
      {"GET", "/api/audit", NULL, NULL, 405, "use POST"},
      {"POST", "/api/audit", "format=xml", "a", 400, "format must be json, csv or xlsx"},
      {"GET", "/api/search", "q=abc&format=pdf", NULL, 400, "format must be json, csv or xlsx"},
      {"POST", "/api/audit", "by=x", "a", 400, "by must be"},
      {"POST", "/api/audit", NULL, "", 400, "the keyword list is empty"},
      {"POST", "/api/audit", NULL, "a\nb\na", 400, "line 3"},
      {"POST", "/api/similar", NULL, " \n", 400, "the draft is empty"},
      {"POST", "/api/similar", "text=x", "y", 400, "not both"},
      {"POST", "/api/similar", "where=(", "育儿补贴", 400, "column"},
      {"GET", "/api/docs", "x=1", NULL, 400, "unknown parameter"},
  };
  call c;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    expect(&c, cases[i].method, cases[i].path, cases[i].query, cases[i].body, cases[i].status,
           cases[i].part);
    done(&c);
  }
  request(&c, "POST", "/api/similar", NULL, "育儿补贴");
  c.rq.content_type = "application/x-www-form-urlencoded";
  run(&c);
  assert_int_equal(c.r.status, 415);
  done(&c);
  request(&c, "GET", "/api/health", NULL, NULL);
  c.rq.host = "rebound.example:8080";
  run(&c);
  assert_int_equal(c.r.status, 403);
  done(&c);
  char big[ZS_SERVE_MAX_DRAFT + 2];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  expect(&c, "POST", "/api/similar", NULL, big, 413, "the draft is too long");
  done(&c);
}

/* Similar passages, an audit (JSON and CSV), the documents and health. */
static void test_serve_other_endpoints(void **state) {
  (void)state;
  call c;
  expect(&c, "POST", "/api/similar", "n=3", "深入开展青春健康教育，推进青春健康进校园。", 200,
         NULL);
  json_object *items = jget(c.j, "items");
  assert_true(json_object_array_length(items) >= 3);
  assert_true(json_object_array_length(jget(c.j, "words")) > 0);
  done(&c);
  expect(&c, "POST", "/api/audit", "by=province", "育儿补贴|育儿津贴\n+计生协\n", 200, NULL);
  assert_string_equal(json_object_get_string(jget(c.j, "by")), "province");
  assert_int_equal(json_object_array_length(jget(c.j, "keywords")), 2);
  done(&c);
  expect(&c, "POST", "/api/audit", "format=csv", "计生协\n", 200, NULL);
  assert_string_equal(c.r.content_type, "text/csv; charset=utf-8");
  assert_non_null(c.r.disposition);
  assert_true(strncmp(c.r.body, "\xEF\xBB\xBF文档,标题,", strlen("\xEF\xBB\xBF文档,标题,")) == 0);
  done(&c);
  expect(&c, "POST", "/api/audit", "format=xlsx", "计生协\n", 200, NULL);
  assert_string_equal(c.r.content_type,
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  assert_true(c.r.len > 100 && memcmp(c.r.body, "PK", 2) == 0);
  done(&c);
  expect(&c, "GET", "/api/search", "q=计生协&format=csv", NULL, 200, NULL);
  assert_string_equal(c.r.content_type, "text/csv; charset=utf-8");
  assert_true(strncmp(c.r.body, "\xEF\xBB\xBF序号,标题,", strlen("\xEF\xBB\xBF序号,标题,")) == 0);
  done(&c);
  expect(&c, "GET", "/api/doc", "id=1", NULL, 200, NULL);
  assert_true(json_object_array_length(jget(c.j, "passages")) > 0);
  done(&c);
  expect(&c, "GET", "/api/doc", "id=4000000", NULL, 404, NULL);
  done(&c);
  expect(&c, "GET", "/api/docs", NULL, NULL, 200, NULL);
  assert_int_equal(json_object_array_length(jget(c.j, "docs")), ZS_TEST_NCORPUS);
  done(&c);
  expect(&c, "GET", "/api/health", NULL, NULL, 200, NULL);
  assert_int_equal(jint(c.j, "documents"), ZS_TEST_NCORPUS);
  uint32_t passages;
  assert_int_equal(zs_searcher_doc_count(direct, &passages), ZS_OK);
  assert_int_equal(jint(c.j, "passages"), passages);
  done(&c);
}

/* ---- threads and a vanishing index ---- */

static const char *const mix[][4] = {
    {"GET", "/api/search", "type=简报&n=3", NULL}, /* match-all queries: see zs_serve_pool.h */
    {"GET", "/api/search", "q=-计生协&n=3", NULL},
    {"GET", "/api/search", "q=计生协&facets=1", NULL},
    {"GET", "/api/search", "q=青春健康&offset=5&n=5", NULL},
    {"POST", "/api/similar", "n=5", "做好计生特殊家庭帮扶工作，落实暖心家园项目。"},
    {"POST", "/api/audit", NULL, "计生协\n青春健康\n"},
    {"GET", "/api/docs", NULL, NULL},
};
#define NMIX (sizeof mix / sizeof *mix)

typedef struct worker {
  char *first[NMIX]; /* each answer as first seen, to compare the rest with */
  int failures;
} worker;

static void *work(void *arg) {
  worker *w = arg;
  call *c = malloc(sizeof *c);
  for (int round = 0; c && round < 40; round++)
    for (size_t m = 0; m < NMIX; m++) {
      request(c, mix[m][0], mix[m][1], mix[m][2], mix[m][3]);
      zs_serve_route(&ctx, &c->rq, &c->r);
      if (c->r.status != 200)
        w->failures++;
      else if (!w->first[m])
        w->first[m] = strndup(c->r.body, c->r.len);
      else if (strlen(w->first[m]) != c->r.len || memcmp(w->first[m], c->r.body, c->r.len))
        w->failures++;
      zs_serve_reply_free(&c->r);
    }
  free(c);
  return NULL;
}

/* Four threads share a pool of two searchers: every answer is 200 and the
 * same in every thread (and nothing crashes: match-all queries from several
 * threads at once did, see zs_serve_pool.h). */
static void test_serve_threads(void **state) {
  (void)state;
  enum { N = 4 };
  pthread_t t[N];
  worker w[N];
  memset(w, 0, sizeof w);
  for (int i = 0; i < N; i++)
    assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < N; i++) {
    assert_int_equal(w[i].failures, 0);
    for (size_t m = 0; m < NMIX; m++) {
      assert_non_null(w[i].first[m]);
      assert_string_equal(w[i].first[m], w[0].first[m]);
    }
  }
  for (int i = 0; i < N; i++)
    for (size_t m = 0; m < NMIX; m++)
      free(w[i].first[m]);
}

/* An index that goes away: 503 with the reason once its searcher is reopened;
 * a pool cannot be made over no index at all. */
static void test_serve_index_gone(void **state) {
  (void)state;
  const char *dir = ZS_TEST_TMP "/serve-index-gone";
  zs_searcher *s;
  zs_test_ref_passage *refs;
  size_t n;
  assert_int_equal(zs_test_index_corpus(dir, &s, &refs, &n), ZS_OK);
  zs_test_ref_passages_free(refs, n);
  zs_searcher_close(s);
  zs_serve_pool *p;
  zs_serve_pool_opts opts = {.size = 1, .synonyms = true};
  const char *dirs[] = {dir};
  assert_int_equal(zs_serve_pool_new(&p, dirs, 1, &opts), ZS_OK);
  zs_serve_ctx gone = {.pool = p};
  assert_int_equal(zs_serve_pool_get(p, &s), ZS_OK);
  zs_serve_pool_put(p, s, true); /* as after a failure: reopened when next borrowed */
  assert_int_equal(zs_remove_tree(dir), ZS_OK);
  call c;
  request(&c, "GET", "/api/search", "q=计生协", NULL);
  zs_serve_route(&gone, &c.rq, &c.r);
  assert_int_equal(c.r.status, 503);
  assert_non_null(strstr(c.r.body, "the index cannot be used: no index at"));
  zs_serve_reply_free(&c.r);
  zs_serve_pool_free(p);
  assert_int_equal(zs_serve_pool_new(&p, dirs, 1, &opts), ZS_ENOTFOUND);
  assert_null(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_serve_listen),  cmocka_unit_test(test_serve_host),
      cmocka_unit_test(test_serve_params),  cmocka_unit_test(test_serve_json_escapes_markup),
      cmocka_unit_test(test_serve_assets),  cmocka_unit_test(test_serve_search),
      cmocka_unit_test(test_serve_errors),  cmocka_unit_test(test_serve_other_endpoints),
      cmocka_unit_test(test_serve_threads), cmocka_unit_test(test_serve_index_gone),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
