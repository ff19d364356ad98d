/* zs_cmds: zhquery's subcommands besides search: `zhquery similar` (precedents
 * for a draft), `zhquery audit` (keyword counts per document) and `zhquery
 * serve` (the search page and JSON API over HTTP). */
#ifndef ZS_CMDS_H
#define ZS_CMDS_H

/* Each takes the arguments after "zhquery" (argv[0] is the subcommand name)
 * and returns the exit status: 0 done, 1 nothing found / a required keyword
 * missing, 2 bad usage or input, 3 the index cannot be used. */
int zs_cmd_similar(int argc, char **argv);
int zs_cmd_audit(int argc, char **argv);
int zs_cmd_serve(int argc, char **argv);

#endif
