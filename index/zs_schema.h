/* zs_schema: what zhindex writes into an index and zhquery reads back: metadata
 * keys and value slots. Term prefixes live in text/zs_terms.h. */
#ifndef ZS_SCHEMA_H
#define ZS_SCHEMA_H

#include "zs_xapian.h" /* ZS_DOCSET_PREFIX */

/* Version of the layout below; an index of another version is refused. */
#define ZS_SCHEMA_VERSION "7"

#define ZS_META_SCHEMA "zs:schema"     /* ZS_SCHEMA_VERSION */
#define ZS_META_ANALYSIS "zs:analysis" /* ZS_ANALYSIS_FORMAT, filled in */
#define ZS_META_FOLD "zs:fold"         /* zs_fold_describe() of the folding used */

/* How text was analysed (schema version, folding and its traditional-to-
 * simplified table, lexicon): zhquery refuses an index whose analysis differs
 * from its own, rather than miss terms. */
#define ZS_ANALYSIS_FORMAT                                                                         \
  "schema=%s fold=%s t2s=%s segment=icu+longest-merge lexicon=%s ngrams=bigram+tail-pairwords"
#define ZS_META_TERMLISTS "zs:termlists"         /* "1": built with zhindex --for-remote */
#define ZS_META_NEXT_FILE_ID "zs:next-file"      /* decimal */
#define ZS_META_LEXICON_EXTRA "zs:lexicon-extra" /* words added with zhindex --lexicon */
#define ZS_META_FILE_PREFIX "file:"              /* + decimal file id -> zs_file_record */
#define ZS_META_COPIES "zs:copies" /* groups of copies: "shown copy copy…\n" file ids */
#define ZS_META_COPIES_STALE "zs:copies-stale" /* "1": files committed since the last grouping */
#define ZS_META_PATH_PREFIX "path:" /* + 16 hex digits of FNV-1a(path) -> decimal file id */

/* The file's key (zs_file_key_value): file ids are per index, the key is the
 * same in every shard, so collapsing by document and the document facet work
 * across shards. */
#define ZS_SLOT_FILE_KEY 0
#define ZS_SLOT_PROVINCE 1 /* short province name (facets) */
#define ZS_SLOT_YEAR 2     /* four decimal digits (facets) */
#define ZS_SLOT_TYPE 3     /* document type (facets) */
#define ZS_SLOT_ORG 4      /* issuing body (facets) */

/* Boolean term of every passage: its file id and the file record's version
 * ("V12:3"), so that a new version's passages are added and the old one's
 * removed in one commit. */
#define ZS_PREFIX_VERSION "V"

/* Boolean term of every passage: its file's key (zs_file_key_term), for doc:
 * filters and for removing a file's passages. */
#define ZS_PREFIX_FILE "F"

/* Document id sets (zs_xapian.h) of the passages of copies (ZS_META_COPIES):
 * every one, and those whose text the file shown for them holds. Free text
 * leaves out the first; exact strings only the second, so that a string
 * only a copy holds is still found. */
#define ZS_DOCSET_COPIES ZS_DOCSET_PREFIX "copies"
#define ZS_DOCSET_COPIES_HELD ZS_DOCSET_PREFIX "copies-held"

/* Boolean filter terms of every passage, from its file's metadata. */
#define ZS_PREFIX_PROVINCE "XP"
#define ZS_PREFIX_YEAR "XY"
#define ZS_PREFIX_TYPE "XT"

#endif
