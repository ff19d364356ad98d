/* zhindex: indexes folders and files of reports into a zhsearch index.
 * Usage: zhindex [--index DIR] [--rebuild] [--lexicon FILE] [--quiet] PATH... */
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "zs_error.h"
#include "zs_i18n.h"
#include "zs_indexer.h"
#include "zs_paths.h"
#include "zs_visible.h"
#include "zs_walk.h"

/* Exit statuses (README, "Exit statuses"). */
enum {
  EXIT_DONE = 0,          /* every file indexed */
  EXIT_SOME_FAILED = 1,   /* some file could not be indexed; the others are */
  EXIT_USAGE = 2,         /* bad usage */
  EXIT_INDEX = 3,         /* the index cannot be written: locked, read-only, disk full */
  EXIT_INTERRUPTED = 130, /* stopped by SIGINT/SIGTERM after committing, as shells report it */
};

typedef struct run {
  zs_indexer *ix;
  int quiet;
  int verbose;
  const char *root; /* the PATH argument being walked */
  int stop_rc;      /* a failure that must end the run (the index itself failed) */
} run;

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(FILE *to) {
  fprintf(to,
          _("usage: zhindex [--index DIR] [--rebuild] [--lexicon FILE] [--jobs N] [--quiet] "
            "[OPTION]... PATH...\n"
            "Indexes the reports under each PATH (files or folders): .txt, .md, .html,\n"
            ".htm, .pdf and .docx.\n"
            "  --index DIR      index directory (default: $ZHSEARCH_INDEX, else\n"
            "                   $XDG_DATA_HOME/zhsearch/index or ~/.local/share/zhsearch/index)\n"
            "  --rebuild        discard the index and build it anew\n"
            "  --lexicon FILE   extra words for segmentation, one per line (kept in the index)\n"
            "  --jobs N         parallel workers (default: one per core for large batches)\n"
            "  --no-t2s         (new index) keep traditional and simplified characters apart\n"
            "  --for-remote     (new index) keep what xapian-tcpsrv needs to serve the index\n"
            "                   to other machines (Xapian's termlists: about twice the size)\n"
            "  --lossy          index text with invalid bytes replaced (U+FFFD) instead of\n"
            "                   reporting it\n"
            "  --max-file-mb N  report and skip larger files (default %d; a line counts as\n"
            "                   %d bytes more; a worker needs about 3x its file)\n"
            "  --commit-mb N    with several workers, commit after N MB of input (default\n"
            "                   4; then as much as the index holds, up to 256 MB) or 5 s of\n"
            "                   work, whichever comes first: a crash costs at most that\n"
            "  --quiet          print problems only, no summary\n"
            "  --verbose        also list skipped files and files indexed without some\n"
            "                   of their text (unreadable PDF pages, --lossy replacements)\n"),
          ZS_INGEST_DEFAULT_MAX_MB, ZS_INGEST_LINE_COST);
}

/* A whole number from lo to hi, as an option's argument. */
static int parse_number(const char *s, long lo, long hi, unsigned *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (*s == '\0' || *end != '\0' || v < lo || v > hi)
    return -1;
  *out = (unsigned)v;
  return 0;
}

static void report(const char *path, const char *problem) {
  char vis[4096]; /* a file may be named "\033[2J.txt" */
  fprintf(stderr, _("zhindex: %s: %s\n"), zs_visible(path, vis, sizeof vis), problem);
}

static void on_index_error(void *ctx, const char *path, const char *problem) {
  (void)ctx;
  report(path, problem);
}

static bool verbose_lossy; /* --verbose: name each file indexed without some text */

static void on_lossy(void *ctx, const char *path, const char *lost) {
  (void)ctx;
  if (!verbose_lossy)
    return;
  char msg[512];
  snprintf(msg, sizeof msg, _("indexed without some of its text: %s"), lost);
  report(path, msg);
}

static void on_walk_error(void *ctx, const char *path, const char *problem) {
  run *r = ctx;
  report(path, problem);
  zs_indexer_stats(r->ix)->files_failed++;
}

static int on_file(void *ctx, const char *path, const struct stat *st) {
  (void)st;
  run *r = ctx;
  if (!zs_indexer_supports(path)) {
    bool named = strcmp(path, r->root) == 0;
    if (named) { /* a file the user named is worth a word; one found in a folder is not */
      report(path, "unsupported format, skipped (zhindex reads .txt .md .html .pdf .docx)");
      zs_indexer_stats(r->ix)->files_failed++;
    } else {
      zs_indexer_stats(r->ix)->files_skipped++;
      if (r->verbose)
        report(path, "skipped (zhindex reads .txt .md .html .pdf .docx)");
    }
    return 0;
  }
  int rc = zs_indexer_add_file(r->ix, path);
  if (rc == ZS_ENOTFOUND) {
    report(path, zs_error_last());
    zs_indexer_stats(r->ix)->files_failed++;
    return 0;
  }
  if (rc)
    r->stop_rc = rc;
  return rc;
}

static void print_summary(const zs_index_stats *s, double secs, const char *dir, bool verbose,
                          bool failed) {
  double mb = (double)s->bytes / 1e6;
  secs -= s->purge_secs; /* the rewrite is reported on its own line */
  size_t indexed = s->files_added + s->files_updated;
  char workers[64];
  snprintf(workers, sizeof workers, P_("%u worker", "%u workers", s->workers), s->workers);
  printf(P_("zhindex: %zu file indexed (%zu new, %zu changed), %zu unchanged, %zu removed, "
            "%zu failed, %zu skipped; %zu passages; %.2f MB in %.2f s (%.2f MB/s, %s); "
            "index %s\n",
            "zhindex: %zu files indexed (%zu new, %zu changed), %zu unchanged, %zu removed, "
            "%zu failed, %zu skipped; %zu passages; %.2f MB in %.2f s (%.2f MB/s, %s); "
            "index %s\n",
            indexed),
         indexed, s->files_added, s->files_updated, s->files_unchanged, s->files_removed,
         s->files_failed, s->files_skipped, s->passages, mb, secs, secs > 0 ? mb / secs : 0.0,
         workers, dir);
  if (s->passages_purged)
    printf(P_("zhindex: index written again without %zu passage of replaced or removed files "
              "(%.1f s)\n",
              "zhindex: index written again without %zu passages of replaced or removed files "
              "(%.1f s)\n",
              s->passages_purged),
           s->passages_purged, s->purge_secs);
  if (s->purge_stopped)
    printf(P_("zhindex: stopped writing the index again without %zu old passage: the next run "
              "does it (the index answers as it is)\n",
              "zhindex: stopped writing the index again without %zu old passages: the next run "
              "does it (the index answers as it is)\n",
              s->purge_stopped),
           s->purge_stopped);
  if (s->files_lossy)
    printf(P_("zhindex: %zu file indexed without some of its text (%s)\n",
              "zhindex: %zu files indexed without some of their text (%s)\n", s->files_lossy),
           s->files_lossy, verbose ? _("named above") : _("--verbose names them"));
  if (s->files_pending && failed)
    printf(P_("zhindex: stopped: %zu file left for the next run\n",
              "zhindex: stopped: %zu files left for the next run\n", s->files_pending),
           s->files_pending);
  else if (s->files_pending)
    printf(P_("zhindex: interrupted: %zu file left for the next run\n",
              "zhindex: interrupted: %zu files left for the next run\n", s->files_pending),
           s->files_pending);
}

static void on_signal(int sig) {
  (void)sig;
  zs_indexer_request_stop();
}

/* The progress line on a terminal: files, megabytes, speed and time left. */
typedef struct progress {
  double start, last;
} progress;

static void show_progress(void *ctx, size_t files, size_t total_files, uint64_t bytes,
                          uint64_t total_bytes) {
  progress *p = ctx;
  double now = now_seconds(), secs = now - p->start;
  if (now - p->last < 0.25 && files < total_files)
    return;
  p->last = now;
  double rate = secs > 0 ? (double)bytes / 1e6 / secs : 0;
  double left = rate > 0 ? (double)(total_bytes - bytes) / 1e6 / rate : 0;
  fputc('\r', stderr); /* the line is rewritten in place */
  fprintf(stderr, _("zhindex: %zu/%zu files, %.1f/%.1f MB, %.2f MB/s, %.0f s left   "), files,
          total_files, (double)bytes / 1e6, (double)total_bytes / 1e6, rate, left);
  if (files == total_files)
    fputc('\n', stderr);
}

/* On a terminal: the rewrite of a large index takes minutes without a file
 * to show, so it is announced. */
static void show_rewrite(void *ctx, size_t dead) {
  (void)ctx;
  fprintf(stderr,
          P_("zhindex: writing the index again without %zu passage of replaced or removed "
             "files (Ctrl-C leaves it for the next run)\n",
             "zhindex: writing the index again without %zu passages of replaced or removed "
             "files (Ctrl-C leaves it for the next run)\n",
             dead),
          dead);
}

int main(int argc, char **argv) {
  static const struct option longopts[] = {{"index", required_argument, NULL, 'i'},
                                           {"rebuild", no_argument, NULL, 'r'},
                                           {"lexicon", required_argument, NULL, 'l'},
                                           {"quiet", no_argument, NULL, 'q'},
                                           {"verbose", no_argument, NULL, 'v'},
                                           {"help", no_argument, NULL, 'h'},
                                           {"jobs", required_argument, NULL, 'j'},
                                           {"no-t2s", no_argument, NULL, 'T'},
                                           {"lossy", no_argument, NULL, 'L'},
                                           {"max-file-mb", required_argument, NULL, 'M'},
                                           {"commit-mb", required_argument, NULL, 'C'},
                                           {"for-remote", no_argument, NULL, 'R'},
                                           {NULL, 0, NULL, 0}};
  zs_i18n_init();
  char dir[4096] = "";
  zs_indexer_opts opts = {.on_error = on_index_error, .on_lossy = on_lossy};
  run r = {0};
  int c;
  while ((c = getopt_long(argc, argv, "i:qvh", longopts, NULL)) != -1) {
    switch (c) {
    case 'i': snprintf(dir, sizeof dir, "%s", optarg); break;
    case 'r': opts.rebuild = true; break;
    case 'T': opts.no_t2s = true; break;
    case 'R': opts.for_remote = true; break;
    case 'L': opts.lossy = true; break;
    case 'M':
      if (parse_number(optarg, 1, 2048, &opts.max_file_mb) != 0) {
        fprintf(stderr, _("zhindex: --max-file-mb needs a number from 1 to 2048, not '%s'\n"),
                optarg);
        return EXIT_USAGE;
      }
      break;
    case 'C': {
      unsigned mb;
      if (parse_number(optarg, 1, 65536, &mb) != 0) {
        fprintf(stderr, _("zhindex: --commit-mb needs a number from 1 to 65536, not '%s'\n"),
                optarg);
        return EXIT_USAGE;
      }
      opts.round_bytes = (uint64_t)mb << 20;
      break;
    }
    case 'l': opts.lexicon = optarg; break;
    case 'q': r.quiet = 1; break;
    case 'v':
      r.verbose = 1;
      verbose_lossy = true;
      break;
    case 'j': {
      char *end;
      long jobs = strtol(optarg, &end, 10);
      if (*optarg == '\0' || *end != '\0' || jobs < 1 || jobs > 64) {
        fprintf(stderr, _("zhindex: --jobs needs a number from 1 to 64, not '%s'\n"), optarg);
        return EXIT_USAGE;
      }
      opts.jobs = (unsigned)jobs;
      break;
    }
    case 'h': usage(stdout); return EXIT_DONE;
    default: usage(stderr); return EXIT_USAGE;
    }
  }
  if (optind >= argc) {
    usage(stderr);
    return EXIT_USAGE;
  }
  if (!dir[0] && zs_default_index_path(dir, sizeof dir) != ZS_OK) {
    fprintf(stderr, _("zhindex: %s\n"), zs_error_last());
    return EXIT_USAGE;
  }
  double t0 = now_seconds();
  progress prog = {t0, 0};
  if (!r.quiet && isatty(STDERR_FILENO)) {
    opts.progress = show_progress;
    opts.progress_ctx = &prog;
    opts.on_rewrite = show_rewrite;
  }
  struct sigaction sa = {.sa_handler = on_signal};
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  if (zs_indexer_open(&r.ix, dir, &opts) != ZS_OK) {
    fprintf(stderr, _("zhindex: %s\n"), zs_error_last());
    return EXIT_INDEX;
  }
  for (int i = optind; i < argc && !r.stop_rc; i++) {
    r.root = argv[i];
    if ((r.stop_rc = zs_indexer_add_root(r.ix, argv[i])) == ZS_OK)
      zs_walk(argv[i], on_file, on_walk_error, &r);
  }
  int rc = r.stop_rc;
  if (rc)
    fprintf(stderr, _("zhindex: %s: %s\n"), dir, zs_error_last());
  else if ((rc = zs_indexer_commit(r.ix)) != ZS_OK)
    fprintf(stderr, _("zhindex: %s: %s\n"), dir, zs_error_last());
  zs_index_stats stats = *zs_indexer_stats(r.ix);
  zs_indexer_close(r.ix);
  if (!r.quiet)
    print_summary(&stats, now_seconds() - t0, dir, r.verbose, rc || r.stop_rc);
  if (rc || r.stop_rc)
    return EXIT_INDEX;
  if (stats.files_pending || stats.purge_stopped)
    return EXIT_INTERRUPTED;
  return stats.files_failed ? EXIT_SOME_FAILED : EXIT_DONE;
}
