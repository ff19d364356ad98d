/* zs_cli_order_args: options typed anywhere come first, words keep their
 * order, "--" ends the options, "-word" after a word is a word. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "zs_cli.h"

static const struct option longopts[] = {{"index", required_argument, NULL, 'i'},
                                         {"json", no_argument, NULL, 'J'},
                                         {"count", no_argument, NULL, 'C'},
                                         {"per-doc", required_argument, NULL, 'P'},
                                         {NULL, 0, NULL, 0}};

/* Orders args (NULL-ended) and checks the result against want (the options,
 * then "|", then the words); returns the status. */
static int order(const char *const *args, const char *want) {
  char *argv[32] = {"zhquery"};
  int argc = 1;
  for (; args[argc - 1]; argc++)
    argv[argc] = (char *)args[argc - 1];
  argv[argc] = NULL;
  zs_cli c;
  zs_cli_init(&c, "zhquery");
  int words = -1;
  int status = zs_cli_order_args(&c, &argc, argv, "+i:n:h", longopts, &words);
  if (status != ZS_EXIT_GO_ON || !want)
    return status;
  char got[512] = "";
  for (int i = 1; i < argc; i++) {
    if (i == words)
      strcat(got, "| ");
    strcat(got, argv[i]);
    strcat(got, " ");
  }
  if (words == argc)
    strcat(got, "| ");
  assert_string_equal(got, want);
  assert_null(argv[argc]);
  return status;
}

static void test_options_anywhere(void **state) {
  (void)state;
  order((const char *[]){"托育", "--count", "--index", "idx", NULL}, "--count --index idx | 托育 ");
  order((const char *[]){"--index=idx", "a", "-n", "5", "b", "--json", NULL},
        "--index=idx -n 5 --json | a b ");
  order((const char *[]){"-n5", "a", NULL}, "-n5 | a ");
  order((const char *[]){"--per", "3", "a", NULL}, "--per 3 | a "); /* a prefix only one has */
  order((const char *[]){"--json", NULL}, "--json | ");
}

static void test_dash_words(void **state) {
  (void)state;
  order((const char *[]){"托育", "-province:湖南", NULL}, "| 托育 -province:湖南 ");
  order((const char *[]){"-province:湖南", "托育", NULL}, "| -province:湖南 托育 ");
  order((const char *[]){"-计生", "托育", NULL}, "| -计生 托育 ");
  order((const char *[]){"托育", "-docx", "-n", "2", NULL}, "-n 2 | 托育 -docx ");
  order((const char *[]){"-", NULL}, "| - "); /* standard input */
  order((const char *[]){"--count", "--", "help", "-n", "--json", NULL},
        "--count | help -n --json ");
}

static void test_errors(void **state) {
  (void)state;
  assert_int_equal(order((const char *[]){"托育", "--frobnicate", NULL}, NULL), ZS_EXIT_USAGE);
  assert_int_equal(order((const char *[]){"-x", "托育", NULL}, NULL), ZS_EXIT_USAGE);
  assert_int_equal(order((const char *[]){"-hello", NULL}, NULL), ZS_EXIT_USAGE);
  assert_int_equal(order((const char *[]){"托育", "-n", NULL}, NULL), ZS_EXIT_USAGE);
  assert_int_equal(order((const char *[]){"--index", NULL}, NULL), ZS_EXIT_USAGE);
  assert_int_equal(order((const char *[]){"--json=1", NULL}, NULL), ZS_EXIT_USAGE);
  assert_int_equal(order((const char *[]){"--pe", "3", NULL}, NULL), ZS_EXIT_GO_ON);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_options_anywhere),
      cmocka_unit_test(test_dash_words),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
