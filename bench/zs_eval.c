/* zs_eval: scores ranking on a judged query set (../shared/eval): runs each
 * query of queries.tsv, writes the run as JSON Lines, and calls score.py. */
#include <getopt.h>
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zs_error.h"
#include "zs_search.h"

/* Writes the top k hits of query q (id qid) as score.py's run lines. */
static int run_query(zs_searcher *s, const char *qid, const char *q, unsigned k,
                     const zs_rank_params *rank, uint32_t per_doc, FILE *out) {
  zs_hits *h;
  zs_search_params p = {
      .first = 0, .max = k, .exact_count_up_to = 100, .rank = rank, .spread_per_doc = per_doc};
  int rc = zs_search_run(s, q, strlen(q), &p, &h);
  if (rc) {
    fprintf(stderr, "zs_eval: %s (%s): %s\n", qid, q, zs_error_last());
    return rc;
  }
  for (size_t i = 0; i < h->n; i++) {
    json_object *o = json_object_new_object();
    json_object_object_add(o, "qid", json_object_new_string(qid));
    json_object_object_add(
        o, "file", json_object_new_string_len(h->hit[i].file->path, (int)h->hit[i].file->path_len));
    json_object_object_add(
        o, "text", json_object_new_string_len(h->hit[i].rec.text, (int)h->hit[i].rec.text_len));
    fprintf(out, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    json_object_put(o);
  }
  zs_hits_free(h);
  return ZS_OK;
}

int main(int argc, char **argv) {
  const char *index = "build/eval-index", *queries = "../shared/eval/queries.tsv";
  const char *run_path = "build/eval-run.jsonl", *score = "../shared/eval/score.py";
  unsigned k = 10;
  uint32_t per_doc = ZS_PER_DOC_DEFAULT;
  bool synonyms = true;
  zs_rank_params rank = ZS_RANK_DEFAULTS;
  int c;
  while ((c = getopt(argc, argv, "i:q:o:s:k:Nw:b:p:")) != -1) {
    switch (c) {
    case 'w': /* weights to try: verbatim,subword,heading */
      sscanf(optarg, "%lf,%lf,%lf", &rank.verbatim, &rank.subword, &rank.heading);
      break;
    case 'b': sscanf(optarg, "%lf,%lf", &rank.bm25_k1, &rank.bm25_b); break;
    case 'N': synonyms = false; break;
    case 'i': index = optarg; break;
    case 'q': queries = optarg; break;
    case 'o': run_path = optarg; break;
    case 's': score = optarg; break;
    case 'k': k = (unsigned)atoi(optarg); break;
    case 'p': per_doc = (uint32_t)atoi(optarg); break;
    default:
      fprintf(stderr,
              "usage: zs_eval [-i INDEX] [-q queries.tsv] [-o run.jsonl] [-s score.py] [-N]\n"
              "               [-w VERBATIM,SUBWORD,HEADING] [-b K1,B] [-p PER_DOC]\n");
      return 2;
    }
  }
  zs_searcher *s;
  if (zs_searcher_open(&s, index) != ZS_OK || zs_searcher_synonyms(s, synonyms, NULL) != ZS_OK) {
    fprintf(stderr, "zs_eval: %s\n", zs_error_last());
    return 1;
  }
  FILE *in = fopen(queries, "r"), *out = fopen(run_path, "w");
  if (!in || !out) {
    fprintf(stderr, "zs_eval: cannot open %s or %s\n", queries, run_path);
    return 1;
  }
  char *line = NULL;
  size_t cap = 0;
  int failed = 0;
  for (int first = 1; getline(&line, &cap, in) >= 0; first = 0) {
    line[strcspn(line, "\r\n")] = '\0';
    char *save = NULL, *qid = strtok_r(line, "\t", &save), *q = strtok_r(NULL, "\t", &save);
    if (first || !qid || !q)
      continue; /* the header line */
    failed |= run_query(s, qid, q, k, &rank, per_doc, out) != ZS_OK;
  }
  free(line);
  fclose(in);
  fclose(out);
  zs_searcher_close(s);
  if (failed)
    return 1;
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "python3 '%s' '%s' --per-query", score, run_path);
  return system(cmd) == 0 ? 0 : 1;
}
