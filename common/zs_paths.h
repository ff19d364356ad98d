/* zs_paths: where the index lives when the user does not say (--index), shared
 * by zhindex and zhquery so that both agree. */
#ifndef ZS_PATHS_H
#define ZS_PATHS_H

#include <stddef.h>

/* The default index directory: $ZHSEARCH_INDEX, else $XDG_DATA_HOME/zhsearch/index,
 * else $HOME/.local/share/zhsearch/index, else ./.zhsearch-index.
 * Writes into buf (NUL-terminated); ZS_ETOOBIG when it does not fit. */
int zs_default_index_path(char *buf, size_t size);

/* Creates directory path and its missing parents (mode 0777 & ~umask). */
int zs_mkdir_parents(const char *path);

/* Removes path and, if it is a directory, everything below it (no error when
 * it does not exist). Symbolic links are removed, never followed. */
int zs_remove_tree(const char *path);

#endif
